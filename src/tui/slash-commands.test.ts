import { describe, expect, it } from "vitest";
import { helpLines, parseInput } from "./slash-commands.js";
import { describeToolCall } from "./tool-summary.js";

describe("parseInput", () => {
  it("tells prompts, known commands and unknown commands apart", () => {
    expect(parseInput("fix the bug")).toEqual({ kind: "prompt", text: "fix the bug" });
    expect(parseInput(" /Quit ")).toEqual({ kind: "command", name: "quit" });
    expect(parseInput("/sessions")).toEqual({ kind: "unknown", name: "sessions" });
    // A path is a prompt, not a command.
    expect(parseInput("/etc/hosts has a typo")).toEqual({ kind: "prompt", text: "/etc/hosts has a typo" });
  });

  it("lists every command and the keys in /help", () => {
    const help = helpLines().join("\n");
    for (const name of ["/help", "/new", "/cancel", "/quit", "Esc or Ctrl+C", "Alt+Enter"])
      expect(help).toContain(name);
  });
});

describe("describeToolCall", () => {
  it("reads the target from each builtin tool's input and survives input of the wrong shape", () => {
    const start = (tool: string, input: unknown) => describeToolCall({ tool_call_id: "c", tool, input });
    expect(start("grep", { pattern: "TODO", path: "src" }).target).toBe("TODO in src");
    expect(start("write_file", { path: "a.txt", content: "1\n2\n" })).toEqual({
      target: "a.txt",
      files: ["a.txt"],
      diff: [
        { sign: "+", text: "1" },
        { sign: "+", text: "2" },
      ],
    });
    expect(start("write_file", { path: 5, content: ["x"] })).toEqual({ target: "", files: [], diff: [] });
    expect(start("bash", "not an object").target).toBe("");
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
