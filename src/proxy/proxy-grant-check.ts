import type { ResolvedGrant } from "../credentials/credentials.js";
import { HangarError } from "../core/errors.js";
import { isPathAllowed } from "./proxy-path.js";

/**
 * Whether a resolved proxy grant may make this request. Unknown ids and other owners' ids get
 * the same answer, so a caller cannot probe which ids exist; every other refusal names its
 * reason with its own code, because the caller owns the grant and needs to know what to fix.
 */

export interface GrantUse {
  owner: string;
  /** `github`, `graph`, or a bearer credential's name. */
  target: string;
  /** Upper case. */
  method: string;
  /** Segment-decoded path, e.g. `/repos/acme/app/issues`. */
  decodedPath: string;
  sessionId?: string;
  now: number;
}

export function unknownGrant(): HangarError {
  return new HangarError("PROXY_GRANT_NOT_FOUND", "no proxy grant with this X-Proxy-Id", {
    field: "x-proxy-id",
  });
}

export function checkGrant(resolved: ResolvedGrant | undefined, use: GrantUse): ResolvedGrant {
  if (resolved === undefined) throw unknownGrant();
  const { grant, credential } = resolved;
  if (grant.owner !== use.owner || credential.owner !== use.owner) throw unknownGrant();
  if (grant.revokedAt !== undefined) {
    throw new HangarError("PROXY_GRANT_REVOKED", "this proxy id was revoked", { field: "x-proxy-id" });
  }
  if (grant.expiresAt !== undefined && grant.expiresAt <= use.now) {
    throw new HangarError("PROXY_GRANT_EXPIRED", "this proxy id has expired", { field: "x-proxy-id" });
  }
  const matchesTarget =
    use.target === "github" || use.target === "graph"
      ? credential.kind === use.target
      : credential.kind === "bearer" && credential.name === use.target;
  if (!matchesTarget) {
    throw new HangarError(
      "PROXY_TARGET_MISMATCH",
      `this proxy id is for a ${credential.kind} credential, not for /proxy/${use.target}`,
      { field: "target" },
    );
  }
  // A grant bound to a session works only for that session, and a session may only use its own grant.
  if ((grant.sessionId !== undefined || use.sessionId !== undefined) && grant.sessionId !== use.sessionId) {
    throw new HangarError("PROXY_SESSION_MISMATCH", "this proxy id is bound to another agent session", {
      field: "x-proxy-id",
    });
  }
  if (grant.allowedMethods.length > 0 && !grant.allowedMethods.includes(use.method)) {
    throw new HangarError(
      "PROXY_METHOD_NOT_ALLOWED",
      `this proxy id does not allow ${use.method} (allowed: ${grant.allowedMethods.join(", ")})`,
      { field: "method" },
    );
  }
  if (!isPathAllowed(use.decodedPath, grant.allowedPathPrefixes)) {
    throw new HangarError(
      "PROXY_PATH_NOT_ALLOWED",
      `this proxy id does not allow this path (allowed prefixes: ${grant.allowedPathPrefixes.join(", ")})`,
      { field: "path" },
    );
  }
  return resolved;
}
