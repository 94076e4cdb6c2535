export class SseParser {
    buffered = "";
    /** A `\r` ended the last chunk: a `\n` opening the next one belongs to the same line break. */
    isAfterCarriageReturn = false;
    eventName = "";
    dataLines = [];
    lastId;
    retry;
    /** The id of the last `id:` field seen, the value a reconnect sends as `Last-Event-ID`. */
    get lastEventId() {
        return this.lastId;
    }
    /** The reconnection delay the server asked for with `retry:`, in milliseconds. */
    get retryMs() {
        return this.retry;
    }
    /** Feeds decoded text; returns the messages it completed. */
    push(text) {
        if (this.isAfterCarriageReturn && text.startsWith("\n"))
            text = text.slice(1);
        this.isAfterCarriageReturn = false;
        this.buffered += text;
        const messages = [];
        const lineBreak = /\r\n|\r|\n/g;
        let start = 0;
        for (;;) {
            lineBreak.lastIndex = start;
            const match = lineBreak.exec(this.buffered);
            if (match === null)
                break;
            const end = match.index;
            // A lone `\r` at the very end may be the first half of `\r\n`.
            if (match[0] === "\r" && end === this.buffered.length - 1)
                this.isAfterCarriageReturn = true;
            const message = this.line(this.buffered.slice(start, end));
            if (message !== undefined)
                messages.push(message);
            start = end + match[0].length;
        }
        this.buffered = this.buffered.slice(start);
        return messages;
    }
    /** The stream ended: an unterminated block is dropped, as the format says. */
    end() {
        this.buffered = "";
        this.eventName = "";
        this.dataLines = [];
        this.isAfterCarriageReturn = false;
    }
    line(line) {
        if (line === "")
            return this.dispatch();
        if (line.startsWith(":"))
            return undefined;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? "" : line.slice(colon + 1);
        if (value.startsWith(" "))
            value = value.slice(1);
        switch (field) {
            case "event":
                this.eventName = value;
                break;
            case "data":
                this.dataLines.push(value);
                break;
            case "id":
                // An id with NUL would be unusable as a header value; the format says to ignore it.
                if (!value.includes("\0"))
                    this.lastId = value;
                break;
            case "retry":
                if (/^\d+$/.test(value))
                    this.retry = Number(value);
                break;
            default:
                break; // unknown fields are ignored
        }
        return undefined;
    }
    dispatch() {
        const dataLines = this.dataLines;
        const eventName = this.eventName;
        this.dataLines = [];
        this.eventName = "";
        if (dataLines.length === 0)
            return undefined;
        return { event: eventName === "" ? "message" : eventName, data: dataLines.join("\n"), id: this.lastId };
    }
}
/** Reads an event stream body to its end, yielding each message as it completes. */
export async function* readSseMessages(body, parser = new SseParser()) {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            yield* parser.push(decoder.decode(value, { stream: true }));
        }
        yield* parser.push(decoder.decode());
        parser.end();
    }
    finally {
        // Stops the download when the consumer leaves early; harmless after the end.
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
    }
}
//# sourceMappingURL=sse-parser.js.map