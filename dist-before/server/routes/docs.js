import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { z } from "zod";
import { publicErrorResponses } from "../error-responses.js";
import { nameProtocolSchemas } from "../openapi-components.js";
import { bearerSchemeName, openApiTransform, openApiTransformObject } from "../openapi-document.js";
/**
 * Starts collecting routes into the OpenAPI document. @fastify/swagger learns
 * about routes as they are added, so this must run before any route is
 * registered; the document's schemas come from the routes' zod schemas.
 */
export async function registerOpenApi(app, options) {
    nameProtocolSchemas();
    await app.register(fastifySwagger, {
        openapi: {
            openapi: "3.0.3",
            info: {
                title: "Hangar",
                description: "Run untrusted code and AI coding agents in sandboxes. Code execution is Coderunner-compatible " +
                    "(`/run`), agent sessions RCoder-compatible (`/chat`, `/agent/*`, `/computer/pod/*`). Every error " +
                    "answer is `{error: {code, message, field?}}`.",
                version: options.version,
            },
            components: {
                securitySchemes: {
                    [bearerSchemeName]: {
                        type: "http",
                        scheme: "bearer",
                        description: "An API key from `server.api_keys`. A server without keys (loopback only) ignores it; " +
                            "`/metrics` needs an admin key.",
                    },
                },
            },
        },
        transform: openApiTransform,
        transformObject: openApiTransformObject,
    });
}
/** `GET /api/openapi.json` and Swagger UI at `/api/docs`, with every asset served from this server. */
export const docsRoutes = async (app) => {
    app.get("/api/openapi.json", {
        schema: {
            operationId: "getOpenApiDocument",
            summary: "This OpenAPI document",
            tags: ["docs"],
            security: [],
            response: {
                // Loose: the document passes through as it is, only its version is checked.
                200: z.looseObject({ openapi: z.string() }).describe("The OpenAPI 3.0 document"),
                ...publicErrorResponses(),
            },
        },
    }, async () => app.swagger());
    await app.register(fastifySwaggerUi, {
        routePrefix: "/api/docs",
        uiConfig: { deepLinking: true },
    });
};
//# sourceMappingURL=docs.js.map