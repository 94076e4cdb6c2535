import { describe, expect, it } from "vitest";
import { shellQuote, validateRelativePath } from "./paths.js";

describe("validateRelativePath", () => {
  it("normalises harmless paths", () => {
    expect(validateRelativePath("a/b.txt", "f")).toBe("a/b.txt");
    expect(validateRelativePath("./a//b/./c", "f")).toBe("a/b/c");
    expect(validateRelativePath("dir/..name", "f")).toBe("dir/..name");
  });

  it.each([
    ["", "non-empty"],
    ["/etc/passwd", "relative"],
    ["../x", "'..'"],
    ["a/../../x", "'..'"],
    ["a/..", "'..'"],
    ["a\u0000b", "NUL"],
    ["a\nb", "control"],
    [".", "name a file"],
    ["x".repeat(2000), "at most"],
    [`${"y".repeat(300)}/z`, "segment"],
  ])("refuses %j naming the field", (path, problem) => {
    expect(() => validateRelativePath(path, "files[3].path")).toThrow(problem);
    try {
      validateRelativePath(path, "files[3].path");
    } catch (error) {
      expect((error as { field: string }).field).toBe("files[3].path");
      expect((error as { code: string }).code).toBe("INVALID_PATH");
    }
  });

  it("refuses non-strings", () => {
    expect(() => validateRelativePath(42, "path")).toThrow("non-empty string");
  });
});

describe("shellQuote", () => {
  it("keeps any string one word", () => {
    expect(shellQuote("plain")).toBe("'plain'");
    expect(shellQuote("it's $(rm -rf /)")).toBe(`'it'\\''s $(rm -rf /)'`);
  });
});
