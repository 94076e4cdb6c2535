import { HangarError } from "../core/errors.js";

/**
 * Bounds how many runs execute at once and how many may wait. Past both, a
 * caller is told to come back (429 with Retry-After) instead of piling up
 * memory and latency.
 */
export class RunQueue {
  private running = 0;
  private readonly waiting: Array<{
    start: () => void;
    signal: AbortSignal | undefined;
    onAbort: () => void;
  }> = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueue: number,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once the run may start. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueue) {
      throw new HangarError(
        "TOO_MANY_REQUESTS",
        `too many runs: ${this.running} running and ${this.waiting.length} queued; retry shortly`,
        { retryAfterSeconds: 1 },
      );
    }
    return new Promise((resolve, reject) => {
      const entry = {
        signal,
        start: () => {
          signal?.removeEventListener("abort", entry.onAbort);
          this.running++;
          resolve(this.releaser());
        },
        onAbort: () => {
          const index = this.waiting.indexOf(entry);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(new HangarError("BAD_REQUEST", "the run was cancelled while queued"));
        },
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.start();
    };
  }
}
