/**
 * Reads a Server-Sent Events body (the WHATWG event-stream format) with
 * `eventsource-parser`, adding what a browser's EventSource adds on top of
 * the parsing: a message without `event:` is a `message`, and the last event
 * id stays in force across messages (the parser reports an id only on the
 * message that carried it; a reconnect needs the last one ever seen).
 */
export interface SseMessage {
    /** `message` when the block named none. */
    event: string;
    data: string;
    /** The last event id in force when this message was dispatched; undefined when none was ever set. */
    id: string | undefined;
}
export interface ReadSseOptions {
    /**
     * The longest unfinished message held, in characters: a stream that never ends its
     * line would otherwise grow without bound. Past it the read fails. Default 16 MiB.
     */
    maxBufferSize?: number;
}
/** Reads an event stream body to its end, yielding each message as it completes. */
export declare function readSseMessages(body: ReadableStream<Uint8Array>, options?: ReadSseOptions): AsyncGenerator<SseMessage>;
