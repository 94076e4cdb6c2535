/**
 * The credential-injecting proxy as in-process callers see it: the HTTP routes
 * (`/proxy/github/…`, `/proxy/graph/…`, `/proxy/{credential}/…`) and the built-in agent's
 * `http_request` tool both go through `forward`, so every check (grant, owner, expiry,
 * path prefix, method, SSRF guard, size limits) lives in one place.
 */
import type { Readable } from "node:stream";

/** `github`, `graph`, or the name of a `bearer` credential. */
export type ProxyTarget = string;

export interface ProxyRequest {
  /** The caller's owner; a grant of another owner is refused as if unknown. */
  owner: string;
  /** The `X-Proxy-Id` value. */
  proxyId: string;
  target: ProxyTarget;
  method: string;
  /** The path after the target, as the caller sent it (still percent-encoded), with its query: `/user/repos?per_page=5`. */
  pathAndQuery: string;
  /** The caller's headers; the proxy keeps only its allowlist. */
  headers: Record<string, string | string[] | undefined>;
  /** Streamed upstream; bounded by `[proxy] max_request_bytes`. */
  body?: Readable | Buffer;
  /** When the grant must be bound to this agent session (the built-in agent's `http_request`). */
  sessionId?: string;
  signal?: AbortSignal;
}

export interface ProxyResponse {
  status: number;
  /** Only the safe headers (content type, ETag, rate-limit headers, pagination `Link` rewritten to the proxy). */
  headers: Record<string, string>;
  /** Streamed from upstream; bounded by `[proxy] max_response_bytes`. */
  body: Readable;
}

export interface CredentialProxy {
  /** Throws HangarError (code and message safe to show; never the token) when refused. */
  forward(request: ProxyRequest): Promise<ProxyResponse>;
}
