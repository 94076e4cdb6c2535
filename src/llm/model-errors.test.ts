import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { describeModelError, toModelHangarError } from "./model-errors.js";

const secret = "sk-secret-abcdef";

function apiCallError(
  statusCode: number | undefined,
  body?: unknown,
  headers?: Record<string, string>,
): APICallError {
  return new APICallError({
    message: `raw SDK message with ${secret}`,
    url: `https://api.example.com/v1/chat/completions?key=${secret}`,
    requestBodyValues: { messages: [{ role: "user", content: "private prompt" }] },
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(body === undefined ? {} : { responseBody: JSON.stringify(body) }),
    ...(headers === undefined ? {} : { responseHeaders: headers }),
  });
}

describe("describeModelError", () => {
  it("names the status and passes on the server's own message, redacted", () => {
    const error = apiCallError(404, { error: { message: `model 'qwen9' not found (key ${secret})` } });
    expect(describeModelError(error, [secret])).toEqual({
      code: "MODEL_ERROR",
      message: "model server answered 404 Not Found: model 'qwen9' not found (key [redacted])",
      isRetryable: false,
      status: 404,
    });
  });

  it("counts the attempts of an exhausted retry and keeps retry-after", () => {
    const errors = [1, 2, 3, 4].map(() =>
      apiCallError(429, { error: { message: "Rate limit reached" } }, { "retry-after": "7" }),
    );
    const retry = new RetryError({
      message: "Failed after 4 attempts",
      reason: "maxRetriesExceeded",
      errors,
    });
    expect(describeModelError(retry)).toEqual({
      code: "MODEL_ERROR",
      message: "model server answered 429 Too Many Requests: Rate limit reached after 4 attempts",
      isRetryable: true,
      status: 429,
      retryAfterSeconds: 7,
    });
  });

  it("never passes on what a server says on 401/403: it may echo the key", () => {
    const error = apiCallError(401, { error: { message: "Incorrect API key provided: sk-secr***" } });
    expect(describeModelError(error).message).toBe(
      "model server answered 401 Unauthorized: check the provider's API key",
    );
  });

  it("describes a network failure by address and reason only", () => {
    const error = new APICallError({
      message: "Cannot connect to API: connect ECONNREFUSED",
      url: `http://user:${secret}@127.0.0.1:9/v1/messages?token=${secret}`,
      requestBodyValues: {},
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
      isRetryable: true,
    });
    expect(describeModelError(error)).toEqual({
      code: "MODEL_ERROR",
      message: "could not reach the model server at http://127.0.0.1:9 (ECONNREFUSED)",
      isRetryable: true,
    });
  });

  it("tells a cancel from a timeout", () => {
    const abort = new DOMException("This operation was aborted", "AbortError");
    const timeout = new DOMException("The operation timed out", "TimeoutError");
    expect(describeModelError(abort)).toMatchObject({ isAborted: true, isRetryable: false });
    expect(describeModelError(timeout)).toEqual({
      code: "MODEL_ERROR",
      message: "the model call timed out",
      isRetryable: true,
    });
  });

  it("does not quote responses it could not read", () => {
    const error = Object.assign(new Error(`Type validation failed: Value: {"secret":"${secret}"}`), {
      name: "AI_TypeValidationError",
    });
    expect(describeModelError(error).message).toBe("the model server sent a response that could not be read");
  });

  it("keeps only the first line of anything else, redacted", () => {
    expect(describeModelError(new Error(`boom ${secret}\nstack-like detail`), [secret]).message).toBe(
      "the model call failed (Error: boom [redacted])",
    );
  });
});

describe("toModelHangarError", () => {
  it("makes a HangarError on field model with the status and retry hint", () => {
    const error = toModelHangarError(apiCallError(503, undefined, { "retry-after": "2" }));
    expect(error).toBeInstanceOf(HangarError);
    expect(error).toMatchObject({
      code: "MODEL_ERROR",
      field: "model",
      retryAfterSeconds: 2,
      message: "model server answered 503 Service Unavailable",
      details: { isRetryable: true, status: 503 },
    });
  });

  it("passes a HangarError through", () => {
    const original = new HangarError("MISSING_API_KEY", "set OPENAI_API_KEY", { field: "model" });
    expect(toModelHangarError(original)).toBe(original);
  });
});
