import type { FastifyInstance } from "fastify";
/**
 * Cross-origin browser access, for the origins in `server.cors_origins` only
 * (`"*"`: any). With none configured no CORS header is sent, so browsers keep
 * pages of other origins from reading answers, as before. Registered before
 * authentication: a preflight carries no key, and is answered here.
 */
export declare function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void>;
