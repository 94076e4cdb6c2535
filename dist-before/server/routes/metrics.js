import { z } from "zod";
import { assertAdmin } from "../auth.js";
import { errorResponses } from "../error-responses.js";
/** `GET /metrics`: Prometheus text exposition; admin keys only (it counts every tenant's work). */
export const metricsRoutes = async (app, options) => {
    app.get("/metrics", {
        schema: {
            operationId: "getMetrics",
            summary: "Prometheus metrics (admin keys only)",
            tags: ["status"],
            response: {
                // A string body is sent as it is, never through a serializer: the schema only documents it.
                200: {
                    description: "Prometheus text exposition format",
                    content: { "text/plain": { schema: z.string() } },
                },
                ...errorResponses("FORBIDDEN"),
            },
        },
    }, async (request, reply) => {
        assertAdmin(request);
        const text = await options.metrics.render();
        return reply.type(options.metrics.contentType).send(text);
    });
};
//# sourceMappingURL=metrics.js.map