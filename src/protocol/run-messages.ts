import { z } from "zod";
import { apiErrorSchema } from "./api-error.js";
import { identifierSchema } from "./identifiers.js";

/**
 * The code execution contract (`POST /run`, `GET /languages`, run sessions).
 * Field names keep Coderunner's API (camelCase): `output` is stdout, `error`
 * is stderr or an explanation of what went wrong.
 */

/**
 * Optional request fields also accept `null`, which some Coderunner clients send for "not set";
 * it arrives as absent.
 */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
}

export const runStatusSchema = z.enum([
  "ok",
  "error",
  "compile_error",
  "timeout",
  "memory_limit",
  "pids_limit",
  "output_limit",
  "sandbox_error",
]);
export type RunStatus = z.infer<typeof runStatusSchema>;
export const runStatuses: readonly RunStatus[] = runStatusSchema.options;

export const runFileSchema = z.object({
  path: z
    .string()
    .min(1)
    .max(4096)
    .describe("Relative path inside the workspace; validated (no absolute, `..`, NUL, over-long)"),
  content: z.string(),
  encoding: optional(z.enum(["utf8", "base64"])).describe("How `content` is encoded; utf8 by default"),
});
export type RunFile = z.output<typeof runFileSchema>;

/** The server's configured bounds, which the request schema documents and enforces. */
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
    sessionId: optional(identifierSchema).describe(
      "Runs with the same sessionId share one sandbox, and for python/javascript one interpreter",
    ),
    stdin: optional(z.string()),
    args: optional(z.array(z.string().max(65_536)).max(maxArgs)),
    files: optional(z.array(runFileSchema).max(maxFiles)).describe("Files written before the run"),
    timeoutMs: optional(z.number().int().min(1).max(limits.maxTimeoutMs)),
    fresh: optional(z.boolean()).describe("Use a brand-new sandbox even when sessionId is given"),
  });
}
/** A run request as the services take it (after validation: null became absent). */
export type RunRequest = z.output<ReturnType<typeof runRequestSchema>>;

export const runResultSchema = z.object({
  output: z.string(),
  error: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  status: runStatusSchema,
  durationMs: z.number(),
  truncated: z.boolean().describe("True when stdout/stderr were cut at the output limit"),
  language: z.string().describe("The canonical language name (aliases resolved)"),
  sessionId: z.string().nullable(),
  runId: z.string(),
  result: z
    .string()
    .optional()
    .describe("The value of the last expression, for stateful python/javascript runs"),
  kernelRestarted: z
    .boolean()
    .optional()
    .describe("Set when this run started a fresh interpreter after the previous one was lost"),
  background: z
    .object({ stdout: z.string(), stderr: z.string() })
    .optional()
    .describe(
      "Stateful runs: what threads or timers left going by earlier runs of the session printed after those runs returned; never part of stdout/stderr",
    ),
  sessionEnded: z
    .enum(["cpu_budget"])
    .optional()
    .describe(
      "Set when Hangar ended the run session after this run: cpu_budget = its sandbox used more CPU than runs.session_cpu_seconds. The next run with the sessionId starts a fresh session",
    ),
});
export type RunResult = z.infer<typeof runResultSchema>;

/**
 * The `data:` of each SSE event of a streamed run (`Accept: text/event-stream`),
 * by its `event:` name: `start`, then `stdout`/`stderr` pieces, then `end`; or
 * `error` when the run failed after the stream began.
 */
export const runStreamDataSchemas = {
  start: z.object({ runId: z.string(), language: z.string(), sessionId: z.string().nullable() }),
  stdout: z.object({ data: z.string() }),
  stderr: z.object({ data: z.string() }),
  end: z.object({ result: runResultSchema }),
  error: apiErrorSchema,
} as const;

type RunStreamDataSchemas = typeof runStreamDataSchemas;
export type RunStreamEventName = keyof RunStreamDataSchemas;

function runStreamMessageOf<Name extends RunStreamEventName>(event: Name) {
  return z.object({ event: z.literal(event), data: runStreamDataSchemas[event] });
}

/** One SSE message of a streamed run: the `event:` name and the JSON in `data:`. */
export const runStreamMessageSchema = z.discriminatedUnion("event", [
  runStreamMessageOf("start"),
  runStreamMessageOf("stdout"),
  runStreamMessageOf("stderr"),
  runStreamMessageOf("end"),
  runStreamMessageOf("error"),
]);
export type RunStreamMessage = z.infer<typeof runStreamMessageSchema>;

/** What a run reports while it executes, before the server turns it into SSE (`type` becomes `event:`). */
export type RunEvent = {
  [Type in Exclude<RunStreamEventName, "error">]: { type: Type } & z.infer<RunStreamDataSchemas[Type]>;
}[Exclude<RunStreamEventName, "error">];

export const languageInfoSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  version: z.string(),
  stateful: z.boolean().describe("Interpreter state persists across runs in a session"),
  compiled: z.boolean(),
});
export type LanguageInfo = z.infer<typeof languageInfoSchema>;

export const notebookInfoSchema = z.object({
  sessionId: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  kernels: z.array(z.string()).describe("Languages whose interpreter is alive in this session"),
  runs: z.number().int(),
  busy: z.boolean(),
});
export type NotebookInfo = z.infer<typeof notebookInfoSchema>;
