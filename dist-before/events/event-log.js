import { HangarError } from "../core/errors.js";
import { EventSubscriber } from "./event-subscription.js";
import { RecentEvents } from "./recent-events.js";
import { WakeScheduler } from "./wake-scheduler.js";
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
export class EventLog {
    #repository;
    #subscribers = new Map();
    #maxQueued;
    #pageSize;
    #now;
    #wakes;
    /** Of sessions with live subscribers only; dropped with the last one. */
    #recent = new Map();
    /** The last append of each session still in flight; the next one waits for it. */
    #tails = new Map();
    /** Told of every event once it is stored (metrics), whoever subscribes. */
    #watchers = new Set();
    constructor(repository, options = {}) {
        this.#repository = repository;
        this.#maxQueued = positiveInteger(options.maxQueued ?? 1000, "maxQueued");
        this.#pageSize = positiveInteger(options.pageSize ?? 500, "pageSize");
        this.#now = options.now ?? (() => new Date());
        this.#wakes = new WakeScheduler({
            maxChunk: positiveInteger(options.wakesPerTurn ?? 64, "wakesPerTurn"),
            // A fifth of the goal for /health under fan-out (p99 <= 50 ms): room for everything else a turn does.
            turnBudgetMs: 10,
        });
    }
    /**
     * Commits the event, then hands it to the session's live subscribers before
     * resolving. Appends of one session run in call order, one at a time. Do not
     * call it inside a wider transaction: subscribers would be sent an event that
     * a rollback could still take back.
     */
    append(sessionId, name, data, origin) {
        const previous = this.#tails.get(sessionId);
        const commit = () => this.#commit(sessionId, name, data, origin);
        // An idle session starts its insert now; a failed append does not stop the ones after it.
        const appended = previous === undefined ? commit() : previous.then(commit, commit);
        this.#tails.set(sessionId, appended);
        const forget = () => {
            if (this.#tails.get(sessionId) === appended)
                this.#tails.delete(sessionId);
        };
        appended.then(forget, forget);
        return appended;
    }
    /** The origin of the session's newest event that has one (see `LoggedOrigin`), once every append so far is in. */
    async lastOrigin(sessionId) {
        await this.settled(sessionId);
        return this.#repository.lastOrigin(sessionId);
    }
    /**
     * Calls `listener` with every event of every session once it is stored, in each
     * session's order; for observers such as metrics, which must not slow appends down
     * (a listener that throws is ignored). Returns the function that stops it.
     */
    watch(listener) {
        this.#watchers.add(listener);
        return () => this.#watchers.delete(listener);
    }
    /** Resolves once every append of the session made so far is committed and fanned out. */
    async settled(sessionId) {
        await this.#tails.get(sessionId)?.then(() => undefined, () => undefined);
    }
    async #commit(sessionId, name, data, origin) {
        const event = await this.#repository.append(sessionId, name, data, this.#now(), origin);
        for (const watcher of this.#watchers) {
            try {
                watcher(event);
            }
            catch {
                // an observer's bug must not fail the append
            }
        }
        const subscribers = this.#subscribers.get(sessionId);
        if (subscribers !== undefined) {
            // A generic Name hides that the pair (name, data) is one member of the union.
            this.#recent.get(sessionId)?.add(event);
            for (const subscriber of subscribers)
                subscriber.push(event);
        }
        return event;
    }
    /** Every event with seq > afterSeq, exactly once and in order: the stored ones, then live ones. */
    subscribe(sessionId, afterSeq, options = {}) {
        const maxQueued = positiveInteger(options.maxQueued ?? this.#maxQueued, "maxQueued");
        let subscribers = this.#subscribers.get(sessionId);
        if (subscribers === undefined) {
            subscribers = new Set();
            this.#subscribers.set(sessionId, subscribers);
            this.#recent.set(sessionId, new RecentEvents(this.#maxQueued));
        }
        const recent = this.#recent.get(sessionId);
        const registered = subscribers;
        const subscriber = new EventSubscriber({
            cursor: seqOf(afterSeq, "afterSeq"),
            maxQueued,
            readPage: async (after) => recent?.after(after, this.#pageSize) ?? this.#repository.list(sessionId, after, this.#pageSize),
            pageSize: this.#pageSize,
            wakeLater: (wake) => this.#wakes.wakeLater(wake),
            onClose: () => {
                registered.delete(subscriber);
                if (registered.size === 0 && this.#subscribers.get(sessionId) === registered) {
                    this.#subscribers.delete(sessionId);
                    this.#recent.delete(sessionId);
                }
            },
        });
        // Registered before the first store read, so no event can fall between replay and live.
        registered.add(subscriber);
        if (options.signal !== undefined)
            subscriber.closeOn(options.signal);
        return subscriber;
    }
    /** One page of stored events, for JSON clients. */
    list(sessionId, afterSeq, limit) {
        return this.#repository.list(sessionId, seqOf(afterSeq, "afterSeq"), positiveInteger(limit, "limit"));
    }
    lastSeq(sessionId) {
        return this.#repository.lastSeq(sessionId);
    }
    /** Ends every subscription (their iterators finish); for shutdown, so streams end instead of hanging. */
    closeAll() {
        for (const subscribers of [...this.#subscribers.values()]) {
            for (const subscriber of [...subscribers])
                subscriber.close();
        }
    }
    /** Live subscribers of a session; for metrics and tests. */
    subscriberCount(sessionId) {
        return this.#subscribers.get(sessionId)?.size ?? 0;
    }
    /** The first event (after `afterSeq`) that matches; rejects with the signal's reason when aborted. */
    async waitFor(sessionId, predicate, options = {}) {
        const subscription = this.subscribe(sessionId, options.afterSeq ?? 0, options.signal === undefined ? {} : { signal: options.signal });
        try {
            for await (const event of subscription)
                if (predicate(event))
                    return event;
        }
        finally {
            subscription.close();
        }
        options.signal?.throwIfAborted();
        throw new HangarError("INTERNAL", `The event subscription of session ${sessionId} ended before a match.`);
    }
}
function positiveInteger(value, field) {
    if (!Number.isSafeInteger(value) || value < 1) {
        throw new HangarError("BAD_REQUEST", `${field} must be a positive integer, got ${value}.`, { field });
    }
    return value;
}
function seqOf(value, field) {
    if (!Number.isSafeInteger(value) || value < 0) {
        throw new HangarError("BAD_REQUEST", `${field} must be a non-negative integer, got ${value}.`, { field });
    }
    return value;
}
//# sourceMappingURL=event-log.js.map