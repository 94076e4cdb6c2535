import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { assertAdmin } from "../auth.js";
import type { ServerMetrics } from "../metrics.js";

export interface MetricsRoutesOptions {
  metrics: ServerMetrics;
}

/** `GET /metrics`: Prometheus text exposition; admin keys only (it counts every tenant's work). */
export const metricsRoutes: FastifyPluginAsyncZod<MetricsRoutesOptions> = async (app, options) => {
  app.get(
    "/metrics",
    {
      // No response schema: the body is plain text and must not go through the JSON serializer.
      schema: { summary: "Prometheus metrics", tags: ["status"] },
    },
    async (request, reply) => {
      assertAdmin(request);
      const text = await options.metrics.render();
      return reply.type(options.metrics.contentType).send(text);
    },
  );
};
