import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./line-diff.js";

const names = { oldName: "a/hangar.toml", newName: "b/hangar.toml" };
const numbered = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);

/** Applies a unified diff to the old text, checking every context and removed line against it. */
function applyDiff(oldText: string, diff: string[]): string {
  const before = oldText === "" ? [] : oldText.replace(/\n$/, "").split("\n");
  const after: string[] = [];
  let position = 0;
  for (const line of diff.slice(2)) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (header) {
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      after.push(...before.slice(position, start));
      position = start;
      continue;
    }
    const text = line.slice(1);
    if (line.startsWith("+")) after.push(text);
    else {
      expect(before[position]).toBe(text);
      if (line.startsWith(" ")) after.push(text);
      position += 1;
    }
  }
  after.push(...before.slice(position));
  return after.length === 0 ? "" : `${after.join("\n")}\n`;
}

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", names)).toEqual([]);
  });

  it("prints a changed line with three lines of context, removal first, as diff -u does", () => {
    const before = `${numbered(10).join("\n")}\n`;
    const after = before.replace("line 5\n", "line five\n");
    expect(unifiedDiff(before, after, names)).toEqual([
      "--- a/hangar.toml",
      "+++ b/hangar.toml",
      "@@ -2,7 +2,7 @@",
      " line 2",
      " line 3",
      " line 4",
      "-line 5",
      "+line five",
      " line 6",
      " line 7",
      " line 8",
    ]);
  });

  it("shows a new file as one hunk of additions from /dev/null", () => {
    expect(unifiedDiff("", "x = 1\ny = 2\n", { oldName: "/dev/null", newName: "b" })).toEqual([
      "--- /dev/null",
      "+++ b",
      "@@ -0,0 +1,2 @@",
      "+x = 1",
      "+y = 2",
    ]);
  });

  it("splits changes far apart into hunks and joins near ones", () => {
    const before = numbered(30);
    const far = [...before];
    far[2] = "changed 3";
    far[25] = "changed 26";
    const farDiff = unifiedDiff(`${before.join("\n")}\n`, `${far.join("\n")}\n`, names);
    expect(farDiff.filter((line) => line.startsWith("@@"))).toEqual(["@@ -1,6 +1,6 @@", "@@ -23,7 +23,7 @@"]);
    const near = [...before];
    near[10] = "changed 11";
    near[15] = "changed 16";
    const nearDiff = unifiedDiff(`${before.join("\n")}\n`, `${near.join("\n")}\n`, names);
    expect(nearDiff.filter((line) => line.startsWith("@@"))).toEqual(["@@ -8,12 +8,12 @@"]);
  });

  it("turns the old text into the new one when applied, for many edits", () => {
    const base = numbered(40);
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round += 1) {
      const edited = base
        .filter(() => random() > 0.15)
        .map((line) => (random() < 0.1 ? `${line} edited` : line));
      for (let insert = 0; insert < 3; insert += 1) {
        edited.splice(Math.floor(random() * (edited.length + 1)), 0, `new ${round}-${insert}`);
      }
      const before = round % 10 === 0 ? "" : `${base.join("\n")}\n`;
      const after = `${edited.join("\n")}\n`;
      expect(applyDiff(before, unifiedDiff(before, after, names))).toBe(after);
    }
  });
});
