/**
 * Serialises async work per key within this process: work for one key runs one
 * at a time, in arrival order; different keys run concurrently. A key with
 * nothing queued is forgotten, so the map does not grow with every key ever seen.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    // Chained promises only ever resolve, so one failed holder never poisons the key.
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Keys with work running or queued; for tests and metrics. */
  get size(): number {
    return this.#tails.size;
  }
}
