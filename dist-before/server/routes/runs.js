import { z } from "zod";
import { HangarError, isHangarError } from "../../core/errors.js";
import { identifierSchema, languageInfoSchema, notebookInfoSchema, pendingRunSchema, runAcceptedSchema, runListSchema, runRequestSchema, runResultSchema, runStreamMessageSchema, } from "../../protocol/index.js";
import { acceptJsonWithoutContentType } from "../json-without-content-type.js";
import { refuseMistypedFields } from "../mistyped-fields.js";
import { errorResponses, jsonBodyErrorCodes } from "../error-responses.js";
import { nameSchema } from "../openapi-components.js";
import { toErrorResponse } from "../error-handler.js";
import { openSseStream } from "../sse.js";
/** Runs per page of `GET /runs` when the caller does not say. */
const defaultRunsPerPage = 20;
const maxRunsPerPage = 100;
/**
 * Code execution: `POST /run` (JSON, SSE, or accepted and polled), `GET /runs`, `GET /languages`
 * and the caller's run sessions.
 */
export const runsRoutes = async (app, options) => {
    const { runService, config, metrics } = options;
    // Coderunner's Go clients post JSON without a Content-Type; this plugin's routes accept that.
    acceptJsonWithoutContentType(app);
    const bodySchema = runRequestSchema({
        maxTimeoutMs: config.runs.max_timeout_ms,
        maxCodeBytes: config.runs.max_code_bytes,
    });
    // Built from this server's limits, so it is named here rather than with the protocol's schemas.
    nameSchema(bodySchema, "RunRequest");
    app.post("/run", {
        preValidation: refuseMistypedFields(Object.keys(bodySchema.shape)),
        schema: {
            operationId: "runCode",
            summary: "Run code",
            description: "Runs code in a sandbox and answers with the result. With `Accept: text/event-stream` the run " +
                "is streamed instead: SSE messages `event: <name>` + `data: <JSON>` (no `id:`), in order `start`, " +
                "any number of `stdout`/`stderr` and `result` (a notebook run's rich result as it comes: a MimeBundle), " +
                "then `end` whose data is `{result}` (the RunResult); or `error` " +
                "(data `{error}`) when the run fails after the stream began. A failure before the first event is " +
                "an ordinary JSON error answer with its status. The stream's schema is one message " +
                "`{event, data}`: `event` is the SSE `event:` line, `data` the JSON in its `data:` line. " +
                'With `"wait": false` the run is stored and queued and the answer is `202 {runId}` at once; ' +
                "`GET /runs/{runId}` then tells how it stands and, once it ended, gives the result. " +
                "A body without a Content-Type is taken as JSON (Coderunner's Go clients send none), unless the " +
                "request comes from a browser page (it has an Origin header).",
            tags: ["runs"],
            body: bodySchema,
            response: {
                202: runAcceptedSchema.describe("wait: false — the run is queued; poll GET /runs/{runId}"),
                200: {
                    description: "The result; or, with `Accept: text/event-stream`, the run as SSE messages",
                    content: {
                        "application/json": { schema: runResultSchema },
                        "text/event-stream": { schema: runStreamMessageSchema },
                    },
                },
                ...errorResponses(...jsonBodyErrorCodes, "UNKNOWN_LANGUAGE", "INVALID_PATH", "SANDBOX_ERROR", "SANDBOX_GONE", "ISOLATION_UNAVAILABLE", "ENGINE_UNAVAILABLE", "CAPACITY"),
            },
        },
    }, async (request, reply) => {
        const runRequest = request.body;
        if (runRequest.wait === false) {
            const accepted = await submitCounted(request.owner, runRequest);
            return reply.code(202).header("location", `/runs/${accepted.runId}`).send(accepted);
        }
        // A client that hung up will never read the result, so its run is not worth finishing.
        const controller = new AbortController();
        reply.raw.on("close", () => {
            if (!reply.raw.writableFinished)
                controller.abort(new Error("client disconnected"));
        });
        if (acceptsEventStream(request.headers.accept)) {
            await streamRun(request, reply, runRequest, controller);
            return reply;
        }
        const result = await executeCounted(request.owner, runRequest, { signal: controller.signal });
        return result;
    });
    async function submitCounted(owner, runRequest) {
        try {
            return await runService.submit(owner, runRequest, { onEnd: (result) => metrics.recordRun(result) });
        }
        catch (error) {
            metrics.recordRejection(isHangarError(error) ? error.code : "INTERNAL");
            throw error;
        }
    }
    async function executeCounted(owner, runRequest, executeOptions) {
        try {
            const result = await runService.execute(owner, runRequest, executeOptions);
            metrics.recordRun(result);
            return result;
        }
        catch (error) {
            metrics.recordRejection(isHangarError(error) ? error.code : "INTERNAL");
            throw error;
        }
    }
    /**
     * The response turns into an event stream at the run's first event: until
     * then a failure (unknown language, queue full) is still an ordinary JSON error
     * with its status code. A failure after that is sent as an `error` event.
     */
    async function streamRun(request, reply, runRequest, controller) {
        let stream;
        let hasSentEnd = false;
        const open = () => {
            if (stream === undefined) {
                stream = openSseStream(reply, options.sse);
                // Cut for being too slow is a disconnect too; the response 'close' may come later.
                stream.signal.addEventListener("abort", () => controller.abort(stream?.signal.reason), {
                    once: true,
                });
            }
            return stream;
        };
        const send = (message) => {
            if (message.event === "end")
                hasSentEnd = true;
            open().send({ event: message.event, data: JSON.stringify(message.data) });
        };
        const onEvent = (event) => {
            const { type, ...data } = event;
            send({ event: type, data });
        };
        try {
            const result = await executeCounted(request.owner, runRequest, { signal: controller.signal, onEvent });
            if (!hasSentEnd)
                send({ event: "end", data: { result } });
        }
        catch (error) {
            if (stream === undefined)
                throw error;
            const mapped = toErrorResponse(error);
            if (mapped.isInternal)
                request.log.error({ err: error }, "streamed run failed");
            send({ event: "error", data: mapped.body });
        }
        stream?.end();
    }
    app.get("/runs/:runId", {
        schema: {
            operationId: "getRun",
            summary: "Get a run: its result once it ended, else whether it is queued or running",
            description: "The caller's own runs only (another owner's run is 404, like a missing one). Runs are kept " +
                "for runs.result_retention_seconds after they were accepted.",
            tags: ["runs"],
            params: z.object({ runId: z.string().min(1).max(128) }),
            response: {
                200: z.union([runResultSchema, pendingRunSchema]),
                ...errorResponses("VALIDATION_FAILED", "NOT_FOUND"),
            },
        },
    }, async (request) => runService.getRun(request.owner, request.params.runId));
    app.get("/runs", {
        schema: {
            operationId: "listRuns",
            summary: "List the caller's recent runs, newest first",
            tags: ["runs"],
            querystring: z.object({
                limit: z.coerce.number().int().min(1).max(maxRunsPerPage).default(defaultRunsPerPage),
                cursor: z.string().min(1).max(1024).optional().describe("The nextCursor of the previous page"),
            }),
            response: { 200: runListSchema, ...errorResponses("VALIDATION_FAILED") },
        },
    }, async (request) => runService.listRuns(request.owner, { limit: request.query.limit, cursor: request.query.cursor }));
    app.get("/languages", {
        schema: {
            operationId: "listLanguages",
            summary: "List the languages code can be run in",
            tags: ["runs"],
            response: { 200: z.object({ languages: z.array(languageInfoSchema) }), ...errorResponses() },
        },
    }, async () => ({ languages: runService.languages() }));
    app.get("/run/sessions", {
        schema: {
            operationId: "listRunSessions",
            summary: "List the caller's run sessions",
            tags: ["runs"],
            response: { 200: z.object({ sessions: z.array(notebookInfoSchema) }), ...errorResponses() },
        },
    }, async (request) => ({ sessions: runService.listNotebooks(request.owner) }));
    app.delete("/run/sessions/:sessionId", {
        schema: {
            operationId: "deleteRunSession",
            summary: "End a run session and destroy its sandbox",
            tags: ["runs"],
            params: z.object({ sessionId: identifierSchema }),
            response: {
                204: z.undefined().describe("Session deleted"),
                ...errorResponses("VALIDATION_FAILED", "SESSION_NOT_FOUND", "SANDBOX_ERROR"),
            },
        },
    }, async (request, reply) => {
        const { sessionId } = request.params;
        // Another owner's session answers exactly like a missing one, so ids cannot be probed.
        if (!(await runService.deleteNotebook(request.owner, sessionId))) {
            throw new HangarError("SESSION_NOT_FOUND", `no run session '${sessionId}'`, { field: "sessionId" });
        }
        return reply.code(204).send();
    });
};
function acceptsEventStream(accept) {
    return accept !== undefined && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}
//# sourceMappingURL=runs.js.map