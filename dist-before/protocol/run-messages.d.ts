import { z } from "zod";
export declare const runStatusSchema: z.ZodEnum<{
    error: "error";
    timeout: "timeout";
    memory_limit: "memory_limit";
    pids_limit: "pids_limit";
    output_limit: "output_limit";
    sandbox_error: "sandbox_error";
    ok: "ok";
    compile_error: "compile_error";
    interrupted: "interrupted";
}>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export declare const runStatuses: readonly RunStatus[];
export declare const runFileSchema: z.ZodObject<{
    path: z.ZodString;
    content: z.ZodString;
    encoding: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodEnum<{
        base64: "base64";
        utf8: "utf8";
    }>>>, z.ZodTransform<NonNullable<"base64" | "utf8"> | undefined, "base64" | "utf8" | null | undefined>>>;
}, z.core.$strip>;
export type RunFile = z.output<typeof runFileSchema>;
/** The server's configured bounds, which the request schema documents and enforces. */
export interface RunRequestLimits {
    maxTimeoutMs: number;
    maxCodeBytes: number;
}
export declare const maxFiles = 64;
export declare const maxArgs = 256;
export declare function runRequestSchema(limits: RunRequestLimits): z.ZodObject<{
    code: z.ZodString;
    language: z.ZodString;
    sessionId: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodLiteral<"">, z.ZodString]>, z.ZodTransform<string | undefined, string>>>>, z.ZodTransform<string | undefined, string | null | undefined>>>;
    version: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodString>>, z.ZodTransform<string | undefined, string | null | undefined>>>;
    wait: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodBoolean>>, z.ZodTransform<boolean | undefined, boolean | null | undefined>>>;
    stdin: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodString>>, z.ZodTransform<string | undefined, string | null | undefined>>>;
    args: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodArray<z.ZodString>>>, z.ZodTransform<string[] | undefined, string[] | null | undefined>>>;
    files: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodArray<z.ZodObject<{
        path: z.ZodString;
        content: z.ZodString;
        encoding: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodEnum<{
            base64: "base64";
            utf8: "utf8";
        }>>>, z.ZodTransform<NonNullable<"base64" | "utf8"> | undefined, "base64" | "utf8" | null | undefined>>>;
    }, z.core.$strip>>>>, z.ZodTransform<{
        path: string;
        content: string;
        encoding?: NonNullable<"base64" | "utf8"> | undefined;
    }[] | undefined, {
        path: string;
        content: string;
        encoding?: NonNullable<"base64" | "utf8"> | undefined;
    }[] | null | undefined>>>;
    timeoutMs: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodNumber>>, z.ZodTransform<number | undefined, number | null | undefined>>>;
    fresh: z.ZodOptional<z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodBoolean>>, z.ZodTransform<boolean | undefined, boolean | null | undefined>>>;
}, z.core.$strip>;
/** A run request as the services take it (after validation: null became absent). */
export type RunRequest = z.output<ReturnType<typeof runRequestSchema>>;
/**
 * One rich result of a notebook run, like a Jupyter display_data / execute_result:
 * the same value in several MIME types, the client picks the richest it can show.
 */
export declare const mimeBundleSchema: z.ZodObject<{
    "text/plain": z.ZodString;
    "text/html": z.ZodOptional<z.ZodString>;
    "text/markdown": z.ZodOptional<z.ZodString>;
    "image/png": z.ZodOptional<z.ZodString>;
    "image/jpeg": z.ZodOptional<z.ZodString>;
    "image/svg+xml": z.ZodOptional<z.ZodString>;
    "application/json": z.ZodOptional<z.ZodUnknown>;
    isMainResult: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strip>;
export type MimeBundle = z.infer<typeof mimeBundleSchema>;
export declare const runResultSchema: z.ZodObject<{
    output: z.ZodString;
    error: z.ZodString;
    stdout: z.ZodString;
    stderr: z.ZodString;
    exitCode: z.ZodNullable<z.ZodNumber>;
    signal: z.ZodNullable<z.ZodString>;
    status: z.ZodEnum<{
        error: "error";
        timeout: "timeout";
        memory_limit: "memory_limit";
        pids_limit: "pids_limit";
        output_limit: "output_limit";
        sandbox_error: "sandbox_error";
        ok: "ok";
        compile_error: "compile_error";
        interrupted: "interrupted";
    }>;
    durationMs: z.ZodNumber;
    truncated: z.ZodBoolean;
    language: z.ZodString;
    sessionId: z.ZodNullable<z.ZodString>;
    runId: z.ZodString;
    result: z.ZodOptional<z.ZodString>;
    kernelRestarted: z.ZodOptional<z.ZodBoolean>;
    background: z.ZodOptional<z.ZodObject<{
        stdout: z.ZodString;
        stderr: z.ZodString;
    }, z.core.$strip>>;
    results: z.ZodOptional<z.ZodArray<z.ZodObject<{
        "text/plain": z.ZodString;
        "text/html": z.ZodOptional<z.ZodString>;
        "text/markdown": z.ZodOptional<z.ZodString>;
        "image/png": z.ZodOptional<z.ZodString>;
        "image/jpeg": z.ZodOptional<z.ZodString>;
        "image/svg+xml": z.ZodOptional<z.ZodString>;
        "application/json": z.ZodOptional<z.ZodUnknown>;
        isMainResult: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strip>>>;
    resultsDropped: z.ZodOptional<z.ZodNumber>;
    executionCount: z.ZodOptional<z.ZodNumber>;
    stateKept: z.ZodOptional<z.ZodBoolean>;
    sessionEnded: z.ZodOptional<z.ZodEnum<{
        cpu_budget: "cpu_budget";
    }>>;
}, z.core.$strip>;
export type RunResult = z.infer<typeof runResultSchema>;
/**
 * The `data:` of each SSE event of a streamed run (`Accept: text/event-stream`),
 * by its `event:` name: `start`, then `stdout`/`stderr` pieces and `result`s (rich
 * results of notebook runs, as they come), then `end`; or
 * `error` when the run failed after the stream began.
 */
export declare const runStreamDataSchemas: {
    readonly start: z.ZodObject<{
        runId: z.ZodString;
        language: z.ZodString;
        sessionId: z.ZodNullable<z.ZodString>;
    }, z.core.$strip>;
    readonly stdout: z.ZodObject<{
        data: z.ZodString;
    }, z.core.$strip>;
    readonly stderr: z.ZodObject<{
        data: z.ZodString;
    }, z.core.$strip>;
    readonly result: z.ZodObject<{
        "text/plain": z.ZodString;
        "text/html": z.ZodOptional<z.ZodString>;
        "text/markdown": z.ZodOptional<z.ZodString>;
        "image/png": z.ZodOptional<z.ZodString>;
        "image/jpeg": z.ZodOptional<z.ZodString>;
        "image/svg+xml": z.ZodOptional<z.ZodString>;
        "application/json": z.ZodOptional<z.ZodUnknown>;
        isMainResult: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strip>;
    readonly end: z.ZodObject<{
        result: z.ZodObject<{
            output: z.ZodString;
            error: z.ZodString;
            stdout: z.ZodString;
            stderr: z.ZodString;
            exitCode: z.ZodNullable<z.ZodNumber>;
            signal: z.ZodNullable<z.ZodString>;
            status: z.ZodEnum<{
                error: "error";
                timeout: "timeout";
                memory_limit: "memory_limit";
                pids_limit: "pids_limit";
                output_limit: "output_limit";
                sandbox_error: "sandbox_error";
                ok: "ok";
                compile_error: "compile_error";
                interrupted: "interrupted";
            }>;
            durationMs: z.ZodNumber;
            truncated: z.ZodBoolean;
            language: z.ZodString;
            sessionId: z.ZodNullable<z.ZodString>;
            runId: z.ZodString;
            result: z.ZodOptional<z.ZodString>;
            kernelRestarted: z.ZodOptional<z.ZodBoolean>;
            background: z.ZodOptional<z.ZodObject<{
                stdout: z.ZodString;
                stderr: z.ZodString;
            }, z.core.$strip>>;
            results: z.ZodOptional<z.ZodArray<z.ZodObject<{
                "text/plain": z.ZodString;
                "text/html": z.ZodOptional<z.ZodString>;
                "text/markdown": z.ZodOptional<z.ZodString>;
                "image/png": z.ZodOptional<z.ZodString>;
                "image/jpeg": z.ZodOptional<z.ZodString>;
                "image/svg+xml": z.ZodOptional<z.ZodString>;
                "application/json": z.ZodOptional<z.ZodUnknown>;
                isMainResult: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strip>>>;
            resultsDropped: z.ZodOptional<z.ZodNumber>;
            executionCount: z.ZodOptional<z.ZodNumber>;
            stateKept: z.ZodOptional<z.ZodBoolean>;
            sessionEnded: z.ZodOptional<z.ZodEnum<{
                cpu_budget: "cpu_budget";
            }>>;
        }, z.core.$strip>;
    }, z.core.$strip>;
    readonly error: z.ZodObject<{
        error: z.ZodObject<{
            code: z.ZodString;
            message: z.ZodString;
            field: z.ZodOptional<z.ZodString>;
        }, z.core.$strip>;
    }, z.core.$strip>;
};
type RunStreamDataSchemas = typeof runStreamDataSchemas;
export type RunStreamEventName = keyof RunStreamDataSchemas;
/** One SSE message of a streamed run: the `event:` name and the JSON in `data:`. */
export declare const runStreamMessageSchema: z.ZodDiscriminatedUnion<[z.ZodObject<{
    event: z.ZodLiteral<"start">;
    data: z.ZodObject<{
        runId: z.ZodString;
        language: z.ZodString;
        sessionId: z.ZodNullable<z.ZodString>;
    }, z.core.$strip>;
}, z.core.$strip>, z.ZodObject<{
    event: z.ZodLiteral<"stdout">;
    data: z.ZodObject<{
        data: z.ZodString;
    }, z.core.$strip>;
}, z.core.$strip>, z.ZodObject<{
    event: z.ZodLiteral<"stderr">;
    data: z.ZodObject<{
        data: z.ZodString;
    }, z.core.$strip>;
}, z.core.$strip>, z.ZodObject<{
    event: z.ZodLiteral<"result">;
    data: z.ZodObject<{
        "text/plain": z.ZodString;
        "text/html": z.ZodOptional<z.ZodString>;
        "text/markdown": z.ZodOptional<z.ZodString>;
        "image/png": z.ZodOptional<z.ZodString>;
        "image/jpeg": z.ZodOptional<z.ZodString>;
        "image/svg+xml": z.ZodOptional<z.ZodString>;
        "application/json": z.ZodOptional<z.ZodUnknown>;
        isMainResult: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strip>;
}, z.core.$strip>, z.ZodObject<{
    event: z.ZodLiteral<"end">;
    data: z.ZodObject<{
        result: z.ZodObject<{
            output: z.ZodString;
            error: z.ZodString;
            stdout: z.ZodString;
            stderr: z.ZodString;
            exitCode: z.ZodNullable<z.ZodNumber>;
            signal: z.ZodNullable<z.ZodString>;
            status: z.ZodEnum<{
                error: "error";
                timeout: "timeout";
                memory_limit: "memory_limit";
                pids_limit: "pids_limit";
                output_limit: "output_limit";
                sandbox_error: "sandbox_error";
                ok: "ok";
                compile_error: "compile_error";
                interrupted: "interrupted";
            }>;
            durationMs: z.ZodNumber;
            truncated: z.ZodBoolean;
            language: z.ZodString;
            sessionId: z.ZodNullable<z.ZodString>;
            runId: z.ZodString;
            result: z.ZodOptional<z.ZodString>;
            kernelRestarted: z.ZodOptional<z.ZodBoolean>;
            background: z.ZodOptional<z.ZodObject<{
                stdout: z.ZodString;
                stderr: z.ZodString;
            }, z.core.$strip>>;
            results: z.ZodOptional<z.ZodArray<z.ZodObject<{
                "text/plain": z.ZodString;
                "text/html": z.ZodOptional<z.ZodString>;
                "text/markdown": z.ZodOptional<z.ZodString>;
                "image/png": z.ZodOptional<z.ZodString>;
                "image/jpeg": z.ZodOptional<z.ZodString>;
                "image/svg+xml": z.ZodOptional<z.ZodString>;
                "application/json": z.ZodOptional<z.ZodUnknown>;
                isMainResult: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strip>>>;
            resultsDropped: z.ZodOptional<z.ZodNumber>;
            executionCount: z.ZodOptional<z.ZodNumber>;
            stateKept: z.ZodOptional<z.ZodBoolean>;
            sessionEnded: z.ZodOptional<z.ZodEnum<{
                cpu_budget: "cpu_budget";
            }>>;
        }, z.core.$strip>;
    }, z.core.$strip>;
}, z.core.$strip>, z.ZodObject<{
    event: z.ZodLiteral<"error">;
    data: z.ZodObject<{
        error: z.ZodObject<{
            code: z.ZodString;
            message: z.ZodString;
            field: z.ZodOptional<z.ZodString>;
        }, z.core.$strip>;
    }, z.core.$strip>;
}, z.core.$strip>], "event">;
export type RunStreamMessage = z.infer<typeof runStreamMessageSchema>;
/** What a run reports while it executes, before the server turns it into SSE (`type` becomes `event:`). */
export type RunEvent = {
    [Type in Exclude<RunStreamEventName, "error">]: {
        type: Type;
    } & z.infer<RunStreamDataSchemas[Type]>;
}[Exclude<RunStreamEventName, "error">];
export declare const languageInfoSchema: z.ZodObject<{
    name: z.ZodString;
    aliases: z.ZodArray<z.ZodString>;
    version: z.ZodString;
    runtime: z.ZodOptional<z.ZodObject<{
        name: z.ZodString;
        version: z.ZodString;
    }, z.core.$strip>>;
    stateful: z.ZodBoolean;
    compiled: z.ZodBoolean;
}, z.core.$strip>;
export type LanguageInfo = z.infer<typeof languageInfoSchema>;
export declare const notebookInfoSchema: z.ZodObject<{
    sessionId: z.ZodString;
    owner: z.ZodString;
    createdAt: z.ZodString;
    lastUsedAt: z.ZodString;
    expiresAt: z.ZodString;
    kernels: z.ZodArray<z.ZodString>;
    runs: z.ZodNumber;
    busy: z.ZodBoolean;
}, z.core.$strip>;
export type NotebookInfo = z.infer<typeof notebookInfoSchema>;
/** `POST /run` with `wait: false`: the run is stored and queued; its result is at `GET /runs/{runId}`. */
export declare const runAcceptedSchema: z.ZodObject<{
    runId: z.ZodString;
    status: z.ZodLiteral<"queued">;
}, z.core.$strip>;
export type RunAccepted = z.infer<typeof runAcceptedSchema>;
/** A run that has not ended yet, as `GET /runs/{runId}` shows it. */
export declare const pendingRunSchema: z.ZodObject<{
    runId: z.ZodString;
    status: z.ZodEnum<{
        running: "running";
        queued: "queued";
    }>;
    language: z.ZodString;
    sessionId: z.ZodNullable<z.ZodString>;
    createdAt: z.ZodString;
}, z.core.$strip>;
export type PendingRun = z.infer<typeof pendingRunSchema>;
/** One line of `GET /runs`: what a run was and how it ended, without its output. */
export declare const runSummarySchema: z.ZodObject<{
    runId: z.ZodString;
    status: z.ZodUnion<readonly [z.ZodEnum<{
        error: "error";
        timeout: "timeout";
        memory_limit: "memory_limit";
        pids_limit: "pids_limit";
        output_limit: "output_limit";
        sandbox_error: "sandbox_error";
        ok: "ok";
        compile_error: "compile_error";
        interrupted: "interrupted";
    }>, z.ZodEnum<{
        running: "running";
        queued: "queued";
    }>]>;
    language: z.ZodString;
    sessionId: z.ZodNullable<z.ZodString>;
    exitCode: z.ZodNullable<z.ZodNumber>;
    durationMs: z.ZodNumber;
    createdAt: z.ZodString;
}, z.core.$strip>;
export type RunSummary = z.infer<typeof runSummarySchema>;
export declare const runListSchema: z.ZodObject<{
    runs: z.ZodArray<z.ZodObject<{
        runId: z.ZodString;
        status: z.ZodUnion<readonly [z.ZodEnum<{
            error: "error";
            timeout: "timeout";
            memory_limit: "memory_limit";
            pids_limit: "pids_limit";
            output_limit: "output_limit";
            sandbox_error: "sandbox_error";
            ok: "ok";
            compile_error: "compile_error";
            interrupted: "interrupted";
        }>, z.ZodEnum<{
            running: "running";
            queued: "queued";
        }>]>;
        language: z.ZodString;
        sessionId: z.ZodNullable<z.ZodString>;
        exitCode: z.ZodNullable<z.ZodNumber>;
        durationMs: z.ZodNumber;
        createdAt: z.ZodString;
    }, z.core.$strip>>;
    nextCursor: z.ZodNullable<z.ZodString>;
}, z.core.$strip>;
export type RunList = z.infer<typeof runListSchema>;
export {};
