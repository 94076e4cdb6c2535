import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
export interface OpenApiOptions {
    version: string;
}
/**
 * Starts collecting routes into the OpenAPI document. @fastify/swagger learns
 * about routes as they are added, so this must run before any route is
 * registered; the document's schemas come from the routes' zod schemas.
 */
export declare function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void>;
/** `GET /api/openapi.json` and Swagger UI at `/api/docs`, with every asset served from this server. */
export declare const docsRoutes: FastifyPluginAsyncZod;
