import { HangarError } from "../core/errors.js";
import { userIdPattern } from "../core/ids.js";
import { imagesUnsupportedError } from "../sandbox/provider-images.js";
import type { SandboxCount, SandboxRecord } from "./sandbox-repository.js";

/** A managed sandbox as callers see it: its record plus when it will expire if left unused. */
export interface ManagedSandbox extends SandboxRecord {
  /** Set while live: the reaper removes it after this moment unless it is used again. */
  expiresAt?: Date;
}

export interface EnsureRequest {
  userId: string;
  projectId: string;
  /** Only for providers that run images; the provider's default when absent. */
  image?: string;
}

export interface EnsureResult {
  sandbox: ManagedSandbox;
  /** False when an existing live sandbox was returned. */
  created: boolean;
}

export interface ListRequest {
  /** 1 to 100; 100 when absent. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface SandboxPage {
  sandboxes: ManagedSandbox[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface SandboxCounts {
  /** Every sandbox counted in `groups`. */
  total: number;
  live: number;
  groups: SandboxCount[];
}

export const maxListLimit = 100;

/** How a provider that runs images takes one (`SandboxProvider.images`); providers without images (bwrap) have none. */
export interface ImageSupport {
  defaultImage: string;
  /** Throws a HangarError naming `image` (and how to build it) when it cannot be used. */
  check?(image: string): Promise<void> | void;
}

/** The service validates too (not only the HTTP schema): the CLI and agent sessions call it directly. */
export function validateIdentifier(value: unknown, field: string): string {
  if (typeof value !== "string" || !userIdPattern.test(value)) {
    throw new HangarError(
      "VALIDATION_FAILED",
      `${field} must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit`,
      { field },
    );
  }
  return value;
}

export function validateLimit(limit: number | undefined): number {
  if (limit === undefined) return maxListLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxListLimit) {
    throw new HangarError("VALIDATION_FAILED", `limit must be an integer from 1 to ${maxListLimit}`, {
      field: "limit",
    });
  }
  return limit;
}

/** The lock key of everything that creates or destroys the sandbox of one (owner, user, project). */
export function sandboxKey(record: Pick<SandboxRecord, "owner" | "userId" | "projectId" | "id">): string {
  return record.userId === undefined || record.projectId === undefined
    ? `id\0${record.id}`
    : `key\0${record.owner}\0${record.userId}\0${record.projectId}`;
}

/** The image a new sandbox runs: the requested one, the provider's default, or none (bwrap). */
export async function chooseImage(
  images: ImageSupport | undefined,
  image: string | undefined,
  providerName: string,
): Promise<string | undefined> {
  if (images === undefined) {
    if (image === undefined) return undefined;
    throw imagesUnsupportedError(providerName);
  }
  if (image === undefined) return images.defaultImage;
  if (image.length === 0 || image.length > 256 || /[\s\p{Cc}]/u.test(image)) {
    throw new HangarError("VALIDATION_FAILED", "image must be 1-256 characters without spaces", {
      field: "image",
    });
  }
  await images.check?.(image);
  return image;
}

export function quotaError(what: string, limit: string, value: number): HangarError {
  return new HangarError(
    "QUOTA_EXCEEDED",
    `${what} (sandboxes.${limit} = ${value}); remove one with DELETE /sandboxes/{id} first`,
    { details: { limit: `sandboxes.${limit}`, value } },
  );
}
