/**
 * Coalesces streamed text into fewer, larger events: the first piece goes out
 * at once (a watcher sees the agent start typing), later ones are gathered for
 * `intervalMs`. What is emitted is what is stored, so a replay is exactly what
 * a live watcher saw.
 */
export class DeltaBuffer {
    emit;
    intervalMs;
    #pending = "";
    #timer;
    #hasEmitted = false;
    constructor(emit, intervalMs = 30) {
        this.emit = emit;
        this.intervalMs = intervalMs;
    }
    push(text) {
        if (text === "")
            return;
        if (!this.#hasEmitted) {
            this.#hasEmitted = true;
            this.emit(text);
            return;
        }
        this.#pending += text;
        this.#timer ??= setTimeout(() => this.flush(), this.intervalMs);
    }
    flush() {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        if (this.#pending === "")
            return;
        const text = this.#pending;
        this.#pending = "";
        this.emit(text);
    }
}
//# sourceMappingURL=delta-buffer.js.map