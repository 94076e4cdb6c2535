import type { BridgeStatus } from "../protocol/index.js";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import type { RunService } from "../runs/run-types.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { registerAuth } from "./auth.js";
import { hardenedFastify } from "./hardened-fastify.js";
import { registerCors } from "./cors.js";
import type { SessionService } from "../sessions/session-service.js";
import type { HealthReport } from "./health-report.js";
import { ServerMetrics } from "./metrics.js";
import type { AgentMetrics } from "./agent-metrics.js";
import { agentRoutes } from "./routes/agent.js";
import { docsRoutes, registerOpenApi } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { rootRoutes } from "./routes/root.js";
import { metricsRoutes } from "./routes/metrics.js";
import { runsRoutes } from "./routes/runs.js";
import { sandboxesRoutes } from "./routes/sandboxes.js";
import { credentialsRoutes } from "./routes/credentials.js";
import type { Credentials } from "../credentials/credentials.js";
import { proxyRoutes } from "./routes/proxy.js";
import type { CredentialProxy } from "../proxy/credential-proxy.js";
import { statusRoutes } from "./routes/status.js";
import type { SseStreamOptions } from "./sse.js";
import type { McpSessionHost } from "./mcp-session-host.js";
import { mcpRoutes } from "./routes/mcp.js";

export type { HealthReport, IsolationProbe, IsolationReport } from "./health-report.js";

export interface ServerOptions {
  runService: RunService;
  config: Config;
  /** Structured request logs; false for none. Authorization headers and keys are always redacted. */
  logger: Logger | false;
  version: string;
  /** The latest isolation report, shown by `GET /status`. */
  health: () => HealthReport;
  /** Tuning of SSE streams (heartbeat, back-pressure limits); defaults suit production. */
  sse?: SseStreamOptions;
  /** Managed sandboxes (`/sandboxes`, `/computer/pod/*`); the routes are absent without it. */
  sandboxService?: SandboxService;
  sessionService?: SessionService;
  /** Agent sessions' metrics, shown by `/metrics` with the server's own. */
  agentMetrics?: AgentMetrics;
  /** The chat bridges `GET /status` reports; none when absent. */
  bridges?: () => BridgeStatus[];
  /** The credential store (`/credentials`, `/proxy-ids`); the routes are absent without it. */
  credentials?: Credentials;
  /** The credential-injecting proxy (`/proxy/github/*`, `/proxy/graph/*`, `/proxy/<credential>/*`); absent without it. */
  credentialProxy?: CredentialProxy;
  /** Hangar's MCP sessions: `/mcp` is served when given. */
  mcpSessions?: McpSessionHost;
}

/** Paths that could hold a secret if anyone ever logged headers or the config. */
const redactedPaths = [
  "req.headers.authorization",
  "request.headers.authorization",
  "headers.authorization",
  "authorization",
  "apiKey",
  "api_keys[*].key",
  "server.api_keys[*].key",
  "config.server.api_keys[*].key",
  // Credential tokens are write-only; should a body ever be logged, its token is not.
  "token",
  "body.token",
  "req.body.token",
  "request.body.token",
];

/**
 * Builds the HTTP server with every route registered. It does not listen:
 * `app/` decides the address (after `assertSafeBinding`), may add routes of its
 * own first, and owns start and shutdown.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config, runService } = options;
  const app = hardenedFastify({ config, logger: options.logger, component: "server", redactedPaths });
  await registerCors(app, config.server.cors_origins);
  registerAuth(app, config.server.api_keys);

  await registerOpenApi(app, { version: options.version });

  const metrics = new ServerMetrics(runService);
  options.agentMetrics?.registerOn(metrics.registry);
  await app.register(rootRoutes, { version: options.version });
  await app.register(healthRoutes, { version: options.version });
  await app.register(runsRoutes, { runService, config, metrics, sse: options.sse ?? {} });
  await app.register(statusRoutes, {
    runService,
    config,
    version: options.version,
    health: options.health,
    bridges: options.bridges ?? (() => []),
  });
  await app.register(metricsRoutes, { metrics });
  if (options.sandboxService !== undefined) {
    await app.register(sandboxesRoutes, { sandboxService: options.sandboxService });
  }
  if (options.sessionService !== undefined) {
    await app.register(agentRoutes, { sessionService: options.sessionService, sse: options.sse ?? {} });
  }
  if (options.credentials !== undefined) {
    await app.register(credentialsRoutes, { credentials: options.credentials });
  }
  if (options.credentialProxy !== undefined) {
    await app.register(proxyRoutes, { proxy: options.credentialProxy });
  }
  if (options.mcpSessions !== undefined) {
    await app.register(mcpRoutes, {
      sessions: options.mcpSessions,
      host: config.server.host,
      corsOrigins: config.server.cors_origins,
    });
  }
  await app.register(docsRoutes);
  return app;
}
