import { describe, expect, it } from "vitest";
import { parseTaskArguments } from "./task-arguments.js";

describe("parseTaskArguments", () => {
  it("takes the whole argument as the prompt when there are no options", () => {
    expect(parseTaskArguments("  fix the flaky test\nin ci  ")).toEqual({
      ok: true,
      task: { prompt: "fix the flaky test\nin ci" },
    });
  });

  it("reads leading options in either spelling, and leaves later -- alone", () => {
    expect(parseTaskArguments("--project demo --model=openai:gpt-5 --agent codex run ls --all")).toEqual({
      ok: true,
      task: { prompt: "run ls --all", project: "demo", model: "openai:gpt-5", agent: "codex" },
    });
  });

  it("names the option that is wrong", () => {
    expect(parseTaskArguments("--projet demo fix")).toEqual({
      ok: false,
      error: "unknown option --projet; /task takes --project, --agent and --model",
    });
    expect(parseTaskArguments("--model= fix")).toEqual({ ok: false, error: "--model needs a value" });
    expect(parseTaskArguments("--agent")).toEqual({ ok: false, error: "--agent needs a value" });
  });

  it("refuses a task without a prompt", () => {
    for (const argument of ["", "   ", "--project demo"]) {
      expect(parseTaskArguments(argument)).toEqual({
        ok: false,
        error: "a task needs a prompt: /task <what the agent should do>",
      });
    }
  });
});
