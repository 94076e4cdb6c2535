import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatDispatcher, type ChatDispatcherOptions } from "../../src/bridges/chat-dispatcher.js";
import type { ChatUser, InboundEvent } from "../../src/bridges/chat-bridge.js";
import type { RelayText } from "../../src/bridges/session-relay.js";
import { HangarClient } from "../../src/client/hangar-client.js";
import { createStore, type Store } from "../../src/store/create-store.js";
import { startHarness, type Harness } from "../fixtures/hangar-harness.js";
import { MemoryChatBridge } from "../fixtures/memory-chat-bridge.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * The bridge logic against a real Hangar (scripted model, real sandboxes, real
 * HTTP + SSE through the client) and a chat kept in memory: commands, access,
 * streaming into edited messages, buttons, and a restart that continues the
 * same chat with nothing missing or repeated.
 */

const alice: ChatUser = { userId: "100", displayName: "alice" };
const bob: ChatUser = { userId: "200", displayName: "bob" };
const mallory: ChatUser = { userId: "666", displayName: "mallory" };
const chat = { chatId: "42" };

const keys = { alice: "alice-key-0123456789abcdef", bob: "bob-key-0123456789abcdef0" };

/** Small and predictable on purpose: the text modules have their own tests. */
const text: RelayText = {
  split: (markdown, limit) => {
    const parts: string[] = [];
    for (let index = 0; index < markdown.length; index += limit)
      parts.push(markdown.slice(index, index + limit));
    return parts;
  },
  toolLine: (start, end) => `[${start.tool}${end === undefined ? " …" : end.is_error ? " failed" : " ok"}]`,
  summary: (turn) =>
    turn.usage?.costUsd !== undefined
      ? `[turn ${turn.outcome}, $${turn.usage.costUsd}]`
      : `[turn ${turn.outcome}${turn.usage === undefined ? "" : `, ${turn.usage.outputTokens} out`}]`,
};

let model: ScriptedModelServer;
let hangar: Harness;
let directory: string;
let store: Store;
let bridge: MemoryChatBridge;
let dispatcher: ChatDispatcher;
let logged: string[];

beforeAll(async () => {
  model = await startScriptedModelServer();
  hangar = await startHarness({
    config: {
      llm: { default_model: "openai:scripted", max_retries: 0 },
      agents: { interaction_timeout_seconds: 60, default_approval: "ask" },
      server: {
        api_keys: [
          { key: keys.alice, owner: "alice" },
          { key: keys.bob, owner: "bob" },
        ],
      },
    },
    environment: { OPENAI_API_KEY: "sk-test-0123456789abcdef", OPENAI_BASE_URL: model.openaiBaseUrl },
  });
}, 60_000);

afterAll(async () => {
  await hangar?.stop();
  await model?.close();
});

function startDispatcher(extra: Partial<ChatDispatcherOptions> = {}): ChatDispatcher {
  const created = new ChatDispatcher({
    platform: "telegram",
    bridge,
    access: {
      allowedUsers: new Set([alice.userId, bob.userId]),
      ownerOf: (userId) => ({ [alice.userId]: "alice", [bob.userId]: "bob" })[userId],
    },
    clientFor: (owner) => new HangarClient({ baseUrl: hangar.url, apiKey: keys[owner as keyof typeof keys] }),
    state: store.bridges,
    defaultProject: "chat",
    debounceMs: 50,
    retryDelayMs: 50,
    text,
    log: (message, error) => logged.push(`${message}: ${String(error)}`),
    ...extra,
  });
  return created;
}

beforeEach(async () => {
  model.reset();
  logged = [];
  directory = mkdtempSync(join(tmpdir(), "hangar-bridge-state-"));
  store = createStore(directory);
  bridge = new MemoryChatBridge({ messageLimit: 200 });
  dispatcher = startDispatcher();
  await bridge.start((event) => dispatcher.handle(event));
});

afterEach(async () => {
  await dispatcher.stop();
  await bridge.stop();
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

function command(from: ChatUser, name: string, argument = ""): InboundEvent {
  return { kind: "command", name, argument, from, at: chat, files: [] };
}

function press(from: ChatUser, data: string, messageId: string): InboundEvent {
  return { kind: "button", pressId: `press-${Math.random()}`, data, from, message: { ...chat, messageId } };
}

const chatText = () => bridge.texts().join("\n");

describe("chat dispatcher", { timeout: 90_000 }, () => {
  it("streams a task's text and tool lines into edited messages, split at the limit, then a summary", async () => {
    const long = "word ".repeat(90).trim();
    model.enqueue(
      { text: "Looking.", toolCalls: [{ name: "list_files", input: { pattern: "*" } }] },
      { text: long },
    );
    await bridge.deliver(command(alice, "task", "--project chatproj say hi"));
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    const started = bridge.messages[0]!;
    expect(started.markdown).toMatch(/^▶️ Session `ses_\w+` in project `chatproj`$/);
    const session = /`(ses_\w+)`/.exec(started.markdown)![1]!;
    // The stretch's messages hold the text exactly, split within the limit.
    const body = bridge.messages.slice(1, -1).map((message) => message.markdown);
    expect(body.every((part) => part.length <= 200)).toBe(true);
    expect(body.join("")).toBe(`Looking.\n[list_files ok]\n${long}`);
    expect(bridge.messages.at(-1)!.markdown).toMatch(/^\[turn completed, \d+ out\]$/);
    const delivery = await store.bridges.findDelivery("telegram", session);
    await bridge.waitFor(() => dispatcher.activeSessions === 0, "the relay to end");
    expect((await store.bridges.findDelivery("telegram", session))?.active).toBe(false);
    expect(delivery?.owner).toBe("alice");
  });

  it("turns a permission request into buttons; the owner's press answers it and the outcome replaces them", async () => {
    model.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "note.txt", content: "hi\n" } }] },
      { text: "Wrote it." },
    );
    await bridge.deliver(command(alice, "task", "write a note"));
    await bridge.waitFor(() => bridge.messages.some((message) => message.buttons.length > 0), "the buttons");
    const asking = bridge.messages.find((message) => message.buttons.length > 0)!;
    expect(asking.markdown).toContain("Permission needed");
    const allow = asking.buttons.flat().find((button) => button.label.includes("Allow"))!;
    // Someone else's press is refused and changes nothing.
    const bobs = press(bob, allow.data, asking.messageId);
    await bridge.deliver(bobs);
    expect(bridge.pressAnswers.get((bobs as { pressId: string }).pressId)).toBe(
      "Only the task's owner can answer this.",
    );
    await bridge.deliver(press(alice, allow.data, asking.messageId));
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    expect(asking.buttons).toEqual([]);
    expect(asking.markdown).toBe("✅ approved by alice");
    // The write began before the request and ended after it: its finished line follows the buttons.
    expect(bridge.texts().slice(1)).toEqual([
      "[write_file …]",
      "✅ approved by alice",
      "[write_file ok]\nWrote it.",
      expect.stringMatching(/^\[turn completed/),
    ]);
    await bridge.deliver(command(alice, "diff"));
    expect(bridge.texts().at(-1)).toBe("**wrote** `note.txt`\n```diff\n+ hi\n```");
    // A press on the stale button gets a notice, not an error.
    const late = press(alice, allow.data, asking.messageId);
    await bridge.deliver(late);
    expect(bridge.pressAnswers.get((late as { pressId: string }).pressId)).toBe("This was already answered.");
  });

  it("puts a file attached to /task into the workspace, and /file sends a workspace file back", async () => {
    model.enqueue({ text: "Read it." });
    const content = new TextEncoder().encode("remember the milk\n");
    const hostile: InboundEvent = {
      kind: "command",
      name: "task",
      argument: "--project attach read the notes",
      from: alice,
      at: chat,
      files: [
        {
          name: "../../etc/notes.txt",
          download: async (maxBytes) => (maxBytes >= content.length ? content : new Uint8Array()),
        },
      ],
    };
    await bridge.deliver(hostile);
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    const prompt = JSON.stringify(model.requests[0]!.body);
    expect(prompt).toContain("Attached: attachments/notes.txt");
    await bridge.deliver(command(alice, "file", "attachments/notes.txt"));
    await bridge.waitFor(() => chatText().includes("📎"), "the file");
    expect(bridge.texts().at(-1)).toBe(`📎 notes.txt (${content.length} bytes)`);
    await bridge.deliver(command(bob, "file", "attachments/notes.txt"));
    expect(bridge.texts().at(-1)).toBe("No task of yours in this chat yet. Start one with /task.");
  });

  it("keeps a refused message's text and delivers it once the chat takes it again", async () => {
    model.enqueue({ text: "Survived the outage." });
    bridge.failures = 4;
    await bridge.deliver(command(alice, "task", "say it"));
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    expect(bridge.texts().filter((each) => each.includes("Survived the outage."))).toEqual([
      "Survived the outage.",
    ]);
    expect(logged.length).toBeGreaterThan(0);
  });

  it("prices a turn in its summary when [llm.prices] names its model", async () => {
    await dispatcher.stop();
    // A dollar per input token, nothing for output: the cost is the turn's input tokens.
    dispatcher = startDispatcher({
      prices: { "openai:scripted": { inputPerMillion: 1_000_000, outputPerMillion: 0 } },
    });
    await bridge.start((event) => dispatcher.handle(event));
    model.enqueue({ text: "Cheap." });
    await bridge.deliver(command(alice, "task", "be cheap"));
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    expect(bridge.texts().at(-1)).toMatch(/^\[turn completed, \$[1-9]\d*\]$/);
  });

  it("refuses users who are not allowed, and names bad options and unknown commands", async () => {
    await bridge.deliver(command(mallory, "task", "rm -rf /"));
    await bridge.deliver(command(alice, "task", "--projet x do it"));
    await bridge.deliver(command(alice, "frobnicate"));
    await bridge.deliver(command(alice, "project", "../etc"));
    expect(bridge.texts()).toEqual([
      "⛔ You are not allowed to use this bot (user id 666).",
      "⚠️ unknown option --projet; /task takes --project, --agent and --model",
      "Unknown command /frobnicate. /help lists the commands.",
      "⚠️ A project id is 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.",
    ]);
    expect(model.requests).toHaveLength(0);
  });

  it("binds the chat to a project, and lists only the user's own sessions", async () => {
    model.enqueue({ text: "one" }, { text: "two" });
    await bridge.deliver(command(alice, "project", "bound-project"));
    await bridge.deliver(command(alice, "task", "first"));
    await bridge.waitFor(() => chatText().includes("[turn completed"), "alice's task");
    expect(chatText()).toContain("in project `bound-project`");
    await bridge.deliver(command(bob, "sessions"));
    expect(bridge.texts().at(-1)).toBe("You have no sessions yet. Start one with /task.");
    await bridge.deliver(command(alice, "sessions"));
    expect(bridge.texts().at(-1)).toMatch(/^`ses_\w+` completed · bound-project · builtin · /);
  });

  it("only the owner can cancel a chat's running task", async () => {
    model.enqueue({ toolCalls: [{ name: "ask_user", input: { question: "Which colour?" } }] });
    await bridge.deliver(command(alice, "task", "paint it"));
    await bridge.waitFor(() => chatText().includes("Which colour?"), "the question");
    await bridge.deliver(command(bob, "cancel"));
    expect(bridge.texts().at(-1)).toBe("⛔ That task belongs to someone else; only its owner can cancel it.");
    await bridge.deliver(command(alice, "cancel"));
    await bridge.waitFor(() => chatText().includes("✖️ Cancelled"), "the cancel");
    await bridge.waitFor(() => chatText().includes("[turn cancelled"), "the summary");
  });

  it("continues after a restart in the same chat: the question's buttons still work, and no text is repeated", async () => {
    model.enqueue(
      {
        text: "Before the question.",
        toolCalls: [{ name: "ask_user", input: { question: "Which colour?", choices: ["red", "blue"] } }],
      },
      { text: "Painted it blue." },
    );
    await bridge.deliver(command(alice, "task", "paint it"));
    await bridge.waitFor(
      () => bridge.messages.some((message) => message.buttons.length === 2),
      "the question",
    );
    // The bridge goes down (its relays stop) while the agent waits; a new one starts over the same state.
    await dispatcher.stop();
    dispatcher = startDispatcher();
    await bridge.start((event) => dispatcher.handle(event));
    await dispatcher.resume();
    const asking = bridge.messages.find((message) => message.buttons.length === 2)!;
    const blue = asking.buttons.flat().find((button) => button.label === "blue")!;
    // Pressed at once: the press waits until the resumed relay has read the question back.
    const answer = press(alice, blue.data, asking.messageId) as InboundEvent & { pressId: string };
    await bridge.deliver(answer);
    expect(bridge.pressAnswers.get(answer.pressId)).toBe("");
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    const texts = bridge.texts();
    expect(texts.filter((each) => each.includes("Before the question."))).toHaveLength(1);
    expect(texts.filter((each) => each.includes("Which colour?"))).toHaveLength(0);
    expect(asking.markdown).toBe("💬 answered: blue by alice");
    expect(texts.filter((each) => each.includes("Painted it blue."))).toEqual([
      "[ask_user ok]\nPainted it blue.",
    ]);
    expect(texts.filter((each) => each.startsWith("[turn completed"))).toHaveLength(1);
  });

  it("answers a press from the server's open interactions when no relay has read the session back yet", async () => {
    model.enqueue(
      { toolCalls: [{ name: "ask_user", input: { question: "Which colour?", choices: ["red", "blue"] } }] },
      { text: "Blue it is." },
    );
    await bridge.deliver(command(alice, "task", "paint it"));
    await bridge.waitFor(
      () => bridge.messages.some((message) => message.buttons.length === 2),
      "the question",
    );
    const asking = bridge.messages.find((message) => message.buttons.length === 2)!;
    const blue = asking.buttons.flat().find((button) => button.label === "blue")!;
    // A new bridge whose relays have not started: the press still finds the question on the server.
    await dispatcher.stop();
    dispatcher = startDispatcher();
    await bridge.start((event) => dispatcher.handle(event));
    const pressed = press(alice, blue.data, asking.messageId) as InboundEvent & { pressId: string };
    await bridge.deliver(pressed);
    expect(bridge.pressAnswers.get(pressed.pressId)).toBe("");
    const stale = press(bob, blue.data, asking.messageId) as InboundEvent & { pressId: string };
    await bridge.deliver(stale);
    expect(bridge.pressAnswers.get(stale.pressId)).toBe("This was already answered.");
    await dispatcher.resume();
    await bridge.waitFor(() => chatText().includes("Blue it is."), "the rest of the turn");
  });

  it("delivers what happened while the bridge was down, once, when it comes back", async () => {
    model.enqueue(
      { text: "Part one.", toolCalls: [{ name: "list_files", input: { pattern: "*" } }] },
      { text: "Part two." },
    );
    // Stop following at once: the session runs to its end with nobody relaying it.
    await bridge.deliver(command(alice, "task", "work"));
    await dispatcher.stop();
    const session = /`(ses_\w+)`/.exec(bridge.messages[0]!.markdown)![1]!;
    await waitForSessionEnd(session);
    dispatcher = startDispatcher();
    await bridge.start((event) => dispatcher.handle(event));
    await dispatcher.resume();
    await bridge.waitFor(() => chatText().includes("[turn completed"), "the summary");
    expect(bridge.texts().slice(1)).toEqual([
      "Part one.\n[list_files ok]\nPart two.",
      expect.stringMatching(/^\[turn completed/),
    ]);
    await bridge.waitFor(() => dispatcher.activeSessions === 0, "the relay to end");
  });
});

async function waitForSessionEnd(sessionId: string): Promise<void> {
  const client = new HangarClient({ baseUrl: hangar.url, apiKey: keys.alice });
  for await (const event of client.watch(sessionId)) if (event.name === "session.ended") return;
}
