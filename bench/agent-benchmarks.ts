import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance } from "fastify";
import { destination, pino } from "pino";
import { createApp, type App } from "../src/app/create-app.js";
import { parseConfig } from "../src/config/load-config.js";
import { errorMessage } from "../src/core/errors.js";
import { appendPaced, measureEventFanout } from "./event-fanout.js";
import {
  startModelServerProcess,
  wallClock,
  type ModelRequestTiming,
  type ModelServerProcess,
} from "./model-server-process.js";
import { formatResults, row, type ResultRow } from "./report.js";
import { percentile, summarize } from "./statistics.js";

/**
 * Agent-session benchmarks against a real Hangar started in this process
 * (bwrap sandboxes, SQLite, HTTP on loopback) whose model is the scripted
 * chat-completions server answering instantly from a child process (so its
 * HTTP work is not on the measured event loop): every millisecond measured is
 * Hangar's (plus the AI SDK's and the loopback's).
 *
 * Runnable alone: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/agent-benchmarks.js`.
 */
export const agentGoals = { firstEventP95Ms: 5, stepOverheadMs: 5, fanoutP99Ms: 20 };

export interface AgentBenchmarkOptions {
  /** Sessions started for the first-event latency (after 5 unmeasured ones). */
  firstEventSamples?: number;
  /** Tool steps per measured turn, and how many turns. */
  toolSteps?: number;
  toolTurns?: number;
  /** SSE fan-out: watchers over HTTP, append rate and duration. */
  watchers?: number;
  eventsPerSecond?: number;
  seconds?: number;
  log?: (line: string) => void;
}

export async function measureAgentBenchmarks(
  options: AgentBenchmarkOptions = {},
): Promise<{ rows: ResultRow[] }> {
  const log = options.log ?? (() => undefined);
  const watchers = options.watchers ?? 100;
  const eventsPerSecond = options.eventsPerSecond ?? 1000;
  const seconds = options.seconds ?? 3;
  const hangar = await startBenchHangar();
  const rows: ResultRow[] = [];
  try {
    log(`agents: first event after POST /chat (${options.firstEventSamples ?? 50} sessions)`);
    const firstEvent = await measureFirstEvent(hangar, options.firstEventSamples ?? 50);
    const firstSummary = summarize(firstEvent);
    const firstP95 = percentile(firstEvent, 0.95);
    rows.push(
      row("agent: first SSE event after POST /chat", "ms", { ...firstSummary, samples: firstEvent.length }),
      row(
        "  p95",
        "ms",
        { median: firstP95 },
        {
          text: `p95 <= ${agentGoals.firstEventP95Ms} ms`,
          met: firstP95 <= agentGoals.firstEventP95Ms,
        },
      ),
    );

    const steps = options.toolSteps ?? 10;
    const turns = options.toolTurns ?? 10;
    log(`agents: loop overhead per tool step (${turns} turns of ${steps} read_file steps, fresh sessions)`);
    const overhead = await measureStepOverhead(hangar, steps, turns, "fresh", "read_file");
    const overheadMedian = summarize(overhead.perStep).median;
    rows.push(
      row(
        `agent loop overhead per tool step (${steps} steps, new session)`,
        "ms",
        { ...summarize(overhead.perStep), samples: overhead.perStep.length },
        { text: `< ${agentGoals.stepOverheadMs} ms`, met: overheadMedian < agentGoals.stepOverheadMs },
      ),
      row("  tool's own duration_ms per step", "ms", summarize(overhead.toolPerStep)),
      row(
        "  Hangar process CPU time per step (tool's in-process part included)",
        "ms",
        summarize(overhead.cpuPerStep),
      ),
      row("  model request, server's view, per request", "ms", summarize(overhead.modelPerRequest)),
      row("  overhead: model answered → tool.start", "ms", summarize(overhead.answerToTool)),
      row("  overhead: tool.end → next model request", "ms", summarize(overhead.toolToRequest)),
      row("  overhead per turn: turn.start → first request", "ms", summarize(overhead.beforeFirstRequest)),
      row("  overhead per turn: last answer → turn.end", "ms", summarize(overhead.afterLastAnswer)),
    );
    // The same turns, one after another in one session: every step re-sends (and the AI
    // SDK re-validates) the whole conversation, so the overhead grows with its length.
    log(`agents: the same, ${turns} turns continuing one session`);
    const continued = await measureStepOverhead(hangar, steps, turns, "continued", "read_file");
    rows.push(
      row(`  in one session over ${turns} turns (up to ${turns * (2 * steps + 2)} messages)`, "ms", {
        ...summarize(continued.perStep),
        samples: continued.perStep.length,
      }),
      row("    its Hangar process CPU time per step", "ms", summarize(continued.cpuPerStep)),
    );
    // The loop alone: a read_file outside the workspace is answered at once with an error
    // result, through the same events, saves and usage, without the sandbox's process spawn
    // (whose fork blocks the event loop and whose CPU time would count as this process's).
    for (const sessionKind of ["fresh", "continued"] as const) {
      log(
        `agents: loop overhead per step with an instant tool (${turns} turns of ${steps} steps, ${sessionKind})`,
      );
      const instant = await measureStepOverhead(hangar, steps, turns, sessionKind, "instant");
      const where =
        sessionKind === "fresh" ? "new session" : `one session, up to ${turns * (2 * steps + 2)} messages`;
      rows.push(
        row(`agent loop overhead per step, instant tool (${where})`, "ms", {
          ...summarize(instant.perStep),
          samples: instant.perStep.length,
        }),
        row("  Hangar process CPU time per step", "ms", summarize(instant.cpuPerStep)),
      );
    }

    log(`agents: SSE fan-out, ${watchers} watchers over HTTP, ${eventsPerSecond} events/s for ${seconds} s`);
    const fanout = await measureHttpFanout(hangar, { watchers, eventsPerSecond, seconds });
    rows.push(...fanoutRows(`SSE fan-out over HTTP (${watchers} watchers, ${eventsPerSecond}/s)`, fanout));
  } finally {
    await hangar.stop();
  }
  log(`agents: in-process fan-out (${watchers} subscribers, ${eventsPerSecond}/s for ${seconds} s)`);
  const inProcess = await measureEventFanout({ watchers, eventsPerSecond, seconds });
  rows.push(
    ...fanoutRows(`event log fan-out in process (${watchers} subscribers, ${eventsPerSecond}/s)`, {
      p50Ms: inProcess.p50Ms,
      p90Ms: undefined,
      p99Ms: inProcess.p99Ms,
      delivered: inProcess.delivered,
      expected: inProcess.expected,
    }),
  );
  return { rows };
}

function fanoutRows(metric: string, result: FanoutSummary): ResultRow[] {
  const fraction = result.expected === 0 ? 0 : result.delivered / result.expected;
  return [
    row(metric, "ms", {
      median: result.p50Ms,
      ...(result.p90Ms === undefined ? {} : { p90: result.p90Ms }),
      samples: result.delivered,
    }),
    row(
      "  p99 delivery latency",
      "ms",
      { median: result.p99Ms },
      {
        text: `< ${agentGoals.fanoutP99Ms} ms`,
        met: result.p99Ms < agentGoals.fanoutP99Ms,
      },
    ),
    row(
      `  delivered/expected (${result.delivered}/${result.expected})`,
      "",
      { median: fraction },
      {
        text: "1",
        met: fraction === 1,
      },
    ),
  ];
}

interface BenchHangar {
  app: App;
  server: FastifyInstance;
  model: ModelServerProcess;
  url: string;
  stop(): Promise<void>;
}

/** The owner of requests without a key on a server with no API keys. */
const localOwner = "local";

async function startBenchHangar(): Promise<BenchHangar> {
  const model = await startModelServerProcess();
  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-bench-agents-"));
  // The app reads provider keys and addresses through environmentVariable (process.env)
  // when a model is resolved, so they stay set until the app stops.
  const variables = { OPENAI_API_KEY: "sk-bench-not-a-real-key", OPENAI_BASE_URL: model.openaiBaseUrl };
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  const config = parseConfig({
    data_dir: dataDirectory,
    log: { level: "warn" },
    sandbox: { pool_size: 1 },
    llm: { default_model: "openai:scripted", max_retries: 0 },
    agents: { max_concurrent_sessions: 8 },
  });
  // Logs go to stderr so stdout carries only the results.
  const logger = pino({ level: "warn", name: "hangar-bench-agents" }, destination(2));
  const app = await createApp(config, { skipProbes: true, logger });
  const server = await app.createHttpServer();
  await server.listen({ host: "127.0.0.1", port: 0 });
  await app.startAgents();
  const { port } = server.server.address() as AddressInfo;
  return {
    app,
    server,
    model,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const closing = server.close();
      // Idle keep-alive sockets of fetch would hold close() open.
      server.server.closeAllConnections();
      await closing;
      await app.stop();
      await model.close();
      for (const [name, value] of previous) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

interface ChatAnswer {
  session_id: string;
}

async function postChat(url: string, body: Record<string, unknown>): Promise<ChatAnswer> {
  const response = await fetch(`${url}/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as ChatAnswer;
  if (response.status !== 200)
    throw new Error(`POST /chat answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Splits an SSE byte stream into frames; calls `onFrame` with each frame's `id:` and `event:` (comments skipped). */
class SseFrameReader {
  #carry = "";
  readonly #decoder = new TextDecoder();

  constructor(private readonly onFrame: (id: number, event: string, data: string) => boolean | void) {}

  /** Returns true when `onFrame` asked to stop. */
  push(chunk: Uint8Array): boolean {
    this.#carry += this.#decoder.decode(chunk, { stream: true });
    for (;;) {
      const end = this.#carry.indexOf("\n\n");
      if (end < 0) return false;
      const frame = this.#carry.slice(0, end);
      this.#carry = this.#carry.slice(end + 2);
      let id = Number.NaN;
      let event = "";
      let data = "";
      for (const line of frame.split("\n")) {
        if (line.startsWith("id: ")) id = Number(line.slice(4));
        else if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data = line.slice(6);
      }
      if (event !== "" && this.onFrame(id, event, data) === true) return true;
    }
  }
}

/**
 * From the moment POST /chat has answered (its body parsed) to the first event
 * of a progress stream opened right after: the session id is only known from
 * that answer, so the stream cannot be open earlier. The first event is
 * replayed from the log, so this is the cost of opening a stream (HTTP request,
 * ownership check, store read, first write) as a front end sees it.
 */
async function measureFirstEvent(hangar: BenchHangar, samples: number): Promise<number[]> {
  await hangar.model.reset();
  await hangar.model.answerEveryRequest({ text: "ok" });
  const warmup = 5;
  const latencies: number[] = [];
  for (let index = 0; index < warmup + samples; index++) {
    const answer = await postChat(hangar.url, { prompt: "say ok", project_id: "bench-first" });
    const answeredAt = performance.now();
    let firstAt: number | undefined;
    const response = await fetch(`${hangar.url}/agent/progress/${answer.session_id}`, {
      headers: { accept: "text/event-stream" },
    });
    if (response.status !== 200 || response.body === null)
      throw new Error(`progress answered ${response.status}`);
    const reader = new SseFrameReader((_id, event) => {
      firstAt ??= performance.now();
      return event === "session.ended";
    });
    // Read to the end of the session, so the next sample starts on a quiet server.
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) if (reader.push(chunk)) break;
    if (firstAt === undefined) throw new Error("the progress stream ended without an event");
    if (index >= warmup) latencies.push(firstAt - answeredAt);
  }
  await hangar.model.reset();
  return latencies;
}

interface StepOverhead {
  perStep: number[];
  toolPerStep: number[];
  modelPerRequest: number[];
  /** Where the overhead goes, per turn: turn.start → first model request; last answer → turn.end. */
  beforeFirstRequest: number[];
  afterLastAnswer: number[];
  /** Per step: model answer finished → tool.start received; tool.end received → next model request. */
  answerToTool: number[];
  toolToRequest: number[];
  /** CPU time of this process (all its threads) per step, from POST /chat to turn.end: the tool's in-process part included. */
  cpuPerStep: number[];
}

/**
 * Loop overhead per tool step: the time a turn spends that is neither the
 * model's nor the tool's, per tool step. One session's turn asks the model
 * `steps` times for a `read_file` of a small file (or of a path outside the
 * workspace, answered at once with an error result: "instant"), then once
 * more for the answer. Inside the turn there are only three kinds of time:
 *   - the tool's own work: `tool.end.duration_ms` (whole milliseconds, from
 *     just before `tool.start` to just before `tool.end`; rounding is unbiased,
 *     so it averages out over the steps);
 *   - the model's: every chat-completions request as the model server sees it,
 *     from its headers arriving to its last byte being flushed (node's
 *     `http.server.request.start` / `http.server.response.finish` channels).
 *     The server runs in a child process (model-server-process.ts), so its own
 *     HTTP and SSE work does not run on the measured event loop;
 *   - everything else, which is the loop's: the AI SDK building requests and
 *     parsing streams, the HTTP client, event appends, conversation saves,
 *     usage, approvals, and waiting for the event loop.
 * overhead = (turn wall time − Σ tool durations − Σ model times) / steps, where
 * the wall time runs from `turn.start` to `turn.end` as a live in-process
 * subscriber receives them (times on the wall clock both processes read).
 * The final answer's request and the turn's start and end are charged to the
 * steps too, so this is a slight over-estimate of the per-step cost.
 * The session and its sandbox are warmed by an unmeasured turn first. "fresh":
 * each measured turn is the first of a new session (a short conversation);
 * "continued": every turn continues one session, so the conversation (and each
 * request) grows by 2 × steps + 2 messages a turn: flatness shows there.
 */
async function measureStepOverhead(
  hangar: BenchHangar,
  steps: number,
  turns: number,
  sessionKind: "fresh" | "continued",
  tool: StepTool,
): Promise<StepOverhead> {
  const { app, model } = hangar;
  await model.reset();
  const result: StepOverhead = {
    perStep: [],
    toolPerStep: [],
    modelPerRequest: [],
    beforeFirstRequest: [],
    afterLastAnswer: [],
    answerToTool: [],
    toolToRequest: [],
    cpuPerStep: [],
  };
  // A session whose first turn is done, so the next turn can be watched live from its start.
  const openSession = async (prepare: boolean): Promise<string> => {
    await model.enqueue(
      prepare
        ? {
            toolCalls: [
              { name: "write_file", input: { path: "small.txt", content: "a small file\n".repeat(8) } },
            ],
          }
        : { text: "ready" },
      ...(prepare ? [{ text: "ready" }] : []),
    );
    const opened = await postChat(hangar.url, { prompt: "prepare", project_id: "bench-steps" });
    await app.agents.events.waitFor(opened.session_id, (event) => event.name === "turn.end");
    return opened.session_id;
  };
  try {
    // Also warms the project's sandbox and writes the file the steps read.
    let sessionId = await openSession(true);
    for (let turn = 0; turn < turns; turn++) {
      if (sessionKind === "fresh" && turn > 0) sessionId = await openSession(false);
      await measureTurn(hangar, sessionId, steps, tool, result);
    }
    return result;
  } finally {
    await model.reset();
  }
}

/** `read_file` of a small file in the sandbox, or of a path outside the workspace (answered at once, no sandbox). */
type StepTool = "read_file" | "instant";

const stepCalls: Record<StepTool, { name: string; input: unknown }> = {
  read_file: { name: "read_file", input: { path: "small.txt" } },
  // Refused by the path check before the sandbox is asked: an error result at once.
  instant: { name: "read_file", input: { path: "../outside.txt" } },
};

/** Runs one turn of `steps` tool steps in the session and adds its numbers to `result`. */
async function measureTurn(
  hangar: BenchHangar,
  sessionId: string,
  steps: number,
  tool: StepTool,
  result: StepOverhead,
): Promise<void> {
  const { app, model } = hangar;
  const replies = Array.from({ length: steps }, () => ({ toolCalls: [stepCalls[tool]] }));
  await model.enqueue(...replies, { text: "done" });
  const earlierRequests = (await model.timings()).length;
  const subscription = app.agents.events.subscribe(sessionId, await app.agents.events.lastSeq(sessionId));
  const cpuAtStart = process.cpuUsage();
  await postChat(hangar.url, { prompt: "read it again", project_id: "bench-steps", session_id: sessionId });
  let turnStartedAt: number | undefined;
  let turnEndedAt: number | undefined;
  let toolMs = 0;
  const toolStarts: number[] = [];
  const toolEnds: number[] = [];
  for await (const event of subscription) {
    if (event.name === "turn.start") turnStartedAt = wallClock();
    else if (event.name === "tool.start") toolStarts.push(wallClock());
    else if (event.name === "tool.end") {
      toolMs += event.data.duration_ms;
      toolEnds.push(wallClock());
    } else if (event.name === "turn.end") {
      turnEndedAt = wallClock();
      const cpu = process.cpuUsage(cpuAtStart);
      result.cpuPerStep.push((cpu.user + cpu.system) / 1000 / steps);
      const outcome = event.data.outcome;
      if (outcome !== "completed") throw new Error(`the measured turn ended ${outcome}`);
      break;
    }
  }
  subscription.close();
  if (turnStartedAt === undefined || turnEndedAt === undefined) throw new Error("turn events missing");
  if (toolEnds.length !== steps) throw new Error(`expected ${steps} tool steps, saw ${toolEnds.length}`);
  const inTurn = await requestsOfTurn(model, earlierRequests, steps + 1);
  // The server may see the first request before this process's subscriber sees turn.start.
  turnStartedAt = Math.min(turnStartedAt, inTurn[0]?.startedAt ?? turnStartedAt);
  const modelMs = inTurn.reduce((sum, request) => sum + (request.finishedAt - request.startedAt), 0);
  result.perStep.push((turnEndedAt - turnStartedAt - toolMs - modelMs) / steps);
  result.toolPerStep.push(toolMs / steps);
  result.modelPerRequest.push(modelMs / inTurn.length);
  result.beforeFirstRequest.push((inTurn[0]?.startedAt ?? Number.NaN) - turnStartedAt);
  result.afterLastAnswer.push(turnEndedAt - (inTurn.at(-1)?.finishedAt ?? Number.NaN));
  for (let step = 0; step < steps; step++) {
    result.answerToTool.push((toolStarts[step] ?? Number.NaN) - (inTurn[step]?.finishedAt ?? Number.NaN));
    result.toolToRequest.push((inTurn[step + 1]?.startedAt ?? Number.NaN) - (toolEnds[step] ?? Number.NaN));
  }
}

/**
 * The turn's `count` model requests, those after the first `earlier` ones. The last
 * one's finish is noted by the server's process, which may come after this one
 * has seen turn.end: it is waited for a little.
 */
async function requestsOfTurn(
  model: ModelServerProcess,
  earlier: number,
  count: number,
): Promise<ModelRequestTiming[]> {
  for (let attempt = 0; ; attempt++) {
    const inTurn = (await model.timings()).slice(earlier);
    if (inTurn.length === count) return inTurn;
    if (inTurn.length > count || attempt === 100)
      throw new Error(`expected ${count} model requests, saw ${inTurn.length}`);
    await sleep(10);
  }
}

interface FanoutSummary {
  p50Ms: number;
  p90Ms: number | undefined;
  p99Ms: number;
  delivered: number;
  expected: number;
}

interface WatcherData {
  /** The progress stream's address. */
  url: string;
  watchers: number;
  total: number;
  graceMs: number;
  /** Float64Array over a SharedArrayBuffer: wall-clock ms (timeOrigin + now) of each append, by seq. */
  appendedAt: SharedArrayBuffer;
}

type WatcherMessage = { type: "ready" } | { type: "done"; latencies: Float64Array; delivered: number };

/**
 * One session's events appended through the app's event log at a steady rate
 * while `watchers` SSE clients read `/agent/progress/{id}` over real HTTP.
 * The clients run in a worker thread, so parsing 100 streams does not steal
 * the server's event loop (a real front end is another process). Latency is
 * append → the client's receipt of the frame, compared on the wall clock
 * (`performance.timeOrigin + performance.now()`, shared across threads).
 */
async function measureHttpFanout(
  hangar: BenchHangar,
  options: { watchers: number; eventsPerSecond: number; seconds: number },
): Promise<FanoutSummary> {
  const { app } = hangar;
  const sessionId = "ses_benchfanout";
  // A synthetic session: no turn runs, so only our appends reach the log.
  await app.store.agentSessions.create({
    id: sessionId,
    owner: localOwner,
    projectId: "bench-fanout",
    model: "openai:scripted",
    approval: "auto",
    createdAt: new Date(),
  });
  const total = Math.max(1, Math.round(options.eventsPerSecond * options.seconds));
  const shared = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * (total + 1));
  const appendedAt = new Float64Array(shared);
  const data: WatcherData = {
    url: `${hangar.url}/agent/progress/${sessionId}`,
    watchers: options.watchers,
    total,
    graceMs: options.seconds * 1000 + 10_000,
    appendedAt: shared,
  };
  const worker = new Worker(watcherScript, { eval: true, workerData: data });
  try {
    const messages = workerMessages(worker);
    const ready = await messages.next();
    if (ready.type !== "ready") throw new Error("the watcher worker did not get ready");
    while (app.agents.events.subscriberCount(sessionId) < options.watchers) await sleep(5);
    const clock = (): number => performance.timeOrigin + performance.now();
    // Only this loop appends to the synthetic session, so each seq is known before its append.
    const appends: Promise<unknown>[] = [];
    await appendPaced(total, options.eventsPerSecond, (seq) => {
      appendedAt[seq] = clock();
      appends.push(
        app.agents.events.append(sessionId, "message.delta", {
          message_id: "msg_bench",
          text: `token ${seq} `,
        }),
      );
    });
    await Promise.all(appends);
    const done = await messages.next();
    if (done.type !== "done") throw new Error("the watcher worker answered out of order");
    const measured = Array.from(done.latencies);
    return {
      p50Ms: percentile(measured, 0.5),
      p90Ms: percentile(measured, 0.9),
      p99Ms: percentile(measured, 0.99),
      delivered: done.delivered,
      expected: total * options.watchers,
    };
  } finally {
    await worker.terminate();
  }
}

function workerMessages(worker: Worker): { next(): Promise<WatcherMessage> } {
  const queue: WatcherMessage[] = [];
  const waiting: Array<{ resolve: (message: WatcherMessage) => void; reject: (error: Error) => void }> = [];
  let failure: Error | undefined;
  worker.on("message", (message: WatcherMessage) => {
    const waiter = waiting.shift();
    if (waiter === undefined) queue.push(message);
    else waiter.resolve(message);
  });
  const fail = (error: Error): void => {
    failure = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the watcher worker exited (${code})`)));
  return {
    next: () => {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}

/**
 * The worker side, as a small CommonJS script (so the worker does not load
 * Hangar's module graph, native SQLite included): opens every stream, reports
 * ready, records each frame's latency until every stream saw the last seq.
 */
const watcherScript = `
const { parentPort, workerData: data } = require("node:worker_threads");
const appendedAt = new Float64Array(data.appendedAt);
const latencies = new Float64Array(data.total * data.watchers);
let delivered = 0;
const controller = new AbortController();
async function watch(body) {
  const decoder = new TextDecoder();
  let carry = "";
  try {
    for await (const chunk of body) {
      carry += decoder.decode(chunk, { stream: true });
      for (;;) {
        const end = carry.indexOf("\\n\\n");
        if (end < 0) break;
        const frame = carry.slice(0, end);
        carry = carry.slice(end + 2);
        if (!frame.startsWith("id: ")) continue; // comments: connected, heartbeats
        const seq = Number(frame.slice(4, frame.indexOf("\\n")));
        latencies[delivered] = performance.timeOrigin + performance.now() - appendedAt[seq];
        delivered += 1;
        if (seq >= data.total) return;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
}
(async () => {
  const bodies = await Promise.all(Array.from({ length: data.watchers }, async () => {
    const response = await fetch(data.url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    if (response.status !== 200 || response.body === null) throw new Error("progress answered " + response.status);
    return response.body;
  }));
  parentPort.postMessage({ type: "ready" });
  const everyStream = Promise.all(bodies.map(watch));
  // A stream that never sees the last event is given up after a grace period and shows as delivered < expected.
  let timer;
  await Promise.race([everyStream, new Promise((resolve) => (timer = setTimeout(resolve, data.graceMs)))]);
  clearTimeout(timer);
  controller.abort();
  await everyStream;
  const measured = latencies.slice(0, delivered);
  parentPort.postMessage({ type: "done", latencies: measured, delivered }, [measured.buffer]);
})().catch((error) => { throw error; });
`;

async function main(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const startedAt = performance.now();
  let isFinished = false;
  // A promise nobody settles lets node exit quietly with 0; say so instead.
  process.once("exit", () => {
    if (!isFinished) process.stderr.write("bench: exited before the results (a wait that never ended)\n");
  });
  const { rows } = await measureAgentBenchmarks({ log });
  isFinished = true;
  console.log(formatResults(rows));
  console.log(`runtime ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}\n`,
    );
    process.exitCode = 1;
  });
}
