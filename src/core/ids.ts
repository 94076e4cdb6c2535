import { randomBytes } from "node:crypto";

/** Branded string ids: a SandboxId cannot be passed where a RunId is expected. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
export type SandboxId = Brand<string, "SandboxId">;
export type RunId = Brand<string, "RunId">;
export type OwnerId = Brand<string, "OwnerId">;

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A short random id with a readable prefix, e.g. `sbx_k3j9...`; 16 chars of base36 ≈ 82 bits. */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let body = "";
  for (const byte of bytes) body += alphabet[byte % alphabet.length];
  return `${prefix}_${body}`;
}

export const newSandboxId = (): SandboxId => newId("sbx") as SandboxId;
export const newRunId = (): RunId => newId("run") as RunId;

/** Ids that come from users (session ids) are bounded and plain so they are safe in paths and logs. */
export const userIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
