/**
 * The latest events of one session, exactly as they were handed to live
 * subscribers: a subscriber that fell behind (a full socket) catches up from
 * here instead of the store. That is cheaper than a store read, and it hands
 * out the very objects other watchers got, whose SSE frames are already
 * serialised. Reading it is as good as reading the store: it holds a gap-free
 * run of committed events ending at the last one pushed, and any later event
 * is pushed to every subscriber registered before the read.
 */
export class RecentEvents {
    #capacity;
    /** Consecutive seqs; trimmed to `capacity` once it holds twice that. */
    #events = [];
    constructor(capacity) {
        this.#capacity = capacity;
    }
    add(event) {
        const last = this.#events.at(-1);
        // Another writer's events were never pushed here: a run with a gap would mislead a reader.
        if (last !== undefined && event.seq !== last.seq + 1)
            this.#events = [];
        this.#events.push(event);
        if (this.#events.length >= 2 * this.#capacity)
            this.#events = this.#events.slice(-this.#capacity);
    }
    /** Up to `limit` events after `afterSeq`, ascending; undefined when the run starts too late (read the store). */
    after(afterSeq, limit) {
        const first = this.#events[0];
        if (first === undefined || afterSeq + 1 < first.seq)
            return undefined;
        const start = afterSeq + 1 - first.seq;
        return this.#events.slice(start, start + limit);
    }
}
//# sourceMappingURL=recent-events.js.map