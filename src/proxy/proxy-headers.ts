/**
 * Which headers cross the credential proxy. Both directions are allowlists: a caller's
 * `Authorization`, cookies, `Host`, `X-Forwarded-*`, `Proxy-*` and hop-by-hop headers never
 * reach the upstream (the proxy adds its own `Authorization`), and only headers that describe
 * the answer come back (never `Set-Cookie`). Pagination `Link`s and same-origin `Location`s that
 * point at the upstream are rewritten to point at the proxy, so a client can follow them with
 * its proxy id instead of a token.
 */

/** Request headers passed upstream (lower case). */
export const forwardedRequestHeaders: ReadonlySet<string> = new Set([
  "accept",
  "accept-language",
  "content-type",
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
  "user-agent",
  "x-github-api-version",
  "prefer",
  "consistencylevel",
  "client-request-id",
  "return-client-request-id",
]);

/** Response headers passed back (lower case); `x-ratelimit-*` are matched by prefix. */
export const returnedResponseHeaders: ReadonlySet<string> = new Set([
  "content-type",
  "content-length",
  "content-language",
  "etag",
  "last-modified",
  "cache-control",
  "expires",
  "vary",
  "retry-after",
  "x-github-request-id",
  "x-github-media-type",
  "request-id",
  "client-request-id",
  "link",
  "location",
]);

const defaultUserAgent = "hangar-credential-proxy";

function headerValue(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(", ") : value;
  // Node refuses these when sending; refuse them here so a caller cannot make the request fail oddly.
  return joined.includes("\r") || joined.includes("\n") || joined.includes("\0") ? undefined : joined;
}

/** Header names a caller listed in `Connection` are hop-by-hop for this request and dropped. */
function connectionNamed(headers: Record<string, string | string[] | undefined>): Set<string> {
  const connection = headerValue(headers.connection ?? headers.Connection) ?? "";
  return new Set(
    connection
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ""),
  );
}

/** The upstream request's headers: the allowlisted ones of the caller, plus the token. */
export function upstreamRequestHeaders(
  headers: Record<string, string | string[] | undefined>,
  token: string,
): Record<string, string> {
  const dropped = connectionNamed(headers);
  const result: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!forwardedRequestHeaders.has(name) || dropped.has(name)) continue;
    const value = headerValue(rawValue);
    if (value !== undefined) result[name] = value;
  }
  result["user-agent"] ??= defaultUserAgent;
  result.authorization = `Bearer ${token}`;
  return result;
}

/**
 * The caller's response headers. `upstream` is the base URL the token was sent to and
 * `proxyBase` the path it is served under (`/proxy/github`).
 */
export function callerResponseHeaders(
  headers: Record<string, string | string[] | undefined>,
  upstream: URL,
  proxyBase: string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!returnedResponseHeaders.has(name) && !name.startsWith("x-ratelimit-")) continue;
    const value = headerValue(rawValue);
    if (value === undefined) continue;
    if (name === "link") result.link = rewriteLinks(value, upstream, proxyBase);
    else if (name === "location") {
      const location = toProxyUrl(value, upstream, proxyBase);
      if (location !== undefined) result.location = location;
    } else result[name] = value;
  }
  return result;
}

/** `<https://api.github.com/user/repos?page=2>; rel="next"` → `</proxy/github/user/repos?page=2>; rel="next"`. */
export function rewriteLinks(link: string, upstream: URL, proxyBase: string): string {
  return link.replace(/<([^>]*)>/g, (whole, target: string) => {
    const rewritten = toProxyUrl(target, upstream, proxyBase);
    return rewritten === undefined ? whole : `<${rewritten}>`;
  });
}

/** The proxy path for a URL under the upstream base, or undefined for any other URL. */
export function toProxyUrl(target: string, upstream: URL, proxyBase: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target, upstream);
  } catch {
    return undefined;
  }
  if (url.origin !== upstream.origin) return undefined;
  const basePath = upstream.pathname.replace(/\/+$/, "");
  if (basePath !== "" && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))
    return undefined;
  const rest = url.pathname.slice(basePath.length) || "/";
  return `${proxyBase}${rest}${url.search}`;
}
