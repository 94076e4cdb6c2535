/**
 * A model call retried the way the AI SDK's `streamText` retried it, so the
 * errors that come out are the ones the caller already describes (and
 * redacts): the call's own error when it was the only attempt, else a
 * `RetryError` holding every attempt's. Retried: `APICallError`s the provider
 * marked retryable (429, 5xx, no answer). Waits double from 2 s, or what the
 * server asks for in `retry-after-ms` / `retry-after` when that is under a
 * minute (or shorter than the backoff). Aborts and timeouts are never retried.
 */
export interface ModelRetryOptions {
    maxRetries: number;
    /** Aborts the wait between attempts. */
    signal: AbortSignal;
    /** Before each wait, so whoever watches knows why nothing happens for a while. */
    onRetry?: (retry: ModelRetry) => void;
}
export interface ModelRetry {
    /** The attempt that failed, from 1. */
    attempt: number;
    maxRetries: number;
    delayMs: number;
    error: unknown;
}
export declare function withModelRetries<T>(call: () => Promise<T>, options: ModelRetryOptions): Promise<T>;
/** The server's wish when it is reasonable, else the exponential backoff. */
export declare function retryDelayMs(error: unknown, backoffMs: number): number;
