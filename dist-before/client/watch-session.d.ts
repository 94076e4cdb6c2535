import type { SessionEvent } from "../protocol/index.js";
/**
 * Follows `GET /agent/progress/{id}` across dropped connections. Each event
 * is yielded once, in seq order: a reconnect sends `Last-Event-ID` with the
 * last seq yielded, and anything at or below it is skipped should the server
 * send it again. The watch ends when the server ends the stream normally
 * (it does so after `session.ended` once nothing is queued, or at once for a
 * session already settled), when the signal aborts, or, after `retries`
 * failed attempts in a row, with the last error.
 */
export interface ReconnectOptions {
    /** Failed attempts in a row before giving up. Default 5. */
    retries?: number;
    /** The first pause; it doubles each time. Default 250 ms. */
    initialDelayMs?: number;
    /** Default 5 s. */
    maxDelayMs?: number;
}
export interface WatchOptions {
    /** Events after this seq; 0 (everything) by default. */
    since?: number;
    signal?: AbortSignal;
}
export interface WatchRequest {
    url: (since: number) => string;
    headers: Record<string, string>;
    fetch: typeof fetch;
    reconnect: ReconnectOptions;
}
export declare function watchSessionEvents(request: WatchRequest, options?: WatchOptions): AsyncGenerator<SessionEvent>;
