import { HangarError } from "../core/errors.js";

/**
 * The SSRF guard of the credential proxy. A caller's path is hostile input that must never
 * change which host gets the token: it is checked segment by segment (each percent-decoded
 * once), anything that could re-root, escape or smuggle a separator is refused, and the
 * final URL is built by joining the fixed base URL's path with the checked path and then
 * asserted to still have the base's origin. Legitimate GitHub and Graph paths never need any
 * of the refused forms.
 */

/** A checked path and query, still percent-encoded as the caller sent them. */
export interface CheckedProxyPath {
  /** Starts with `/`; no `.`/`..` segments, no empty segments, no encoded separators. */
  path: string;
  /** Empty, or `?…`. */
  query: string;
  /** The path with each segment decoded once: what path prefixes are compared against. */
  decodedPath: string;
}

/** Longer paths than any real API call needs are refused outright (bounds the work below). */
export const maxProxyPathLength = 8192;

function refuse(message: string): never {
  throw new HangarError("PROXY_PATH_REJECTED", `the proxied path was refused: ${message}`, {
    field: "path",
  });
}

/** Control characters (C0, DEL, C1), which covers CR, LF, NUL and TAB. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
/** Encoded `/`, `\`, `.` and `%` (the last one is how double encoding starts). */
const encodedSeparator = /%(?:2f|5c|2e|25)/i;
/** Anything a path may not contain even percent-encoded correctly: only RFC 3986 pchar and `/`. */
const rawPathCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:/%]*$/;
/** The query may use the same characters plus `?` and `/` (RFC 3986), nothing that ends or splits the request line. */
const rawQueryCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]*$/;

export function checkProxyPath(pathAndQuery: string): CheckedProxyPath {
  if (pathAndQuery.length > maxProxyPathLength) refuse(`longer than ${maxProxyPathLength} characters`);
  if (hasControlCharacter(pathAndQuery)) refuse("it contains a control character (CR, LF, NUL…)");
  if (pathAndQuery.includes("#")) refuse("it contains a fragment (#)");
  if (pathAndQuery.includes("\\")) refuse("it contains a backslash");
  const queryStart = pathAndQuery.indexOf("?");
  const rawPath = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const query = queryStart === -1 ? "" : pathAndQuery.slice(queryStart);
  const path = rawPath === "" ? "/" : rawPath;
  if (!path.startsWith("/")) refuse("it must start with / (absolute URLs are not accepted)");
  if (path.startsWith("//")) refuse("it starts with // (a host)");
  if (path.includes("@")) refuse("it contains @ (userinfo)");
  if (!rawPathCharacters.test(path)) refuse("it contains a character that must be percent-encoded");
  if (!rawQueryCharacters.test(query.slice(1)))
    refuse("the query contains a character that must be percent-encoded");
  if (encodedSeparator.test(path)) refuse("it contains an encoded /, \\, . or % (%2f, %5c, %2e, %25)");
  const segments = path.slice(1).split("/");
  const decodedSegments = segments.map((segment, index) => {
    // A trailing slash is fine (`/repos/`); an empty segment in the middle is `//`.
    if (segment === "" && index < segments.length - 1) refuse("it contains an empty segment (//)");
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      refuse("it contains a malformed percent-encoding");
    }
    if (decoded === "." || decoded === "..") refuse("it contains a . or .. segment");
    if (/[/\\@]/.test(decoded)) refuse("a segment decodes to /, \\ or @");
    if (hasControlCharacter(decoded)) refuse("a segment decodes to a control character");
    if (/%[0-9a-f]{2}/i.test(decoded)) refuse("it is double-encoded");
    return decoded;
  });
  checkQuery(query);
  return { path, query, decodedPath: `/${decodedSegments.join("/")}` };
}

function checkQuery(query: string): void {
  if (query === "") return;
  let decoded: string;
  try {
    decoded = decodeURIComponent(query.replace(/\+/g, " "));
  } catch {
    refuse("the query contains a malformed percent-encoding");
  }
  // The query never reaches a host name, but CR/LF/NUL in it would still be header injection bait.
  if (hasControlCharacter(decoded)) refuse("the query decodes to a control character (CR, LF, NUL…)");
}

/**
 * `base` + checked path: the base's own path is kept (`https://ghe.example/api/v3` + `/user`
 * → `/api/v3/user`), and the result must have the base's origin and stay under its path.
 */
export function joinUpstreamUrl(base: URL, checked: CheckedProxyPath): URL {
  const basePath = base.pathname.replace(/\/+$/, "");
  const joined = new URL(`${basePath}${checked.path}${checked.query}`, base.origin);
  if (joined.origin !== base.origin) refuse("it would leave the upstream host");
  if (basePath !== "" && joined.pathname !== basePath && !joined.pathname.startsWith(`${basePath}/`)) {
    refuse("it would leave the upstream base path");
  }
  return joined;
}

/** A grant's prefix matches at segment boundaries: `/repos/acme` allows `/repos/acme/x`, not `/repos/acme-evil`. */
export function isPathAllowed(decodedPath: string, allowedPathPrefixes: readonly string[]): boolean {
  if (allowedPathPrefixes.length === 0) return true;
  return allowedPathPrefixes.some((prefix) => {
    if (prefix === "" || prefix === "/") return true;
    if (prefix.endsWith("/")) return decodedPath.startsWith(prefix) || decodedPath === prefix.slice(0, -1);
    return decodedPath === prefix || decodedPath.startsWith(`${prefix}/`);
  });
}
