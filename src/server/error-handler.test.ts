import { describe, expect, it } from "vitest";
import { type ErrorCode, HangarError } from "../core/errors.js";
import { statusForCode, toErrorResponse } from "./error-handler.js";

describe("toErrorResponse", () => {
  it.each([
    ["VALIDATION_FAILED", 400],
    ["UNKNOWN_LANGUAGE", 400],
    ["INVALID_PATH", 400],
    ["UNAUTHORIZED", 401],
    ["SESSION_NOT_FOUND", 404],
    ["SESSION_BUSY", 409],
    ["AGENT_NOT_INSTALLED", 409],
    ["SANDBOX_GONE", 410],
    ["PAYLOAD_TOO_LARGE", 413],
    ["TOO_MANY_REQUESTS", 429],
    ["CONFIG_INVALID", 500],
    ["ISOLATION_UNAVAILABLE", 503],
    ["SHUTTING_DOWN", 503],
  ] as [ErrorCode, number][])("maps %s to %i and keeps the message and field", (code, status) => {
    const mapped = toErrorResponse(new HangarError(code, "what went wrong", { field: "files[0].path" }));
    expect(mapped.statusCode).toBe(status);
    expect(mapped.body).toEqual({ error: { code, message: "what went wrong", field: "files[0].path" } });
  });

  it("has a status for every code", () => {
    for (const status of Object.values(statusForCode)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it("asks clients to retry later on 429 and 503 even without a hint", () => {
    expect(toErrorResponse(new HangarError("TOO_MANY_REQUESTS", "full")).retryAfterSeconds).toBe(1);
    expect(toErrorResponse(new HangarError("SHUTTING_DOWN", "bye")).retryAfterSeconds).toBe(5);
    expect(
      toErrorResponse(new HangarError("TOO_MANY_REQUESTS", "full", { retryAfterSeconds: 9 }))
        .retryAfterSeconds,
    ).toBe(9);
    expect(toErrorResponse(new HangarError("NOT_FOUND", "no")).retryAfterSeconds).toBeUndefined();
  });

  it("hides the message of unknown errors and flags them for logging", () => {
    const mapped = toErrorResponse(new Error("password=hunter2"));
    expect(mapped).toMatchObject({
      statusCode: 500,
      isInternal: true,
      body: { error: { code: "INTERNAL" } },
    });
    expect(JSON.stringify(mapped.body)).not.toContain("hunter2");
    expect(toErrorResponse("a string").statusCode).toBe(500);
  });

  it("keeps Fastify's safe client errors as 4xx", () => {
    const badUrl = Object.assign(new Error("'/%zz' is not a valid url component"), {
      code: "FST_ERR_BAD_URL",
      statusCode: 400,
    });
    expect(toErrorResponse(badUrl)).toMatchObject({
      statusCode: 400,
      body: { error: { code: "BAD_REQUEST" } },
    });
  });
});
