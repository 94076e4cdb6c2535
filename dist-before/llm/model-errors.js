import { STATUS_CODES } from "node:http";
import { APICallError, RetryError } from "ai";
import { HangarError, isHangarError } from "../core/errors.js";
import { redactText } from "./redact-secrets.js";
const unreadableResponseErrors = new Set([
    "AI_TypeValidationError",
    "AI_JSONParseError",
    "AI_InvalidResponseDataError",
    "AI_EmptyResponseBodyError",
]);
/** The longest part of a model server's own error message that is passed on. */
const maximumServerMessageLength = 300;
/**
 * Describes whatever the AI SDK throws (or puts in an `error` stream part): APICallError,
 * RetryError, network failures, aborts, timeouts. The SDK's own messages are not used as
 * they are: some include the URL with query parameters or a response body.
 */
export function describeModelError(error, secrets = []) {
    const description = describe(error);
    return { ...description, message: redactText(description.message, secrets) };
}
/** The same description as a HangarError (field `model`), keeping the original as `cause`. */
export function toModelHangarError(error, secrets = []) {
    if (isHangarError(error))
        return error;
    const description = describeModelError(error, secrets);
    return new HangarError(description.code, description.message, {
        field: "model",
        ...(description.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: description.retryAfterSeconds }),
        details: {
            isRetryable: description.isRetryable,
            ...(description.status === undefined ? {} : { status: description.status }),
        },
    });
}
function describe(error) {
    if (isHangarError(error)) {
        return { code: error.code, message: error.message, isRetryable: false };
    }
    if (RetryError.isInstance(error)) {
        const attempts = error.errors.length;
        const last = describe(error.lastError);
        if (error.reason === "abort")
            return { ...last, isAborted: true };
        const suffix = attempts > 1 ? ` after ${attempts} attempts` : "";
        return { ...last, message: `${last.message}${suffix}` };
    }
    if (APICallError.isInstance(error))
        return describeApiCall(error);
    if (isTimeout(error)) {
        return { code: "MODEL_ERROR", message: "the model call timed out", isRetryable: true };
    }
    if (isAbort(error)) {
        return {
            code: "MODEL_ERROR",
            message: "the model call was cancelled",
            isRetryable: false,
            isAborted: true,
        };
    }
    const name = error instanceof Error ? error.name : typeof error;
    if (unreadableResponseErrors.has(name)) {
        // Their messages quote the response (or what the model wrote), which may be anything.
        return {
            code: "MODEL_ERROR",
            message: "the model server sent a response that could not be read",
            isRetryable: false,
        };
    }
    return {
        code: "MODEL_ERROR",
        message: `the model call failed (${name}${safeDetail(error)})`,
        isRetryable: false,
    };
}
function describeApiCall(error) {
    const status = error.statusCode;
    const retryAfterSeconds = retryAfter(error.responseHeaders);
    const retry = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
    if (status === undefined) {
        // No answer at all: connection refused, reset, DNS, TLS.
        const reason = networkReason(error.cause) ?? "no answer";
        return {
            code: "MODEL_ERROR",
            message: `could not reach the model server at ${origin(error.url)} (${reason})`,
            isRetryable: error.isRetryable,
        };
    }
    const statusText = status === 529 ? "Overloaded" : (STATUS_CODES[status] ?? "");
    let message = `model server answered ${status}${statusText === "" ? "" : ` ${statusText}`}`;
    const hint = status === 401 || status === 403 ? "check the provider's API key" : serverMessage(error);
    if (hint !== undefined)
        message += `: ${hint}`;
    return { code: "MODEL_ERROR", message, isRetryable: error.isRetryable, status, ...retry };
}
/**
 * The `error.message` of the server's JSON error, which usually says what is wrong
 * ("model 'x' not found"). For 401/403 it is not used: servers echo parts of the key.
 */
function serverMessage(error) {
    const body = error.responseBody;
    if (body === undefined)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    const inner = isRecord(parsed) && isRecord(parsed.error) ? parsed.error.message : undefined;
    if (typeof inner !== "string" || inner.trim() === "")
        return undefined;
    const oneLine = inner.replace(/\s+/g, " ").trim();
    return oneLine.length > maximumServerMessageLength
        ? `${oneLine.slice(0, maximumServerMessageLength)}…`
        : oneLine;
}
function networkReason(cause) {
    if (!isRecord(cause))
        return undefined;
    if (typeof cause.code === "string")
        return cause.code;
    return networkReason(cause.cause);
}
function retryAfter(headers) {
    const value = headers?.["retry-after"];
    if (value === undefined)
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0)
        return Math.ceil(seconds);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
function origin(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return "(invalid URL)";
    }
}
function isTimeout(error) {
    return error instanceof Error && error.name === "TimeoutError";
}
function isAbort(error) {
    return error instanceof Error && (error.name === "AbortError" || error.name === "ResponseAborted");
}
/** The first line of an unexpected error's message, short: enough to search for, nothing more. */
function safeDetail(error) {
    if (!(error instanceof Error) || error.message === "")
        return "";
    const firstLine = error.message.split("\n")[0] ?? "";
    return `: ${firstLine.length > 160 ? `${firstLine.slice(0, 160)}…` : firstLine}`;
}
function isRecord(value) {
    return typeof value === "object" && value !== null;
}
//# sourceMappingURL=model-errors.js.map