import { HangarError } from "../core/errors.js";
import { userIdPattern } from "../core/ids.js";
import { credentialKinds, type CredentialKind } from "./credentials.js";

/**
 * The rules every credential and grant obeys, whichever front end (HTTP, CLI,
 * MCP) it came through. Errors name the field as the HTTP API spells it.
 */
export const credentialNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const maxTokenBytes = 16 * 1024;
export const maxBaseUrlLength = 2048;
export const maxPathPrefixes = 32;
export const maxPathPrefixLength = 512;
export const grantMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Printable ASCII, no space: what may go into a header or a URL as it is. */
const visibleAscii = /^[\x21-\x7e]+$/;

function invalid(field: string, message: string): HangarError {
  return new HangarError("VALIDATION_FAILED", message, { field });
}

const reservedNames = new Set(["github", "graph"]);

export function validateName(name: string): string {
  if (!credentialNamePattern.test(name))
    throw invalid("name", "name must be 1-64 letters, digits, . _ - (starting with a letter or digit)");
  // `/proxy/github/…` and `/proxy/graph/…` are the fixed upstreams: a credential of that name
  // could never be reached at `/proxy/<name>/…`.
  if (reservedNames.has(name.toLowerCase()))
    throw invalid("name", `name "${name}" is reserved for /proxy/${name.toLowerCase()}; choose another`);
  return name;
}

export function validateKind(kind: string): CredentialKind {
  if (!(credentialKinds as readonly string[]).includes(kind))
    throw invalid("kind", `kind must be one of ${credentialKinds.join(", ")}`);
  return kind as CredentialKind;
}

/**
 * The token goes into an upstream header: anything but visible ASCII (a CR/LF
 * above all) could inject headers, so only those characters are taken.
 */
export function validateToken(token: string): string {
  if (token.length === 0) throw invalid("token", "token must not be empty");
  if (Buffer.byteLength(token, "utf8") > maxTokenBytes)
    throw invalid("token", `token must be at most ${maxTokenBytes} bytes`);
  if (!visibleAscii.test(token))
    throw invalid(
      "token",
      "token must be visible ASCII characters only (no spaces, line breaks or control characters)",
    );
  return token;
}

/**
 * A bearer credential's fixed upstream: http(s), no user info (it would be a
 * second, unencrypted secret), no query or fragment (the proxy appends paths).
 * github and graph take none: their upstreams come from `[proxy]`.
 */
export function validateBaseUrl(kind: CredentialKind, baseUrl: string | undefined): string | undefined {
  if (kind !== "bearer") {
    if (baseUrl !== undefined)
      throw invalid("base_url", `base_url is only for bearer credentials; ${kind} uses the [proxy] upstream`);
    return undefined;
  }
  if (baseUrl === undefined || baseUrl === "")
    throw invalid("base_url", "a bearer credential needs base_url, e.g. https://api.example.com/v2");
  if (baseUrl.length > maxBaseUrlLength)
    throw invalid("base_url", `base_url must be at most ${maxBaseUrlLength} characters`);
  if (!visibleAscii.test(baseUrl) || baseUrl.includes("\\"))
    throw invalid("base_url", "base_url must be visible ASCII without spaces or backslashes");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw invalid("base_url", "base_url must be an absolute http or https URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw invalid("base_url", "base_url must be an http or https URL");
  if (url.username !== "" || url.password !== "" || baseUrl.includes("@"))
    throw invalid("base_url", "base_url must not contain user info (user:password@)");
  if (baseUrl.includes("?") || baseUrl.includes("#"))
    throw invalid("base_url", "base_url must not have a query or fragment");
  // One canonical spelling without a trailing slash: the proxy joins `/path` onto it.
  return url.href.replace(/\/+$/, "");
}

/** Prefixes of upstream paths (`/repos/acme/`): absolute, no dot segments or doubled slashes to confuse matching. */
export function validatePathPrefixes(prefixes: readonly string[] | undefined): string[] {
  if (prefixes === undefined) return [];
  if (prefixes.length > maxPathPrefixes)
    throw invalid("path_prefixes", `at most ${maxPathPrefixes} path prefixes`);
  return [
    ...new Set(
      prefixes.map((prefix, index) => {
        const field = `path_prefixes[${index}]`;
        if (!prefix.startsWith("/")) throw invalid(field, "a path prefix starts with /");
        if (prefix.length > maxPathPrefixLength)
          throw invalid(field, `a path prefix is at most ${maxPathPrefixLength} characters`);
        if (!visibleAscii.test(prefix) || /[\\?#%]/.test(prefix) || prefix.includes("//"))
          throw invalid(field, "a path prefix is visible ASCII without spaces, \\ ? # % or //");
        if (prefix.split("/").some((segment) => segment === "." || segment === ".."))
          throw invalid(field, "a path prefix must not contain . or .. segments");
        return prefix;
      }),
    ),
  ];
}

export function validateMethods(methods: readonly string[] | undefined): string[] {
  if (methods === undefined) return [];
  return [
    ...new Set(
      methods.map((method, index) => {
        const upper = method.toUpperCase();
        if (!(grantMethods as readonly string[]).includes(upper))
          throw invalid(`methods[${index}]`, `a method is one of ${grantMethods.join(", ")}`);
        return upper;
      }),
    ),
  ];
}

export function validateExpiry(expiresAt: number | undefined, now: number): number | undefined {
  if (expiresAt === undefined) return undefined;
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now)
    throw invalid("expires_in_seconds", "a grant must expire in the future");
  return expiresAt;
}

export function validateSessionId(sessionId: string | undefined): string | undefined {
  if (sessionId !== undefined && !userIdPattern.test(sessionId))
    throw invalid("session_id", "session_id must be 1-128 letters, digits, . _ : -");
  return sessionId;
}

/** `prx_` and the 16 base36 characters `newId` makes; anything else cannot be a grant, no lookup needed. */
export const grantIdPattern = /^prx_[0-9a-z]{16}$/;
