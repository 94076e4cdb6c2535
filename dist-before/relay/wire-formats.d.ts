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
/** The route of a request, or undefined for paths the relay does not forward. */
export declare function routeOf(method: string, path: string): RelayRoute | undefined;
/** The format a path prefix names, for an error answer on an unknown route. */
export declare function formatOfPath(path: string): WireFormat;
/** Every header any SDK sends a key in; all are removed before forwarding. */
export declare const credentialHeaders: readonly ["authorization", "x-api-key", "x-goog-api-key"];
/** The relay token as the agent's SDK sent it: a bearer token, `x-api-key`, `x-goog-api-key` or `?key=`. */
export declare function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined;
/** The header that carries the real key upstream. */
export declare function upstreamCredential(format: WireFormat, apiKey: string): [string, string];
export type RefusalKind = "unauthenticated" | "forbidden_model" | "budget" | "bad_request" | "too_large" | "not_found" | "upstream";
/** An answer the relay itself gives, in the error shape of the format the agent speaks. */
export declare function refusal(format: WireFormat, kind: RefusalKind, message: string): {
    status: number;
    body: string;
};
