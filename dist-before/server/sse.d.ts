import type { Writable } from "node:stream";
import type { FastifyReply } from "fastify";
/**
 * Server-Sent Events over a raw HTTP response. Used for streamed runs and, later,
 * agent progress streams (which send `id:` lines so clients can resume with
 * Last-Event-ID). A consumer that stops reading must not make us buffer without
 * bound: past `maxBufferedBytes`, or when the socket has not drained for
 * `drainTimeoutMs`, the stream is cut and its signal aborts.
 */
export interface SseMessage {
    /** The event name; omitted means the default `message` event. */
    event?: string;
    /** Sent as one `data:` line per line of text. */
    data: string;
    id?: string | number;
    /** Reconnection delay the client should use, in milliseconds. */
    retry?: number;
}
export declare function formatSseMessage(message: SseMessage): string;
/** A comment line: ignored by clients, but keeps proxies and idle timers from closing the stream. */
export declare function formatSseComment(text: string): string;
export interface SseStreamOptions {
    /** Interval of comment heartbeats; 0 turns them off. Default 15 s. */
    heartbeatMs?: number;
    /** Bytes we accept waiting in memory for a slow consumer. Default 1 MiB. */
    maxBufferedBytes?: number;
    /** How long the socket may stay full before we give up on the consumer. Default 30 s. */
    drainTimeoutMs?: number;
}
export type SseCloseReason = "finished" | "client_closed" | "slow_consumer";
/** The part of a response (or any Writable) a stream writes to. */
export type SseSink = Pick<Writable, "write" | "cork" | "uncork" | "end" | "destroy" | "writableLength" | "writableNeedDrain" | "writableFinished" | "on" | "once" | "off">;
export declare class SseStream {
    private readonly sink;
    private readonly controller;
    private readonly maxBufferedBytes;
    private readonly drainTimeoutMs;
    private heartbeat;
    private drainTimer;
    private reason;
    private isCorked;
    constructor(sink: SseSink, options?: SseStreamOptions);
    /** Aborts when the stream ends other than by `end()`: the client left or could not keep up. */
    get signal(): AbortSignal;
    /** Undefined while the stream is open. */
    get closeReason(): SseCloseReason | undefined;
    get isOpen(): boolean;
    /** Returns false when the stream is closed (the message was dropped). */
    send(message: SseMessage): boolean;
    /** Frames already formatted (several messages at once, say); returns false when the stream is closed. */
    sendFormatted(frames: string | Buffer): boolean;
    comment(text: string): boolean;
    /**
     * Resolves once the socket has taken what was written (or the stream closed).
     * A producer that can re-read what it sends (the event log) waits here
     * instead of piling events up in memory.
     */
    drained(): Promise<void>;
    /** Finishes the response normally. */
    end(): void;
    private write;
    private abandon;
    private readonly onDrain;
    private readonly onSinkClose;
    /** Returns false when the stream was already closed. */
    private close;
}
/**
 * Takes the response over from Fastify and starts an event stream on it. Call it
 * only once nothing can fail any more that should be a plain JSON error.
 */
export declare function openSseStream(reply: FastifyReply, options?: SseStreamOptions): SseStream;
