import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
export interface RootRoutesOptions {
    version: string;
}
/**
 * `GET /`: someone who opens the server's address finds where the API is
 * described, instead of a 404. `GET /docs` leads to the Swagger UI too.
 */
export declare const rootRoutes: FastifyPluginAsyncZod<RootRoutesOptions>;
