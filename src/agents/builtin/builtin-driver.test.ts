import type { ModelMessage } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalProcessSandbox } from "../../../test/fixtures/local-process-sandbox.js";
import {
  createSession,
  temporaryStore,
  type TemporaryStore,
} from "../../store/agent-session-test-support.js";
import type { AgentDriverContext, AgentEvent, AgentInteractions, AgentPrompt } from "../agent-driver.js";
import { builtinAgentDriver, type BuiltinDriverOptions } from "./builtin-driver.js";
import { scriptedModel, type ScriptedModel } from "./scripted-model-test-support.js";
import { builtinTools } from "./tools/builtin-tools.js";

/**
 * The built-in driver with the AI SDK's mock model, a real SQLite store and a
 * sandbox that is a temporary directory: the whole loop (tools included) in
 * milliseconds.
 */
let temporary: TemporaryStore;
let sandbox: LocalProcessSandbox;
let script: ScriptedModel;
let events: AgentEvent[];
let usage: Array<[number, number]>;
let interactions: AgentInteractions & { asked: string[] };

beforeEach(async () => {
  temporary = temporaryStore();
  await createSession(temporary.store, { id: "ses_1" });
  sandbox = await LocalProcessSandbox.create();
  script = scriptedModel();
  events = [];
  usage = [];
  interactions = {
    asked: [],
    requestPermission: async (request) => {
      interactions.asked.push(`permission: ${request.summary}`);
      return true;
    },
    decidePermission: async (request) => {
      interactions.asked.push(`permission: ${request.summary}`);
      return { approved: true };
    },
    askUser: async (request) => {
      interactions.asked.push(`question: ${request.question}`);
      return "blue";
    },
  };
});

afterEach(async () => {
  temporary.dispose();
  await sandbox.destroy();
});

function options(overrides: Partial<BuiltinDriverOptions["limits"]> = {}): BuiltinDriverOptions {
  return {
    messages: temporary.store.messages,
    resolveModel: () => script.model,
    tools: builtinTools(),
    runCode: () => () => Promise.reject(new Error("run_code is not used here")),
    limits: {
      maxSteps: 10,
      contextBudgetTokens: 100_000,
      maxRetries: 0,
      requestTimeoutMs: 5_000,
      commandTimeoutMs: 5_000,
      maxToolOutputChars: 10_000,
      ...overrides,
    },
  };
}

function context(): AgentDriverContext {
  return {
    sessionId: "ses_1",
    sandbox,
    emit: (event) => events.push(event),
    lastOrigin: async () => undefined,
    interactions,
    recordUsage: async (inputTokens, outputTokens) => {
      usage.push([inputTokens, outputTokens]);
    },
    state: { load: async () => null, save: async () => undefined },
  };
}

function prompt(turnId: string, text: string, approval: AgentPrompt["approval"] = "auto"): AgentPrompt {
  return { turnId, text, model: "mock:model", approval };
}

async function storedMessages(): Promise<Array<{ turnId: string | null; message: ModelMessage }>> {
  const stored = await temporary.store.messages.list("ses_1");
  return stored.map((row) => ({ turnId: row.turnId, message: row.message as ModelMessage }));
}

const names = (list: AgentEvent[]) => list.map((event) => event.name);

describe("the built-in agent driver", () => {
  it("runs a turn: writes a file, runs bash on it, answers; events and stored messages in order", async () => {
    script.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "hello.sh", content: "echo hi from $0\n" } }] },
      { toolCalls: [{ name: "bash", input: { command: "bash hello.sh" } }], inputTokens: 20 },
      { text: "It printed hi." },
    );
    const driver = await builtinAgentDriver(options())(context());
    await driver.prompt(prompt("turn_1", "make and run a script"), new AbortController().signal);
    await driver.close();

    expect(names(events)).toEqual([
      "tool.start",
      "tool.end",
      "tool.start",
      "tool.delta",
      "tool.end",
      "message.delta",
      "message.delta",
      "message.end",
    ]);
    const bashEnd = events[4] as Extract<AgentEvent, { name: "tool.end" }>;
    expect(bashEnd.data).toMatchObject({ tool: "bash", is_error: false });
    expect(bashEnd.data.output).toContain("hi from hello.sh");
    expect(events.at(-1)?.data).toEqual({ message_id: "turn_1.3", text: "It printed hi." });
    expect(usage).toEqual([
      [10, 5],
      [20, 5],
      [10, 5],
    ]);
    const stored = await storedMessages();
    expect(stored.map((row) => row.message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(stored.every((row) => row.turnId === "turn_1")).toBe(true);
    // Every call sent the whole conversation so far, the system prompt first.
    expect(script.calls.map((call) => call.prompt.length)).toEqual([2, 4, 6]);
    expect(script.calls[0]?.prompt[0]?.role).toBe("system");
    expect(script.calls[0]?.tools?.map((tool) => tool.name)).toContain("bash");
  });

  it("answers a call whose input does not fit the tool's schema with the problems, and goes on", async () => {
    script.enqueue(
      { toolCalls: [{ name: "read_file", input: { path: 5 } }] },
      { text: "I will pass a string." },
    );
    const driver = await builtinAgentDriver(options())(context());
    await driver.prompt(prompt("turn_1", "read it"), new AbortController().signal);
    await driver.close();

    // The loop's own validation answers (nothing validates tool input before it).
    const end = events.find((event) => event.name === "tool.end") as Extract<
      AgentEvent,
      { name: "tool.end" }
    >;
    expect(end.data).toMatchObject({ tool: "read_file", is_error: true });
    expect(end.data.output).toMatch(/^Invalid input for read_file: path: /);
    const stored = await storedMessages();
    expect(stored.map((row) => row.message.role)).toEqual(["user", "assistant", "tool", "assistant"]);
  });

  it("continues the conversation on the next turn, from memory or from the store", async () => {
    script.enqueue({ text: "first answer" }, { text: "second answer" }, { text: "third answer" });
    const start = builtinAgentDriver(options());
    const first = await start(context());
    await first.prompt(prompt("turn_1", "one"), new AbortController().signal);
    await first.close();
    const second = await start(context());
    await second.prompt(prompt("turn_2", "two"), new AbortController().signal);
    await second.close();
    // A fresh driver factory (a restart) reads the conversation back from the store.
    const afterRestart = await builtinAgentDriver(options())(context());
    await afterRestart.prompt(prompt("turn_3", "three"), new AbortController().signal);
    const lastPrompt = script.calls[2]?.prompt ?? [];
    expect(lastPrompt.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
    expect((await storedMessages()).map((row) => row.turnId)).toEqual([
      "turn_1",
      "turn_1",
      "turn_2",
      "turn_2",
      "turn_3",
      "turn_3",
    ]);
  });

  it("resumes an interrupted turn: runs the open tool call once, does not repeat the prompt", async () => {
    // What a crash leaves: the prompt and a model step asking for a tool, no result.
    await temporary.store.messages.append("ses_1", "turn_1", [
      { role: "user", content: "count the files" },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_a", toolName: "bash", input: { command: "echo 3" } },
        ],
      },
    ]);
    script.enqueue({ text: "There are 3." });
    const driver = await builtinAgentDriver(options())(context());
    await driver.prompt(prompt("turn_1", "count the files"), new AbortController().signal);
    expect(sandbox.commands).toHaveLength(1);
    expect(names(events)).toEqual([
      "tool.start",
      "tool.delta",
      "tool.end",
      "message.delta",
      "message.delta",
      "message.end",
    ]);
    const roles = (await storedMessages()).map((row) => row.message.role);
    expect(roles).toEqual(["user", "assistant", "tool", "assistant"]);
    // Step 1 was taken before the crash: the answer is step 2, not a second "turn_1.1".
    const messageIds = events.flatMap((event) =>
      event.name === "message.end" ? [(event.data as { message_id: string }).message_id] : [],
    );
    expect(messageIds).toEqual(["turn_1.2"]);
  });

  it("asks before acting under `ask`, and turns ask_user into a question", async () => {
    script.enqueue(
      { toolCalls: [{ name: "ask_user", input: { question: "Which colour?" } }] },
      { toolCalls: [{ name: "write_file", input: { path: "colour.txt", content: "blue" } }] },
      { text: "done" },
    );
    const driver = await builtinAgentDriver(options())(context());
    await driver.prompt(prompt("turn_1", "paint it", "ask"), new AbortController().signal);
    expect(interactions.asked).toEqual([
      "question: Which colour?",
      "permission: write_file: colour.txt (4 bytes)",
    ]);
    expect(Buffer.from((await sandbox.readFile("colour.txt", 100)) ?? []).toString()).toBe("blue");
  });

  it("stops at the step limit with AGENT_STEP_LIMIT, and abandon answers the open calls", async () => {
    const call = { toolCalls: [{ name: "bash", input: { command: "true" } }] };
    script.enqueue(call, call);
    const driver = await builtinAgentDriver(options({ maxSteps: 2 }))(context());
    await expect(driver.prompt(prompt("turn_1", "loop"), new AbortController().signal)).rejects.toMatchObject(
      {
        code: "AGENT_STEP_LIMIT",
      },
    );
    // The limit is checked before a third call: the second step's tool ran, nothing is open.
    await driver.abandon("step limit");
    expect((await storedMessages()).map((row) => row.message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
    ]);
  });

  it("abandon gives every unanswered call an error result, so the next turn is a valid conversation", async () => {
    script.enqueue({ toolCalls: [{ name: "bash", input: { command: "sleep 5" } }] });
    const controller = new AbortController();
    const driver = await builtinAgentDriver(options())(context());
    const running = driver.prompt(prompt("turn_1", "wait"), controller.signal);
    while (!events.some((event) => event.name === "tool.start"))
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("cancelled by the user"));
    await expect(running).rejects.toThrow("cancelled by the user");
    await driver.abandon("cancelled by the user");
    await driver.close();
    const last = (await storedMessages()).at(-1)?.message;
    expect(last).toMatchObject({
      role: "tool",
      content: [{ toolCallId: "call_1_0", output: { type: "error-text" } }],
    });
    script.enqueue({ text: "ok" });
    const next = await builtinAgentDriver(options())(context());
    await next.prompt(prompt("turn_2", "again"), new AbortController().signal);
    expect(script.calls[1]?.prompt.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "user",
    ]);
  });

  it("fails with the model's error and keeps what was stored", async () => {
    script.enqueue({ error: new Error("model unreachable") });
    const driver = await builtinAgentDriver(options())(context());
    await expect(driver.prompt(prompt("turn_1", "hi"), new AbortController().signal)).rejects.toThrow(
      "model unreachable",
    );
    expect((await storedMessages()).map((row) => row.message)).toEqual([{ role: "user", content: "hi" }]);
  });
});
