import type { SessionEvent } from "./session-events.js";
/** A live view of one session's events; iterate it once, close it when done. */
export interface EventSubscription extends AsyncIterable<SessionEvent>, AsyncIterator<SessionEvent> {
    /** Ends the iteration (a pending `next()` resolves done); safe to call twice and from inside `for await`. */
    close(): void;
    readonly isClosed: boolean;
    /** The seq of the last event handed to the consumer (or the starting point). */
    readonly cursor: number;
    /** Live events held in memory for this consumer; never more than `maxQueued`. */
    readonly queued: number;
    /**
     * Hands out at once, without reading the store, up to `limit` events that
     * follow the cursor and are already in memory; empty when there are none.
     * After `next()`, a consumer takes the rest of a burst this way and writes
     * it in one go instead of one write (and one wake-up) per event.
     */
    takeReady(limit: number): SessionEvent[];
}
export interface EventSubscriberOptions {
    /** Deliver only events with a greater seq. */
    cursor: number;
    maxQueued: number;
    pageSize: number;
    /** Reads up to `pageSize` stored events after a seq, ascending. */
    readPage: (afterSeq: number) => Promise<SessionEvent[]>;
    onClose: () => void;
    /**
     * Runs `wake` later, on the log's schedule. A push only queues the event and
     * asks for this; waking the consumer (whose work, e.g. writing to a socket,
     * follows at once in the same turn) is left to the log, which spreads the
     * wake-ups of many subscribers over turns of the event loop.
     */
    wakeLater: (wake: () => void) => void;
}
/**
 * One subscriber's state. Delivery is driven by `cursor` (the last seq handed
 * out): an event is handed out only when its seq is `cursor + 1`, which is what
 * makes delivery exactly once and gap-free whatever mix of store pages and live
 * pushes produced it. Anything at or below the cursor is a duplicate; anything
 * above `cursor + 1` means events were missed, and the store fills the gap.
 */
export declare class EventSubscriber implements EventSubscription {
    #private;
    constructor(options: EventSubscriberOptions);
    get isClosed(): boolean;
    get cursor(): number;
    get queued(): number;
    /** Called by the log on every append; O(1), never blocks on the consumer and never runs it. */
    push(event: SessionEvent): void;
    closeOn(signal: AbortSignal): void;
    close(): void;
    next(): Promise<IteratorResult<SessionEvent, undefined>>;
    return(): Promise<IteratorResult<SessionEvent, undefined>>;
    [Symbol.asyncIterator](): EventSubscription;
    takeReady(limit: number): SessionEvent[];
}
