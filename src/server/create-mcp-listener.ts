import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import type { McpSessionHost } from "./mcp-session-host.js";
import { registerAuth } from "./auth.js";
import { hardenedFastify } from "./hardened-fastify.js";
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
  const app = hardenedFastify({
    config,
    logger: options.logger,
    component: "mcp-listener",
    redactedPaths: ["req.headers.authorization"],
  });
  registerAuth(app, config.server.api_keys);
  await app.register(mcpRoutes, {
    sessions: options.sessions,
    host: config.server.host,
    corsOrigins: config.server.cors_origins,
  });
  return app;
}
