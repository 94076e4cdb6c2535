/**
 * At most `size` sessions run turns at once; the rest wait in arrival order.
 * A waiter whose signal aborts leaves the line without taking a slot.
 */
export class SessionSlots {
  #inUse = 0;
  readonly #waiting: Array<{ grant: () => void; signal: AbortSignal }> = [];

  constructor(private readonly size: number) {}

  get inUse(): number {
    return this.#inUse;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** True when a slot is free right now (acquire would not wait). */
  get isFree(): boolean {
    return this.#inUse < this.size;
  }

  acquire(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.#inUse < this.size) {
      this.#inUse++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        signal,
        grant: () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(entry);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(entry);
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next.grant();
    else this.#inUse--;
  }
}
