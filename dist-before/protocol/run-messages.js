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
function optional(schema) {
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
    // An accepted asynchronous run that Hangar stopped (or crashed) before it ended: it never finished.
    "interrupted",
]);
export const runStatuses = runStatusSchema.options;
export const runFileSchema = z.object({
    path: z
        .string()
        .min(1)
        .max(4096)
        .describe("Relative path inside the workspace; validated (no absolute, `..`, NUL, over-long)"),
    content: z.string(),
    encoding: optional(z.enum(["utf8", "base64"])).describe("How `content` is encoded; utf8 by default"),
});
export const maxFiles = 64;
export const maxArgs = 256;
export function runRequestSchema(limits) {
    return z.object({
        // Characters bound bytes from below; RunService checks the exact byte size.
        code: z.string().min(1).max(limits.maxCodeBytes).describe("Source code to run"),
        language: z.string().min(1).max(64).describe("Language name or alias, see GET /languages"),
        // A Go client's zero value is "": Coderunner clients send it for "no session".
        sessionId: optional(z.union([z.literal(""), identifierSchema]).transform((value) => (value === "" ? undefined : value))).describe('Runs with the same sessionId share one sandbox, and for python/javascript one interpreter; "" means none'),
        version: optional(z.string().min(1).max(64)).describe('The language version wanted: exact ("3.11.2"), a prefix ("3.11", "3") or "*"; a 400 lists the available ones when it does not match'),
        wait: optional(z.boolean()).describe("false: answer 202 {runId} as soon as the run is queued, and poll GET /runs/{runId} for the result"),
        stdin: optional(z.string()),
        args: optional(z.array(z.string().max(65_536)).max(maxArgs)),
        files: optional(z.array(runFileSchema).max(maxFiles)).describe("Files written before the run"),
        timeoutMs: optional(z.number().int().min(1).max(limits.maxTimeoutMs)),
        fresh: optional(z.boolean()).describe("Use a brand-new sandbox even when sessionId is given"),
    });
}
/**
 * One rich result of a notebook run, like a Jupyter display_data / execute_result:
 * the same value in several MIME types, the client picks the richest it can show.
 */
export const mimeBundleSchema = z
    .object({
    "text/plain": z.string().describe("Always present: the value's repr / util.inspect, or a note"),
    "text/html": z.string().optional(),
    "text/markdown": z.string().optional(),
    "image/png": z.string().optional().describe("Base64 of the PNG bytes"),
    "image/jpeg": z.string().optional().describe("Base64 of the JPEG bytes"),
    "image/svg+xml": z.string().optional(),
    "application/json": z.unknown().optional(),
    isMainResult: z
        .boolean()
        .optional()
        .describe("True for the value of the cell's last expression (E2B's is_main_result)"),
})
    .describe("A MIME bundle; a MIME type over the 2 MiB bound of one result is left out and text/plain says so");
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
        .describe("Stateful runs: what threads or timers left going by earlier runs of the session printed after those runs returned; never part of stdout/stderr"),
    results: z
        .array(mimeBundleSchema)
        .optional()
        .describe("Stateful python/javascript runs: rich results in the order they came: display(...) calls, matplotlib figures still open at the end of the cell, then the last expression's value (isMainResult). At most 100 display results and 10 MiB per run; later ones are dropped and counted in resultsDropped"),
    resultsDropped: z
        .number()
        .int()
        .optional()
        .describe("How many display results this run dropped for being past the run's bounds"),
    executionCount: z
        .number()
        .int()
        .optional()
        .describe("Stateful runs: this run's number in its session, from 1 (Jupyter's execution_count)"),
    stateKept: z
        .boolean()
        .optional()
        .describe("Stateful python/javascript runs that timed out: true when the cell was interrupted and the session's variables are still there; false when the interpreter did not stop and was restarted (variables lost)"),
    sessionEnded: z
        .enum(["cpu_budget"])
        .optional()
        .describe("Set when Hangar ended the run session after this run: cpu_budget = its sandbox used more CPU than runs.session_cpu_seconds. The next run with the sessionId starts a fresh session"),
});
/**
 * The `data:` of each SSE event of a streamed run (`Accept: text/event-stream`),
 * by its `event:` name: `start`, then `stdout`/`stderr` pieces and `result`s (rich
 * results of notebook runs, as they come), then `end`; or
 * `error` when the run failed after the stream began.
 */
export const runStreamDataSchemas = {
    start: z.object({ runId: z.string(), language: z.string(), sessionId: z.string().nullable() }),
    stdout: z.object({ data: z.string() }),
    stderr: z.object({ data: z.string() }),
    result: mimeBundleSchema,
    end: z.object({ result: runResultSchema }),
    error: apiErrorSchema,
};
function runStreamMessageOf(event) {
    return z.object({ event: z.literal(event), data: runStreamDataSchemas[event] });
}
/** One SSE message of a streamed run: the `event:` name and the JSON in `data:`. */
export const runStreamMessageSchema = z.discriminatedUnion("event", [
    runStreamMessageOf("start"),
    runStreamMessageOf("stdout"),
    runStreamMessageOf("stderr"),
    runStreamMessageOf("result"),
    runStreamMessageOf("end"),
    runStreamMessageOf("error"),
]);
export const languageInfoSchema = z.object({
    name: z.string(),
    aliases: z.array(z.string()),
    version: z.string().describe("The toolchain's version; for typescript the compiler's (see runtime)"),
    runtime: z
        .object({ name: z.string(), version: z.string() })
        .optional()
        .describe("What runs the code when it is not the language's own toolchain (typescript: node)"),
    stateful: z.boolean().describe("Interpreter state persists across runs in a session"),
    compiled: z.boolean(),
});
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
/** `POST /run` with `wait: false`: the run is stored and queued; its result is at `GET /runs/{runId}`. */
export const runAcceptedSchema = z.object({
    runId: z.string(),
    status: z.literal("queued"),
});
/** A run that has not ended yet, as `GET /runs/{runId}` shows it. */
export const pendingRunSchema = z.object({
    runId: z.string(),
    status: z.enum(["queued", "running"]),
    language: z.string(),
    sessionId: z.string().nullable(),
    createdAt: z.string().describe("When the run was accepted (ISO 8601)"),
});
/** One line of `GET /runs`: what a run was and how it ended, without its output. */
export const runSummarySchema = z.object({
    runId: z.string(),
    status: z.union([runStatusSchema, z.enum(["queued", "running"])]),
    language: z.string(),
    sessionId: z.string().nullable(),
    exitCode: z.number().int().nullable(),
    durationMs: z.number(),
    createdAt: z.string().describe("When the run was accepted (ISO 8601)"),
});
export const runListSchema = z.object({
    runs: z.array(runSummarySchema).describe("The caller's runs, newest first"),
    nextCursor: z
        .string()
        .nullable()
        .describe("Pass as `cursor` for the next (older) page; null on the last page"),
});
//# sourceMappingURL=run-messages.js.map