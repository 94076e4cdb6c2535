/**
 * One error base class for the whole code base. Codes are stable strings that
 * clients can match on; `server/error-handler.ts` is the only place that maps
 * them to HTTP status codes.
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "INVALID_JSON"
  | "VALIDATION_FAILED"
  | "UNKNOWN_LANGUAGE"
  | "INVALID_PATH"
  | "PAYLOAD_TOO_LARGE"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "SESSION_NOT_FOUND"
  | "SESSION_BUSY"
  | "TOO_MANY_REQUESTS"
  | "QUOTA_EXCEEDED"
  /** An agent turn used its model calls (`agents.max_steps`) without finishing. */
  | "AGENT_STEP_LIMIT"
  | "AGENT_FAILED"
  | "CONFLICT"
  /** The session asked for an external agent that `hangar agents install` has not installed (or an older version). */
  | "AGENT_NOT_INSTALLED"
  | "UNKNOWN_MODEL"
  | "MISSING_API_KEY"
  | "MODEL_ERROR"
  | "CONFIG_INVALID"
  | "ISOLATION_UNAVAILABLE"
  | "ENGINE_UNAVAILABLE"
  | "SANDBOX_ERROR"
  | "SANDBOX_GONE"
  | "SHUTTING_DOWN"
  /** The host has no room for another sandbox (RAM its live sandboxes may hold is at the cap). */
  | "CAPACITY"
  /** The credential proxy (`/proxy/*`): one code per reason a request is refused. */
  | "PROXY_ID_MISSING"
  | "PROXY_GRANT_NOT_FOUND"
  | "PROXY_GRANT_REVOKED"
  | "PROXY_GRANT_EXPIRED"
  | "PROXY_TARGET_MISMATCH"
  | "PROXY_PATH_NOT_ALLOWED"
  | "PROXY_METHOD_NOT_ALLOWED"
  | "PROXY_SESSION_MISMATCH"
  | "PROXY_PATH_REJECTED"
  | "PROXY_REDIRECT_REFUSED"
  | "PROXY_UPSTREAM_ERROR"
  | "PROXY_UPSTREAM_TIMEOUT"
  | "PROXY_RESPONSE_TOO_LARGE"
  | "PROXY_PRIVATE_UPSTREAM"
  /** GitHub answered an error (the Octokit adapter); `details.status` is GitHub's status. */
  | "GITHUB_ERROR"
  | "INTERNAL";

export interface HangarErrorOptions {
  /** The request or config field the error is about, e.g. `code` or `files[2].path`. */
  field?: string;
  /** Seconds a client should wait before retrying (429/503). */
  retryAfterSeconds?: number;
  /** Extra machine-readable detail that is safe to show to the caller. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class HangarError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: HangarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HangarError";
    this.code = code;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export function isHangarError(error: unknown): error is HangarError {
  return error instanceof HangarError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
