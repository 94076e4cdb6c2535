import type { EventRepository, LoggedOrigin } from "./event-repository.js";
import { type EventSubscription } from "./event-subscription.js";
import type { SessionEvent, SessionEventName, SessionEventPayloads } from "./session-events.js";
export type { EventSubscription } from "./event-subscription.js";
export interface EventLogOptions {
    /** Live events a subscriber may hold before it is made to catch up from the store; default 1000. */
    maxQueued?: number;
    /** Events read from the store at a time while replaying or catching up; default 500. */
    pageSize?: number;
    /** The clock for `created_at`; tests replace it. */
    now?: () => Date;
    /** Subscribers woken per turn of the event loop at most; default 64 (see WakeScheduler). */
    wakesPerTurn?: number;
}
export interface SubscribeOptions {
    /** Overrides the log's `maxQueued` for this subscriber. */
    maxQueued?: number;
    /** Closes the subscription when aborted. */
    signal?: AbortSignal;
}
export interface WaitForOptions {
    /** Only events with a greater seq are considered; default 0 (the whole log). */
    afterSeq?: number;
    signal?: AbortSignal;
}
/**
 * The durable event log of agent sessions with live fan-out. `append` commits
 * the event before anyone can see it, then hands it to every live subscriber of
 * the session synchronously and cheaply (an array push per subscriber). The
 * consumers are not run there: their wake-ups go through a WakeScheduler, a
 * chunk per turn of the event loop, so 1,000 SSE watchers do not write 1,000
 * sockets in one turn, and a burst of appends wakes each consumer once. A
 * subscriber replays from the store, then follows live events; one that falls
 * more than `maxQueued` behind drops what it holds and re-reads from the store,
 * so slow consumers cost memory up to a bound and never slow `append` down.
 * While a session has subscribers, its last `maxQueued` to 2 × `maxQueued`
 * events stay in memory (RecentEvents), and those re-reads come from there.
 *
 * The repository is asynchronous, so appends of one session are chained: each
 * is committed and fanned out before the next one's insert starts. Events of a
 * session therefore reach subscribers in seq order, whatever the store. Each
 * append of a burst then commits in its own microtask, so a consumer woken
 * straight from a push ran between two appends of the burst and wrote every
 * event on its own; waking later makes a burst one wake-up per consumer again.
 */
export declare class EventLog {
    #private;
    constructor(repository: EventRepository, options?: EventLogOptions);
    /**
     * Commits the event, then hands it to the session's live subscribers before
     * resolving. Appends of one session run in call order, one at a time. Do not
     * call it inside a wider transaction: subscribers would be sent an event that
     * a rollback could still take back.
     */
    append<Name extends SessionEventName>(sessionId: string, name: Name, data: SessionEventPayloads[Name], origin?: number): Promise<SessionEvent<Name>>;
    /** The origin of the session's newest event that has one (see `LoggedOrigin`), once every append so far is in. */
    lastOrigin(sessionId: string): Promise<LoggedOrigin | undefined>;
    /**
     * Calls `listener` with every event of every session once it is stored, in each
     * session's order; for observers such as metrics, which must not slow appends down
     * (a listener that throws is ignored). Returns the function that stops it.
     */
    watch(listener: (event: SessionEvent) => void): () => void;
    /** Resolves once every append of the session made so far is committed and fanned out. */
    settled(sessionId: string): Promise<void>;
    /** Every event with seq > afterSeq, exactly once and in order: the stored ones, then live ones. */
    subscribe(sessionId: string, afterSeq: number, options?: SubscribeOptions): EventSubscription;
    /** One page of stored events, for JSON clients. */
    list(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
    lastSeq(sessionId: string): Promise<number>;
    /** Ends every subscription (their iterators finish); for shutdown, so streams end instead of hanging. */
    closeAll(): void;
    /** Live subscribers of a session; for metrics and tests. */
    subscriberCount(sessionId: string): number;
    /** The first event (after `afterSeq`) that matches; rejects with the signal's reason when aborted. */
    waitFor(sessionId: string, predicate: (event: SessionEvent) => boolean, options?: WaitForOptions): Promise<SessionEvent>;
}
