import { z } from "zod";
import { publicErrorResponses } from "../error-responses.js";
const rootSchema = z.object({
    name: z.literal("Hangar"),
    version: z.string(),
    docs: z.string().describe("Swagger UI"),
    openapi: z.string().describe("The OpenAPI document a client can be generated from"),
    health: z.string(),
});
/**
 * `GET /`: someone who opens the server's address finds where the API is
 * described, instead of a 404. `GET /docs` leads to the Swagger UI too.
 */
export const rootRoutes = async (app, options) => {
    app.get("/", {
        config: { isPublic: true },
        schema: {
            operationId: "getRoot",
            summary: "Where the documentation is (no authentication)",
            tags: ["docs"],
            security: [],
            response: { 200: rootSchema, ...publicErrorResponses() },
        },
    }, async () => ({
        name: "Hangar",
        version: options.version,
        docs: "/api/docs",
        openapi: "/api/openapi.json",
        health: "/health",
    }));
    app.get("/docs", { config: { isPublic: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect("/api/docs", 302));
};
//# sourceMappingURL=root.js.map