import { describe, expect, it } from "vitest";
import { chromeLook, colourLevelOf, roleLook } from "./colour-theme.js";
import type { HighlightRole } from "./highlight.js";

const roles: HighlightRole[] = [
  "keyword",
  "string",
  "comment",
  "number",
  "added",
  "removed",
  "heading",
  "plain",
];

describe("colourLevelOf", () => {
  it("NO_COLOR wins over everything, but only when set to something", () => {
    expect(colourLevelOf({ NO_COLOR: "1", COLORTERM: "truecolor", FORCE_COLOR: "3" })).toBe("none");
    expect(colourLevelOf({ NO_COLOR: "", COLORTERM: "truecolor" })).toBe("truecolour");
  });

  it("reads COLORTERM, TERM and FORCE_COLOR; no terminal or TERM=dumb means none", () => {
    expect(colourLevelOf({ COLORTERM: "24bit", TERM: "xterm" })).toBe("truecolour");
    expect(colourLevelOf({ TERM: "xterm-256color" })).toBe("256");
    expect(colourLevelOf({ TERM: "screen-256color" })).toBe("256");
    expect(colourLevelOf({ TERM: "xterm" })).toBe("16");
    expect(colourLevelOf({})).toBe("16");
    expect(colourLevelOf({ TERM: "dumb" })).toBe("none");
    expect(colourLevelOf({ TERM: "xterm-256color" }, false)).toBe("none");
    expect(colourLevelOf({ FORCE_COLOR: "2" }, false)).toBe("256");
    expect(colourLevelOf({ FORCE_COLOR: "0", COLORTERM: "truecolor" })).toBe("none");
  });
});

describe("roleLook", () => {
  it("uses #rrggbb for truecolour, ansi256(n) for 256 colours and colour names for 16", () => {
    expect(roleLook("keyword", "truecolour").color).toMatch(/^#[0-9a-f]{6}$/);
    expect(roleLook("keyword", "256").color).toMatch(/^ansi256\(\d{1,3}\)$/);
    expect(roleLook("keyword", "16").color).toBe("magenta");
    expect(roleLook("removed", "16").color).toBe("red");
    expect(roleLook("added", "16").color).toBe("green");
  });

  it("gives every role but plain a colour at each colour level, and keeps roles apart", () => {
    for (const level of ["truecolour", "256", "16"] as const) {
      expect(roleLook("plain", level)).toEqual({});
      const coloured = roles.filter((role) => role !== "plain").map((role) => roleLook(role, level).color);
      expect(coloured.every((colour) => typeof colour === "string")).toBe(true);
      // added shares the string colour by design; the others differ.
      expect(new Set(coloured).size).toBe(coloured.length - 1);
    }
  });

  it("uses no colour at all with NO_COLOR: only bold and dim", () => {
    for (const role of roles) expect(roleLook(role, "none").color).toBeUndefined();
    for (const part of ["gutter", "marker", "header"] as const)
      expect(chromeLook(part, "none").color).toBeUndefined();
    expect(roleLook("heading", "none").bold).toBe(true);
    expect(roleLook("comment", "none").dimColor).toBe(true);
  });
});
