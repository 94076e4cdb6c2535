export class ProgressLog {
    capacity;
    held = [];
    listeners = new Set();
    lastSeq = 0n;
    constructor(capacity) {
        this.capacity = capacity;
    }
    append(messageType, subType, payload, requestId) {
        this.lastSeq += 1n;
        const record = {
            messageType,
            subType,
            payload,
            seq: this.lastSeq,
            timestamp: BigInt(Date.now()),
            ...(requestId === undefined ? {} : { requestId }),
        };
        this.held.push(record);
        // Oldest first out; a reader that fell this far behind sees the gap in first_held_seq.
        if (this.held.length > this.capacity)
            this.held.shift();
        for (const listener of this.listeners)
            listener(record);
        return record;
    }
    get last() {
        return this.lastSeq;
    }
    get firstHeld() {
        return this.held[0]?.seq ?? this.lastSeq + 1n;
    }
    /** Held events after fromSeq, then live ones until signal aborts. */
    async *follow(fromSeq, signal, heartbeatMs) {
        const queue = this.held.filter((record) => record.seq > fromSeq);
        let wake;
        const listener = (record) => {
            queue.push(record);
            wake?.();
        };
        this.listeners.add(listener);
        const onAbort = () => wake?.();
        signal.addEventListener("abort", onAbort);
        try {
            while (!signal.aborted) {
                const next = queue.shift();
                if (next !== undefined) {
                    yield next;
                    continue;
                }
                const timedOut = await new Promise((resolve) => {
                    const timer = setTimeout(() => resolve(true), heartbeatMs);
                    wake = () => {
                        clearTimeout(timer);
                        resolve(false);
                    };
                });
                wake = undefined;
                if (timedOut && !signal.aborted)
                    yield heartbeat();
            }
        }
        finally {
            this.listeners.delete(listener);
            signal.removeEventListener("abort", onAbort);
        }
    }
}
function heartbeat() {
    return { messageType: "Heartbeat", subType: "", payload: "{}", seq: 0n, timestamp: BigInt(Date.now()) };
}
//# sourceMappingURL=progress-log.js.map