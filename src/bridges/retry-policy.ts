import { delay } from "../core/abort.js";

/** How long to wait between attempts while the Bot API cannot be reached. */
export interface RetryPolicy {
  /** The first wait after a failure; doubled each further failure. Default 500 ms. */
  readonly initialBackoffMs: number;
  /** The longest wait between attempts. Default 30 s. */
  readonly maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { initialBackoffMs: 500, maxBackoffMs: 30_000 };

/** Exponential backoff: `wait()` sleeps the current step (abortable) and doubles the next; `reset()` after a success. */
export class Backoff {
  private next: number;

  constructor(private readonly policy: RetryPolicy) {
    this.next = policy.initialBackoffMs;
  }

  async wait(signal: AbortSignal): Promise<void> {
    const milliseconds = this.next;
    this.next = Math.min(this.next * 2, this.policy.maxBackoffMs);
    await delay(milliseconds, signal);
  }

  reset(): void {
    this.next = this.policy.initialBackoffMs;
  }
}

/** Telegram's `retry_after` is in seconds, counted from its answer: wait at least that long. */
export function retryAfterMilliseconds(seconds: number | undefined): number {
  return Math.max(1, seconds ?? 1) * 1000;
}
