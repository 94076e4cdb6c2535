import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config-schema.js";
import type { RunService } from "../../runs/run-types.js";
import { isolationReportSchema, runServiceStatsSchema } from "../api-schemas.js";
import { errorResponses } from "../error-responses.js";
import { bridgeStatusSchema, type BridgeStatus } from "../../protocol/index.js";
import type { HealthReport } from "../health-report.js";

export interface StatusRoutesOptions {
  runService: RunService;
  config: Config;
  version: string;
  health: () => HealthReport;
  /** The chat bridges this server runs. */
  bridges: () => BridgeStatus[];
}

const limitsSchema = z.object({
  defaultTimeoutMs: z.number().int(),
  maxTimeoutMs: z.number().int(),
  maxOutputBytes: z.number().int(),
  maxCodeBytes: z.number().int(),
  bodyLimitBytes: z.number().int(),
  memoryMb: z.number().int(),
  pids: z.number().int(),
  cpuCores: z.number(),
  workspaceMb: z.number().int(),
  tmpMb: z.number().int(),
  maxConcurrent: z.number().int(),
  maxQueue: z.number().int(),
  sessionIdleTtlSeconds: z.number().int(),
  maxSessionsPerOwner: z.number().int(),
});

const statusSchema = z.object({
  status: z.literal(200),
  version: z.string(),
  provider: z.string(),
  limits: limitsSchema,
  /** The whole server's load: admin keys only (a tenant must not watch the others' activity). */
  runs: runServiceStatsSchema.optional(),
  isolation: isolationReportSchema,
  bridges: z.array(bridgeStatusSchema).describe("The chat bridges this server runs (Telegram, Slack)"),
});

/** The limits a caller has to stay within, in the API's camelCase. */
export function publicLimits(config: Config): z.infer<typeof limitsSchema> {
  const { runs, sandbox, server } = config;
  return {
    defaultTimeoutMs: runs.default_timeout_ms,
    maxTimeoutMs: runs.max_timeout_ms,
    maxOutputBytes: runs.max_output_bytes,
    maxCodeBytes: runs.max_code_bytes,
    bodyLimitBytes: server.body_limit_bytes,
    memoryMb: sandbox.limits.memory_mb,
    pids: sandbox.limits.pids,
    cpuCores: sandbox.limits.cpu_cores,
    workspaceMb: sandbox.limits.workspace_mb,
    tmpMb: sandbox.limits.tmp_mb,
    maxConcurrent: runs.max_concurrent,
    maxQueue: runs.max_queue,
    sessionIdleTtlSeconds: runs.session_idle_ttl_seconds,
    maxSessionsPerOwner: runs.max_sessions_per_owner,
  };
}

/** `GET /status`: Coderunner's status endpoint plus what isolation this host really enforces. */
export const statusRoutes: FastifyPluginAsyncZod<StatusRoutesOptions> = async (app, options) => {
  const limits = publicLimits(options.config);
  app.get(
    "/status",
    {
      schema: {
        operationId: "getStatus",
        summary: "Server status, limits, load and isolation report",
        tags: ["status"],
        response: { 200: statusSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const health = options.health();
      return {
        status: 200 as const,
        version: options.version,
        provider: health.provider,
        limits,
        ...(request.isAdmin ? { runs: options.runService.stats() } : {}),
        isolation: health.isolation,
        bridges: options.bridges(),
      };
    },
  );
};
