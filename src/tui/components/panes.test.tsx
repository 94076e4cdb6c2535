import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { initialViewState, type ViewState } from "../view-state.js";
import { ChatPane } from "./chat-pane.js";
import { FilesPane } from "./files-pane.js";
import { StatusBar } from "./status-bar.js";

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function show(element: React.ReactElement): string {
  const app = render(element);
  unmount = app.unmount;
  return app.lastFrame() ?? "";
}

describe("ChatPane", () => {
  const state: ViewState = {
    ...initialViewState(),
    items: [
      { kind: "prompt", id: "t1", text: "write it" },
      { kind: "assistant", id: "m1", text: "## Plan\nI will **write** `a.txt`.", isComplete: true },
      {
        kind: "tool",
        id: "c1",
        tool: "write_file",
        target: "a.txt",
        status: "succeeded",
        durationMs: 12,
        output: "",
        isOutputCollapsed: false,
        diff: [{ sign: "+", text: "hello" }],
      },
    ],
  };

  it("renders the prompt, the Markdown answer and the tool line with its diff, in the pane's height", () => {
    const frame = show(<ChatPane state={state} width={40} height={8} />);
    expect(frame.split("\n")).toHaveLength(8);
    expect(frame).toContain("› write it");
    expect(frame).toContain("Plan");
    expect(frame).not.toContain("##");
    expect(frame).toContain("I will write a.txt.");
    expect(frame).toContain("✓ write_file a.txt 12ms");
    expect(frame).toContain("  + hello");
  });

  it("shows only the newest lines when the chat is taller than the pane", () => {
    const frame = show(<ChatPane state={state} width={40} height={2} />);
    expect(frame).toBe("✓ write_file a.txt 12ms\n  + hello");
  });
});

describe("StatusBar", () => {
  it("shows the connection, the session's status, agent, model, policy and tokens", () => {
    const status = {
      ...initialViewState().status,
      agent: "builtin",
      model: "openai:gpt",
      approval: "ask" as const,
      session: "waiting" as const,
      inputTokens: 1500,
      outputTokens: 20,
      connection: "reconnecting" as const,
    };
    const frame = show(<StatusBar status={status} />);
    expect(frame).toContain("● reconnecting");
    expect(frame).toContain("waiting for you");
    expect(frame).toContain("builtin │ openai:gpt │ approval ask │ 1.5k↑ 20↓ tokens");
  });
});

describe("FilesPane", () => {
  it("lists the files touched, newest at the bottom, as many as fit", () => {
    const frame = show(<FilesPane files={["a.txt", "b.txt", "c.txt"]} width={20} height={3} />);
    expect(frame).toContain("Files touched");
    expect(frame).not.toContain("a.txt");
    expect(frame).toMatch(/b\.txt[\s\S]*c\.txt/);
  });

  it("says when nothing was touched yet", () => {
    expect(show(<FilesPane files={[]} width={20} height={3} />)).toContain("none yet");
  });
});
