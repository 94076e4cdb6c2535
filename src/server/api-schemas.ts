import { z } from "zod";
import { userIdPattern } from "../core/ids.js";
import { runStatuses } from "../runs/run-types.js";

/**
 * Zod schemas of the HTTP API. They validate requests, serialise responses and
 * are the source of the OpenAPI document, so field names follow the
 * Coderunner-compatible wire format (camelCase), not the config's snake_case.
 */

/** Optional request fields also accept `null`, which some Coderunner clients send for "not set". */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return schema.nullish().transform((value) => value ?? undefined);
}

export const sessionIdSchema = z
  .string()
  .regex(
    userIdPattern,
    "must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  );

export const runFileSchema = z.object({
  path: z.string().min(1).max(4096).describe("Relative path inside the workspace"),
  content: z.string(),
  encoding: optional(z.enum(["utf8", "base64"])).describe("How `content` is encoded; utf8 by default"),
});

export interface RunRequestLimits {
  maxTimeoutMs: number;
  maxCodeBytes: number;
}

export const maxFiles = 64;
export const maxArgs = 256;

export function runRequestSchema(limits: RunRequestLimits) {
  return z.object({
    // Characters bound bytes from below; RunService checks the exact byte size.
    code: z.string().min(1).max(limits.maxCodeBytes).describe("Source code to run"),
    language: z.string().min(1).max(64).describe("Language name or alias, see GET /languages"),
    sessionId: optional(sessionIdSchema).describe("Runs with the same sessionId share state"),
    stdin: optional(z.string()),
    args: optional(z.array(z.string().max(65_536)).max(maxArgs)),
    files: optional(z.array(runFileSchema).max(maxFiles)).describe("Files written before the run"),
    timeoutMs: optional(z.number().int().min(1).max(limits.maxTimeoutMs)),
    fresh: optional(z.boolean()).describe("Use a brand-new sandbox even when sessionId is given"),
  });
}

export const runResultSchema = z.object({
  output: z.string(),
  error: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  status: z.enum(runStatuses as [string, ...string[]]),
  durationMs: z.number(),
  truncated: z.boolean(),
  language: z.string(),
  sessionId: z.string().nullable(),
  runId: z.string(),
  result: z.string().optional(),
  kernelRestarted: z.boolean().optional(),
});

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});

export const languageInfoSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  version: z.string(),
  stateful: z.boolean(),
  compiled: z.boolean(),
});

export const notebookInfoSchema = z.object({
  sessionId: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  kernels: z.array(z.string()),
  runs: z.number().int(),
  busy: z.boolean(),
});

export const runServiceStatsSchema = z.object({
  running: z.number().int(),
  queued: z.number().int(),
  maxConcurrent: z.number().int(),
  maxQueue: z.number().int(),
  sessions: z.number().int(),
  sandboxesActive: z.number().int(),
  poolReady: z.number().int(),
});

export const isolationReportSchema = z.object({
  ok: z.boolean(),
  probes: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  enforced: z.record(z.string(), z.boolean()),
});

/** The error schema every route documents for 4xx and 5xx answers. */
export const errorResponses = { "4xx": errorResponseSchema, "5xx": errorResponseSchema } as const;
