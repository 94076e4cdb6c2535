import { describe, expect, it } from "vitest";
import { validateRunRequest, type RunRequestLimits } from "./run-request-validation.js";
import type { RunRequest } from "./run-types.js";

const limits: RunRequestLimits = {
  maxCodeBytes: 100,
  maxTimeoutMs: 5000,
  maxStdinBytes: 50,
  maxFiles: 2,
  maxFileBytes: 10,
};

function fieldOf(request: Partial<RunRequest>): string | undefined {
  try {
    validateRunRequest({ code: "print(1)", language: "python", ...request }, limits);
    return undefined;
  } catch (error) {
    return (error as { field?: string }).field;
  }
}

describe("validateRunRequest", () => {
  it("accepts a plain request and decodes files", () => {
    const files = validateRunRequest(
      {
        code: "x",
        language: "py",
        files: [
          { path: "./a//b.txt", content: "hi" },
          { path: "bin", content: Buffer.from([0, 1, 2]).toString("base64"), encoding: "base64" },
        ],
      },
      limits,
    );
    expect(files).toEqual([
      { path: "a/b.txt", data: Buffer.from("hi") },
      { path: "bin", data: Buffer.from([0, 1, 2]) },
    ]);
  });

  it.each<[string, Partial<RunRequest>]>([
    ["code", { code: "" }],
    ["code", { code: "   " }],
    ["code", { code: "x".repeat(101) }],
    ["language", { language: "" }],
    ["sessionId", { sessionId: "../etc" }],
    ["sessionId", { sessionId: "x".repeat(129) }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: 5001 }],
    ["timeoutMs", { timeoutMs: 1.5 }],
    ["stdin", { stdin: "y".repeat(51) }],
    ["args[1]", { args: ["ok", "bad\u0000"] }],
    ["files", { files: [1, 2, 3].map((index) => ({ path: `f${index}`, content: "" })) }],
    ["files[0].path", { files: [{ path: "../escape", content: "" }] }],
    ["files[0].path", { files: [{ path: "/etc/passwd", content: "" }] }],
    ["files[0].path", { files: [{ path: "a\u0000b", content: "" }] }],
    [
      "files[1].path",
      {
        files: [
          { path: "a", content: "" },
          { path: "./a", content: "" },
        ],
      },
    ],
    ["files[0].encoding", { files: [{ path: "a", content: "", encoding: "hex" as "utf8" }] }],
    ["files[0].content", { files: [{ path: "a", content: "not base64!", encoding: "base64" }] }],
    ["files[0].content", { files: [{ path: "a", content: "0123456789ab" }] }],
  ])("names %s", (field, request) => {
    expect(fieldOf(request)).toBe(field);
  });
});
