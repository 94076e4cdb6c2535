import { Box } from "ink";
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
    expect(frame).not.toContain("$");
    // With [llm.prices] naming the model, its cost follows the tokens.
    const priced = show(
      <StatusBar status={status} prices={{ "openai:gpt": { inputPerMillion: 2, outputPerMillion: 8 } }} />,
    );
    expect(priced).toContain("1.5k↑ 20↓ tokens $0.0032");
  });

  it("shows the turn's and the session's elapsed time, the sandbox provider and what the next session uses", () => {
    const status = {
      ...initialViewState().status,
      session: "running" as const,
      provider: "bubblewrap",
      sessionStartedAt: "2026-01-01T10:00:00.000Z",
      turnStartedAt: "2026-01-01T10:02:00.000Z",
      lastEventAt: "2026-01-01T10:02:05.000Z",
      next: { approval: "auto" as const },
    };
    const now = Date.parse("2026-01-01T10:03:04.500Z");
    // Wider than the test terminal's 100 columns: the line is cut at the screen's edge.
    const frame = show(
      <Box width={160}>
        <StatusBar status={status} now={now} />
      </Box>,
    );
    expect(frame).toContain("turn 1m04s · session 3m04s");
    expect(frame).toContain("sandbox bubblewrap");
    expect(frame).toContain("next: approval auto");
  });

  it("stops the clocks at the last event once the session settled", () => {
    const status = {
      ...initialViewState().status,
      session: "completed" as const,
      sessionStartedAt: "2026-01-01T10:00:00.000Z",
      turnStartedAt: "2026-01-01T10:00:01.000Z",
      turnEndedAt: "2026-01-01T10:00:08.000Z",
      lastEventAt: "2026-01-01T10:00:09.000Z",
    };
    const frame = show(<StatusBar status={status} now={Date.parse("2026-01-02T00:00:00.000Z")} />);
    expect(frame).toContain("turn 7s · session 9s");
  });
});

describe("FilesPane", () => {
  it("lists the files touched, newest at the bottom, as many as fit", () => {
    const frame = show(<FilesPane files={["a.txt", "b.txt", "c.txt"]} width={20} height={3} />);
    expect(frame).toContain("Files touched");
    expect(frame).not.toContain("a.txt");
    expect(frame).toMatch(/b\.txt[\s\S]*c\.txt/);
  });

  it("shows the workspace as a tree with the touched files marked, and how many lines did not fit", () => {
    const workspace = [
      { path: "src", type: "directory" as const, size: 0 },
      { path: "src/app.ts", type: "file" as const, size: 1 },
      { path: "notes.md", type: "file" as const, size: 1 },
      { path: "z1", type: "file" as const, size: 1 },
      { path: "z2", type: "file" as const, size: 1 },
    ];
    const frame = show(<FilesPane files={["src/app.ts"]} workspace={workspace} width={24} height={5} />);
    expect(frame.split("\n").map((line) => line.trimEnd())).toEqual([
      " Workspace",
      "   notes.md",
      "   src/",
      "   ● app.ts",
      " … 2 more",
    ]);
  });

  it("says when nothing was touched yet", () => {
    expect(show(<FilesPane files={[]} width={20} height={3} />)).toContain("none yet");
  });
});
