import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalProcessSandbox } from "../../test/fixtures/local-process-sandbox.js";
import type {
  AgentDriver,
  AgentDriverContext,
  AgentPrompt,
  StartAgentDriver,
} from "../agents/agent-driver.js";
import { builtinAgentDriver } from "../agents/builtin/builtin-driver.js";
import { scriptedModel, type ScriptedModel } from "../agents/builtin/scripted-model-test-support.js";
import { builtinTools } from "../agents/builtin/tools/builtin-tools.js";
import { EventLog } from "../events/event-log.js";
import type { SessionEvent, SessionEventName } from "../events/session-events.js";
import type { ManagedSandbox } from "../managed-sandboxes/sandbox-types.js";
import { temporaryStore, type TemporaryStore } from "../store/agent-session-test-support.js";
import { InteractionBroker } from "./interaction-broker.js";
import { SessionScheduler } from "./session-scheduler.js";
import { SessionService } from "./session-service.js";

/**
 * Sessions end to end in one process, in milliseconds: the service, the
 * scheduler, the turn runner and the interaction broker over a real SQLite
 * store, with either a scripted driver or the built-in one on the AI SDK's
 * mock model in a temporary-directory sandbox.
 */
let temporary: TemporaryStore;
let sandbox: LocalProcessSandbox;
let script: ScriptedModel;
const running: Array<{ stop(): Promise<void> }> = [];

beforeEach(async () => {
  temporary = temporaryStore();
  sandbox = await LocalProcessSandbox.create("alice");
  script = scriptedModel();
});

afterEach(async () => {
  for (const hangar of running.splice(0)) await hangar.stop();
  temporary.dispose();
  await sandbox.destroy();
});

interface Sessions {
  service: SessionService;
  scheduler: SessionScheduler;
  events: EventLog;
  stop(): Promise<void>;
}

function startSessions(
  options: {
    agents?: Record<string, StartAgentDriver>;
    tokenBudget?: number;
    maxConcurrent?: number;
    maxConcurrentPerOwner?: number;
    checkCredentials?: (owner: string, names: string[]) => Promise<void>;
  } = {},
): Sessions {
  const { store } = temporary;
  const events = new EventLog(store.events);
  const interactions: InteractionBroker = new InteractionBroker({
    interactions: store.interactions,
    emit: (sessionId, name, data) => scheduler.emit(sessionId, name, data),
    timeoutMs: 60_000,
    timeoutAction: "deny",
    onWaiting: (sessionId, isWaiting) => scheduler.setWaiting(sessionId, isWaiting),
    cancelTurn: (sessionId, reason) => scheduler.cancelTurn(sessionId, reason),
    onTimeoutError: () => undefined,
  });
  const builtin = builtinAgentDriver({
    messages: store.messages,
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
    },
  });
  const scheduler: SessionScheduler = new SessionScheduler({
    sessions: store.agentSessions,
    turns: store.turns,
    emit: (sessionId, name, data, origin) => events.append(sessionId, name, data, origin),
    maxConcurrent: options.maxConcurrent ?? 4,
    maxConcurrentPerOwner: options.maxConcurrentPerOwner ?? options.maxConcurrent ?? 4,
    logger: pino({ level: "silent" }),
    turnRunner: {
      sessions: store.agentSessions,
      lastOrigin: (sessionId) => events.lastOrigin(sessionId),
      sandboxes: {
        ensure: async () => ({ sandbox: { id: sandbox.id } as unknown as ManagedSandbox, created: true }),
        open: async () => sandbox,
      },
      agents: options.agents ?? { builtin },
      interactions,
      limits: { turnTimeoutMs: 10_000, stuckTurnMs: 10_000, tokenBudget: options.tokenBudget ?? 1_000_000 },
      redact: (text) => text,
    },
  });
  const service = new SessionService({
    sessions: store.agentSessions,
    turns: store.turns,
    events,
    interactions,
    scheduler,
    resolveModel: (name) => ({ id: name ?? "mock:model" }),
    resolveAgent: (name) => name ?? "builtin",
    defaultApproval: "auto",
    ...(options.checkCredentials ? { checkCredentials: options.checkCredentials } : {}),
  });
  const sessions = {
    service,
    scheduler,
    events,
    stop: async () => {
      await scheduler.stop();
      interactions.stop();
    },
  };
  running.push(sessions);
  return sessions;
}

async function eventsUntilEnd(sessions: Sessions, sessionId: string): Promise<SessionEvent[]> {
  await sessions.events.waitFor(sessionId, (event) => event.name === "session.ended");
  return sessions.events.list(sessionId, 0, 1000);
}

const namesOf = (events: SessionEvent[]) => events.map((event) => event.name);
const ofName = <Name extends SessionEventName>(events: SessionEvent[], name: Name) =>
  events.filter((event): event is Extract<SessionEvent, { name: Name }> => event.name === name);

/** A driver whose prompts wait until the test releases them (or their signal aborts). */
class GatedDriver implements AgentDriver {
  static readonly started: GatedDriver[] = [];
  readonly prompts: AgentPrompt[] = [];
  readonly abandoned: string[] = [];
  #release: (() => void) | undefined;

  constructor(readonly context: AgentDriverContext) {}

  static start: StartAgentDriver = async (context) => {
    const driver = new GatedDriver(context);
    GatedDriver.started.push(driver);
    return driver;
  };

  async prompt(prompt: AgentPrompt, signal: AbortSignal): Promise<void> {
    this.prompts.push(prompt);
    this.context.emit({ name: "message.delta", data: { message_id: prompt.turnId, text: prompt.text } });
    await new Promise<void>((resolve, reject) => {
      this.#release = resolve;
      signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
    });
  }

  release(): void {
    this.#release?.();
  }

  async abandon(reason: string): Promise<void> {
    this.abandoned.push(reason);
  }

  async close(): Promise<void> {}
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

beforeEach(() => {
  GatedDriver.started.length = 0;
});

describe("agent sessions", () => {
  it("runs the built-in agent to the end: every event in order, usage and status in the view", async () => {
    const sessions = startSessions();
    script.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo built" } }], inputTokens: 30, outputTokens: 4 },
      { text: "Built.", inputTokens: 40, outputTokens: 6 },
    );
    const chat = await sessions.service.chat("alice", { prompt: "build it", projectId: "proj" });
    expect(chat.status).toBe("starting");
    const events = await eventsUntilEnd(sessions, chat.session_id);
    expect(namesOf(events)).toEqual([
      "session.status",
      "session.status",
      "turn.start",
      "session.status",
      "usage",
      "tool.start",
      "tool.delta",
      "tool.end",
      "message.delta",
      "message.delta",
      "message.end",
      "usage",
      "turn.end",
      "session.status",
      "session.ended",
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(ofName(events, "session.status").map((event) => event.data.status)).toEqual([
      "pending",
      "starting",
      "running",
      "completed",
    ]);
    expect(ofName(events, "turn.end")[0]?.data).toEqual({ turn_id: chat.turn_id, outcome: "completed" });
    const view = await sessions.service.get("alice", chat.session_id);
    expect(view).toMatchObject({
      status: "completed",
      sandbox_id: sandbox.id,
      queued_turns: 0,
      last_seq: events.length,
      usage: { input_tokens: 70, output_tokens: 10 },
    });
    await expect(sessions.service.get("bob", chat.session_id)).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
  });

  it("keeps the credentials a session starts with, for any agent; refuses unknown ones and changes", async () => {
    const checked: string[][] = [];
    const sessions = startSessions({
      agents: { builtin: GatedDriver.start, other: GatedDriver.start },
      checkCredentials: async (owner, names) => {
        checked.push([owner, ...names]);
        if (names.includes("nope")) {
          throw Object.assign(new Error("there is no credential named nope"), {
            code: "VALIDATION_FAILED",
            field: "credentials",
          });
        }
      },
    });
    const started = await sessions.service.chat("alice", {
      prompt: "one",
      projectId: "proj",
      credentials: ["gh-ci", "gh-ci"],
    });
    expect(checked).toEqual([["alice", "gh-ci"]]);
    expect((await temporary.store.agentSessions.get(started.session_id))?.credentials).toEqual(["gh-ci"]);
    await expect(
      sessions.service.chat("alice", { prompt: "x", projectId: "proj", credentials: ["nope"] }),
    ).rejects.toMatchObject({ field: "credentials" });
    // An external agent may have them too (it calls http://credentials.hangar/… through its egress proxy).
    const external = await sessions.service.chat("alice", {
      prompt: "x",
      projectId: "proj-external",
      agent: "other",
      credentials: ["gh-ci"],
    });
    expect((await temporary.store.agentSessions.get(external.session_id))?.credentials).toEqual(["gh-ci"]);
    await expect(
      sessions.service.chat("alice", {
        prompt: "two",
        projectId: "proj",
        sessionId: started.session_id,
        credentials: ["other-cred"],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "credentials" });
    // Without a credential store, naming any credential is refused.
    const storeless = startSessions({ agents: { builtin: GatedDriver.start } });
    await expect(
      storeless.service.chat("alice", { prompt: "x", projectId: "proj", credentials: ["gh-ci"] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "credentials" });
  });

  it("starts a session under a client-chosen id nobody has, continues it, and keeps it from other owners", async () => {
    const sessions = startSessions();
    script.enqueue({ text: "one" }, { text: "two" });
    const chosen = "optional-session-id";
    const first = await sessions.service.chat("alice", {
      prompt: "one",
      projectId: "proj",
      sessionId: chosen,
    });
    expect(first.session_id).toBe(chosen);
    await eventsUntilEnd(sessions, chosen);
    const second = await sessions.service.chat("alice", {
      prompt: "two",
      projectId: "proj",
      sessionId: chosen,
    });
    expect(second.session_id).toBe(chosen);
    expect(second.turn_id).not.toBe(first.turn_id);
    // Another owner naming it gets what any session not its own gets: not found.
    await expect(
      sessions.service.chat("bob", { prompt: "mine?", projectId: "proj", sessionId: chosen }),
    ).rejects.toMatchObject({ code: "SESSION_NOT_FOUND", field: "session_id" });
    await expect(
      sessions.service.chat("alice", { prompt: "x", projectId: "proj", sessionId: "../escape" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "session_id" });
  });

  it("queues prompts sent to a busy session and runs them in order", async () => {
    const sessions = startSessions({ agents: { builtin: GatedDriver.start } });
    const first = await sessions.service.chat("alice", { prompt: "one", projectId: "proj" });
    await waitUntil(() => GatedDriver.started.length === 1);
    const second = await sessions.service.chat("alice", {
      prompt: "two",
      projectId: "proj",
      sessionId: first.session_id,
    });
    expect((await sessions.service.get("alice", first.session_id)).queued_turns).toBe(1);
    GatedDriver.started[0]?.release();
    await waitUntil(() => GatedDriver.started.length === 2);
    GatedDriver.started[1]?.release();
    const events = await eventsUntilEnd(sessions, first.session_id);
    expect(GatedDriver.started.map((driver) => driver.prompts[0]?.text)).toEqual(["one", "two"]);
    expect(ofName(events, "turn.end").map((event) => event.data.turn_id)).toEqual([
      first.turn_id,
      second.turn_id,
    ]);
    expect(ofName(events, "session.ended")).toHaveLength(1);
  });

  it("starts waiting sessions owner by owner, so one owner's many sessions cannot keep another's waiting", async () => {
    const sessions = startSessions({ agents: { builtin: GatedDriver.start }, maxConcurrent: 1 });
    const running = await sessions.service.chat("alice", { prompt: "alice 1", projectId: "a1" });
    await waitUntil(() => GatedDriver.started.length === 1);
    const waiting = [
      await sessions.service.chat("alice", { prompt: "alice 2", projectId: "a2" }),
      await sessions.service.chat("alice", { prompt: "alice 3", projectId: "a3" }),
      await sessions.service.chat("bob", { prompt: "bob 1", projectId: "b1" }),
    ];
    expect(waiting.map((chat) => chat.status)).toEqual(["pending", "pending", "pending"]);
    for (let started = 1; started <= 3; started++) {
      GatedDriver.started[started - 1]?.release();
      await waitUntil(() => GatedDriver.started.length === started + 1);
    }
    GatedDriver.started[3]?.release();
    // Bob came after both of alice's waiting sessions but goes before her last one:
    // a freed slot goes to the next owner in turn, not to whoever queued most.
    expect(GatedDriver.started.map((driver) => driver.prompts[0]?.text)).toEqual([
      "alice 1",
      "alice 2",
      "bob 1",
      "alice 3",
    ]);
    await eventsUntilEnd(sessions, running.session_id);
  });

  it("keeps an owner to its own share of the session slots while others' sessions run", async () => {
    const sessions = startSessions({
      agents: { builtin: GatedDriver.start },
      maxConcurrent: 3,
      maxConcurrentPerOwner: 1,
    });
    await sessions.service.chat("alice", { prompt: "alice 1", projectId: "a1" });
    const second = await sessions.service.chat("alice", { prompt: "alice 2", projectId: "a2" });
    const bob = await sessions.service.chat("bob", { prompt: "bob 1", projectId: "b1" });
    expect([second.status, bob.status]).toEqual(["pending", "starting"]);
    await waitUntil(() => GatedDriver.started.length === 2);
    expect(sessions.scheduler.running).toBe(2);
    for (const driver of GatedDriver.started) driver.release();
    await waitUntil(() => GatedDriver.started.length === 3);
    GatedDriver.started[2]?.release();
    await eventsUntilEnd(sessions, second.session_id);
  });

  it("cancels a running turn and its queue; the driver is told to abandon it", async () => {
    const sessions = startSessions({ agents: { builtin: GatedDriver.start } });
    const chat = await sessions.service.chat("alice", { prompt: "forever", projectId: "proj" });
    await sessions.service.chat("alice", { prompt: "later", projectId: "proj", sessionId: chat.session_id });
    await waitUntil(() => GatedDriver.started.length === 1);
    const view = await sessions.service.cancel("alice", chat.session_id, "changed my mind");
    expect(view).toMatchObject({ status: "cancelled", status_reason: "changed my mind", queued_turns: 0 });
    expect(GatedDriver.started[0]?.abandoned).toEqual(["changed my mind"]);
    const events = await sessions.events.list(chat.session_id, 0, 100);
    expect(ofName(events, "turn.end").map((event) => event.data.outcome)).toEqual(["cancelled"]);
    expect(GatedDriver.started).toHaveLength(1);
  });

  it("fails a turn that spends the token budget, with QUOTA_EXCEEDED", async () => {
    const sessions = startSessions({ tokenBudget: 50 });
    script.enqueue({ toolCalls: [{ name: "bash", input: { command: "true" } }], inputTokens: 60 });
    const chat = await sessions.service.chat("alice", { prompt: "spend", projectId: "proj" });
    const events = await eventsUntilEnd(sessions, chat.session_id);
    expect(ofName(events, "error")[0]?.data.code).toBe("QUOTA_EXCEEDED");
    expect(ofName(events, "session.ended")[0]?.data.status).toBe("failed");
    // The call the model asked for never ran, and it got an error result instead.
    expect(sandbox.commands).toEqual([]);
    const stored = await temporary.store.messages.list(chat.session_id);
    expect(stored.at(-1)?.message).toMatchObject({
      role: "tool",
      content: [{ output: { type: "error-text" } }],
    });
  });

  it("keeps an interrupted turn running across a stop and resumes it on recover", async () => {
    const first = startSessions({ agents: { builtin: GatedDriver.start } });
    const chat = await first.service.chat("alice", { prompt: "long", projectId: "proj" });
    await waitUntil(() => GatedDriver.started.length === 1);
    await first.stop();
    expect(GatedDriver.started[0]?.abandoned).toEqual([]);
    expect((await temporary.store.turns.get(chat.turn_id))?.status).toBe("running");

    const second = startSessions({ agents: { builtin: GatedDriver.start } });
    expect(await second.scheduler.recover()).toBe(1);
    await waitUntil(() => GatedDriver.started.length === 2);
    expect(GatedDriver.started[1]?.prompts[0]).toMatchObject({ turnId: chat.turn_id, text: "long" });
    GatedDriver.started[1]?.release();
    const events = await eventsUntilEnd(second, chat.session_id);
    expect(ofName(events, "turn.start")).toHaveLength(1);
    expect(ofName(events, "turn.end")[0]?.data.outcome).toBe("completed");
  });

  it("gives a driver its saved state back on the next turn", async () => {
    const seen: unknown[] = [];
    const stateful: StartAgentDriver = async (context) => ({
      prompt: async () => {
        const state = (await context.state.load()) as { turns: number } | null;
        seen.push(state);
        await context.state.save({ turns: (state?.turns ?? 0) + 1 });
      },
      abandon: async () => undefined,
      close: async () => undefined,
    });
    const sessions = startSessions({ agents: { builtin: stateful } });
    const chat = await sessions.service.chat("alice", { prompt: "one", projectId: "proj" });
    await eventsUntilEnd(sessions, chat.session_id);
    const again = await sessions.service.chat("alice", {
      prompt: "two",
      projectId: "proj",
      sessionId: chat.session_id,
    });
    await sessions.events.waitFor(
      chat.session_id,
      (event) => event.name === "turn.end" && event.data.turn_id === again.turn_id,
    );
    expect(seen).toEqual([null, { turns: 1 }]);
    expect((await temporary.store.agentSessions.get(chat.session_id))?.driverState).toEqual({ turns: 2 });
  });

  it("fails a session whose agent has no driver, saying so", async () => {
    const sessions = startSessions({ agents: {} });
    const chat = await sessions.service.chat("alice", { prompt: "hi", projectId: "proj" });
    const events = await eventsUntilEnd(sessions, chat.session_id);
    expect(ofName(events, "error")[0]?.data.message).toContain('agent "builtin" is not available');
    expect(ofName(events, "session.ended")[0]?.data.status).toBe("failed");
  });

  it("asks for permission under `ask` and goes on once a front end approves", async () => {
    const sessions = startSessions();
    script.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo approved" } }] },
      { text: "ran it" },
    );
    const chat = await sessions.service.chat("alice", { prompt: "run", projectId: "proj", approval: "ask" });
    const asked = (await sessions.events.waitFor(
      chat.session_id,
      (event) => event.name === "permission.requested",
    )) as SessionEvent<"permission.requested">;
    await waitUntil(() => sessions.scheduler.isRunning(chat.session_id));
    const waiting = await sessions.service.get("alice", chat.session_id);
    expect(waiting.pending_interactions.map((pending) => pending.interaction_id)).toEqual([
      asked.data.interaction_id,
    ]);
    const resolution = await sessions.service.reply("alice", chat.session_id, asked.data.interaction_id, {
      approved: true,
    });
    expect(resolution).toEqual({ outcome: "approved" });
    const events = await eventsUntilEnd(sessions, chat.session_id);
    expect(ofName(events, "tool.end")[0]?.data.output).toContain("approved");
    expect(ofName(events, "session.status").map((event) => event.data.status)).toContain("waiting");
  });
});
