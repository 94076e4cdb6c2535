import { APICallError, RetryError } from "ai";
import { delay } from "../../core/abort.js";

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

const initialBackoffMs = 2000;
const backoffFactor = 2;
/** A longer `retry-after` is not waited for (the backoff is used instead, unless longer). */
const longestServerDelayMs = 60_000;

export async function withModelRetries<T>(call: () => Promise<T>, options: ModelRetryOptions): Promise<T> {
  const errors: unknown[] = [];
  let backoffMs = initialBackoffMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (options.signal.aborted || isAbortError(error) || options.maxRetries === 0) throw error;
      errors.push(error);
      const attempts = errors.length;
      if (attempts > options.maxRetries) {
        throw new RetryError({
          message: `Failed after ${attempts} attempts. Last error: ${errorMessage(error)}`,
          reason: "maxRetriesExceeded",
          errors,
        });
      }
      if (!isRetryable(error)) {
        if (attempts === 1) throw error;
        throw new RetryError({
          message: `Failed after ${attempts} attempts with non-retryable error: '${errorMessage(error)}'`,
          reason: "errorNotRetryable",
          errors,
        });
      }
      const delayMs = retryDelayMs(error, backoffMs);
      options.onRetry?.({ attempt: attempts, maxRetries: options.maxRetries, delayMs, error });
      await delay(delayMs, options.signal);
      backoffMs *= backoffFactor;
    }
  }
}

function isRetryable(error: unknown): boolean {
  return APICallError.isInstance(error) && error.isRetryable;
}

/** The server's wish when it is reasonable, else the exponential backoff. */
export function retryDelayMs(error: unknown, backoffMs: number): number {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  if (headers === undefined) return backoffMs;
  let milliseconds: number | undefined;
  const retryAfterMs = headers["retry-after-ms"];
  if (retryAfterMs !== undefined && retryAfterMs !== "") {
    const parsed = parseFloat(retryAfterMs);
    if (!Number.isNaN(parsed)) milliseconds = parsed;
  }
  const retryAfter = headers["retry-after"];
  if (milliseconds === undefined && retryAfter !== undefined && retryAfter !== "") {
    const seconds = parseFloat(retryAfter);
    milliseconds = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
  }
  if (
    milliseconds !== undefined &&
    !Number.isNaN(milliseconds) &&
    milliseconds >= 0 &&
    (milliseconds < longestServerDelayMs || milliseconds < backoffMs)
  ) {
    return milliseconds;
  }
  return backoffMs;
}

/** As the SDK counts them: the call's signal fired (a cancel or a timeout). */
function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AbortError" || error.name === "ResponseAborted" || error.name === "TimeoutError")
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}
