import { z } from "zod";
import { publicErrorResponses } from "../error-responses.js";
/** `GET /health`: liveness only, without authentication, so load balancers can call it. */
export const healthRoutes = async (app, options) => {
    app.get("/health", {
        config: { isPublic: true },
        schema: {
            operationId: "getHealth",
            summary: "Liveness check (no authentication)",
            tags: ["status"],
            security: [],
            response: { 200: z.object({ ok: z.literal(true), version: z.string() }), ...publicErrorResponses() },
        },
    }, async () => ({ ok: true, version: options.version }));
};
//# sourceMappingURL=health.js.map