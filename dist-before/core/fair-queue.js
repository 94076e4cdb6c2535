export class FairQueue {
    size;
    maxHeldPerOwner;
    #held = 0;
    #heldByOwner = new Map();
    /** Owners with waiters, in turn order; each owner appears once. */
    #turns = [];
    #waitingByOwner = new Map();
    #waitingCount = 0;
    constructor(size, maxHeldPerOwner = size) {
        this.size = size;
        this.maxHeldPerOwner = maxHeldPerOwner;
    }
    get heldCount() {
        return this.#held;
    }
    get waitingCount() {
        return this.#waitingCount;
    }
    heldBy(owner) {
        return this.#heldByOwner.get(owner) ?? 0;
    }
    waitingFor(owner) {
        return this.#waitingByOwner.get(owner)?.length ?? 0;
    }
    /** True when `owner` would get a slot right now. */
    canTakeNow(owner) {
        return (this.#held < this.size && this.heldBy(owner) < this.maxHeldPerOwner && this.waitingFor(owner) === 0);
    }
    /**
     * Resolves with a release function (idempotent) once a slot is the owner's.
     * A waiter whose signal aborts leaves the line and rejects with `onAbort()`.
     */
    acquire(owner, signal, onAbort) {
        if (signal?.aborted)
            return Promise.reject(onAbort?.() ?? signal.reason);
        if (this.canTakeNow(owner)) {
            this.#take(owner);
            return Promise.resolve(this.#releaser(owner));
        }
        return new Promise((resolve, reject) => {
            const waiter = {
                owner,
                grant: () => {
                    signal?.removeEventListener("abort", leave);
                    resolve(this.#releaser(owner));
                },
            };
            const leave = () => {
                this.#removeWaiter(waiter);
                reject(onAbort?.() ?? signal?.reason);
            };
            signal?.addEventListener("abort", leave, { once: true });
            this.#addWaiter(waiter);
        });
    }
    #take(owner) {
        this.#held++;
        this.#heldByOwner.set(owner, this.heldBy(owner) + 1);
    }
    #releaser(owner) {
        let isReleased = false;
        return () => {
            if (isReleased)
                return;
            isReleased = true;
            this.#held--;
            const remaining = this.heldBy(owner) - 1;
            if (remaining === 0)
                this.#heldByOwner.delete(owner);
            else
                this.#heldByOwner.set(owner, remaining);
            this.#grantWaiting();
        };
    }
    /** Hands free slots to waiting owners in turn, skipping owners at their own limit. */
    #grantWaiting() {
        let skipped = 0;
        while (this.#held < this.size && skipped < this.#turns.length) {
            const owner = this.#turns.shift();
            const line = this.#waitingByOwner.get(owner);
            if (this.heldBy(owner) >= this.maxHeldPerOwner) {
                this.#turns.push(owner);
                skipped++;
                continue;
            }
            skipped = 0;
            const waiter = line.shift();
            this.#waitingCount--;
            if (line.length === 0)
                this.#waitingByOwner.delete(owner);
            else
                this.#turns.push(owner);
            this.#take(owner);
            waiter.grant();
        }
    }
    #addWaiter(waiter) {
        const line = this.#waitingByOwner.get(waiter.owner);
        if (line === undefined) {
            this.#waitingByOwner.set(waiter.owner, [waiter]);
            this.#turns.push(waiter.owner);
        }
        else {
            line.push(waiter);
        }
        this.#waitingCount++;
    }
    #removeWaiter(waiter) {
        const line = this.#waitingByOwner.get(waiter.owner);
        const index = line?.indexOf(waiter) ?? -1;
        if (line === undefined || index === -1)
            return;
        line.splice(index, 1);
        this.#waitingCount--;
        if (line.length > 0)
            return;
        this.#waitingByOwner.delete(waiter.owner);
        this.#turns.splice(this.#turns.indexOf(waiter.owner), 1);
    }
}
//# sourceMappingURL=fair-queue.js.map