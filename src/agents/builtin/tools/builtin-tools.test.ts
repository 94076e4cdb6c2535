import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ToolContext } from "./agent-tool.js";
import { builtinTools, findBuiltinTool } from "./builtin-tools.js";

describe("builtinTools", () => {
  it("offers every tool once, with its description file and described snake_case fields", () => {
    const tools = builtinTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "list_files",
      "grep",
      "bash",
      "run_code",
      "git",
      "ask_user",
    ]);
    for (const tool of tools) {
      expect(tool.description.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema).toBeInstanceOf(z.ZodObject);
      const shape = (tool.inputSchema as unknown as z.ZodObject).shape;
      for (const [field, schema] of Object.entries(shape)) {
        expect(field, tool.name).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
        expect((schema as z.ZodType).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it("finds tools by name and gives each input its kind and summary", () => {
    const kindOf = (name: string, input: unknown): string => {
      const tool = findBuiltinTool(name)!;
      return tool.kind(tool.inputSchema.parse(input));
    };
    expect(kindOf("read_file", { path: "a" })).toBe("read");
    expect(kindOf("write_file", { path: "a", content: "" })).toBe("write");
    expect(kindOf("edit_file", { path: "a", old_text: "x", new_text: "y" })).toBe("write");
    expect(kindOf("list_files", {})).toBe("read");
    expect(kindOf("grep", { pattern: "x" })).toBe("read");
    expect(kindOf("bash", { command: "ls" })).toBe("shell");
    expect(kindOf("run_code", { language: "python", code: "1" })).toBe("shell");
    expect(kindOf("git", { subcommand: "log" })).toBe("read");
    expect(kindOf("git", { subcommand: "commit", message: "m" })).toBe("commit");
    expect(kindOf("ask_user", { question: "Which?" })).toBe("ask");
    expect(findBuiltinTool("bash")!.summarize({ command: "pytest -q" })).toBe("bash: pytest -q");
    expect(findBuiltinTool("nope")).toBeUndefined();
  });

  it("rejects input that breaks a schema, naming the field", () => {
    const result = findBuiltinTool("read_file")!.inputSchema.safeParse({ path: "a", offset_line: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["offset_line"]);
    expect(findBuiltinTool("git")!.inputSchema.safeParse({ subcommand: "push" }).success).toBe(false);
  });

  it("refuses to execute ask_user, which the loop answers", async () => {
    const tool = findBuiltinTool("ask_user")!;
    await expect(tool.execute({ question: "Which?" }, {} as ToolContext)).rejects.toThrow(/must not execute/);
  });

  it("turns a refused path into an error result instead of throwing", async () => {
    const result = await findBuiltinTool("read_file")!.execute({ path: "../secret" }, {} as ToolContext);
    expect(result).toEqual({
      isError: true,
      output: expect.stringMatching(/^read_file failed: path must not contain '\.\.'/) as unknown,
    });
  });
});
