import { describe, expect, it } from "vitest";
import { truncateLine, truncateOutput } from "./truncate-output.js";

describe("truncateOutput", () => {
  it("returns short text unchanged", () => {
    expect(truncateOutput("one\ntwo\n", 100)).toBe("one\ntwo\n");
  });

  it("keeps the head and the tail on whole lines and says how much was cut", () => {
    const lines = Array.from({ length: 1000 }, (_, index) => `line ${index + 1}`);
    const text = lines.join("\n");
    const cut = truncateOutput(text, 1000);
    expect(cut.startsWith("line 1\nline 2\n")).toBe(true);
    expect(cut.endsWith("line 999\nline 1000")).toBe(true);
    const note = /\n\[… ([\d,]+) characters \(([\d,]+) lines\) cut …\]\n/.exec(cut);
    expect(note).not.toBeNull();
    const [, characters, cutLines] = note!;
    // The note stands in for the cut part; every character and line break is kept or counted.
    const kept = cut.replace(note![0], "\n");
    expect(kept.length + Number(characters!.replaceAll(",", ""))).toBe(text.length);
    const keptBreaks = kept.split("\n").length - 1;
    expect(keptBreaks + Number(cutLines!.replaceAll(",", ""))).toBe(lines.length - 1);
    expect(cut.length).toBeLessThanOrEqual(1000);
  });

  it("cuts a single long line in the middle", () => {
    const cut = truncateOutput("x".repeat(12_345 + 20), 20);
    expect(cut).toBe(`${"x".repeat(10)}\n[… 12,345 characters cut …]\n${"x".repeat(10)}`);
  });
});

describe("truncateLine", () => {
  it("shortens a long line and says by how much", () => {
    expect(truncateLine("abcdef", 10)).toBe("abcdef");
    expect(truncateLine("abcdefghij", 4)).toBe("abcd [… 6 characters cut]");
  });
});
