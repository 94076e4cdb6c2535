import type { IncomingHttpHeaders } from "node:http";

/**
 * The three model wire formats the relay forwards, and how each one names its
 * routes, carries its key and model, and shapes its errors. The relay's paths
 * are `/<format>/<version>/…`; what follows the format's prefix is appended to
 * the upstream provider's base URL (which ends in that version, e.g. `…/v1`):
 *
 *   /openai/v1/chat/completions, /openai/v1/responses, GET /openai/v1/models
 *   /anthropic/v1/messages, /anthropic/v1/messages/count_tokens, GET /anthropic/v1/models
 *   /gemini/v1beta/models/<model>:generateContent, …:streamGenerateContent, …:countTokens,
 *   GET /gemini/v1beta/models
 *
 * An agent's base URL is therefore `http://127.0.0.1:<port>/openai/v1`,
 * `http://127.0.0.1:<port>/anthropic/v1` (`/anthropic` for SDKs that add `/v1`
 * themselves) or `http://127.0.0.1:<port>/gemini`.
 */
export type WireFormat = "openai" | "anthropic" | "gemini";

export interface RelayRoute {
  format: WireFormat;
  /** The path after the format's prefix and version, e.g. `/chat/completions`. */
  upstreamPath: string;
  /** Whether a request must name a model (every route but the model list). */
  needsModel: boolean;
  /** Gemini names its model in the path; the others in the JSON body. */
  pathModel?: string;
}

interface RouteRule {
  method: string;
  pattern: RegExp;
  format: WireFormat;
  needsModel: boolean;
}

const routeRules: RouteRule[] = [
  { method: "POST", pattern: /^\/openai\/v1(\/chat\/completions)$/, format: "openai", needsModel: true },
  { method: "POST", pattern: /^\/openai\/v1(\/responses)$/, format: "openai", needsModel: true },
  { method: "GET", pattern: /^\/openai\/v1(\/models)$/, format: "openai", needsModel: false },
  { method: "POST", pattern: /^\/anthropic\/v1(\/messages)$/, format: "anthropic", needsModel: true },
  { method: "GET", pattern: /^\/anthropic\/v1(\/models)$/, format: "anthropic", needsModel: false },
  {
    method: "POST",
    pattern: /^\/anthropic\/v1(\/messages\/count_tokens)$/,
    format: "anthropic",
    needsModel: true,
  },
  {
    method: "POST",
    pattern:
      /^\/gemini\/v1beta(\/models\/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent|countTokens))$/,
    format: "gemini",
    needsModel: true,
  },
  { method: "GET", pattern: /^\/gemini\/v1beta(\/models)$/, format: "gemini", needsModel: false },
];

/** The route of a request, or undefined for paths the relay does not forward. */
export function routeOf(method: string, path: string): RelayRoute | undefined {
  for (const rule of routeRules) {
    const match = rule.pattern.exec(path);
    if (match === null || rule.method !== method) continue;
    return {
      format: rule.format,
      upstreamPath: match[1] as string,
      needsModel: rule.needsModel,
      ...(match[2] === undefined ? {} : { pathModel: match[2] }),
    };
  }
  return undefined;
}

/** The format a path prefix names, for an error answer on an unknown route. */
export function formatOfPath(path: string): WireFormat {
  if (path.startsWith("/anthropic/")) return "anthropic";
  if (path.startsWith("/gemini/")) return "gemini";
  return "openai";
}

/** Every header any SDK sends a key in; all are removed before forwarding. */
export const credentialHeaders = ["authorization", "x-api-key", "x-goog-api-key"] as const;

/** The relay token as the agent's SDK sent it: a bearer token, `x-api-key`, `x-goog-api-key` or `?key=`. */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer !== null) return bearer[1];
  }
  for (const name of ["x-api-key", "x-goog-api-key"] as const) {
    const value = headers[name];
    if (typeof value === "string" && value !== "") return value.trim();
  }
  return query.get("key") ?? undefined;
}

/** The header that carries the real key upstream. */
export function upstreamCredential(format: WireFormat, apiKey: string): [string, string] {
  if (format === "anthropic") return ["x-api-key", apiKey];
  if (format === "gemini") return ["x-goog-api-key", apiKey];
  return ["authorization", `Bearer ${apiKey}`];
}

export type RefusalKind =
  "unauthenticated" | "forbidden_model" | "budget" | "bad_request" | "too_large" | "not_found" | "upstream";

const statusOfKind: Record<RefusalKind, number> = {
  unauthenticated: 401,
  forbidden_model: 401,
  budget: 429,
  bad_request: 400,
  too_large: 413,
  not_found: 404,
  upstream: 502,
};

/** An answer the relay itself gives, in the error shape of the format the agent speaks. */
export function refusal(
  format: WireFormat,
  kind: RefusalKind,
  message: string,
): { status: number; body: string } {
  const status = statusOfKind[kind];
  return { status, body: JSON.stringify(errorBody(format, kind, status, message)) };
}

function errorBody(format: WireFormat, kind: RefusalKind, status: number, message: string): unknown {
  if (format === "anthropic") {
    const type = {
      unauthenticated: "authentication_error",
      forbidden_model: "authentication_error",
      budget: "rate_limit_error",
      bad_request: "invalid_request_error",
      too_large: "request_too_large",
      not_found: "not_found_error",
      upstream: "api_error",
    }[kind];
    return { type: "error", error: { type, message } };
  }
  if (format === "gemini") {
    const geminiStatus = {
      unauthenticated: "UNAUTHENTICATED",
      forbidden_model: "UNAUTHENTICATED",
      budget: "RESOURCE_EXHAUSTED",
      bad_request: "INVALID_ARGUMENT",
      too_large: "INVALID_ARGUMENT",
      not_found: "NOT_FOUND",
      upstream: "UNAVAILABLE",
    }[kind];
    return { error: { code: status, message, status: geminiStatus } };
  }
  const type = {
    unauthenticated: "invalid_request_error",
    forbidden_model: "invalid_request_error",
    budget: "insufficient_quota",
    bad_request: "invalid_request_error",
    too_large: "invalid_request_error",
    not_found: "invalid_request_error",
    upstream: "server_error",
  }[kind];
  const codes: Partial<Record<RefusalKind, string>> = {
    unauthenticated: "invalid_api_key",
    forbidden_model: "model_not_allowed",
    budget: "insufficient_quota",
  };
  const code = codes[kind];
  return { error: { message, type, param: null, code: code ?? null } };
}
