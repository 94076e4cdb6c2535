import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { Readable, Transform, type TransformCallback } from "node:stream";
import type { Credentials } from "../credentials/credentials.js";
import { HangarError } from "../core/errors.js";
import type { CredentialProxy, ProxyRequest, ProxyResponse } from "./credential-proxy.js";
import { checkGrant } from "./proxy-grant-check.js";
import { callerResponseHeaders, upstreamRequestHeaders } from "./proxy-headers.js";
import { checkProxyPath, joinUpstreamUrl } from "./proxy-path.js";
import { isPrivateAddress, privateUpstreamRefused, publicOnlyLookup } from "./private-addresses.js";

/**
 * The credential-injecting proxy over node:http(s). The upstream of a request is fixed by its
 * target (GitHub and Graph from config, a bearer credential's own base URL), never taken from
 * the request; bodies stream both ways under size limits; redirects are never followed.
 */

export interface CredentialProxyOptions {
  credentials: Credentials;
  /** `[proxy] github_api_url`. */
  githubApiUrl: string;
  /** `[proxy] graph_api_url`. */
  graphApiUrl: string;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** No upstream bytes for this long (before or during the answer) ends the request. */
  timeoutMs: number;
  /** Bearer base URLs on loopback/private/link-local addresses are refused unless this is true. */
  allowPrivateUpstreams?: boolean;
  /** Where the HTTP routes are mounted; rewritten links point under it. */
  mountPath?: string;
  now?: () => number;
}

const forwardableMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export class HttpCredentialProxy implements CredentialProxy {
  private readonly options: CredentialProxyOptions;
  private readonly githubApiUrl: URL;
  private readonly graphApiUrl: URL;
  // Keep-alive to the few fixed upstreams: a new TLS handshake per call would dwarf the proxy's own cost.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  // Bearer upstreams get their own pools: a socket opened to a configured upstream must never be
  // reused for an owner-chosen base URL that happens to name the same host and port.
  private readonly bearerHttpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly bearerHttpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(options: CredentialProxyOptions) {
    this.options = options;
    this.githubApiUrl = upstreamBase(options.githubApiUrl, "proxy.github_api_url");
    this.graphApiUrl = upstreamBase(options.graphApiUrl, "proxy.graph_api_url");
  }

  async forward(request: ProxyRequest): Promise<ProxyResponse> {
    const method = request.method.toUpperCase();
    if (!forwardableMethods.has(method)) {
      throw new HangarError("PROXY_METHOD_NOT_ALLOWED", `the proxy does not forward ${method}`, {
        field: "method",
      });
    }
    if (request.proxyId === "") {
      throw new HangarError("PROXY_ID_MISSING", "send the proxy id in the X-Proxy-Id header", {
        field: "x-proxy-id",
      });
    }
    const checked = checkProxyPath(request.pathAndQuery);
    const resolved = checkGrant(await this.options.credentials.resolveGrant(request.proxyId), {
      owner: request.owner,
      target: request.target,
      method,
      decodedPath: checked.decodedPath,
      ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
      now: (this.options.now ?? Date.now)(),
    });
    const base =
      request.target === "github"
        ? this.githubApiUrl
        : request.target === "graph"
          ? this.graphApiUrl
          : upstreamBase(resolved.credential.baseUrl ?? "", "baseUrl");
    const url = joinUpstreamUrl(base, checked);
    const isBearer = request.target !== "github" && request.target !== "graph";
    const mustBePublic = isBearer && this.options.allowPrivateUpstreams !== true;
    const literal = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (mustBePublic && isIP(literal) !== 0 && isPrivateAddress(literal)) throw privateUpstreamRefused();
    const declaredLength = contentLength(request.headers);
    const bodyLength = Buffer.isBuffer(request.body) ? request.body.length : declaredLength;
    if (bodyLength !== undefined && bodyLength > this.options.maxRequestBytes)
      throw tooLarge(this.options.maxRequestBytes);
    const headers = upstreamRequestHeaders(request.headers, resolved.token);
    if (bodyLength !== undefined && request.body !== undefined)
      headers["content-length"] = String(bodyLength);
    const mount = `${this.options.mountPath ?? "/proxy"}/${request.target}`;
    return this.send(url, base, mount, method, headers, request, { isBearer, mustBePublic });
  }

  private send(
    url: URL,
    base: URL,
    mount: string,
    method: string,
    headers: Record<string, string>,
    request: ProxyRequest,
    upstreamKind: { isBearer: boolean; mustBePublic: boolean },
  ): Promise<ProxyResponse> {
    const { maxRequestBytes, maxResponseBytes, timeoutMs } = this.options;
    const isHttps = url.protocol === "https:";
    return new Promise<ProxyResponse>((resolve, reject) => {
      let isSettled = false;
      const fail = (error: HangarError): void => {
        if (isSettled) return;
        isSettled = true;
        upstream.destroy();
        reject(error);
      };
      const upstream = (isHttps ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port === "" ? undefined : url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        agent: upstreamKind.isBearer
          ? isHttps
            ? this.bearerHttpsAgent
            : this.bearerHttpAgent
          : isHttps
            ? this.httpsAgent
            : this.httpAgent,
        ...(upstreamKind.mustBePublic ? { lookup: publicOnlyLookup } : {}),
        // Redirects are never followed; node:http does not follow them, and we never re-request.
        setHost: true,
      });
      upstream.setTimeout(timeoutMs, () => {
        const error = new HangarError(
          "PROXY_UPSTREAM_TIMEOUT",
          `the upstream sent nothing for ${timeoutMs / 1000} s`,
        );
        if (!isSettled) fail(error);
        else upstream.destroy(error);
      });
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (error instanceof HangarError) {
          fail(error);
          return;
        }
        // Only the error code: a message could name internal addresses.
        fail(
          new HangarError(
            "PROXY_UPSTREAM_ERROR",
            `the upstream could not be reached (${error.code ?? "error"})`,
          ),
        );
      });
      const onAbort = (): void => {
        // After the answer started, the caller going away must still free the upstream connection.
        if (isSettled) upstream.destroy();
        else fail(new HangarError("PROXY_UPSTREAM_ERROR", "the request was cancelled"));
      };
      request.signal?.addEventListener("abort", onAbort, { once: true });
      upstream.on("close", () => request.signal?.removeEventListener("abort", onAbort));
      upstream.on("response", (response: IncomingMessage) => {
        if (isSettled) {
          response.destroy();
          return;
        }
        const status = response.statusCode ?? 502;
        if (redirectStatuses.has(status) && typeof response.headers.location === "string") {
          let target: URL | undefined;
          try {
            target = new URL(response.headers.location, url);
          } catch {
            target = undefined;
          }
          if (target === undefined || target.origin !== base.origin) {
            response.resume();
            fail(
              new HangarError(
                "PROXY_REDIRECT_REFUSED",
                "the upstream redirected to another host; the proxy does not follow redirects off its upstream",
              ),
            );
            return;
          }
        }
        const declared = Number(response.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxResponseBytes) {
          response.destroy();
          fail(responseTooLarge(maxResponseBytes));
          return;
        }
        isSettled = true;
        const body = response.pipe(limitBytes(maxResponseBytes, () => responseTooLarge(maxResponseBytes)));
        response.on("error", (error) => body.destroy(error));
        // The cap can trip before the caller starts reading; the caller still sees the error
        // (the stream is destroyed with it), it just must not be an uncaught 'error' event meanwhile.
        body.on("error", () => undefined);
        // A caller that stops reading (or a cut answer) must not leave the upstream socket busy.
        body.on("close", () => {
          if (!response.complete) upstream.destroy();
        });
        resolve({ status, headers: callerResponseHeaders(response.headers, base, mount), body });
      });
      const body = request.body;
      if (body === undefined || method === "GET" || method === "HEAD") {
        if (body instanceof Readable) body.resume();
        upstream.end();
      } else if (Buffer.isBuffer(body)) {
        upstream.end(body);
      } else {
        const limited = body.pipe(limitBytes(maxRequestBytes, () => tooLarge(maxRequestBytes)));
        limited.on("error", (error) =>
          fail(error instanceof HangarError ? error : tooLarge(maxRequestBytes)),
        );
        body.on("error", () => fail(new HangarError("BAD_REQUEST", "the request body could not be read")));
        limited.pipe(upstream);
      }
    });
  }
}

function upstreamBase(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HangarError("CONFIG_INVALID", `${field} is not a URL`, { field });
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== "") {
    throw new HangarError("CONFIG_INVALID", `${field} must be an http(s) URL without credentials`, { field });
  }
  url.search = "";
  url.hash = "";
  return url;
}

function contentLength(headers: ProxyRequest["headers"]): number | undefined {
  const value = headers["content-length"];
  if (typeof value !== "string" || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function tooLarge(limit: number): HangarError {
  return new HangarError(
    "PAYLOAD_TOO_LARGE",
    `the request body is larger than proxy.max_request_bytes (${limit})`,
    {
      field: "body",
    },
  );
}

function responseTooLarge(limit: number): HangarError {
  return new HangarError(
    "PROXY_RESPONSE_TOO_LARGE",
    `the upstream answer is larger than proxy.max_response_bytes (${limit})`,
  );
}

/** Passes bytes through until `limit`, then fails the stream (the answer is cut, never silently truncated). */
function limitBytes(limit: number, error: () => HangarError): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(error());
      else callback(null, chunk);
    },
  });
}

/** The proxy as `[proxy]` configures it (the composition root's one call). */
export function createCredentialProxy(
  settings: {
    github_api_url: string;
    graph_api_url: string;
    max_request_bytes: number;
    max_response_bytes: number;
    timeout_seconds: number;
    allow_private_upstreams: boolean;
  },
  credentials: Credentials,
): HttpCredentialProxy {
  return new HttpCredentialProxy({
    credentials,
    githubApiUrl: settings.github_api_url,
    graphApiUrl: settings.graph_api_url,
    maxRequestBytes: settings.max_request_bytes,
    maxResponseBytes: settings.max_response_bytes,
    timeoutMs: settings.timeout_seconds * 1000,
    allowPrivateUpstreams: settings.allow_private_upstreams,
  });
}
