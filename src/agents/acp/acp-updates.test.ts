import { describe, expect, it } from "vitest";
import { AcpUpdateTranslator } from "./acp-updates.js";

function translator() {
  let ids = 0;
  let clock = 1000;
  const translate = new AcpUpdateTranslator({ newMessageId: () => `msg_${++ids}`, now: () => clock });
  return { translate, advance: (ms: number) => (clock += ms) };
}

const update = (sessionUpdate: string, fields: Record<string, unknown> = {}) => ({
  sessionId: "acp-1",
  update: { sessionUpdate, ...fields },
});
const text = (value: string) => ({ type: "text", text: value });

describe("AcpUpdateTranslator", () => {
  it("starts a tool call announced only by a permission request, once", () => {
    const { translate } = translator();
    const toolCall = {
      toolCallId: "w1",
      title: "Writing to a.txt",
      kind: "edit",
      status: "pending",
      content: [],
    };
    expect(translate.announce(toolCall)).toEqual([
      {
        name: "tool.start",
        data: { tool_call_id: "w1", tool: "Writing to a.txt", title: "Writing to a.txt", kind: "edit" },
      },
    ]);
    expect(translate.announce(toolCall)).toEqual([]);
    expect(translate.announce(undefined)).toEqual([]);
    expect(
      translate
        .translate(update("tool_call_update", { toolCallId: "w1", status: "completed" }))
        .map((event) => event.name),
    ).toEqual(["tool.end"]);
  });

  it("groups message chunks into one message, ended by the next kind of update", () => {
    const { translate } = translator();
    expect(translate.translate(update("agent_message_chunk", { content: text("Hel") }))).toEqual([
      { name: "message.delta", data: { message_id: "msg_1", text: "Hel" } },
    ]);
    expect(translate.translate(update("agent_message_chunk", { content: text("lo") }))).toEqual([
      { name: "message.delta", data: { message_id: "msg_1", text: "lo" } },
    ]);
    const events = translate.translate(
      update("tool_call", { toolCallId: "t1", title: "Read a.txt", kind: "read" }),
    );
    expect(events[0]).toEqual({ name: "message.end", data: { message_id: "msg_1", text: "Hello" } });
    expect(events[1]?.name).toBe("tool.start");
    expect(translate.translate(update("agent_message_chunk", { content: text("next") }))).toEqual([
      { name: "message.delta", data: { message_id: "msg_2", text: "next" } },
    ]);
    expect(translate.finish("end_turn")).toEqual([
      { name: "message.end", data: { message_id: "msg_2", text: "next" } },
      // t1 never finished: closed as an error with the reason.
      {
        name: "tool.end",
        data: { tool_call_id: "t1", tool: "Read a.txt", is_error: true, output: "end_turn", duration_ms: 0 },
      },
    ]);
  });

  it("maps thoughts to reasoning.delta and a plan to plan.update", () => {
    const { translate } = translator();
    expect(translate.translate(update("agent_thought_chunk", { content: text("hmm") }))).toEqual([
      { name: "reasoning.delta", data: { message_id: "msg_1", text: "hmm" } },
    ]);
    expect(
      translate.translate(
        update("plan", {
          entries: [{ content: "write test", priority: "high", status: "in_progress" }, { content: 5 }],
        }),
      ),
    ).toEqual([
      {
        name: "plan.update",
        data: { entries: [{ content: "write test", priority: "high", status: "in_progress" }] },
      },
    ]);
    // A thought does not end in message.end: only the assistant's text does.
    expect(translate.finish("end_turn")).toEqual([]);
  });

  it("turns a tool call's growing content into deltas and its completion into tool.end", () => {
    const { translate, advance } = translator();
    expect(
      translate.translate(
        update("tool_call", {
          toolCallId: "t1",
          title: "Run pytest",
          kind: "execute",
          rawInput: { command: "pytest" },
          locations: [{ path: "/workspace/test_a.py", line: 3 }, { path: 7 }],
        }),
      ),
    ).toEqual([
      {
        name: "tool.start",
        data: {
          tool_call_id: "t1",
          tool: "Run pytest",
          input: { command: "pytest" },
          title: "Run pytest",
          kind: "execute",
          locations: [{ path: "/workspace/test_a.py", line: 3 }],
        },
      },
    ]);
    const content = (value: string) => [{ type: "content", content: text(value) }];
    expect(
      translate.translate(update("tool_call_update", { toolCallId: "t1", content: content("1 passed") })),
    ).toEqual([{ name: "tool.delta", data: { tool_call_id: "t1", stream: "stdout", text: "1 passed" } }]);
    advance(250);
    expect(
      translate.translate(
        update("tool_call_update", {
          toolCallId: "t1",
          status: "failed",
          content: content("1 passed, 1 failed"),
        }),
      ),
    ).toEqual([
      { name: "tool.delta", data: { tool_call_id: "t1", stream: "stdout", text: ", 1 failed" } },
      {
        name: "tool.end",
        data: {
          tool_call_id: "t1",
          tool: "Run pytest",
          is_error: true,
          output: "1 passed, 1 failed",
          duration_ms: 250,
        },
      },
    ]);
    expect(translate.finish("end_turn")).toEqual([]);
  });

  it("starts a tool call it first sees in an update, and ignores what it does not know", () => {
    const { translate } = translator();
    const events = translate.translate(
      update("tool_call_update", {
        toolCallId: "t9",
        title: "Edit",
        kind: "edit",
        status: "completed",
        content: [{ type: "diff", path: "/workspace/a.ts" }],
      }),
    );
    expect(events.map((event) => event.name)).toEqual(["tool.start", "tool.delta", "tool.end"]);
    expect(events[2]?.data).toMatchObject({
      tool_call_id: "t9",
      output: "(edited /workspace/a.ts)",
      is_error: false,
    });
    expect(translate.translate(update("available_commands_update", { availableCommands: [] }))).toEqual([]);
    expect(translate.translate(update("user_message_chunk", { content: text("old prompt") }))).toEqual([]);
    expect(translate.translate(null)).toEqual([]);
    expect(
      translate.translate({ update: { sessionUpdate: "agent_message_chunk", content: { type: "image" } } }),
    ).toEqual([]);
  });
});
