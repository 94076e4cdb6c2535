import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HangarError } from "../../core/errors.js";
import type { CredentialProxy } from "../../proxy/credential-proxy.js";

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
      ...(hasBody(request) ? { body: request.raw } : {}),
      signal: abort.signal,
    });
    return reply.code(response.status).headers(response.headers).send(response.body);
  };

  for (const target of ["github", "graph"] as const) {
    app.all(`/proxy/${target}/*`, async (request, reply) => forward(request, reply, target));
  }
  app.all<{ Params: { credential: string } }>("/proxy/:credential/*", async (request, reply) =>
    forward(request, reply, request.params.credential),
  );
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
