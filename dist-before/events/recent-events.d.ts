import type { SessionEvent } from "./session-events.js";
/**
 * The latest events of one session, exactly as they were handed to live
 * subscribers: a subscriber that fell behind (a full socket) catches up from
 * here instead of the store. That is cheaper than a store read, and it hands
 * out the very objects other watchers got, whose SSE frames are already
 * serialised. Reading it is as good as reading the store: it holds a gap-free
 * run of committed events ending at the last one pushed, and any later event
 * is pushed to every subscriber registered before the read.
 */
export declare class RecentEvents {
    #private;
    constructor(capacity: number);
    add(event: SessionEvent): void;
    /** Up to `limit` events after `afterSeq`, ascending; undefined when the run starts too late (read the store). */
    after(afterSeq: number, limit: number): SessionEvent[] | undefined;
}
