import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ServerMetrics } from "../metrics.js";
export interface MetricsRoutesOptions {
    metrics: ServerMetrics;
}
/** `GET /metrics`: Prometheus text exposition; admin keys only (it counts every tenant's work). */
export declare const metricsRoutes: FastifyPluginAsyncZod<MetricsRoutesOptions>;
