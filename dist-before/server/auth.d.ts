import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config/config-schema.js";
/**
 * Bearer-key authentication. Every request gets an `owner`: the owner mapped to
 * its API key, or `local` when no keys are configured (the composition root
 * only allows that on a loopback address, see `assertSafeBinding`).
 */
export type ApiKey = Config["server"]["api_keys"][number];
export declare const localOwner = "local";
declare module "fastify" {
    interface FastifyRequest {
        /** Who the request acts for; every service call is scoped to it. */
        owner: string;
        /** An admin key (or the local user when no keys are configured): sees global load and metrics. */
        isAdmin: boolean;
    }
    interface FastifyContextConfig {
        /** Served without authentication (liveness checks). */
        isPublic?: boolean;
    }
}
/**
 * Returns the key in an `Authorization: Bearer <key>` header (its owner and
 * whether it is an admin key), or undefined. Keys are compared as SHA-256 digests with timingSafeEqual, so the
 * buffers always have equal length and the time taken does not depend on how
 * much of a key matched; every key is compared, so it does not reveal which one
 * matched either.
 */
export declare function createKeyMatcher(apiKeys: readonly ApiKey[]): (authorization: string | undefined) => ApiKey | undefined;
export declare function registerAuth(app: FastifyInstance, apiKeys: readonly ApiKey[]): void;
/** For operator-only routes (global load, metrics): tenants must not see each other's activity. */
export declare function assertAdmin(request: FastifyRequest): void;
/** True for localhost, 127.0.0.0/8 and ::1 (also written as [::1] or ::ffff:127.x.y.z). */
export declare function isLoopbackHost(host: string): boolean;
/** Refuses to serve unauthenticated code execution on an address other machines can reach. */
export declare function assertSafeBinding(host: string, apiKeys: readonly ApiKey[]): void;
