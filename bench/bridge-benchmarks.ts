import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { destination, pino } from "pino";
import { createApp, type App } from "../src/app/create-app.js";
import { HangarClient } from "../src/client/hangar-client.js";
import { parseConfig } from "../src/config/load-config.js";
import type { SessionEvent } from "../src/protocol/index.js";
import {
  startTelegramBotApi,
  type RecordedCall,
  type TelegramBotApiFixture,
} from "../test/fixtures/telegram-bot-api.js";
import { appendPaced } from "./event-fanout.js";
import { setProcessEnvironment } from "./process-environment.js";
import { startModelServerProcess, wallClock, type ModelServerProcess } from "./model-server-process.js";
import { row, type ResultRow } from "./report.js";
import { percentile, round, summarize } from "./statistics.js";

/**
 * The Telegram bridge's costs end to end: a real Hangar in this process (bwrap
 * sandboxes, SQLite, HTTP + SSE on loopback) with `[bridges.telegram]` on, its
 * grammY adapter long-polling the local Bot API fixture (test/fixtures), and the
 * scripted model in a child process. Three numbers from issue 14:
 *
 * - event → chat edit latency: from a `message.delta` logged on the server
 *   (`created_at`) to the Bot API call whose text first contains it;
 * - calls per minute into one chat while its session logs 1,000 events/s (the
 *   builtin agent gathers a model's pieces for 30 ms, so no model makes that
 *   rate: the bench appends the deltas to the session's log, where the relay
 *   reads them over SSE like any watcher);
 * - heap per followed chat: what the relays (and their SSE subscriptions) of
 *   20 chats, each after a long stream and waiting on a question, hold.
 *
 * Runnable alone: `npm run bench -- bridges`.
 */
const debounceMs = 500;
/** Telegram's pace as the adapter states it (5% under one message a second in a private chat, 20 a minute in a group). */
const pacing = { privateMs: 1050, groupMs: 3150 };
export const bridgeGoals = {
  latencyP95Ms: debounceMs + pacing.privateMs + 100,
  privatePerMinute: 60,
  groupPerMinute: 20,
};

const user = { id: 111, first_name: "Bench" };
const chats = { latency: 1001, fastPrivate: 1002, fastGroup: -1003, firstMemory: 2001 };
const streamingMethods = new Set(["sendMessage", "editMessageText"]);
const kibibyte = 1024;

export interface BridgeBenchmarkOptions {
  /** Deltas streamed for the latency row, one every `latencyGapMs`. */
  latencyDeltas?: number;
  latencyGapMs?: number;
  /** How long each 1,000 events/s stream lasts. */
  fastStreamSeconds?: number;
  eventsPerSecond?: number;
  /** Chats followed at once for the memory row. */
  memoryChats?: number;
  log?: (line: string) => void;
}

export async function measureBridgeBenchmarks(
  options: BridgeBenchmarkOptions = {},
): Promise<{ rows: ResultRow[] }> {
  const log = options.log ?? (() => undefined);
  const hangar = await startBridgeHangar();
  try {
    const latencyDeltas = options.latencyDeltas ?? 60;
    const gapMs = options.latencyGapMs ?? 150;
    log(`bridges: ${latencyDeltas} deltas ${gapMs} ms apart → Telegram edits (debounce ${debounceMs} ms)`);
    const latencies = await measureLatency(hangar, latencyDeltas, gapMs);
    const latency = summarize(latencies);
    const latencyP95 = percentile(latencies, 0.95);

    const seconds = options.fastStreamSeconds ?? 15;
    const eventsPerSecond = options.eventsPerSecond ?? 1000;
    log(`bridges: ${eventsPerSecond} events/s for ${seconds} s into a private chat, then into a group`);
    const fastPrivate = await measureFastStream(hangar, chats.fastPrivate, eventsPerSecond, seconds);
    const fastGroup = await measureFastStream(hangar, chats.fastGroup, eventsPerSecond, seconds);

    const memoryChats = options.memoryChats ?? 20;
    log(`bridges: heap per chat, ${memoryChats} chats each following a 20 KB stream`);
    const memory = await measureMemoryPerChat(hangar, memoryChats);

    return {
      rows: [
        row(
          `bridge: message.delta logged → Telegram edit with it (debounce ${debounceMs} ms, pacing ${pacing.privateMs} ms)`,
          "ms",
          { ...latency, samples: latencies.length },
          {
            text: `p95 ${round(latencyP95, 0)} <= ${bridgeGoals.latencyP95Ms} ms`,
            met: latencyP95 <= bridgeGoals.latencyP95Ms,
          },
        ),
        fastStreamRow("private chat", pacing.privateMs, fastPrivate, bridgeGoals.privatePerMinute),
        row("  its shortest gap between two calls into the chat", "ms", {
          median: fastPrivate.shortestGapMs,
        }),
        fastStreamRow("group", pacing.groupMs, fastGroup, bridgeGoals.groupPerMinute),
        row("  its shortest gap between two calls into the chat", "ms", { median: fastGroup.shortestGapMs }),
        row(`bridge: heap per followed chat (${memoryChats} chats, 20 KB streamed each)`, "KiB", {
          median: round(memory.perChatKiB, 1),
        }),
      ],
    };
  } finally {
    await hangar.stop();
  }
}

function fastStreamRow(
  kind: string,
  pacingMs: number,
  result: FastStreamResult,
  goalPerMinute: number,
): ResultRow {
  return row(
    `bridge: Telegram calls/min into a ${kind}, session at ${round(result.eventsPerSecond, 0)} events/s (pacing ${pacingMs} ms; ${result.events} events, ${result.calls} calls)`,
    "/min",
    { median: round(result.callsPerMinute, 1) },
    { text: `<= ${goalPerMinute}/min`, met: result.callsPerMinute <= goalPerMinute },
  );
}

interface BridgeHangar {
  app: App;
  url: string;
  telegram: TelegramBotApiFixture;
  model: ModelServerProcess;
  client: HangarClient;
  stop(): Promise<void>;
}

async function startBridgeHangar(): Promise<BridgeHangar> {
  const model = await startModelServerProcess();
  const telegram = await startTelegramBotApi();
  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-bench-bridges-"));
  // The app reads the bot token and the model's address from the environment; kept until it stops.
  const restoreEnvironment = setProcessEnvironment({
    OPENAI_API_KEY: "sk-bench-not-a-real-key",
    OPENAI_BASE_URL: model.openaiBaseUrl,
    TELEGRAM_BOT_TOKEN: telegram.token,
  });
  const config = parseConfig({
    data_dir: dataDirectory,
    log: { level: "warn" },
    sandbox: { pool_size: 1 },
    llm: { default_model: "openai:scripted", max_retries: 0 },
    agents: {
      max_concurrent_sessions: 32,
      max_concurrent_sessions_per_owner: 32,
      interaction_timeout_seconds: 600,
    },
    bridges: {
      telegram: {
        api_root: telegram.url,
        allowed_users: [user.id],
        default_project: "bench",
        debounce_ms: debounceMs,
      },
    },
  });
  // Logs go to stderr so stdout carries only the results.
  const logger = pino({ level: "warn", name: "hangar-bench-bridges" }, destination(2));
  const app = await createApp(config, { skipProbes: true, logger });
  const server = await app.createHttpServer();
  await server.listen({ host: "127.0.0.1", port: 0 });
  await app.startAgents();
  const { port } = server.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  await app.bridges.start(url);
  return {
    app,
    url,
    telegram,
    model,
    client: new HangarClient({ baseUrl: url }),
    stop: async () => {
      await app.bridges.stop();
      const closing = server.close();
      server.server.closeAllConnections();
      await closing;
      await app.stop();
      await telegram.close();
      await model.close();
      restoreEnvironment();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`bridges bench: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Sends `/task` as the bench user in `chatId`; resolves with the session the bot announces. */
async function startTask(hangar: BridgeHangar, chatId: number, prompt: string): Promise<string> {
  const before = hangar.telegram.chat(chatId).length;
  hangar.telegram.sendUserMessage({ chatId, from: user, text: `/task ${prompt}` });
  return waitFor(`the session of /task in chat ${chatId}`, () => {
    for (const message of hangar.telegram.chat(chatId).slice(before)) {
      const session = message.fromBot ? /(ses_[a-z0-9]+)/.exec(message.text ?? "")?.[1] : undefined;
      if (session !== undefined) return session;
    }
    return undefined;
  });
}

/** The bot's sends and edits into one chat that Telegram accepted, in arrival order. */
function streamingCalls(telegram: TelegramBotApiFixture, chatId: number): RecordedCall[] {
  return telegram.calls.filter(
    (call) =>
      streamingMethods.has(call.method) &&
      call.status === 200 &&
      String(call.fields.chat_id) === String(chatId),
  );
}

async function sessionEvents(client: HangarClient, sessionId: string): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  for await (const event of client.watch(sessionId)) {
    events.push(event);
    if (event.name === "session.ended") break;
  }
  return events;
}

/**
 * A real agent stream: the scripted model sends `count` pieces `gapMs` apart
 * (each its own `message.delta`, the agent gathering for 30 ms), each naming
 * itself (`x0007y`). A piece's latency: its event's `created_at` to the first
 * Bot API call whose text has it (both on this process's wall clock).
 */
async function measureLatency(hangar: BridgeHangar, count: number, gapMs: number): Promise<number[]> {
  const marker = (index: number) => `x${String(index).padStart(4, "0")}y`;
  const pieces = Array.from({ length: count }, (_, index) => `${marker(index)} `);
  await hangar.model.enqueue({ text: pieces, delayMs: gapMs });
  const sessionId = await startTask(hangar, chats.latency, "stream slowly");
  const events = await sessionEvents(hangar.client, sessionId);
  const last = marker(count - 1);
  await waitFor("the last piece in the chat", () =>
    streamingCalls(hangar.telegram, chats.latency).some((call) => String(call.fields.text).includes(last))
      ? true
      : undefined,
  );
  const calls = streamingCalls(hangar.telegram, chats.latency);
  const latencies: number[] = [];
  for (const event of events) {
    if (event.name !== "message.delta") continue;
    const loggedAt = Date.parse(event.created_at);
    for (const found of event.data.text.matchAll(/x\d{4}y/g)) {
      const call = calls.find((each) => String(each.fields.text).includes(found[0]));
      if (call !== undefined) latencies.push(performance.timeOrigin + call.at - loggedAt);
    }
  }
  if (latencies.length < count)
    throw new Error(`bridges bench: ${latencies.length} of ${count} pieces measured`);
  return latencies;
}

interface FastStreamResult {
  events: number;
  eventsPerSecond: number;
  calls: number;
  /** Calls after the first over the time from the first to the last: the sustained rate. */
  callsPerMinute: number;
  shortestGapMs: number;
}

/**
 * A session whose model stalls after a first word (so its turn stays open) gets
 * `eventsPerSecond` small `message.delta`s appended to its log for `seconds`;
 * counts the bot's calls into the chat from the first delta to the last text in it.
 */
async function measureFastStream(
  hangar: BridgeHangar,
  chatId: number,
  eventsPerSecond: number,
  seconds: number,
): Promise<FastStreamResult> {
  await hangar.model.enqueue({ hang: true, text: "go " });
  const sessionId = await startTask(hangar, chatId, "stream fast");
  await waitFor("the first word in the chat", () =>
    streamingCalls(hangar.telegram, chatId).some((call) => String(call.fields.text).includes("go"))
      ? true
      : undefined,
  );
  const total = eventsPerSecond * seconds;
  const startedAt = wallClock();
  const firstCall = streamingCalls(hangar.telegram, chatId).length;
  await appendPaced(total, eventsPerSecond, (seq) => {
    void hangar.app.agents.events.append(sessionId, "message.delta", {
      message_id: "bench",
      text: seq === total ? " end." : `${seq % 10}`,
    });
  });
  await hangar.app.agents.events.settled(sessionId);
  const appendSeconds = (wallClock() - startedAt) / 1000;
  await waitFor("the whole stream in the chat", () =>
    streamingCalls(hangar.telegram, chatId).some((call) => String(call.fields.text).includes("end"))
      ? true
      : undefined,
  );
  const calls = streamingCalls(hangar.telegram, chatId).slice(firstCall);
  const gaps = calls.slice(1).map((call, index) => call.at - calls[index]!.at);
  const spanMs = calls.length < 2 ? 0 : calls.at(-1)!.at - calls[0]!.at;
  await hangar.client.cancel(sessionId);
  return {
    events: total,
    eventsPerSecond: total / appendSeconds,
    calls: calls.length,
    callsPerMinute: spanMs === 0 ? 0 : ((calls.length - 1) * 60_000) / spanMs,
    shortestGapMs: round(Math.min(...gaps)),
  };
}

/**
 * `chatCount` chats each start a task whose model streams 20 KB in 100 pieces
 * and then asks a question, so every relay stays on, having followed a long
 * stream. The heap with the bridge on, less the heap once it is stopped (the
 * sessions stay, waiting), per chat.
 */
async function measureMemoryPerChat(
  hangar: BridgeHangar,
  chatCount: number,
): Promise<{ perChatKiB: number }> {
  const collect = garbageCollector();
  const pieces = Array.from({ length: 100 }, (_, index) => `${"memory ".repeat(28)}${index}\n`);
  for (let index = 0; index < chatCount; index += 1) {
    await hangar.model.enqueue({
      text: pieces,
      toolCalls: [{ name: "ask_user", input: { question: "Keep it?", choices: ["yes", "no"] } }],
    });
  }
  const chatIds = Array.from({ length: chatCount }, (_, index) => chats.firstMemory + index);
  for (const chatId of chatIds) await startTask(hangar, chatId, "stream a lot");
  const hasQuestion = (chatId: number) =>
    hangar.telegram.chat(chatId).some((message) => message.fromBot && (message.buttons?.length ?? 0) > 0);
  try {
    await waitFor("every chat's question", () => (chatIds.every(hasQuestion) ? true : undefined), 300_000);
  } catch (error) {
    const waiting = chatIds.find((chatId) => !hasQuestion(chatId)) ?? chatIds[0]!;
    const shown = hangar.telegram.chat(waiting).map((message) => (message.text ?? "").slice(-120));
    throw new Error(`${String(error)}; chat ${waiting} shows ${JSON.stringify(shown)}`, { cause: error });
  }
  const following = await settledHeap(collect);
  await hangar.app.bridges.stop();
  const stopped = await settledHeap(collect);
  return { perChatKiB: (following - stopped) / chatCount / kibibyte };
}

function garbageCollector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Heap in use after a few collections, with a pause for finalizers and closed sockets. */
async function settledHeap(collect: () => void): Promise<number> {
  for (let round = 0; round < 3; round += 1) {
    collect();
    await sleep(200);
  }
  collect();
  return process.memoryUsage().heapUsed;
}
