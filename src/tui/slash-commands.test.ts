import { describe, expect, it } from "vitest";
import { helpLines, parseInput, parseNextSetting } from "./slash-commands.js";
import { keyBindings } from "./key-bindings.js";

describe("parseInput", () => {
  it("tells prompts, known commands and unknown commands apart", () => {
    expect(parseInput("fix the bug")).toEqual({ kind: "prompt", text: "fix the bug" });
    expect(parseInput(" /Quit ")).toEqual({ kind: "command", name: "quit", argument: "" });
    expect(parseInput("/approval  auto ")).toEqual({ kind: "command", name: "approval", argument: "auto" });
    expect(parseInput("/frobnicate")).toEqual({ kind: "unknown", name: "frobnicate" });
    // An unknown word with more after it is a prompt that starts with a path.
    expect(parseInput("/tmp is full")).toEqual({ kind: "prompt", text: "/tmp is full" });
    // A path is a prompt, not a command.
    expect(parseInput("/etc/hosts has a typo")).toEqual({ kind: "prompt", text: "/etc/hosts has a typo" });
  });

  it("lists every command and the keys in /help", () => {
    const help = helpLines(keyBindings()).join("\n");
    for (const name of [
      "/help",
      "/new",
      "/sessions",
      "/approval ask|auto|read-only",
      "/model provider:model",
      "/agent name",
      "/cancel",
      "/quit",
      "Esc or Ctrl+C",
      "Alt+Enter",
      "Ctrl+D",
      "Ctrl+T",
      "Tab move the focus",
      "Enter open the selected file",
      "e chat: show or hide the selected tool line's output",
    ])
      expect(help).toContain(name);
  });
});

function errorOf(result: ReturnType<typeof parseNextSetting>): string | undefined {
  return "error" in result ? result.error : undefined;
}

describe("parseNextSetting", () => {
  it("takes a valid policy, model or agent, and names the command when the value is bad", () => {
    expect(parseNextSetting("approval", "read-only")).toEqual({ settings: { approval: "read-only" } });
    expect(parseNextSetting("model", "openai:gpt-4o")).toEqual({ settings: { model: "openai:gpt-4o" } });
    expect(parseNextSetting("agent", "claude-code")).toEqual({ settings: { agent: "claude-code" } });
    expect(parseNextSetting("approval", "sometimes")).toEqual({
      error: '/approval takes ask, auto or read-only, not "sometimes"',
    });
    expect(parseNextSetting("approval", "")).toEqual({ error: "/approval takes ask, auto or read-only" });
    expect(errorOf(parseNextSetting("model", "gpt-4o"))).toMatch(/^\/model takes provider:model/);
    expect(errorOf(parseNextSetting("agent", "two words"))).toMatch(/^\/agent takes/);
  });
});
