import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatDispatcher } from "../../src/bridges/chat-dispatcher.js";
import type { ChatUser, InboundEvent } from "../../src/bridges/chat-bridge.js";
import type { RelayText } from "../../src/bridges/session-relay.js";
import { HangarClient } from "../../src/client/hangar-client.js";
import { createStore, type Store } from "../../src/store/create-store.js";
import { startHarness, type Harness } from "../fixtures/hangar-harness.js";
import { MemoryChatBridge, type ChatCall } from "../fixtures/memory-chat-bridge.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * The relays' pacing against a real Hangar streaming fast (hundreds of small
 * deltas from the scripted model) into a chat kept in memory: however fast the
 * session, the calls into one chat keep the adapter's interval, across every
 * session streaming there, and the chat ends with the whole text once.
 */

const alice: ChatUser = { userId: "100", displayName: "alice" };
const chat = { chatId: "42" };
/** Long against the debounce, so a relay that ignored the pacing would break it many times. */
const intervalMs = 400;
const debounceMs = 20;
/**
 * The pacer spaces its grants by the whole interval; a call reaches the bridge
 * a moment after its grant (a render, a GC pause on a loaded machine), so two
 * arrivals may be a little closer. Without pacing they are about a debounce apart.
 */
const arrivalSkewMs = 100;

const text: RelayText = {
  split: (markdown, limit) => {
    const parts: string[] = [];
    for (let index = 0; index < markdown.length; index += limit)
      parts.push(markdown.slice(index, index + limit));
    return parts;
  },
  toolLine: (start) => `[${start.tool}]`,
  summary: (turn) => `[turn ${turn.outcome}]`,
};

let model: ScriptedModelServer;
let hangar: Harness;
let directory: string;
let store: Store;
let bridge: MemoryChatBridge;
let dispatcher: ChatDispatcher;

beforeAll(async () => {
  model = await startScriptedModelServer();
  hangar = await startHarness({
    config: { llm: { default_model: "openai:scripted", max_retries: 0 } },
    environment: { OPENAI_API_KEY: "sk-test-0123456789abcdef", OPENAI_BASE_URL: model.openaiBaseUrl },
  });
}, 60_000);

afterAll(async () => {
  await hangar?.stop();
  await model?.close();
});

beforeEach(async () => {
  model.reset();
  directory = mkdtempSync(join(tmpdir(), "hangar-bridge-pacing-"));
  store = createStore(directory);
  bridge = new MemoryChatBridge({ messageLimit: 1500, minimumEditIntervalMs: intervalMs });
  dispatcher = new ChatDispatcher({
    platform: "telegram",
    bridge,
    access: { allowedUsers: new Set([alice.userId]), ownerOf: () => "local" },
    clientFor: () => new HangarClient({ baseUrl: hangar.url }),
    state: store.bridges,
    defaultProject: "pacing",
    debounceMs,
    text,
    log: () => undefined,
  });
  await bridge.start((event) => dispatcher.handle(event));
});

afterEach(async () => {
  await dispatcher.stop();
  await bridge.stop();
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

function task(prompt: string): InboundEvent {
  return { kind: "command", name: "task", argument: prompt, from: alice, at: chat, files: [] };
}

/** `count` small deltas, each word numbered so a lost or repeated one shows; the last has no trailing space (the chat trims it). */
function words(prefix: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) => `${prefix}${String(index).padStart(3, "0")}${index === count - 1 ? "" : " "}`,
  );
}

/** The calls the relays made: the dispatcher's own replies ("▶️ Session …") are not streamed text. */
function relayCalls(): ChatCall[] {
  const started = new Set(
    bridge.messages.filter((message) => message.markdown.startsWith("▶️")).map((each) => each.messageId),
  );
  return bridge.calls.filter((call) => !started.has(call.messageId));
}

function gapsBetween(calls: readonly ChatCall[]): number[] {
  return calls.slice(1).map((call, index) => call.at - calls[index]!.at);
}

async function deltaCount(sessionId: string): Promise<number> {
  let count = 0;
  for await (const event of new HangarClient({ baseUrl: hangar.url }).watch(sessionId)) {
    if (event.name === "message.delta") count += 1;
    if (event.name === "session.ended") return count;
  }
  return count;
}

const summaries = () => bridge.texts().filter((each) => each.startsWith("[turn completed]")).length;

describe("chat pacing", { timeout: 90_000 }, () => {
  it("keeps a fast stream's calls to the chat's interval, and the chat ends with the whole text", async () => {
    const chunks = words("w", 400);
    model.enqueue({ text: chunks, delayMs: 5 });
    await bridge.deliver(task("stream"));
    await bridge.waitFor(() => summaries() === 1, "the summary", 60_000);
    const session = /`(ses_\w+)`/.exec(bridge.messages[0]!.markdown)![1]!;
    // Hangar gathers a fast stream's pieces (for 30 ms); still many more deltas than the pacing lets through.
    expect(await deltaCount(session)).toBeGreaterThan(20);
    const calls = relayCalls();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const gap of gapsBetween(calls)) expect(gap).toBeGreaterThanOrEqual(intervalMs - arrivalSkewMs);
    expect(bridge.texts().slice(1, -1).join("")).toBe(chunks.join(""));
    expect(bridge.texts().at(-1)).toBe("[turn completed]");
  });

  it("shares one chat's interval between two sessions streaming into it at once", async () => {
    const first = words("a", 200);
    const second = words("b", 200);
    model.enqueue({ text: first, delayMs: 5 }, { text: second, delayMs: 5 });
    await bridge.deliver(task("first"));
    await bridge.deliver(task("second"));
    await bridge.waitFor(() => summaries() === 2, "both summaries", 60_000);
    const calls = relayCalls();
    for (const gap of gapsBetween(calls)) expect(gap).toBeGreaterThanOrEqual(intervalMs - arrivalSkewMs);
    // Each session's text is in the chat once, whole.
    const shown = bridge.texts();
    expect(shown.filter((each) => each === first.join(""))).toHaveLength(1);
    expect(shown.filter((each) => each === second.join(""))).toHaveLength(1);
  });
});
