import { describe, expect, it } from "vitest";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor.js";

describe("run cursors", () => {
  it("round-trip the last run of a page", () => {
    const last = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "run_abc" };
    const cursor = encodeRunCursor(last);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRunCursor(cursor)).toEqual(last);
  });

  it("refuse anything else, naming the field", () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      "garbage!",
      "",
      encode({ at: 1 }),
      encode([1]),
      encode([-1, "x"]),
      encode([1.5, "x"]),
    ]) {
      expect(() => decodeRunCursor(cursor)).toThrow(expect.objectContaining({ field: "cursor" }));
    }
  });
});
