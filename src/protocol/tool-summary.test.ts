import { describe, expect, it } from "vitest";
import { describeToolCall } from "./tool-summary.js";

describe("describeToolCall", () => {
  it("reads the target from each builtin tool's input and survives input of the wrong shape", () => {
    const start = (tool: string, input: unknown) => describeToolCall({ tool_call_id: "c", tool, input });
    expect(start("grep", { pattern: "TODO", path: "src" }).target).toBe("TODO in src");
    expect(start("write_file", { path: "a.txt", content: "1\n2\n" })).toEqual({
      target: "a.txt",
      files: ["a.txt"],
      file: "a.txt",
      diff: [
        { sign: "+", text: "1" },
        { sign: "+", text: "2" },
      ],
    });
    expect(start("write_file", { path: 5, content: ["x"] })).toEqual({ target: "", files: [], diff: [] });
    expect(start("bash", "not an object").target).toBe("");
    // A read names its file (Enter on its line opens it) but touches nothing.
    expect(start("read_file", { path: "src/app.ts" })).toMatchObject({ file: "src/app.ts", files: [] });
    expect(start("write_file", { path: "big", content: "x\n".repeat(100) }).diff.at(-1)?.text).toBe(
      "… 88 more lines",
    );
  });

  it("uses an external agent's title, and marks files only for steps that change them", () => {
    const edit = describeToolCall({
      tool_call_id: "c",
      tool: "edit",
      title: "Edit app.ts",
      kind: "edit",
      locations: [{ path: "app.ts" }],
    });
    expect(edit).toMatchObject({ target: "Edit app.ts", files: ["app.ts"] });
    const read = describeToolCall({
      tool_call_id: "c",
      tool: "read",
      kind: "read",
      locations: [{ path: "b.ts" }],
    });
    expect(read).toMatchObject({ target: "b.ts", files: [] });
  });
});
