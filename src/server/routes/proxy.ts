import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HangarError } from "../../core/errors.js";
import { announcesBody } from "../../core/http-headers.js";
import type { CredentialProxy } from "../../proxy/credential-proxy.js";
import { errorResponses } from "../error-responses.js";

export interface ProxyRoutesOptions {
  proxy: CredentialProxy;
}

/**
 * `/proxy/github/*`, `/proxy/graph/*` and `/proxy/<credential>/*` for every method. The body is
 * never parsed here: this plugin's content-type parser hands the raw request stream to the
 * proxy, which streams it upstream under its own limit (Coderunner parsed and then dropped
 * POST bodies). The path is taken from the raw URL, still percent-encoded, so the proxy's
 * SSRF guard sees exactly what the caller sent.
 */
/**
 * What the proxy forwards; HEAD is served with GET. Not CONNECT, TRACE or Fastify's QUERY, and
 * not OPTIONS: that is CORS's preflight here (`server.cors_origins`), never an upstream call.
 */
const proxiedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type ProxiedMethod = (typeof proxiedMethods)[number];

const proxyErrorCodes = [
  "PROXY_ID_MISSING",
  "PROXY_PATH_REJECTED",
  "PROXY_GRANT_NOT_FOUND",
  "PROXY_GRANT_REVOKED",
  "PROXY_GRANT_EXPIRED",
  "PROXY_TARGET_MISMATCH",
  "PROXY_PATH_NOT_ALLOWED",
  "PROXY_METHOD_NOT_ALLOWED",
  "PROXY_SESSION_MISMATCH",
  "PROXY_PRIVATE_UPSTREAM",
  "PAYLOAD_TOO_LARGE",
  "PROXY_REDIRECT_REFUSED",
  "PROXY_UPSTREAM_ERROR",
  "PROXY_RESPONSE_TOO_LARGE",
  "PROXY_UPSTREAM_TIMEOUT",
] as const;

const upstreamAnswer = {
  description:
    "The upstream's answer, status and body as it sent them, with only its safe headers (rate limits, ETag, `Link` rewritten to the proxy)",
  content: { "*/*": { schema: z.unknown().describe("Whatever the upstream answered") } },
};

const targetNames = { github: "Github", graph: "Graph", credential: "Credential" } as const;

/** The OpenAPI description of one method on one of the three proxy paths. */
function proxySchema(target: keyof typeof targetNames, method: ProxiedMethod) {
  const upstream =
    target === "credential"
      ? "the bearer credential's base URL (`/proxy/<credential name>/…`)"
      : target === "github"
        ? "GitHub (`[proxy] github_api_url`)"
        : "Microsoft Graph (`[proxy] graph_api_url`)";
  return {
    operationId: `proxy${targetNames[target]}${method[0]}${method.slice(1).toLowerCase()}`,
    summary: `${method} through the credential proxy to ${target === "credential" ? "a bearer upstream" : target}`,
    description:
      `Forwards the request to ${upstream} with the stored token of the credential whose proxy id (\`prx_…\`) is ` +
      "in the `X-Proxy-Id` header; the caller never sees the token. The path after the target is checked (no host change, no " +
      "`..`, no encoded slashes) and the body streamed under `[proxy] max_request_bytes`.",
    tags: ["proxy"],
    response: { 200: upstreamAnswer, ...errorResponses(...proxyErrorCodes) },
  };
}

export async function proxyRoutes(app: FastifyInstance, options: ProxyRoutesOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  // Not reading the payload leaves request.raw unread for the proxy; any content type is fine.
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));

  const forward = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: string,
  ): Promise<FastifyReply> => {
    const rawUrl = request.raw.url ?? "";
    // An absolute-form request line (`GET http://host/proxy/…`) is not ours to interpret.
    if (!rawUrl.startsWith("/proxy/")) {
      throw new HangarError("PROXY_PATH_REJECTED", "the request URL must start with /proxy/", {
        field: "path",
      });
    }
    // `/proxy/<target>` is followed by the path; the target segment itself is matched by the router.
    const afterProxy = rawUrl.slice("/proxy/".length);
    const slash = afterProxy.indexOf("/");
    const pathAndQuery = slash === -1 ? "/" : afterProxy.slice(slash);
    const proxyId = request.headers["x-proxy-id"];
    const abort = new AbortController();
    // The caller went away: stop the upstream request (and its body) too.
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const response = await options.proxy.forward({
      owner: request.owner,
      proxyId: typeof proxyId === "string" ? proxyId.trim() : "",
      target,
      method: request.method,
      pathAndQuery,
      headers: request.headers,
      ...(announcesBody(request.headers) ? { body: request.raw } : {}),
      signal: abort.signal,
    });
    return reply.code(response.status).headers(response.headers).send(response.body);
  };

  for (const method of proxiedMethods) {
    for (const target of ["github", "graph"] as const) {
      app.route({
        method,
        url: `/proxy/${target}/*`,
        schema: proxySchema(target, method),
        handler: async (request, reply) => forward(request, reply, target),
      });
    }
    app.route<{ Params: { credential: string } }>({
      method,
      url: "/proxy/:credential/*",
      schema: proxySchema("credential", method),
      handler: async (request, reply) => forward(request, reply, request.params.credential),
    });
  }
}
