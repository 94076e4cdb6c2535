import { describe, expect, it } from "vitest";
import { formatDuration } from "./elapsed.js";

describe("formatDuration", () => {
  it("writes seconds, minutes and hours compactly and never negative", () => {
    expect(formatDuration(7_900)).toBe("7s");
    expect(formatDuration(184_000)).toBe("3m04s");
    expect(formatDuration(7_500_000)).toBe("2h05m");
    expect(formatDuration(-2_000)).toBe("0s");
  });
});
