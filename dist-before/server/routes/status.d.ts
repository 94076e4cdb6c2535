import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config-schema.js";
import type { RunService } from "../../runs/run-types.js";
import type { HealthReport } from "../health-report.js";
export interface StatusRoutesOptions {
    runService: RunService;
    config: Config;
    version: string;
    health: () => HealthReport;
}
declare const limitsSchema: z.ZodObject<{
    defaultTimeoutMs: z.ZodNumber;
    maxTimeoutMs: z.ZodNumber;
    maxOutputBytes: z.ZodNumber;
    maxCodeBytes: z.ZodNumber;
    bodyLimitBytes: z.ZodNumber;
    memoryMb: z.ZodNumber;
    pids: z.ZodNumber;
    cpuCores: z.ZodNumber;
    workspaceMb: z.ZodNumber;
    tmpMb: z.ZodNumber;
    maxConcurrent: z.ZodNumber;
    maxQueue: z.ZodNumber;
    sessionIdleTtlSeconds: z.ZodNumber;
    maxSessionsPerOwner: z.ZodNumber;
}, z.core.$strip>;
/** The limits a caller has to stay within, in the API's camelCase. */
export declare function publicLimits(config: Config): z.infer<typeof limitsSchema>;
/** `GET /status`: Coderunner's status endpoint plus what isolation this host really enforces. */
export declare const statusRoutes: FastifyPluginAsyncZod<StatusRoutesOptions>;
export {};
