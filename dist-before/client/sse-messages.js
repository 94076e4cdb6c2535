import { createParser } from "eventsource-parser";
const defaultMaxBufferSize = 16 * 1024 * 1024;
/** Reads an event stream body to its end, yielding each message as it completes. */
export async function* readSseMessages(body, options = {}) {
    let lastId;
    let completed = [];
    let failure;
    const parser = createParser({
        maxBufferSize: options.maxBufferSize ?? defaultMaxBufferSize,
        onEvent: (message) => {
            if (message.id !== undefined)
                lastId = message.id;
            completed.push({ event: message.event ?? "message", data: message.data, id: lastId });
        },
        onError: (error) => {
            // Unknown fields and a bad `retry:` are ignored, as the format says; only the size limit is fatal.
            if (error.type === "max-buffer-size-exceeded")
                failure ??= error;
        },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    const take = () => {
        if (failure !== undefined)
            throw failure;
        const messages = completed;
        completed = [];
        return messages;
    };
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            parser.feed(decoder.decode(value, { stream: true }));
            yield* take();
        }
        // An unterminated block at the end is dropped, as the format says.
        parser.feed(decoder.decode());
        yield* take();
    }
    finally {
        // Stops the download when the consumer leaves early; harmless after the end.
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
    }
}
//# sourceMappingURL=sse-messages.js.map