import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config/config-schema.js";
import type { RunService } from "../../runs/run-types.js";
import type { ServerMetrics } from "../metrics.js";
import { type SseStreamOptions } from "../sse.js";
export interface RunsRoutesOptions {
    runService: RunService;
    config: Config;
    metrics: ServerMetrics;
    sse: SseStreamOptions;
}
/**
 * Code execution: `POST /run` (JSON, SSE, or accepted and polled), `GET /runs`, `GET /languages`
 * and the caller's run sessions.
 */
export declare const runsRoutes: FastifyPluginAsyncZod<RunsRoutesOptions>;
