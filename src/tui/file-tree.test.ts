import { describe, expect, it } from "vitest";
import { moveTreeSelection, normalizePath, paneLines, treeLines, windowTop } from "./file-tree.js";

describe("treeLines", () => {
  it("puts parents before children, siblings by name, and marks the files touched however they were named", () => {
    const lines = treeLines(
      [
        { path: "src/b.ts", type: "file", size: 1 },
        { path: "src.txt", type: "file", size: 1 },
        { path: "src", type: "directory", size: 0 },
        { path: "src/a.ts", type: "file", size: 1 },
        { path: "README.md", type: "file", size: 1 },
      ],
      ["/workspace/src/a.ts", "./README.md"],
    );
    expect(
      lines.map((line) => `${"  ".repeat(line.depth)}${line.name}${line.isTouched ? " *" : ""}`),
    ).toEqual(["README.md *", "src", "  a.ts *", "  b.ts", "src.txt"]);
    expect(lines[1]).toMatchObject({ isDirectory: true, path: "src" });
  });

  it("normalises the ways a model names one file", () => {
    expect(normalizePath("/workspace/a/b.txt")).toBe("a/b.txt");
    expect(normalizePath("././a/")).toBe("a");
    expect(normalizePath("a.txt")).toBe("a.txt");
  });

  it("leaves out what is under a folded directory and marks the directory", () => {
    const entries = [
      { path: "src", type: "directory" as const, size: 0 },
      { path: "src/lib", type: "directory" as const, size: 0 },
      { path: "src/lib/a.ts", type: "file" as const, size: 1 },
      { path: "srcs.txt", type: "file" as const, size: 1 },
    ];
    expect(treeLines(entries, [], new Set(["src/lib"])).map((line) => line.path)).toEqual([
      "src",
      "src/lib",
      "srcs.txt",
    ]);
    const folded = treeLines(entries, [], new Set(["src"]));
    expect(folded.map((line) => line.path)).toEqual(["src", "srcs.txt"]);
    expect(folded[0]!.isCollapsed).toBe(true);
  });

  it("lists the files touched as the pane's lines until the workspace is listed", () => {
    expect(paneLines(undefined, ["./a.txt", "b/c.txt"]).map((line) => line.path)).toEqual([
      "a.txt",
      "b/c.txt",
    ]);
  });

  it("moves the selection within the lines and keeps it in the window", () => {
    const lines = treeLines(
      ["a", "b", "c"].map((path) => ({ path, type: "file" as const, size: 1 })),
      [],
    );
    expect(moveTreeSelection(lines, undefined, 1)).toBe("a");
    expect(moveTreeSelection(lines, "a", 1)).toBe("b");
    expect(moveTreeSelection(lines, "c", 5)).toBe("c");
    expect(moveTreeSelection(lines, "a", -1)).toBe("a");
    expect(moveTreeSelection([], "a", 1)).toBeUndefined();
    expect(windowTop(10, 4, 2)).toBe(0);
    expect(windowTop(10, 4, 7)).toBe(4);
    expect(windowTop(10, 4, 9, 10)).toBe(6);
    expect(windowTop(10, 4, 3, 6)).toBe(3);
    expect(windowTop(3, 4, 2)).toBe(0);
  });
});
