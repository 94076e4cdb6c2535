import { describe, expect, it } from "vitest";
import { normalizePath, treeLines } from "./file-tree.js";

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
});
