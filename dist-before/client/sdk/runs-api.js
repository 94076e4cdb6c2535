import { HangarClientError } from "../hangar-client-error.js";
import { readRunStream } from "./run-stream.js";
/** Runs code and answers with its result (streamed when a callback is given). */
export async function runCode(transport, code, options) {
    const { onStart, onStdout, onStderr, onResult, signal } = options;
    const body = runRequest(code, options);
    if (onStart === undefined && onStdout === undefined && onStderr === undefined && onResult === undefined)
        return transport.json("POST", "/run", { json: body, signal });
    const response = await transport.request("POST", "/run", {
        json: body,
        accept: "text/event-stream",
        signal,
    });
    // A server that does not stream (or an error that came before the stream) answers JSON.
    if (!(response.headers.get("content-type") ?? "").includes("text/event-stream"))
        return (await response.json());
    if (response.body === null)
        throw new HangarClientError("BAD_RESPONSE", "the run's stream has no body");
    return readRunStream(response.body, { ...options });
}
/** Judge0-style asynchronous runs: submit, then poll; each owner sees only their own runs. */
export class RunsApi {
    #transport;
    constructor(transport) {
        this.#transport = transport;
    }
    /** Queues the run (`wait: false`) and answers at once with its id. */
    submit(code, options) {
        return this.#transport.json("POST", "/run", {
            json: { ...runRequest(code, options), wait: false },
            signal: options.signal,
        });
    }
    /** The result once the run ended, else `{status: "queued" | "running"}`; 404 for another owner's run. */
    get(runId, signal) {
        return this.#transport.json("GET", `/runs/${encodeURIComponent(runId)}`, { signal });
    }
    /** Polls `get` until the run ended. */
    async wait(runId, options = {}) {
        for (;;) {
            const run = await this.get(runId, options.signal);
            if (!isPending(run))
                return run;
            await pause(options.intervalMs ?? 250, options.signal);
        }
    }
    /** The caller's runs, newest first, a page at a time. */
    list(options = {}) {
        return this.#transport.json("GET", "/runs", {
            query: { limit: options.limit, cursor: options.cursor },
            signal: options.signal,
        });
    }
}
export function isPending(run) {
    return run.status === "queued" || run.status === "running";
}
export async function listLanguages(transport, signal) {
    const answer = await transport.json("GET", "/languages", { signal });
    return answer.languages;
}
/** The request body: the options named as the API names them, callbacks and signal left out. */
function runRequest(code, options) {
    const { language, sessionId, version, timeoutMs, stdin, args, files, fresh } = options;
    return { code, language, sessionId, version, timeoutMs, stdin, args, files, fresh };
}
function pause(milliseconds, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted === true)
            return reject(signal.reason);
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", abort);
            resolve();
        }, milliseconds);
        const abort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener("abort", abort, { once: true });
    });
}
//# sourceMappingURL=runs-api.js.map