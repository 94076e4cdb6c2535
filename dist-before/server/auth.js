import { createHash, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { HangarError } from "../core/errors.js";
export const localOwner = "local";
function digest(value) {
    return createHash("sha256").update(value, "utf8").digest();
}
/**
 * Returns the key in an `Authorization: Bearer <key>` header (its owner and
 * whether it is an admin key), or undefined. Keys are compared as SHA-256 digests with timingSafeEqual, so the
 * buffers always have equal length and the time taken does not depend on how
 * much of a key matched; every key is compared, so it does not reveal which one
 * matched either.
 */
export function createKeyMatcher(apiKeys) {
    const entries = apiKeys.map((apiKey) => ({ digest: digest(apiKey.key), apiKey }));
    return (authorization) => {
        const token = bearerToken(authorization);
        if (token === undefined)
            return undefined;
        const presented = digest(token);
        let matched;
        for (const entry of entries) {
            if (timingSafeEqual(entry.digest, presented) && matched === undefined)
                matched = entry.apiKey;
        }
        return matched;
    };
}
function bearerToken(authorization) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    return match?.[1];
}
export function registerAuth(app, apiKeys) {
    app.decorateRequest("owner", "");
    app.decorateRequest("isAdmin", false);
    if (apiKeys.length === 0) {
        // No keys: loopback only (assertSafeBinding), one local user who runs the whole server.
        app.addHook("onRequest", async (request) => {
            request.owner = localOwner;
            request.isAdmin = true;
        });
        return;
    }
    const keyForHeader = createKeyMatcher(apiKeys);
    // onRequest runs before the body is read, so unauthenticated uploads are refused unread.
    app.addHook("onRequest", async (request) => {
        // The API's documentation is not a secret, and a browser cannot send a Bearer key to read it.
        if (request.routeOptions.config.isPublic === true || isDocumentationPath(request.url))
            return;
        const header = request.headers.authorization;
        const apiKey = keyForHeader(header);
        if (apiKey === undefined) {
            const message = header === undefined
                ? "missing Authorization header; send 'Authorization: Bearer <api key>'"
                : "invalid API key";
            throw new HangarError("UNAUTHORIZED", message);
        }
        request.owner = apiKey.owner;
        request.isAdmin = apiKey.admin;
    });
}
/** For operator-only routes (global load, metrics): tenants must not see each other's activity. */
export function assertAdmin(request) {
    if (request.isAdmin)
        return;
    throw new HangarError("FORBIDDEN", "this needs an admin API key (server.api_keys entry with admin = true)", { field: "authorization" });
}
function isDocumentationPath(url) {
    return url === "/api/openapi.json" || url === "/api/docs" || url.startsWith("/api/docs/");
}
/** True for localhost, 127.0.0.0/8 and ::1 (also written as [::1] or ::ffff:127.x.y.z). */
export function isLoopbackHost(host) {
    const normalised = host
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, "$1");
    if (normalised === "localhost" || normalised === "localhost.")
        return true;
    if (isIPv4(normalised))
        return normalised.startsWith("127.");
    if (isIPv6(normalised)) {
        if (normalised === "::1" || normalised === "0:0:0:0:0:0:0:1")
            return true;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(normalised)?.[1];
        return mapped !== undefined && mapped.startsWith("127.");
    }
    return false;
}
/** Refuses to serve unauthenticated code execution on an address other machines can reach. */
export function assertSafeBinding(host, apiKeys) {
    if (apiKeys.length > 0 || isLoopbackHost(host))
        return;
    throw new HangarError("CONFIG_INVALID", `server.host is "${host}", which is reachable from other machines, but no server.api_keys are ` +
        "configured: anyone could run code. Add an API key or bind to 127.0.0.1.", { field: "server.host" });
}
//# sourceMappingURL=auth.js.map