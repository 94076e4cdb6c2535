import { type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import type { RunService } from "../runs/run-types.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import type { SessionService } from "../sessions/session-service.js";
import type { HealthReport } from "./health-report.js";
import type { AgentMetrics } from "./agent-metrics.js";
import type { SseStreamOptions } from "./sse.js";
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
}
/**
 * Builds the HTTP server with every route registered. It does not listen:
 * `app/` decides the address (after `assertSafeBinding`), may add routes of its
 * own first, and owns start and shutdown.
 */
export declare function createServer(options: ServerOptions): Promise<FastifyInstance>;
