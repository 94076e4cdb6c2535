/** Line breaks would end the field early (and could inject fields), so they are dropped. */
function singleLine(value) {
    return value.replace(/[\r\n\0]/g, "");
}
export function formatSseMessage(message) {
    let text = "";
    if (message.id !== undefined)
        text += `id: ${singleLine(String(message.id))}\n`;
    if (message.event !== undefined)
        text += `event: ${singleLine(message.event)}\n`;
    if (message.retry !== undefined)
        text += `retry: ${Math.max(0, Math.floor(message.retry))}\n`;
    for (const line of message.data.split(/\r\n|\r|\n/))
        text += `data: ${line}\n`;
    return `${text}\n`;
}
/** A comment line: ignored by clients, but keeps proxies and idle timers from closing the stream. */
export function formatSseComment(text) {
    return `${text
        .split(/\r\n|\r|\n/)
        .map((line) => `: ${line}`)
        .join("\n")}\n\n`;
}
export class SseStream {
    sink;
    controller = new AbortController();
    maxBufferedBytes;
    drainTimeoutMs;
    heartbeat;
    drainTimer;
    reason;
    isCorked = false;
    constructor(sink, options = {}) {
        this.sink = sink;
        this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
        this.drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
        const heartbeatMs = options.heartbeatMs ?? 15_000;
        if (heartbeatMs > 0) {
            this.heartbeat = setInterval(() => this.write(formatSseComment("heartbeat")), heartbeatMs);
            this.heartbeat.unref();
        }
        sink.on("close", this.onSinkClose);
        sink.on("drain", this.onDrain);
    }
    /** Aborts when the stream ends other than by `end()`: the client left or could not keep up. */
    get signal() {
        return this.controller.signal;
    }
    /** Undefined while the stream is open. */
    get closeReason() {
        return this.reason;
    }
    get isOpen() {
        return this.reason === undefined;
    }
    /** Returns false when the stream is closed (the message was dropped). */
    send(message) {
        return this.write(formatSseMessage(message));
    }
    /** Frames already formatted (several messages at once, say); returns false when the stream is closed. */
    sendFormatted(frames) {
        return this.write(frames);
    }
    comment(text) {
        return this.write(formatSseComment(text));
    }
    /**
     * Resolves once the socket has taken what was written (or the stream closed).
     * A producer that can re-read what it sends (the event log) waits here
     * instead of piling events up in memory.
     */
    drained() {
        // 'drain' only follows a write that returned false, so only then is there anything to wait for.
        if (!this.isOpen || !this.sink.writableNeedDrain)
            return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                this.sink.off("drain", done);
                this.controller.signal.removeEventListener("abort", done);
                resolve();
            };
            this.sink.once("drain", done);
            this.controller.signal.addEventListener("abort", done, { once: true });
        });
    }
    /** Finishes the response normally. */
    end() {
        if (!this.close("finished"))
            return;
        this.sink.end();
    }
    write(text) {
        if (!this.isOpen)
            return false;
        // Events written in one turn of the event loop leave in one socket write: a
        // watcher catching up, or 100 watchers of a busy session, cost far fewer syscalls.
        if (!this.isCorked) {
            this.isCorked = true;
            this.sink.cork();
            setImmediate(() => {
                this.isCorked = false;
                this.sink.uncork();
            });
        }
        const isFlushed = this.sink.write(text);
        if (this.sink.writableLength > this.maxBufferedBytes) {
            this.abandon();
            return false;
        }
        if (!isFlushed && this.drainTimer === undefined) {
            this.drainTimer = setTimeout(() => this.abandon(), this.drainTimeoutMs);
            this.drainTimer.unref();
        }
        return true;
    }
    abandon() {
        if (!this.close("slow_consumer"))
            return;
        this.sink.destroy();
        this.controller.abort(new Error("SSE consumer too slow; stream closed"));
    }
    onDrain = () => {
        clearTimeout(this.drainTimer);
        this.drainTimer = undefined;
    };
    onSinkClose = () => {
        if (!this.close("client_closed"))
            return;
        this.controller.abort(new Error("SSE client disconnected"));
    };
    /** Returns false when the stream was already closed. */
    close(reason) {
        if (this.reason !== undefined)
            return false;
        this.reason = reason;
        clearInterval(this.heartbeat);
        clearTimeout(this.drainTimer);
        this.sink.off("close", this.onSinkClose);
        this.sink.off("drain", this.onDrain);
        return true;
    }
}
/**
 * Takes the response over from Fastify and starts an event stream on it. Call it
 * only once nothing can fail any more that should be a plain JSON error.
 */
export function openSseStream(reply, options = {}) {
    reply.hijack();
    // Headers set on the reply before the takeover (by hooks, say) still go out.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined)
            reply.raw.setHeader(name, value);
    }
    reply.raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        // Reverse proxies (nginx) would otherwise hold events back in their buffers.
        "x-accel-buffering": "no",
    });
    reply.raw.flushHeaders();
    return new SseStream(reply.raw, options);
}
//# sourceMappingURL=sse.js.map