import { FairQueue } from "../core/fair-queue.js";
import { HangarError } from "../core/errors.js";
/**
 * Bounds how many runs execute at once and how many may wait, overall and per
 * owner, and starts waiting runs owner by owner in turn. Past a limit, a caller
 * is told to come back (429 with Retry-After) instead of piling up memory and
 * latency.
 */
export class RunQueue {
    limits;
    #slots;
    constructor(limits) {
        this.limits = limits;
        this.#slots = new FairQueue(limits.maxConcurrent, limits.maxRunningPerOwner);
    }
    get maxConcurrent() {
        return this.limits.maxConcurrent;
    }
    get maxQueue() {
        return this.limits.maxQueue;
    }
    get runningCount() {
        return this.#slots.heldCount;
    }
    get queuedCount() {
        return this.#slots.waitingCount;
    }
    /**
     * Resolves with a release function once the owner's run may start. Past a limit it throws at
     * once (not in the Promise): an asynchronous run is refused before it is answered 202.
     */
    acquire(owner, signal) {
        if (!this.#slots.canTakeNow(owner)) {
            const queuedByOwner = this.#slots.waitingFor(owner);
            if (queuedByOwner >= this.limits.maxQueuedPerOwner) {
                throw new HangarError("TOO_MANY_REQUESTS", `too many runs of yours: ${this.#slots.heldBy(owner)} running and ${queuedByOwner} queued (at most ${this.limits.maxQueuedPerOwner} may wait); retry shortly`, { retryAfterSeconds: 1 });
            }
            if (this.#slots.waitingCount >= this.limits.maxQueue) {
                throw new HangarError("TOO_MANY_REQUESTS", `too many runs: ${this.#slots.heldCount} running and ${this.#slots.waitingCount} queued; retry shortly`, { retryAfterSeconds: 1 });
            }
        }
        return this.#slots.acquire(owner, signal, () => new HangarError("BAD_REQUEST", "the run was cancelled while queued"));
    }
}
//# sourceMappingURL=run-queue.js.map