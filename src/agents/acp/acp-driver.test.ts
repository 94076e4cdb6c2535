import { describe, expect, it } from "vitest";
import type { AgentDriverContext, AgentEvent, AgentPrompt, PermissionRequest } from "../agent-driver.js";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import { acpAgentDriver } from "./acp-driver.js";
import type { AgentRunnerConnection, RunnerChat, RunnerProgress } from "./agent-runner-port.js";

/** A runner in memory: it keeps numbered events and plays a script when prompted. */
class FakeRunner implements AgentRunnerConnection {
  readonly chats: RunnerChat[] = [];
  readonly cancels: string[] = [];
  readonly answers: unknown[] = [];
  readonly subscriptions: number[] = [];
  events: RunnerProgress[] = [];
  busy = false;
  #listeners = new Set<() => void>();
  script: (chat: RunnerChat) => Omit<RunnerProgress, "seq">[] = () => [];

  push(event: Omit<RunnerProgress, "seq">): void {
    this.events.push({ ...event, seq: this.events.length + 1 });
    for (const listener of this.#listeners) listener();
  }

  /** What the runner answers when asked to continue an ACP session. */
  continuedAs = "loaded";

  async chat(request: RunnerChat) {
    this.chats.push(request);
    this.busy = true;
    queueMicrotask(() => {
      for (const event of this.script(request)) this.push(event);
    });
    return {
      acpSessionId: "acp-1",
      sessionOrigin: request.acpSessionId ? this.continuedAs : "new",
    };
  }

  async *subscribe(_sessionId: string, fromSeq: number, signal: AbortSignal): AsyncIterable<RunnerProgress> {
    this.subscriptions.push(fromSeq);
    let next = fromSeq;
    while (!signal.aborted) {
      while (next < this.events.length) yield this.events[next++]!;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#listeners.delete(wake);
          resolve();
        };
        this.#listeners.add(wake);
        signal.addEventListener("abort", wake, { once: true });
      });
    }
  }

  async status() {
    return {
      found: this.events.length > 0,
      busy: this.busy,
      lastSeq: this.events.length,
      acpSessionId: "acp-1",
    };
  }

  async cancel(sessionId: string) {
    this.cancels.push(sessionId);
    this.push({ messageType: "SessionPromptEnd", subType: "cancelled", payload: "{}" });
  }

  async resolvePermission(_sessionId: string, toolCallId: string, answer: unknown) {
    this.answers.push({ toolCallId, answer });
    this.push({ messageType: "PermissionResolved", subType: "", payload: "{}" });
    this.push(update({ sessionUpdate: "tool_call_update", toolCallId, status: "completed" }));
    this.push({ messageType: "SessionPromptEnd", subType: "end_turn", payload: "{}" });
  }

  async stopAgent() {}
}

function update(value: Record<string, unknown>): Omit<RunnerProgress, "seq"> {
  return {
    messageType: "AgentSessionUpdate",
    subType: String(value.sessionUpdate),
    payload: JSON.stringify({ sessionId: "acp-1", update: value }),
  };
}
const chunk = (text: string) =>
  update({ sessionUpdate: "agent_message_chunk", content: { type: "text", text } });
const end = (subType = "end_turn") => ({ messageType: "SessionPromptEnd", subType, payload: "{}" });

function harness(runner: FakeRunner | (() => FakeRunner), approve = true) {
  const events: AgentEvent[] = [];
  const origins: (number | undefined)[] = [];
  const asked: PermissionRequest[] = [];
  let stored: unknown = null;
  const context: AgentDriverContext = {
    sessionId: "ses_1",
    sandbox: { owner: "alice" } as Sandbox,
    emit: (event, origin) => {
      events.push(event);
      origins.push(origin);
    },
    // As the event log answers: the newest origin, and how many events carry it.
    lastOrigin: async () => {
      const origin = origins.findLast((candidate) => candidate !== undefined);
      if (origin === undefined) return undefined;
      return { origin, count: origins.filter((candidate) => candidate === origin).length };
    },
    interactions: {
      requestPermission: async () => approve,
      askUser: async () => undefined,
      decidePermission: async (request) => {
        asked.push(request);
        return { approved: approve };
      },
    },
    recordUsage: async () => {},
    state: { load: async () => stored, save: async (state) => void (stored = structuredClone(state)) },
  };
  const start = acpAgentDriver({
    runners: { open: async () => (typeof runner === "function" ? runner() : runner) },
    launch: async () => ({
      agentId: "fake",
      command: "/bin/agent",
      args: [],
      env: {},
      homeFiles: {},
      capabilities: [],
      model: "m",
    }),
    cancelGraceMs: 200,
  });
  return {
    events,
    origins,
    asked,
    context,
    start,
    state: () => stored as { lastSeq: number; transcript: string },
  };
}

const prompt = (turnId: string, approval: AgentPrompt["approval"] = "ask"): AgentPrompt => ({
  turnId,
  text: `prompt of ${turnId}`,
  model: "openai:m",
  approval,
});

/**
 * Prompts `turn_1` and lets Hangar "crash" mid-prompt: the driver is dropped without a
 * cancel reaching the runner, which keeps the prompt. Returns that driver's harness.
 */
async function crashMidPrompt(runner: FakeRunner): Promise<ReturnType<typeof harness>> {
  const first = harness(runner);
  const stopped = new AbortController();
  const running = (await first.start(first.context)).prompt(prompt("turn_1"), stopped.signal);
  await new Promise((resolve) => setTimeout(resolve, 20));
  runner.cancel = async () => {};
  stopped.abort(new Error("crash"));
  await running.catch(() => undefined);
  return first;
}

describe("the ACP driver", () => {
  it("prompts the runner and emits the agent's updates until the prompt ends", async () => {
    const runner = new FakeRunner();
    runner.script = (chat) => [
      { ...chunk("Hel"), requestId: chat.requestId },
      { ...chunk("lo"), requestId: chat.requestId },
      { ...end(), requestId: chat.requestId },
    ];
    const { events, context, start, state } = harness(runner);
    const driver = await start(context);
    await driver.prompt(prompt("turn_1"), new AbortController().signal);
    expect(events.map((event) => event.name)).toEqual(["message.delta", "message.delta", "message.end"]);
    expect(events[2]?.data).toMatchObject({ text: "Hello" });
    expect(runner.chats[0]).toMatchObject({
      sessionId: "ses_1",
      requestId: "turn_1",
      prompt: "prompt of turn_1",
    });
    expect(state().lastSeq).toBe(3);
    expect(state().transcript).toBe("User: prompt of turn_1\n\nAssistant: Hello");
  });

  it("asks a human under `ask` and sends the decision back as the agent's option", async () => {
    const runner = new FakeRunner();
    runner.script = () => [
      update({ sessionUpdate: "tool_call", toolCallId: "t1", title: "Write a.txt", kind: "edit" }),
      {
        messageType: "PermissionRequest",
        subType: "edit",
        payload: JSON.stringify({
          toolCall: { toolCallId: "t1", title: "Write a.txt", kind: "edit" },
          options: [
            { optionId: "yes", kind: "allow_once", name: "Yes" },
            { optionId: "no", kind: "reject_once", name: "No" },
          ],
        }),
      },
    ];
    const { events, asked, context, start } = harness(runner, false);
    await (await start(context)).prompt(prompt("turn_1"), new AbortController().signal);
    expect(asked.map((request) => request.choices)).toEqual([["yes", "no"]]);
    expect(runner.answers).toEqual([{ toolCallId: "t1", answer: { optionId: "no" } }]);
    expect(events.map((event) => event.name)).toEqual(["tool.start", "tool.end"]);
  });

  it("after a restart follows a prompt the runner still runs, from the last stored event, without sending it again", async () => {
    const runner = new FakeRunner();
    runner.script = () => [chunk("one "), chunk("two ")];
    const first = await crashMidPrompt(runner);
    expect(first.state().lastSeq).toBe(2);
    runner.push(chunk("three"));
    runner.push(end());
    const second = harness(runner);
    await second.context.state.save(first.state());
    await (await second.start(second.context)).prompt(prompt("turn_1"), new AbortController().signal);
    expect(runner.chats).toHaveLength(1);
    expect(runner.subscriptions.at(-1)).toBe(2);
    expect(second.events.map((event) => [event.name, (event.data as { text?: string }).text])).toEqual([
      ["message.delta", "three"],
      ["message.end", "three"],
    ]);
  });

  it("after a restart follows a prompt the runner finished meanwhile, without sending it again", async () => {
    const runner = new FakeRunner();
    runner.script = () => [chunk("one ")];
    const first = await crashMidPrompt(runner);
    // While Hangar was down the agent finished the turn.
    runner.push(chunk("two"));
    runner.push(end());
    runner.busy = false;
    const second = harness(runner);
    await second.context.state.save(first.state());
    await (await second.start(second.context)).prompt(prompt("turn_1"), new AbortController().signal);
    expect(runner.chats).toHaveLength(1);
    expect(second.events.map((event) => [event.name, (event.data as { text?: string }).text])).toEqual([
      ["message.delta", "two"],
      ["message.end", "two"],
    ]);
  });

  it("after a crash logs none of the runner's events twice, though its stored seq lagged behind the log", async () => {
    const runner = new FakeRunner();
    runner.script = () => [chunk("one "), chunk("two ")];
    const first = await crashMidPrompt(runner);
    expect(first.events).toHaveLength(2);
    // The crash came before the seq was stored (it is stored every 250 ms): the log is ahead.
    const second = harness(runner);
    second.events.push(...first.events);
    second.origins.push(...first.origins);
    await second.context.state.save({ ...first.state(), lastSeq: 0 });
    runner.push(chunk("three"));
    runner.push(end());
    await (await second.start(second.context)).prompt(prompt("turn_1"), new AbortController().signal);
    expect(runner.subscriptions.at(-1)).toBe(0);
    expect(
      second.events.slice(2).map((event) => [event.name, (event.data as { text?: string }).text]),
    ).toEqual([
      ["message.delta", "three"],
      // The replayed chunks were not logged again, but the message's text has them.
      ["message.end", "one two three"],
    ]);
    // Every event carries its runner event's origin; a new runner generation would number anew.
    expect(new Set(second.origins).size).toBe(4);
  });

  it("fails the prompt with the reason when the agent exits", async () => {
    const runner = new FakeRunner();
    runner.script = () => [
      {
        messageType: "AgentExited",
        subType: "exit code 3",
        payload: JSON.stringify({ stderr: "no such model" }),
      },
    ];
    const { context, start } = harness(runner);
    const failure = await (await start(context)).prompt(prompt("turn_1"), new AbortController().signal).then(
      () => undefined,
      (error: unknown) => error as { code: string; message: string },
    );
    expect(failure?.code).toBe("AGENT_FAILED");
    expect(failure?.message).toContain("no such model");
  });

  it("cancels through the runner and waits for the prompt's end", async () => {
    const runner = new FakeRunner();
    runner.script = () => [chunk("working")];
    const { events, context, start } = harness(runner);
    const controller = new AbortController();
    const running = (await start(context)).prompt(prompt("turn_1"), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error("cancelled by the user"));
    await expect(running).rejects.toThrow("cancelled by the user");
    expect(runner.cancels).toEqual(["ses_1"]);
    expect(events.map((event) => event.name)).toEqual(["message.delta", "message.end"]);
  });
  it("sends a turn again to a new runner with the transcript from before the turn, and says the agent lost its session", async () => {
    const first = new FakeRunner();
    first.script = (chat) =>
      chat.requestId === "turn_1" ? [chunk("first answer"), end()] : [chunk("partial")];
    let current = first;
    const { context, start, events } = harness(() => current);
    const driver = await start(context);
    await driver.prompt(prompt("turn_1"), new AbortController().signal);
    // turn_2 is under way when its runner dies (the prompt never ends there).
    const dying = new AbortController();
    const interrupted = driver.prompt(prompt("turn_2"), dying.signal).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    dying.abort(new Error("Hangar stops"));
    await interrupted;
    const replacement = new FakeRunner();
    replacement.continuedAs = "primed";
    replacement.script = () => [chunk("second answer"), end()];
    current = replacement;
    const restarted = await start(context);
    await restarted.prompt(prompt("turn_2"), new AbortController().signal);
    expect(replacement.chats[0]).toMatchObject({
      requestId: "turn_2",
      prompt: "prompt of turn_2",
      acpSessionId: "acp-1",
      transcript: "User: prompt of turn_1\n\nAssistant: first answer",
    });
    expect(events).toContainEqual({
      name: "session.status",
      data: {
        status: "running",
        reason:
          "the agent could not load its earlier session; it continues in a new one primed with the conversation so far",
      },
    });
  });
});
