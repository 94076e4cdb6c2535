import { type ErrorCode, HangarError } from "../core/errors.js";
export interface ModelErrorDescription {
    code: ErrorCode;
    /** Safe to show to anyone: no key, request body or headers, and redacted anyway. */
    message: string;
    /** Whether trying the same call again later may work (429, 5xx, network, timeouts). */
    isRetryable: boolean;
    /** The model server's HTTP status, when it answered. */
    status?: number;
    /** Set when the call ended because its AbortSignal fired (cancel, not a timeout). */
    isAborted?: boolean;
    /** From the server's `retry-after` header. */
    retryAfterSeconds?: number;
}
/**
 * Describes whatever the AI SDK throws (or puts in an `error` stream part): APICallError,
 * RetryError, network failures, aborts, timeouts. The SDK's own messages are not used as
 * they are: some include the URL with query parameters or a response body.
 */
export declare function describeModelError(error: unknown, secrets?: readonly string[]): ModelErrorDescription;
/** The same description as a HangarError (field `model`), keeping the original as `cause`. */
export declare function toModelHangarError(error: unknown, secrets?: readonly string[]): HangarError;
