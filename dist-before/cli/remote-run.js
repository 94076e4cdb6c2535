import { HangarClientError, errorFromResponse } from "../client/hangar-client-error.js";
import { SseParser } from "../client/sse-parser.js";
import { runStreamDataSchemas } from "../protocol/run-messages.js";
/**
 * `POST /run` on a running server with `Accept: text/event-stream`, so output is
 * printed while the program runs, as it is for a local run; resolves with the result.
 */
export async function runOnServer(request, options) {
    const url = `${options.baseUrl.replace(/\/+$/, "")}/run`;
    let response;
    try {
        response = await fetch(url, {
            method: "POST",
            headers: {
                "content-type": "application/json",
                accept: "text/event-stream",
                ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
            },
            body: JSON.stringify(request),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
    }
    catch (error) {
        throw new HangarClientError("UNREACHABLE", `cannot reach ${options.baseUrl} (--server): ${causeOf(error)}`, {
            cause: error,
        });
    }
    if (!response.ok)
        throw await errorFromResponse(response);
    if (response.body === null)
        throw new HangarClientError("BAD_RESPONSE", "the server sent no body");
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
        for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
            const result = handle(message.event, message.data, options);
            if (result !== undefined)
                return result;
        }
    }
    throw new HangarClientError("BAD_RESPONSE", "the run's stream ended before its result");
}
function handle(event, data, options) {
    const payload = JSON.parse(data);
    switch (event) {
        case "stdout":
            options.onStdout(runStreamDataSchemas.stdout.parse(payload).data);
            return undefined;
        case "stderr":
            options.onStderr(runStreamDataSchemas.stderr.parse(payload).data);
            return undefined;
        case "end":
            return runStreamDataSchemas.end.parse(payload).result;
        case "error": {
            const { code, message, field } = runStreamDataSchemas.error.parse(payload).error;
            throw new HangarClientError(code, message, field === undefined ? {} : { field });
        }
        default:
            return undefined;
    }
}
/** fetch's "fetch failed" hides the reason (ECONNREFUSED …) in its cause. */
function causeOf(error) {
    const cause = error.cause;
    return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
//# sourceMappingURL=remote-run.js.map