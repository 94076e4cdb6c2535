import { describe, expect, it } from "vitest";
import type { SessionEvent, SessionView } from "../protocol/index.js";
import {
  defaultLimits,
  initialViewState,
  reduceView,
  type ChatItem,
  type ViewAction,
  type ViewState,
} from "./view-state.js";

/** Events of one session with consecutive seqs, as the follower yields them. */
function events() {
  let seq = 0;
  return <Name extends SessionEvent["name"]>(
    name: Name,
    data: Extract<SessionEvent, { name: Name }>["data"],
  ): ViewAction => {
    seq += 1;
    const event = {
      session_id: "ses_1",
      seq,
      name,
      data,
      created_at: "2026-01-01T00:00:00Z",
    } as SessionEvent;
    return { type: "event", event };
  };
}

function apply(
  actions: ViewAction[],
  state: ViewState = initialViewState(),
  limits = defaultLimits,
): ViewState {
  return actions.reduce((current, action) => reduceView(current, action, limits), state);
}

function only<Kind extends ChatItem["kind"]>(
  state: ViewState,
  kind: Kind,
): Array<Extract<ChatItem, { kind: Kind }>> {
  return state.items.filter((item): item is Extract<ChatItem, { kind: Kind }> => item.kind === kind);
}

describe("reduceView", () => {
  it("streams assistant text into one message and lets the end's whole text replace the pieces", () => {
    const event = events();
    const state = apply([
      event("turn.start", { turn_id: "t1", prompt: "say hi", model: "openai:m" }),
      event("message.delta", { message_id: "m1", text: "Hel" }),
      event("message.delta", { message_id: "m1", text: "lo" }),
    ]);
    expect(only(state, "prompt")).toEqual([{ kind: "prompt", id: "t1", text: "say hi" }]);
    expect(only(state, "assistant")).toEqual([
      { kind: "assistant", id: "m1", text: "Hello", isComplete: false },
    ]);
    expect(state.status.model).toBe("openai:m");
    const ended = reduceView(state, event("message.end", { message_id: "m1", text: "Hello there." }));
    expect(only(ended, "assistant")).toEqual([
      { kind: "assistant", id: "m1", text: "Hello there.", isComplete: true },
    ]);
  });

  it("ignores an event it already has (a repeat after a reconnect)", () => {
    const event = events();
    const delta = event("message.delta", { message_id: "m1", text: "once" });
    const state = apply([delta, delta]);
    expect(only(state, "assistant")[0]?.text).toBe("once");
    expect(state.lastSeq).toBe(1);
  });

  it("after a server restart, gives a new message that reuses a finished one's id its own item, and runs a restarted tool call on its old line", () => {
    const event = events();
    const state = apply([
      event("message.end", { message_id: "t1.1", text: "before the crash" }),
      event("tool.start", { tool_call_id: "c1", tool: "ask_user", input: { question: "Go?" } }),
      // The resumed turn starts the pending call again and counts its steps from 1.
      event("tool.start", { tool_call_id: "c1", tool: "ask_user", input: { question: "Go?" } }),
      event("tool.end", {
        tool_call_id: "c1",
        tool: "ask_user",
        output: "yes",
        is_error: false,
        duration_ms: 5,
      }),
      event("message.delta", { message_id: "t1.1", text: "after " }),
      event("message.end", { message_id: "t1.1", text: "after the restart" }),
    ]);
    expect(
      state.items.map((item) =>
        "text" in item ? item.text : `${item.kind} ${"status" in item ? item.status : ""}`,
      ),
    ).toEqual(["before the crash", "tool succeeded", "after the restart"]);
  });

  it("keeps reasoning collapsed: only how much there was", () => {
    const event = events();
    const state = apply([
      event("reasoning.delta", { message_id: "r1", text: "thinking " }),
      event("reasoning.delta", { message_id: "r1", text: "hard" }),
    ]);
    expect(state.items).toEqual([{ kind: "reasoning", id: "r1", characters: 13 }]);
  });

  it("makes a tool call one line with its target, status and duration, and marks the files it writes", () => {
    const event = events();
    const state = apply([
      event("tool.start", {
        tool_call_id: "c1",
        tool: "edit_file",
        input: { path: "src/app.ts", old_text: "a\nb", new_text: "c" },
      }),
      event("tool.end", {
        tool_call_id: "c1",
        tool: "edit_file",
        is_error: false,
        output: "Replaced",
        duration_ms: 42,
      }),
      event("tool.start", { tool_call_id: "c2", tool: "bash", input: { command: "npm   test\n -q" } }),
      event("tool.delta", { tool_call_id: "c2", stream: "stdout", text: "1 passed\n" }),
      event("tool.end", {
        tool_call_id: "c2",
        tool: "bash",
        is_error: true,
        output: "ignored",
        duration_ms: 1500,
      }),
    ]);
    const [edit, bash] = only(state, "tool");
    expect(edit).toMatchObject({
      tool: "edit_file",
      target: "src/app.ts",
      status: "succeeded",
      durationMs: 42,
    });
    expect(edit?.diff).toEqual([
      { sign: "-", text: "a" },
      { sign: "-", text: "b" },
      { sign: "+", text: "c" },
    ]);
    // Streamed output stays; the end's copy of it is not added again.
    expect(bash).toMatchObject({
      target: "npm test -q",
      status: "failed",
      durationMs: 1500,
      output: "1 passed\n",
    });
    expect(state.filesTouched).toEqual(["src/app.ts"]);
  });

  it("collapses the output of older tool calls, keeping the newest few", () => {
    const event = events();
    const actions: ViewAction[] = [];
    for (let index = 0; index < 5; index += 1) {
      actions.push(
        event("tool.start", { tool_call_id: `c${index}`, tool: "bash", input: { command: "ls" } }),
      );
      actions.push(
        event("tool.delta", { tool_call_id: `c${index}`, stream: "stdout", text: `out ${index}` }),
      );
    }
    const tools = only(apply(actions), "tool");
    expect(tools.map((tool) => tool.isOutputCollapsed)).toEqual([true, true, false, false, false]);
    // Collapsed calls keep their output's first lines: what expanding an old tool line shows.
    expect(tools.map((tool) => tool.output)).toEqual(["out 0", "out 1", "out 2", "out 3", "out 4"]);
  });

  it("keeps only the first lines of a collapsed call's output, bounded in lines and characters, and says more was there", () => {
    const event = events();
    const long = Array.from({ length: 100 }, (_, index) => `line ${index}`).join("\n");
    const actions: ViewAction[] = [
      event("tool.start", { tool_call_id: "old", tool: "bash", input: { command: "seq" } }),
      event("tool.delta", { tool_call_id: "old", stream: "stdout", text: long }),
      event("tool.start", { tool_call_id: "wide", tool: "bash", input: { command: "yes" } }),
      event("tool.end", {
        tool_call_id: "wide",
        tool: "bash",
        is_error: false,
        output: "w".repeat(5_000),
        duration_ms: 1,
      }),
      ...["a", "b", "c"].map((id) => event("tool.start", { tool_call_id: id, tool: "bash", input: {} })),
      // Output that arrives after its call was collapsed is bounded the same way.
      event("tool.delta", { tool_call_id: "old", stream: "stdout", text: "\nlate" }),
    ];
    const [old, wide] = only(apply(actions), "tool");
    expect(old!.isOutputCollapsed).toBe(true);
    expect(old!.output.split("\n")).toEqual([
      ...Array.from({ length: defaultLimits.collapsedOutputLines }, (_, index) => `line ${index}`),
      "…",
    ]);
    expect(wide!.output.length).toBeLessThanOrEqual(defaultLimits.maxCollapsedOutput + 2);
    expect(wide!.output.endsWith("\n…")).toBe(true);
  });

  it("keeps only the tail of a huge tool output and of a huge message", () => {
    const event = events();
    const limits = { ...defaultLimits, maxToolOutput: 100, maxMessage: 50 };
    const state = apply(
      [
        event("tool.start", { tool_call_id: "c1", tool: "bash", input: { command: "yes" } }),
        ...Array.from({ length: 50 }, () =>
          event("tool.delta", { tool_call_id: "c1", stream: "stdout", text: "y\n".repeat(20) }),
        ),
        event("message.delta", { message_id: "m1", text: "x".repeat(200) }),
        event("message.delta", { message_id: "m1", text: "END" }),
      ],
      initialViewState(),
      limits,
    );
    expect(only(state, "tool")[0]?.output.length).toBe(100);
    const message = only(state, "assistant")[0]!.text;
    expect(message.length).toBe(50);
    expect(message.endsWith("END")).toBe(true);
  });

  it("stays bounded over a 10,000-event session", () => {
    const event = events();
    let state = initialViewState();
    for (let turn = 0; turn < 1000; turn += 1) {
      const actions = [
        event("turn.start", { turn_id: `t${turn}`, prompt: `prompt ${turn}`, model: "m" }),
        event("tool.start", {
          tool_call_id: `c${turn}`,
          tool: "write_file",
          input: { path: `f${turn}.txt`, content: "z\n".repeat(500) },
        }),
        event("tool.delta", { tool_call_id: `c${turn}`, stream: "stdout", text: "o".repeat(10_000) }),
        event("tool.end", {
          tool_call_id: `c${turn}`,
          tool: "write_file",
          is_error: false,
          output: "ok",
          duration_ms: 1,
        }),
        ...Array.from({ length: 5 }, () => event("message.delta", { message_id: `m${turn}`, text: "word " })),
        event("usage", {
          input_tokens: 1,
          output_tokens: 1,
          session_input_tokens: turn,
          session_output_tokens: turn,
        }),
      ];
      state = apply(actions, state);
    }
    expect(state.lastSeq).toBe(10_000);
    expect(state.items.length).toBe(defaultLimits.maxItems);
    expect(state.droppedItems).toBe(3000 - defaultLimits.maxItems);
    expect(state.filesTouched.length).toBe(defaultLimits.maxFiles);
    const kept = only(state, "tool").filter((tool) => !tool.isOutputCollapsed);
    expect(kept.length).toBe(defaultLimits.expandedTools);
    for (const tool of only(state, "tool"))
      expect(tool.output.length).toBeLessThanOrEqual(defaultLimits.maxToolOutput);
    const size = JSON.stringify(state).length;
    expect(size).toBeLessThan(200_000);
    expect(state.status.inputTokens).toBe(999);
  });

  it("shows a permission request as a waiting tool, and its resolution from anywhere", () => {
    const event = events();
    const started = [
      event("session.status", { status: "running" }),
      event("tool.start", { tool_call_id: "c1", tool: "bash", input: { command: "rm -rf build" } }),
    ];
    const requested = event("permission.requested", {
      interaction_id: "i1",
      tool_call_id: "c1",
      tool: "bash",
      input: { command: "rm -rf build" },
      summary: "bash: rm -rf build",
      expires_at: "2026-01-01T00:10:00Z",
    });
    let state = apply([...started, requested, event("session.status", { status: "waiting" })]);
    if (requested.type !== "event" || requested.event.name !== "permission.requested")
      throw new Error("not a request");
    state = reduceView(state, { type: "ask", request: requested.event });
    state = reduceView(state, { type: "ask", request: requested.event });
    expect(state.pending).toHaveLength(1);
    expect(state.status.session).toBe("waiting");
    expect(only(state, "tool")[0]?.status).toBe("waiting");
    state = apply(
      [event("interaction.resolved", { interaction_id: "i1", kind: "permission", outcome: "denied" })],
      state,
    );
    expect(state.pending).toEqual([]);
    expect(only(state, "tool")[0]?.status).toBe("denied");
    expect(only(state, "notice").at(-1)).toMatchObject({
      text: "denied bash: rm -rf build",
      tone: "warning",
    });
  });

  it("says what a question was answered with", () => {
    const event = events();
    const state = apply([
      event("question.asked", {
        interaction_id: "q1",
        tool_call_id: "c1",
        question: "Which port?",
        choices: ["80", "8080"],
        expires_at: "2026-01-01T00:10:00Z",
      }),
      event("interaction.resolved", {
        interaction_id: "q1",
        kind: "question",
        outcome: "answered",
        answer: "8080",
      }),
    ]);
    expect(only(state, "notice").at(-1)).toMatchObject({
      text: "answered Which port?: 8080",
      tone: "success",
    });
  });

  it("follows the session's status, usage, queue and end", () => {
    const event = events();
    let state = apply([
      event("session.status", { status: "starting" }),
      event("session.status", { status: "running", queued_turns: 2 }),
      event("usage", {
        input_tokens: 10,
        output_tokens: 5,
        session_input_tokens: 100,
        session_output_tokens: 50,
      }),
    ]);
    expect(state.status).toMatchObject({
      session: "running",
      queuedTurns: 2,
      inputTokens: 100,
      outputTokens: 50,
    });
    state = apply(
      [
        event("turn.end", { turn_id: "t1", outcome: "failed", reason: "model unreachable" }),
        event("session.ended", { status: "failed", reason: "model unreachable" }),
      ],
      state,
    );
    expect(state.status).toMatchObject({ session: "failed", queuedTurns: 0 });
    expect(only(state, "notice").map((notice) => notice.tone)).toEqual(["error", "error"]);
  });

  it("takes agent, model and policy from the session view, and keeps them over /new", () => {
    const view: SessionView = {
      session_id: "ses_9",
      project_id: "p",
      user_id: null,
      model: "anthropic:claude",
      agent: "builtin",
      approval: "ask",
      status: "running",
      status_reason: null,
      sandbox_id: null,
      queued_turns: 0,
      last_seq: 3,
      usage: { input_tokens: 7, output_tokens: 3 },
      pending_interactions: [],
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    };
    const state = apply([
      { type: "session", view },
      { type: "connection", state: "replaying" },
      { type: "queue", prompt: "next" },
    ]);
    expect(state.sessionId).toBe("ses_9");
    expect(state.status).toMatchObject({
      agent: "builtin",
      model: "anthropic:claude",
      approval: "ask",
      inputTokens: 7,
      connection: "replaying",
    });
    expect(state.queued).toEqual(["next"]);
    const fresh = reduceView(state, { type: "reset" });
    expect(fresh.sessionId).toBeUndefined();
    expect(fresh.items).toEqual([]);
    expect(fresh.status).toMatchObject({
      agent: "builtin",
      approval: "ask",
      session: "new",
      inputTokens: 0,
      connection: "replaying",
    });
  });

  it("shows what /approval, /model, /agent set: at once before a session, as `next` during one, after /new", () => {
    const before = apply([{ type: "next", settings: { approval: "read-only" } }]);
    expect(before.status).toMatchObject({ approval: "read-only", next: { approval: "read-only" } });
    const at = (seq: number, name: "turn.start" | "turn.end", created_at: string): ViewAction => ({
      type: "event",
      event: {
        session_id: "ses_t",
        seq,
        name,
        created_at,
        data:
          name === "turn.start"
            ? { turn_id: "t1", prompt: "p", model: "openai:gpt" }
            : { turn_id: "t1", outcome: "completed" },
      } as SessionEvent,
    });
    const running = apply(
      [
        { type: "provider", provider: "docker" },
        at(1, "turn.start", "2026-01-01T00:00:05Z"),
        at(2, "turn.end", "2026-01-01T00:00:09Z"),
        { type: "next", settings: { model: "anthropic:claude" } },
      ],
      before,
    );
    expect(running.status).toMatchObject({
      provider: "docker",
      model: "openai:gpt",
      sessionStartedAt: "2026-01-01T00:00:05Z",
      turnStartedAt: "2026-01-01T00:00:05Z",
      turnEndedAt: "2026-01-01T00:00:09Z",
      lastEventAt: "2026-01-01T00:00:09Z",
      next: { approval: "read-only", model: "anthropic:claude" },
    });
    const fresh = reduceView(running, { type: "reset" });
    expect(fresh.status).toMatchObject({
      provider: "docker",
      model: "anthropic:claude",
      approval: "read-only",
      turnStartedAt: undefined,
      sessionStartedAt: undefined,
    });
  });

  it("queues and dequeues prompts in order, and changes nothing for a connection it already shows", () => {
    const state = apply([
      { type: "queue", prompt: "a" },
      { type: "queue", prompt: "b" },
      { type: "dequeue" },
    ]);
    expect(state.queued).toEqual(["b"]);
    const live = reduceView(state, { type: "connection", state: "live" });
    expect(reduceView(live, { type: "connection", state: "live" })).toBe(live);
  });
});
