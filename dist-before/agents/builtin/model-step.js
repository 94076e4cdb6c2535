import { withModelRetries } from "./model-retry.js";
/**
 * Throws what the provider or the retries produced (`APICallError`, `RetryError`, an
 * `error` part's error), a `TimeoutError` when the model went quiet for
 * `chunkTimeoutMs`, or the signal's reason.
 */
export async function runModelStep(request) {
    // One controller per call: providers add listeners to the signal they get and
    // never remove them, so the turn's own signal would collect one per step.
    const abort = new AbortController();
    const forwardAbort = () => abort.abort(request.signal.reason);
    if (request.signal.aborted)
        forwardAbort();
    else
        request.signal.addEventListener("abort", forwardAbort, { once: true });
    const quiet = new QuietTimer(abort, request.chunkTimeoutMs);
    try {
        const { stream } = await withModelRetries(async () => {
            quiet.restart();
            try {
                return await request.model.doStream({
                    prompt: request.prompt,
                    tools: request.tools,
                    toolChoice: { type: "auto" },
                    abortSignal: abort.signal,
                });
            }
            finally {
                // Waiting between attempts is the retries' business, not a quiet model.
                quiet.stop();
            }
        }, {
            maxRetries: request.maxRetries,
            signal: abort.signal,
            ...(request.onRetry === undefined ? {} : { onRetry: request.onRetry }),
        });
        quiet.restart();
        return await readStep(stream, abort.signal, quiet, request.onText);
    }
    finally {
        quiet.stop();
        request.signal.removeEventListener("abort", forwardAbort);
    }
}
async function readStep(stream, signal, quiet, onText) {
    const collector = new StepCollector();
    const reader = stream.getReader();
    // A provider stream that ignores the signal must not keep the step waiting.
    const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
    signal.addEventListener("abort", cancel, { once: true });
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (signal.aborted)
                throw signal.reason;
            if (done)
                break;
            quiet.restart();
            const text = collector.add(value);
            if (text !== "")
                onText(text);
        }
    }
    catch (error) {
        // Whatever stopped the reading, the provider's stream (and its connection) is let go.
        await reader.cancel(error).catch(() => undefined);
        throw signal.aborted ? signal.reason : error;
    }
    finally {
        signal.removeEventListener("abort", cancel);
        reader.releaseLock();
    }
    return collector.result();
}
/** Gathers a step's stream parts as the SDK did for `response.messages`. */
class StepCollector {
    #content = [];
    #openParts = new Map();
    #invalidResults = [];
    #text = "";
    #toolCalls = 0;
    #error;
    #finishReason = "other";
    #inputTokens = 0;
    #outputTokens = 0;
    /** Returns the answer text the part adds ("" for any other part). */
    add(part) {
        switch (part.type) {
            case "text-start":
            case "reasoning-start": {
                const type = part.type === "text-start" ? "text" : "reasoning";
                const started = { type, text: "", ...options(part.providerMetadata) };
                this.#openParts.set(`${type}:${part.id}`, started);
                this.#content.push(started);
                return "";
            }
            case "text-delta":
            case "reasoning-delta": {
                const type = part.type === "text-delta" ? "text" : "reasoning";
                const open = this.#open(type, part.id);
                open.text += part.delta;
                if (part.providerMetadata !== undefined)
                    open.providerOptions = part.providerMetadata;
                if (type !== "text")
                    return "";
                this.#text += part.delta;
                return part.delta;
            }
            case "text-end":
            case "reasoning-end": {
                const type = part.type === "text-end" ? "text" : "reasoning";
                const open = this.#open(type, part.id);
                if (part.providerMetadata !== undefined)
                    open.providerOptions = part.providerMetadata;
                this.#openParts.delete(`${type}:${part.id}`);
                return "";
            }
            case "tool-call":
                this.#addToolCall(part);
                return "";
            case "file":
                this.#content.push({
                    type: "file",
                    data: typeof part.data === "string" ? part.data : Buffer.from(part.data).toString("base64"),
                    mediaType: part.mediaType,
                    ...options(part.providerMetadata),
                });
                return "";
            case "finish":
                this.#finishReason = part.finishReason.unified;
                this.#inputTokens = part.usage.inputTokens.total ?? 0;
                this.#outputTokens = part.usage.outputTokens.total ?? 0;
                return "";
            case "error":
                // The SDK reads on after an error part; the step fails with the first one.
                this.#error ??= { error: part.error };
                return "";
            default:
                return "";
        }
    }
    result() {
        if (this.#error !== undefined)
            throw this.#error.error;
        const content = this.#content.filter((part) => part.type !== "text" || part.text !== "");
        const messages = [];
        if (content.length > 0)
            messages.push({ role: "assistant", content });
        if (this.#invalidResults.length > 0)
            messages.push({ role: "tool", content: this.#invalidResults });
        return {
            text: this.#text,
            messages,
            toolCalls: this.#toolCalls,
            finishReason: this.#finishReason,
            inputTokens: this.#inputTokens,
            outputTokens: this.#outputTokens,
        };
    }
    /** A delta for a part that never started starts it (the SDK reported an error instead). */
    #open(type, id) {
        const open = this.#openParts.get(`${type}:${id}`);
        if (open !== undefined)
            return open;
        const started = { type, text: "" };
        this.#openParts.set(`${type}:${id}`, started);
        this.#content.push(started);
        return started;
    }
    #addToolCall(part) {
        this.#toolCalls += 1;
        const parsed = parseToolInput(part.input);
        this.#content.push({
            type: "tool-call",
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            // As the SDK stored a call whose input was not JSON: an empty object.
            input: parsed.isValid ? parsed.value : {},
            ...(part.providerExecuted === undefined ? {} : { providerExecuted: part.providerExecuted }),
            ...options(part.providerMetadata),
        });
        if (parsed.isValid)
            return;
        this.#invalidResults.push({
            type: "tool-result",
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            output: {
                type: "error-text",
                value: `Invalid input for tool ${part.toolName}: the arguments are not valid JSON (${parsed.problem}). Call the tool again with a JSON object as its arguments.`,
            },
        });
    }
}
function parseToolInput(text) {
    // Providers send an empty string for a call without arguments.
    if (text.trim() === "")
        return { isValid: true, value: {} };
    try {
        return { isValid: true, value: JSON.parse(text) };
    }
    catch (error) {
        return { isValid: false, problem: error instanceof Error ? error.message : String(error) };
    }
}
/** Provider metadata of a streamed part becomes the stored part's provider options (as the SDK did). */
function options(metadata) {
    return metadata === undefined ? {} : { providerOptions: metadata };
}
/** Aborts the call when the model sends nothing for `timeoutMs`. */
class QuietTimer {
    abort;
    timeoutMs;
    #timer;
    constructor(abort, timeoutMs) {
        this.abort = abort;
        this.timeoutMs = timeoutMs;
    }
    restart() {
        // Re-arming an existing timer is cheaper than a new one per chunk.
        if (this.#timer !== undefined) {
            this.#timer.refresh();
            return;
        }
        this.#timer = setTimeout(() => {
            this.abort.abort(new DOMException(`the model sent nothing for ${this.timeoutMs} ms: the call was abandoned`, "TimeoutError"));
        }, this.timeoutMs);
    }
    stop() {
        clearTimeout(this.#timer);
        this.#timer = undefined;
    }
}
//# sourceMappingURL=model-step.js.map