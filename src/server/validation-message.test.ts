import type { FastifySchemaValidationError } from "fastify";
import { describe, expect, it } from "vitest";
import { describeValidationError, fieldFromInstancePath } from "./validation-message.js";

function issue(
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
  message = "zod says no",
): FastifySchemaValidationError {
  return { keyword, instancePath, schemaPath: "#", params, message };
}

describe("fieldFromInstancePath", () => {
  it("joins paths like JavaScript property access", () => {
    expect(fieldFromInstancePath("/files/2/path")).toBe("files[2].path");
    expect(fieldFromInstancePath("/timeoutMs")).toBe("timeoutMs");
    expect(fieldFromInstancePath("/args/0")).toBe("args[0]");
    expect(fieldFromInstancePath("/")).toBeUndefined();
    expect(fieldFromInstancePath("")).toBeUndefined();
  });
});

describe("describeValidationError", () => {
  it.each([
    [
      issue(
        "invalid_type",
        "/code",
        { expected: "string" },
        "Invalid input: expected string, received undefined",
      ),
      "code is required",
    ],
    [
      issue(
        "invalid_type",
        "/timeoutMs",
        { expected: "int" },
        "Invalid input: expected int, received number",
      ),
      "timeoutMs must be an integer",
    ],
    [issue("too_small", "/code", { origin: "string", minimum: 1 }), "code must not be empty"],
    [
      issue("too_big", "/language", { origin: "string", maximum: 64 }),
      "language must be at most 64 characters long",
    ],
    [issue("too_big", "/files", { origin: "array", maximum: 64 }), "files must have at most 64 items"],
    [
      issue("too_small", "/timeoutMs", { origin: "number", minimum: 0, inclusive: false }),
      "timeoutMs must be > 0",
    ],
    [
      issue("invalid_value", "/files/0/encoding", { values: ["utf8", "base64"] }),
      'files[0].encoding must be one of "utf8", "base64"',
    ],
    [issue("invalid_format", "/sessionId", { format: "regex" }, "must be plain"), "sessionId must be plain"],
    [
      issue("invalid_type", "", { expected: "object" }, "Invalid input: expected object, received null"),
      "request body is required",
    ],
  ])("describes %j", (validationIssue, message) => {
    expect(describeValidationError(validationIssue, "body").message).toBe(message);
  });

  it("names the path parameter context when the issue has no path", () => {
    expect(describeValidationError(issue("custom", "", {}, "is odd"), "params")).toEqual({
      field: undefined,
      message: "path parameters is odd",
    });
  });
});
