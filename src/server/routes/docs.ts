import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, type FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export interface OpenApiOptions {
  version: string;
  isAuthRequired: boolean;
}

/**
 * Starts collecting routes into the OpenAPI document. @fastify/swagger learns
 * about routes as they are added, so this must run before any route is
 * registered; the document's schemas come from the routes' zod schemas.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Hangar",
        description: "Run untrusted code in sandboxes (Coderunner-compatible API).",
        version: options.version,
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key" } },
      },
      security: options.isAuthRequired ? [{ bearer: [] }] : [],
    },
    transform: jsonSchemaTransform,
  });
}

/** `GET /api/openapi.json` and Swagger UI at `/api/docs`, with every asset served from this server. */
export const docsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { deepLinking: true },
  });
};
