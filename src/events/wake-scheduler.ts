/**
 * Wakes parked consumers a chunk at a time, with a turn of the event loop
 * between chunks. A woken consumer does its work (formatting, a socket write,
 * a store read when catching up) at once, in the same turn; waking 1,000 SSE
 * watchers in one go would hold the loop for all of it, and every other
 * request (even `/health`) would wait behind them. `setImmediate` runs after
 * the poll phase, so pending I/O is served between chunks.
 *
 * The chunk adapts to what the consumers cost: a woken consumer's work runs
 * after the wake-up returns (as promise reactions), so the scheduler measures
 * the whole turn, from one chunk to the next, and halves the chunk when the
 * turn used more than `turnBudgetMs`, doubling it again (up to `maxChunk`)
 * when it used less than half. The turn is measured in CPU time, not wall
 * time: on a busy machine the process is descheduled for whole milliseconds,
 * and that would shrink the chunk to one subscriber per turn for nothing
 * (measured: a pass over 100 watchers then took seconds).
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
  /** CPU time when the chunk before this one started, while a pass is running. */
  #lastChunkCpu: NodeJS.CpuUsage | undefined;

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
    // Measured only when a pass takes more than one chunk: the common case (an agent's
    // event, a few watchers) fits in one, and getrusage costs tens of µs on a VM.
    const isLong = this.#lastChunkCpu !== undefined || this.#pending.length > this.#chunk;
    const cpu = isLong ? process.cpuUsage() : undefined;
    if (cpu !== undefined && this.#lastChunkCpu !== undefined) {
      const usedMs = (cpu.user - this.#lastChunkCpu.user + cpu.system - this.#lastChunkCpu.system) / 1000;
      if (usedMs > this.#turnBudgetMs) this.#chunk = Math.max(1, Math.floor(this.#chunk / 2));
      else if (usedMs < this.#turnBudgetMs / 2) this.#chunk = Math.min(this.#maxChunk, this.#chunk * 2);
    }
    // A copy of the front: at most a few thousand waiting, so splicing costs little.
    const chunk = this.#pending.splice(0, this.#chunk);
    // Asked for while this chunk runs (or left over): the next turn, after pending I/O.
    for (const wake of chunk) wake();
    if (this.#pending.length > 0) {
      // Wake-ups asked for during a one-chunk pass: measured from here on.
      this.#lastChunkCpu = cpu ?? process.cpuUsage();
      setImmediate(this.#runChunk);
    } else {
      this.#lastChunkCpu = undefined;
      this.#isScheduled = false;
    }
  };
}
