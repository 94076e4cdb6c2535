/**
 * Wakes parked consumers a chunk at a time, with a turn of the event loop
 * between chunks. A woken consumer does its work (formatting, a socket write,
 * a store read when catching up) at once, in the same turn; waking 1,000 SSE
 * watchers in one go would hold the loop for all of it, and every other
 * request (even `/health`) would wait behind them. `setImmediate` runs after
 * the poll phase, so pending I/O is served between chunks.
 *
 * The chunk adapts to what the consumers cost: a woken consumer's work runs
 * after the wake-up returns (as promise reactions), so the scheduler times the
 * whole turn, from one chunk to the next, and halves the chunk when a turn
 * took longer than `turnBudgetMs`, growing it again a little at a time when
 * turns are short.
 *
 * Waking later also coalesces: events pushed to a subscriber before its
 * wake-up runs are taken together, so a burst costs one wake-up and one
 * write per subscriber instead of one per event.
 */
export class WakeScheduler {
  readonly #maxChunk: number;
  readonly #turnBudgetMs: number;
  readonly #pending: (() => void)[] = [];
  #chunk: number;
  #isScheduled = false;
  /** When the chunk before this one started, while a pass is running. */
  #lastChunkAt: number | undefined;

  constructor(options: { maxChunk: number; turnBudgetMs: number }) {
    this.#maxChunk = options.maxChunk;
    this.#chunk = options.maxChunk;
    this.#turnBudgetMs = options.turnBudgetMs;
  }

  /** Runs `wake` in a later turn; wake-ups run in the order they were asked for. */
  wakeLater(wake: () => void): void {
    this.#pending.push(wake);
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    setImmediate(this.#runChunk);
  }

  readonly #runChunk = (): void => {
    const startedAt = performance.now();
    if (this.#lastChunkAt !== undefined) {
      this.#chunk =
        startedAt - this.#lastChunkAt > this.#turnBudgetMs
          ? Math.max(1, Math.floor(this.#chunk / 2))
          : Math.min(this.#maxChunk, this.#chunk + 1);
    }
    // A copy of the front: at most a few thousand waiting, so splicing costs little.
    const chunk = this.#pending.splice(0, this.#chunk);
    // Asked for while this chunk runs (or left over): the next turn, after pending I/O.
    for (const wake of chunk) wake();
    if (this.#pending.length > 0) {
      this.#lastChunkAt = startedAt;
      setImmediate(this.#runChunk);
    } else {
      this.#lastChunkAt = undefined;
      this.#isScheduled = false;
    }
  };
}
