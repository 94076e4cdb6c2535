/**
 * Serialises async work per key within this process: work for one key runs one
 * at a time, in arrival order; different keys run concurrently. A key with
 * nothing queued is forgotten, so the map does not grow with every key ever seen.
 */
export class KeyedLock {
    #tails = new Map();
    async run(key, work) {
        const previous = this.#tails.get(key) ?? Promise.resolve();
        let release;
        const done = new Promise((resolve) => (release = resolve));
        // Chained promises only ever resolve, so one failed holder never poisons the key.
        const tail = previous.then(() => done);
        this.#tails.set(key, tail);
        await previous;
        try {
            return await work();
        }
        finally {
            release();
            if (this.#tails.get(key) === tail)
                this.#tails.delete(key);
        }
    }
    /** Keys with work running or queued; for tests and metrics. */
    get size() {
        return this.#tails.size;
    }
}
//# sourceMappingURL=keyed-lock.js.map