import { describe, expect, it } from "vitest";
import { workspaceDirectoryPath, workspaceFilePath } from "./workspace-path.js";

describe("workspace paths", () => {
  it("accepts workspace-relative, ./ and /workspace/ forms", () => {
    expect(workspaceFilePath("src/a.ts")).toBe("src/a.ts");
    expect(workspaceFilePath("./src//a.ts")).toBe("src/a.ts");
    expect(workspaceFilePath("/workspace/src/a.ts")).toBe("src/a.ts");
    expect(workspaceDirectoryPath(undefined)).toBe(".");
    expect(workspaceDirectoryPath("/workspace")).toBe(".");
    expect(workspaceDirectoryPath("src/")).toBe("src");
  });

  it("refuses escapes with a hint naming the workspace", () => {
    expect(() => workspaceFilePath("../etc/passwd")).toThrow(/'\.\.'.*relative to the workspace/);
    expect(() => workspaceFilePath("/etc/passwd")).toThrow(/must be relative.*\/workspace/);
    expect(() => workspaceFilePath("a\u0000b")).toThrow(/NUL/);
    expect(() => workspaceFilePath("/workspace")).toThrow(/must name a file/);
  });
});
