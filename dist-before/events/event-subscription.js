const done = { done: true, value: undefined };
/**
 * One subscriber's state. Delivery is driven by `cursor` (the last seq handed
 * out): an event is handed out only when its seq is `cursor + 1`, which is what
 * makes delivery exactly once and gap-free whatever mix of store pages and live
 * pushes produced it. Anything at or below the cursor is a duplicate; anything
 * above `cursor + 1` means events were missed, and the store fills the gap.
 */
export class EventSubscriber {
    #cursor;
    #maxQueued;
    #pageSize;
    #readPage;
    #onClose;
    #wakeLater;
    /** A wake-up was asked of the log and has not run yet; pushes meanwhile ride on it. */
    #isWakePending = false;
    /** Live events not yet handed out; `#head` is the first, so taking one is O(1). */
    #queue = [];
    #head = 0;
    /** Stored events not yet handed out. */
    #page = [];
    #pageHead = 0;
    /** True until a store read came back short: the store may hold events the queue lacks. */
    #isBehind = true;
    /** Counts queue overflows, so a store read that raced one does not declare the subscriber caught up. */
    #overflows = 0;
    #isClosed = false;
    /** Consumers parked in `next()`; more than one only if someone calls `next()` without awaiting. */
    #waiters = [];
    #removeAbortListener;
    /** Counts pushes and closes, so `next()` notices one that came while it was reading the store. */
    #wakes = 0;
    constructor(options) {
        this.#cursor = options.cursor;
        this.#maxQueued = options.maxQueued;
        this.#pageSize = options.pageSize;
        this.#readPage = options.readPage;
        this.#onClose = options.onClose;
        this.#wakeLater = options.wakeLater;
    }
    get isClosed() {
        return this.#isClosed;
    }
    get cursor() {
        return this.#cursor;
    }
    get queued() {
        return this.#queue.length - this.#head;
    }
    /** Called by the log on every append; O(1), never blocks on the consumer and never runs it. */
    push(event) {
        if (this.#isClosed || event.seq <= this.#cursor)
            return;
        if (this.#queue.length - this.#head >= this.#maxQueued) {
            // Too far behind: forget the queue and re-read from the store, which has everything.
            this.#queue = [];
            this.#head = 0;
            this.#isBehind = true;
            this.#overflows += 1;
        }
        else {
            this.#queue.push(event);
        }
        // Counted now, so a consumer between a store read and parking sees it; woken later, once per burst.
        this.#wakes += 1;
        if (this.#waiters.length === 0 || this.#isWakePending)
            return;
        this.#isWakePending = true;
        this.#wakeLater(this.#wakePending);
    }
    #wakePending = () => {
        this.#isWakePending = false;
        this.#resolveWaiters();
    };
    closeOn(signal) {
        if (signal.aborted) {
            this.close();
            return;
        }
        const listener = () => this.close();
        signal.addEventListener("abort", listener, { once: true });
        this.#removeAbortListener = () => signal.removeEventListener("abort", listener);
    }
    close() {
        if (this.#isClosed)
            return;
        this.#isClosed = true;
        this.#queue = [];
        this.#page = [];
        this.#removeAbortListener?.();
        this.#onClose();
        this.#wakes += 1;
        this.#resolveWaiters();
    }
    async next() {
        for (;;) {
            if (this.#isClosed)
                return done;
            const wakes = this.#wakes;
            const event = await this.#take();
            if (event !== undefined)
                return { done: false, value: event };
            // A push or close that came while the store was read would otherwise be slept through.
            if (this.#isClosed)
                return done;
            if (wakes !== this.#wakes)
                continue;
            await new Promise((resolve) => this.#waiters.push(resolve));
        }
    }
    async return() {
        this.close();
        return done;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    takeReady(limit) {
        const ready = [];
        while (ready.length < limit && !this.#isClosed) {
            const event = this.#takeInMemory();
            if (event === undefined)
                break;
            ready.push(event);
        }
        return ready;
    }
    /** The next event in order, from the page, the queue or the store; undefined when there is none yet. */
    async #take() {
        for (;;) {
            const inMemory = this.#takeInMemory();
            if (inMemory !== undefined)
                return inMemory;
            if (!this.#isBehind)
                return undefined;
            // A store read (and what the consumer does with a page of events) is the heavy part of
            // catching up; it waits its turn like a wake-up, so 1,000 watchers falling behind at
            // once do not read the store 1,000 times in one turn.
            await new Promise((resolve) => this.#wakeLater(resolve));
            if (this.#isClosed)
                return undefined;
            const overflows = this.#overflows;
            const page = await this.#readPage(this.#cursor);
            // Closed while the store answered: nothing more is handed out.
            if (this.#isClosed)
                return undefined;
            this.#page = page;
            this.#pageHead = 0;
            // A short page means the store held nothing more at the instant it was read; since
            // the subscriber was registered first, every later event arrives by push (unless
            // the queue overflowed meanwhile and dropped some).
            if (this.#page.length < this.#pageSize && overflows === this.#overflows)
                this.#isBehind = false;
            if (this.#page.length === 0 && !this.#isBehind) {
                const head = this.#queue[this.#head];
                if (head === undefined)
                    return undefined;
                // The store has nothing after the cursor, yet the queue starts past it: the
                // queue is ahead of a seq the store never had (cannot happen with a gap-free store).
                this.#cursor = head.seq - 1;
            }
        }
    }
    /** The next event if the page or the queue holds it; a gap before the queue's head marks the subscriber behind. */
    #takeInMemory() {
        for (;;) {
            const fromPage = this.#page[this.#pageHead];
            if (fromPage !== undefined) {
                this.#pageHead += 1;
                if (this.#pageHead === this.#page.length) {
                    this.#page = [];
                    this.#pageHead = 0;
                }
                // The store has no gaps, so anything after the cursor is the next event.
                if (fromPage.seq <= this.#cursor)
                    continue;
                return this.#hand(fromPage);
            }
            const fromQueue = this.#queue[this.#head];
            if (fromQueue === undefined)
                return undefined;
            if (fromQueue.seq <= this.#cursor) {
                this.#dequeue();
                continue;
            }
            if (fromQueue.seq === this.#cursor + 1) {
                this.#dequeue();
                return this.#hand(fromQueue);
            }
            // A gap before the queue's head: the missing events are in the store.
            this.#isBehind = true;
            return undefined;
        }
    }
    #hand(event) {
        this.#cursor = event.seq;
        return event;
    }
    #dequeue() {
        this.#head += 1;
        if (this.#head === this.#queue.length) {
            this.#queue = [];
            this.#head = 0;
        }
        else if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
            // Reclaims the handed-out prefix without paying a shift per event.
            this.#queue = this.#queue.slice(this.#head);
            this.#head = 0;
        }
    }
    #resolveWaiters() {
        if (this.#waiters.length === 0)
            return;
        const waiters = this.#waiters;
        this.#waiters = [];
        for (const wake of waiters)
            wake();
    }
}
//# sourceMappingURL=event-subscription.js.map