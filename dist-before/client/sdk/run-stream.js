import { HangarClientError } from "../hangar-client-error.js";
import { readSseMessages } from "../sse-messages.js";
/**
 * Reads the event stream of `POST /run` with `Accept: text/event-stream`:
 * `start`, any number of `stdout`/`stderr`/`result`, then `end` with the whole result;
 * or `error` when the run failed after the stream began.
 */
export async function readRunStream(body, callbacks) {
    for await (const message of readSseMessages(body)) {
        const parsed = parseMessage(message.event, message.data);
        switch (parsed?.event) {
            case "start":
                callbacks.onStart?.(parsed.data);
                break;
            case "stdout":
                callbacks.onStdout?.(parsed.data.data);
                break;
            case "stderr":
                callbacks.onStderr?.(parsed.data.data);
                break;
            case "result":
                callbacks.onResult?.(parsed.data);
                break;
            case "end":
                return parsed.data.result;
            case "error": {
                const { code, message: text, field } = parsed.data.error;
                throw new HangarClientError(code, text, field === undefined ? {} : { field });
            }
            default:
                break; // a message kind this client does not know yet
        }
    }
    throw new HangarClientError("BAD_RESPONSE", "the run's event stream ended without its result");
}
function parseMessage(event, data) {
    try {
        return { event, data: JSON.parse(data) };
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=run-stream.js.map