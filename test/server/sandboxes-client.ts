import type { SandboxId } from "../../src/core/ids.js";
import type { Harness } from "../fixtures/hangar-harness.js";

/** HTTP helpers for the sandbox endpoints over a real harness (bytes in and out, not only JSON). */
export interface SandboxWire {
  id: string;
  provider: string;
  image: string | null;
  owner: string;
  user_id: string | null;
  project_id: string | null;
  status: "live" | "gone" | "removed";
  gone_reason: string | null;
  created_at: string;
  last_used_at: string;
  expires_at: string | null;
  labels: Record<string, string>;
}

export interface ErrorWire {
  error: { code: string; message: string; field?: string };
}

export function sandboxClient(harness: () => Harness, key?: string) {
  const options = key === undefined ? {} : { key };
  const authorization: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
  return {
    ensure: (userId: string, projectId: string, extra: Record<string, unknown> = {}) =>
      harness().request<{ sandbox: SandboxWire; created: boolean } & ErrorWire>(
        "POST",
        "/sandboxes/ensure",
        { user_id: userId, project_id: projectId, ...extra },
        options,
      ),
    request: <Body>(method: string, path: string, body?: unknown) =>
      harness().request<Body & ErrorWire>(method, path, body, options),
    /** PUT of raw bytes. */
    write: async (
      id: string,
      path: string,
      content: Uint8Array | string,
      contentType = "application/octet-stream",
    ) => {
      const response = await fetch(
        `${harness().url}/sandboxes/${id}/files/content?path=${encodeURIComponent(path)}`,
        {
          method: "PUT",
          headers: { "content-type": contentType, ...authorization },
          body: typeof content === "string" ? content : Buffer.from(content),
        },
      );
      return {
        status: response.status,
        body: (await response.json()) as ErrorWire & { path: string; size: number },
      };
    },
    /** GET of the bytes; `text` is set when the answer is an error (JSON). */
    read: async (id: string, path: string) => {
      const response = await fetch(
        `${harness().url}/sandboxes/${id}/files/content?path=${encodeURIComponent(path)}`,
        {
          headers: authorization,
        },
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      return {
        status: response.status,
        contentType: response.headers.get("content-type"),
        bytes,
        error: response.ok ? undefined : (JSON.parse(bytes.toString("utf8")) as ErrorWire),
      };
    },
  };
}

/** Runs a shell command inside a managed sandbox through the Sandbox port (the lifecycle API has no run). */
export async function runInside(harness: Harness, id: string, script: string): Promise<number | null> {
  const sandbox = await harness.app.provider.find(id as SandboxId);
  if (sandbox === undefined) throw new Error(`the provider has no sandbox ${id}`);
  const process = await sandbox.spawn(
    { argv: ["/bin/sh", "-c", script] },
    { timeoutMs: 10_000, maxOutputBytes: 65536 },
  );
  process.stdin.end();
  process.stdout.resume();
  process.stderr.resume();
  return (await process.exited).exitCode;
}
