import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { destination, pino } from "pino";
import { createApp, type App } from "../src/app/create-app.js";
import { parseConfig } from "../src/config/load-config.js";
import { errorMessage } from "../src/core/errors.js";
import { measureEventFanout, measureHttpFanout, type FanoutServer } from "./event-fanout.js";
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
export const agentGoals = { firstEventP95Ms: 5, stepOverheadMs: 5, fanoutP99Ms: 20, healthP99Ms: 50 };

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
    const turns = options.toolTurns ?? 20;
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
    // Ten turns: the conversation then holds up to 220 messages, near what the context budget takes.
    const continuedTurns = Math.min(turns, 10);
    log(`agents: the same, ${continuedTurns} turns continuing one session`);
    const continued = await measureStepOverhead(hangar, steps, continuedTurns, "continued", "read_file");
    rows.push(
      row(
        `  in one session over ${continuedTurns} turns (up to ${continuedTurns * (2 * steps + 2)} messages)`,
        "ms",
        {
          ...summarize(continued.perStep),
          samples: continued.perStep.length,
        },
      ),
      row("    its Hangar process CPU time per step", "ms", summarize(continued.cpuPerStep)),
    );
    // The loop alone: a read_file outside the workspace is answered at once with an error
    // result, through the same events, saves and usage, without the sandbox's process spawn
    // (whose fork blocks the event loop and whose CPU time would count as this process's).
    for (const sessionKind of ["fresh", "continued"] as const) {
      log(
        `agents: loop overhead per step with an instant tool (${turns} turns of ${steps} steps, ${sessionKind})`,
      );
      const kindTurns = sessionKind === "fresh" ? turns : continuedTurns;
      const instant = await measureStepOverhead(hangar, steps, kindTurns, sessionKind, "instant");
      const where =
        sessionKind === "fresh"
          ? "new session"
          : `one session, up to ${kindTurns * (2 * steps + 2)} messages`;
      rows.push(
        row(`agent loop overhead per step, instant tool (${where})`, "ms", {
          ...summarize(instant.perStep),
          samples: instant.perStep.length,
        }),
        row("  Hangar process CPU time per step", "ms", summarize(instant.cpuPerStep)),
      );
    }
  } finally {
    await hangar.stop();
  }
  rows.push(...(await measureFanoutBenchmarks({ log, watchers, eventsPerSecond, seconds })).rows);
  return { rows };
}

export interface FanoutBenchmarkOptions {
  /** The SSE fan-out row's watchers (the event-loop rows use 1,000); append rate and duration. */
  watchers?: number;
  eventsPerSecond?: number;
  seconds?: number;
  log?: (line: string) => void;
}

/**
 * SSE fan-out over real HTTP (and the event log's alone, in process): delivery
 * latency with `watchers` clients, then 1,000 watchers on one session and over
 * ten, where the question is whether the server still answers `/health`
 * promptly while it writes to every stream.
 */
export async function measureFanoutBenchmarks(
  options: FanoutBenchmarkOptions = {},
): Promise<{ rows: ResultRow[] }> {
  const log = options.log ?? (() => undefined);
  const watchers = options.watchers ?? 100;
  const eventsPerSecond = options.eventsPerSecond ?? 1000;
  const seconds = options.seconds ?? 3;
  const rows: ResultRow[] = [];
  const hangar = await startBenchHangar();
  try {
    const server: FanoutServer = {
      url: hangar.url,
      events: hangar.app.agents.events,
      createSession: async (sessionId) => {
        await hangar.app.store.agentSessions.create({
          id: sessionId,
          owner: localOwner,
          projectId: "bench-fanout",
          model: "openai:scripted",
          approval: "auto",
          createdAt: new Date(),
        });
      },
    };
    log(`fan-out: SSE, ${watchers} watchers over HTTP, ${eventsPerSecond} events/s for ${seconds} s`);
    const fanout = await measureHttpFanout(server, { watchers, sessions: 1, eventsPerSecond, seconds });
    rows.push(...fanoutRows(`SSE fan-out over HTTP (${watchers} watchers, ${eventsPerSecond}/s)`, fanout));
    for (const sessions of [1, 10]) {
      const many = 1000;
      log(
        `fan-out: SSE, ${many} watchers on ${sessions} session(s), ${eventsPerSecond} events/s for ${seconds} s`,
      );
      const loaded = await measureHttpFanout(server, { watchers: many, sessions, eventsPerSecond, seconds });
      const where = sessions === 1 ? "1 session" : `${sessions} sessions`;
      rows.push(
        row(`/health during SSE fan-out (${many} watchers, ${where}, ${eventsPerSecond}/s)`, "ms", {
          median: loaded.health.p50Ms,
          samples: loaded.health.samples,
        }),
        row(
          "  /health p99",
          "ms",
          { median: loaded.health.p99Ms },
          { text: `<= ${agentGoals.healthP99Ms} ms`, met: loaded.health.p99Ms <= agentGoals.healthP99Ms },
        ),
        row("  /health max", "ms", { median: loaded.health.maxMs }),
        ...fanoutRows("  delivery latency", loaded, "informational"),
      );
    }
  } finally {
    await hangar.stop();
  }
  log(`fan-out: in process (${watchers} subscribers, ${eventsPerSecond}/s for ${seconds} s)`);
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

interface FanoutSummary {
  p50Ms: number;
  p90Ms: number | undefined;
  p99Ms: number;
  delivered: number;
  expected: number;
  /** Frames seen twice or out of order; only the HTTP measurement counts them. */
  misordered?: number;
}

/** The p99 goal holds for the 100-watcher rows; with 1,000 watchers the latency is only reported. */
function fanoutRows(
  metric: string,
  result: FanoutSummary,
  latencyGoal: "goal" | "informational" = "goal",
): ResultRow[] {
  const fraction = result.expected === 0 ? 0 : result.delivered / result.expected;
  const misordered =
    result.misordered === undefined
      ? []
      : [
          row(
            "  frames duplicated or out of order",
            "",
            { median: result.misordered },
            { text: "0", met: result.misordered === 0 },
          ),
        ];
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
      latencyGoal === "goal"
        ? { text: `< ${agentGoals.fanoutP99Ms} ms`, met: result.p99Ms < agentGoals.fanoutP99Ms }
        : undefined,
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
    ...misordered,
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
    // The fan-out rows open 1,000 progress streams from 127.0.0.1.
    server: { max_connections_per_client: 2048 },
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
  const result = emptyStepOverhead();
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
    // The first turns run code V8 has not optimised yet; the goal is about the steady state.
    // (Not for a continued session: its point is the growing conversation, from its start.)
    const warmUp = emptyStepOverhead();
    const warmUpCount = sessionKind === "fresh" ? warmUpTurns : 0;
    for (let turn = 0; turn < warmUpCount; turn++) await measureTurn(hangar, sessionId, steps, tool, warmUp);
    for (let turn = 0; turn < turns; turn++) {
      if (sessionKind === "fresh" && turn > 0) sessionId = await openSession(false);
      await measureTurn(hangar, sessionId, steps, tool, result);
    }
    return result;
  } finally {
    await model.reset();
  }
}

/** Turns run and thrown away before each step measurement. */
const warmUpTurns = 2;

function emptyStepOverhead(): StepOverhead {
  return {
    perStep: [],
    toolPerStep: [],
    modelPerRequest: [],
    beforeFirstRequest: [],
    afterLastAnswer: [],
    answerToTool: [],
    toolToRequest: [],
    cpuPerStep: [],
  };
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
