import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
export interface HealthRoutesOptions {
    version: string;
}
/** `GET /health`: liveness only, without authentication, so load balancers can call it. */
export declare const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions>;
