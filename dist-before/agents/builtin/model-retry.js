import { APICallError, RetryError } from "ai";
import { delay } from "../../core/abort.js";
const initialBackoffMs = 2000;
const backoffFactor = 2;
/** A longer `retry-after` is not waited for (the backoff is used instead, unless longer). */
const longestServerDelayMs = 60_000;
export async function withModelRetries(call, options) {
    const errors = [];
    let backoffMs = initialBackoffMs;
    for (;;) {
        try {
            return await call();
        }
        catch (error) {
            if (options.signal.aborted || isAbortError(error) || options.maxRetries === 0)
                throw error;
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
                if (attempts === 1)
                    throw error;
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
function isRetryable(error) {
    return APICallError.isInstance(error) && error.isRetryable;
}
/** The server's wish when it is reasonable, else the exponential backoff. */
export function retryDelayMs(error, backoffMs) {
    const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
    if (headers === undefined)
        return backoffMs;
    let milliseconds;
    const retryAfterMs = headers["retry-after-ms"];
    if (retryAfterMs !== undefined && retryAfterMs !== "") {
        const parsed = parseFloat(retryAfterMs);
        if (!Number.isNaN(parsed))
            milliseconds = parsed;
    }
    const retryAfter = headers["retry-after"];
    if (milliseconds === undefined && retryAfter !== undefined && retryAfter !== "") {
        const seconds = parseFloat(retryAfter);
        milliseconds = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
    }
    if (milliseconds !== undefined &&
        !Number.isNaN(milliseconds) &&
        milliseconds >= 0 &&
        (milliseconds < longestServerDelayMs || milliseconds < backoffMs)) {
        return milliseconds;
    }
    return backoffMs;
}
/** As the SDK counts them: the call's signal fired (a cancel or a timeout). */
function isAbortError(error) {
    return (error instanceof Error &&
        (error.name === "AbortError" || error.name === "ResponseAborted" || error.name === "TimeoutError"));
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return typeof error === "string" ? error : JSON.stringify(error);
}
//# sourceMappingURL=model-retry.js.map