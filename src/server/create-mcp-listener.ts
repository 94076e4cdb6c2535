import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import type { McpSessionHost } from "./mcp-session-host.js";
import { registerAuth } from "./auth.js";
import { limitConnectionsPerClient } from "./connection-limits.js";
import { registerErrorHandlers, sendError } from "./error-handler.js";
import { mcpRoutes } from "./routes/mcp.js";

export interface McpListenerOptions {
  config: Config;
  logger: Logger | false;
  sessions: McpSessionHost;
}

/**
 * The `--mcp-port` listener (`[mcp] port`): only `/mcp`, with the API's
 * authentication, error shape, body limit and per-client connection bound,
 * sharing the main server's MCP sessions. Not listening: `app/` decides the
 * address and closes it with the server.
 */
export async function createMcpListener(options: McpListenerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const loggerInstance: FastifyBaseLogger | undefined =
    options.logger === false
      ? undefined
      : options.logger.child(
          { component: "mcp-listener" },
          { redact: { paths: ["req.headers.authorization"], censor: "[redacted]" } },
        );
  const requestTimeoutMs = config.server.request_timeout_seconds * 1000;
  const app = Fastify({
    ...(loggerInstance === undefined ? { logger: false } : { loggerInstance }),
    bodyLimit: config.server.body_limit_bytes,
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs / 2),
    },
    frameworkErrors: (error, request, reply) => {
      void sendError(request, reply, error);
    },
  });
  limitConnectionsPerClient(app.server, config.server.max_connections_per_client);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser("text/plain");
  registerErrorHandlers(app);
  registerAuth(app, config.server.api_keys);
  await app.register(mcpRoutes, {
    sessions: options.sessions,
    host: config.server.host,
    corsOrigins: config.server.cors_origins,
  });
  return app;
}
