const routeRules = [
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
        pattern: /^\/gemini\/v1beta(\/models\/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent|countTokens))$/,
        format: "gemini",
        needsModel: true,
    },
    { method: "GET", pattern: /^\/gemini\/v1beta(\/models)$/, format: "gemini", needsModel: false },
];
/** The route of a request, or undefined for paths the relay does not forward. */
export function routeOf(method, path) {
    for (const rule of routeRules) {
        const match = rule.pattern.exec(path);
        if (match === null || rule.method !== method)
            continue;
        return {
            format: rule.format,
            upstreamPath: match[1],
            needsModel: rule.needsModel,
            ...(match[2] === undefined ? {} : { pathModel: match[2] }),
        };
    }
    return undefined;
}
/** The format a path prefix names, for an error answer on an unknown route. */
export function formatOfPath(path) {
    if (path.startsWith("/anthropic/"))
        return "anthropic";
    if (path.startsWith("/gemini/"))
        return "gemini";
    return "openai";
}
/** Every header any SDK sends a key in; all are removed before forwarding. */
export const credentialHeaders = ["authorization", "x-api-key", "x-goog-api-key"];
/** The relay token as the agent's SDK sent it: a bearer token, `x-api-key`, `x-goog-api-key` or `?key=`. */
export function presentedToken(headers, query) {
    const authorization = headers.authorization;
    if (authorization !== undefined) {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        if (bearer !== null)
            return bearer[1];
    }
    for (const name of ["x-api-key", "x-goog-api-key"]) {
        const value = headers[name];
        if (typeof value === "string" && value !== "")
            return value.trim();
    }
    return query.get("key") ?? undefined;
}
/** The header that carries the real key upstream. */
export function upstreamCredential(format, apiKey) {
    if (format === "anthropic")
        return ["x-api-key", apiKey];
    if (format === "gemini")
        return ["x-goog-api-key", apiKey];
    return ["authorization", `Bearer ${apiKey}`];
}
const statusOfKind = {
    unauthenticated: 401,
    forbidden_model: 401,
    budget: 429,
    bad_request: 400,
    too_large: 413,
    not_found: 404,
    upstream: 502,
};
/** An answer the relay itself gives, in the error shape of the format the agent speaks. */
export function refusal(format, kind, message) {
    const status = statusOfKind[kind];
    return { status, body: JSON.stringify(errorBody(format, kind, status, message)) };
}
function errorBody(format, kind, status, message) {
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
    const codes = {
        unauthenticated: "invalid_api_key",
        forbidden_model: "model_not_allowed",
        budget: "insufficient_quota",
    };
    const code = codes[kind];
    return { error: { message, type, param: null, code: code ?? null } };
}
//# sourceMappingURL=wire-formats.js.map