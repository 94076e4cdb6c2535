import { HangarError } from "../core/errors.js";
export class MemoryAdmission {
    options;
    #committedBytes = 0;
    constructor(options) {
        this.options = options;
    }
    get committedBytes() {
        return this.#committedBytes;
    }
    get capBytes() {
        return this.options.capBytes;
    }
    /** Commits `bytes`, or throws CAPACITY when that would pass the cap. */
    reserve(bytes, what) {
        const committed = this.#committedBytes;
        if (committed + bytes > this.options.capBytes) {
            throw new HangarError("CAPACITY", `no memory for ${what}: it may hold ${mebibytes(bytes)} of RAM, live sandboxes already may hold ` +
                `${mebibytes(committed)}, and the cap is ${mebibytes(this.options.capBytes)} ` +
                `(${this.options.capSource}); remove a sandbox or try again later`, { retryAfterSeconds: 30, details: { committedBytes: committed, capBytes: this.options.capBytes } });
        }
        return this.commit(bytes);
    }
    /**
     * Commits `bytes` whatever the cap: a sandbox that already exists (a durable
     * one revived after a restart) is counted, never refused, or its files would be lost.
     */
    commit(bytes) {
        this.#committedBytes += bytes;
        let isHeld = true;
        return {
            bytes,
            release: () => {
                if (!isHeld)
                    return;
                isHeld = false;
                this.#committedBytes -= bytes;
            },
        };
    }
}
function mebibytes(bytes) {
    return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
//# sourceMappingURL=memory-admission.js.map