import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { EventLog } from "../src/events/event-log.js";
import { createStore } from "../src/store/create-store.js";
import {
  sseWatcherScript,
  type SseWatcherData,
  type SseWatcherMessage,
} from "../test/fixtures/sse-watchers.js";
import { percentile, round } from "./statistics.js";

export interface EventFanoutOptions {
  watchers: number;
  eventsPerSecond: number;
  seconds: number;
}

export interface EventFanoutResult {
  /** Delivery latency, from just before `append` to the subscriber receiving the event. */
  p50Ms: number;
  p99Ms: number;
  delivered: number;
  /** watchers × events appended. */
  expected: number;
  /** Mean time one `append` took (SQLite commit plus in-memory fan-out). */
  appendMeanMs: number;
}

/**
 * Appends `message.delta` events to one session of a real SQLite store at a
 * steady rate while `watchers` subscribers consume them, and measures how long
 * each event took to reach each subscriber. Appends are paced by the clock in
 * small batches (timers fire about once a millisecond), so a batch's first
 * event also waits for the rest of its batch, as it would in production.
 */
/**
 * Calls `append(seq)` for seq 1..total at `eventsPerSecond`, paced by the clock
 * in small batches (timers fire about once a millisecond, so one event per
 * timer could not reach 1,000/s).
 */
export async function appendPaced(
  total: number,
  eventsPerSecond: number,
  append: (seq: number) => void,
): Promise<void> {
  let appended = 0;
  const start = performance.now();
  while (appended < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * eventsPerSecond) / 1000) + 1);
    while (appended < due) append(++appended);
    await sleep(1);
  }
}

export async function measureEventFanout(options: EventFanoutOptions): Promise<EventFanoutResult> {
  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-bench-events-"));
  const store = createStore(dataDirectory);
  try {
    const sessionId = "ses_bench";
    await store.agentSessions.create({
      id: sessionId,
      owner: "bench",
      projectId: "bench",
      model: "none",
      approval: "auto",
      createdAt: new Date(),
    });
    const log = new EventLog(store.events);
    const total = Math.max(1, Math.round(options.eventsPerSecond * options.seconds));
    // Indexed by seq; performance.now() is monotonic, unlike created_at.
    const appendedAt = new Float64Array(total + 1);
    // Preallocated so the harness's own garbage does not show up as delivery pauses.
    const latencies = new Float64Array(total * options.watchers);
    let delivered = 0;

    const subscriptions = Array.from({ length: options.watchers }, () => log.subscribe(sessionId, 0));
    const consumers = subscriptions.map(async (subscription) => {
      for await (const event of subscription) {
        latencies[delivered] = performance.now() - (appendedAt[event.seq] ?? Number.NaN);
        delivered += 1;
        if (event.seq === total) break;
      }
    });

    let appendTime = 0;
    const appends: Promise<unknown>[] = [];
    await appendPaced(total, options.eventsPerSecond, (seq) => {
      const before = performance.now();
      appendedAt[seq] = before;
      appends.push(
        log.append(sessionId, "message.delta", { message_id: "msg_bench", text: `token ${seq} ` }),
      );
      appendTime += performance.now() - before;
    });
    await Promise.all(appends);
    // A subscriber that never sees the last event is closed after a grace period and shows as delivered < expected.
    const grace = new AbortController();
    const drained = await Promise.race([
      Promise.all(consumers).then(() => true),
      sleep(10_000, false, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    if (!drained) for (const subscription of subscriptions) subscription.close();
    await Promise.all(consumers);
    const measured = Array.from(latencies.subarray(0, delivered));
    return {
      p50Ms: round(percentile(measured, 0.5)),
      p99Ms: round(percentile(measured, 0.99)),
      delivered,
      expected: total * options.watchers,
      appendMeanMs: round(appendTime / total),
    };
  } finally {
    store.close();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

export interface HttpFanoutOptions {
  /** SSE clients in all, spread round-robin over the sessions. */
  watchers: number;
  sessions: number;
  /** Appends per second over all sessions. */
  eventsPerSecond: number;
  seconds: number;
}

export interface HttpFanoutResult {
  /** Delivery latency, append → the client's receipt of the frame. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  delivered: number;
  /** watchers × events of their session. */
  expected: number;
  /** Frames a client saw twice or out of seq order (exactly once means 0). */
  misordered: number;
  /** `GET /health` round trips sampled about every 10 ms from the first append until every watcher is done. */
  health: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** The part of the app the measurement drives: the event log and the session store. */
export interface FanoutServer {
  url: string;
  events: EventLog;
  createSession(sessionId: string): Promise<void>;
}

type HealthMessage = { type: "ready" } | { type: "done"; latencies: Float64Array };

/**
 * Appends through the app's event log at a steady rate, spread round-robin over
 * `sessions` synthetic sessions, while `watchers` SSE clients read
 * `/agent/progress/{id}` over real HTTP and another client times `GET /health`
 * every ~10 ms. The clients run in worker threads, so neither parsing the
 * streams nor the health probe shares the server's event loop: a stall of the
 * server shows as a slow /health, not as a slow client. Latency is compared on
 * the wall clock (`performance.timeOrigin + performance.now()`, shared across threads).
 */
export async function measureHttpFanout(
  server: FanoutServer,
  options: HttpFanoutOptions,
): Promise<HttpFanoutResult> {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const sessionIds = Array.from({ length: options.sessions }, (_, index) => `ses_fanout${runId}x${index}`);
  // Synthetic sessions: no turn runs, so only our appends reach their logs.
  for (const sessionId of sessionIds) await server.createSession(sessionId);
  const perSession = Math.max(1, Math.round((options.eventsPerSecond * options.seconds) / options.sessions));
  const total = perSession * options.sessions;
  const shared = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * (perSession + 1) * options.sessions);
  const appendedAt = new Float64Array(shared);
  const data: SseWatcherData = {
    urls: sessionIds.map((sessionId) => `${server.url}/agent/progress/${sessionId}`),
    watchers: options.watchers,
    perSession,
    graceMs: options.seconds * 1000 + 15_000,
    appendedAt: shared,
  };
  const watcher = new Worker(sseWatcherScript, { eval: true, workerData: data });
  const health = new Worker(healthScript, { eval: true, workerData: { url: `${server.url}/health` } });
  try {
    const watcherMessages = workerMessages<SseWatcherMessage>(watcher);
    const healthMessages = workerMessages<HealthMessage>(health);
    if ((await watcherMessages.next()).type !== "ready")
      throw new Error("the watcher worker did not get ready");
    const subscribed = (): number =>
      sessionIds.reduce((sum, sessionId) => sum + server.events.subscriberCount(sessionId), 0);
    while (subscribed() < options.watchers) await sleep(5);
    if ((await healthMessages.next()).type !== "ready")
      throw new Error("the health worker did not get ready");
    const clock = (): number => performance.timeOrigin + performance.now();
    // Only this loop appends to the synthetic sessions, so each seq is known before its append.
    const appends: Promise<unknown>[] = [];
    await appendPaced(total, options.eventsPerSecond, (index) => {
      const session = (index - 1) % options.sessions;
      const seq = Math.floor((index - 1) / options.sessions) + 1;
      appendedAt[session * (perSession + 1) + seq] = clock();
      appends.push(
        server.events.append(sessionIds[session] ?? "", "message.delta", {
          message_id: "msg_bench",
          text: `token ${seq} `,
        }),
      );
    });
    await Promise.all(appends);
    const done = await watcherMessages.next();
    if (done.type !== "done") throw new Error("the watcher worker answered out of order");
    health.postMessage("stop");
    const probed = await healthMessages.next();
    if (probed.type !== "done") throw new Error("the health worker answered out of order");
    const delivery = sortedPercentiles(done.latencies ?? new Float64Array());
    const healthLatency = sortedPercentiles(probed.latencies);
    return {
      p50Ms: round(delivery(0.5)),
      p90Ms: round(delivery(0.9)),
      p99Ms: round(delivery(0.99)),
      delivered: done.delivered,
      expected: perSession * options.watchers,
      misordered: done.misordered,
      health: {
        samples: probed.latencies.length,
        p50Ms: round(healthLatency(0.5)),
        p99Ms: round(healthLatency(0.99)),
        maxMs: round(healthLatency(1)),
      },
    };
  } finally {
    await watcher.terminate();
    await health.terminate();
  }
}

/** Sorts in place (millions of samples: a typed-array sort, not `percentile`'s copy per call). */
function sortedPercentiles(values: Float64Array): (fraction: number) => number {
  values.sort();
  return (fraction) => {
    if (values.length === 0) return Number.NaN;
    return values[Math.min(values.length - 1, Math.ceil(fraction * values.length) - 1)] ?? Number.NaN;
  };
}

function workerMessages<Message>(worker: Worker): { next(): Promise<Message> } {
  const queue: Message[] = [];
  const waiting: Array<{ resolve: (message: Message) => void; reject: (error: Error) => void }> = [];
  let failure: Error | undefined;
  worker.on("message", (message: Message) => {
    const waiter = waiting.shift();
    if (waiter === undefined) queue.push(message);
    else waiter.resolve(message);
  });
  const fail = (error: Error): void => {
    failure = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`a bench worker exited (${code})`)));
  return {
    next: () => {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}

/** Times \`GET /health\` on one keep-alive connection, one request every ~10 ms, until told to stop. */
const healthScript = `
const http = require("node:http");
const { parentPort, workerData: data } = require("node:worker_threads");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let isStopped = false;
function probe() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http.get(data.url, { agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(performance.now() - started));
    }).on("error", reject);
  });
}
parentPort.on("message", () => (isStopped = true));
(async () => {
  await probe();
  parentPort.postMessage({ type: "ready" });
  while (!isStopped) {
    const elapsed = await probe();
    latencies.push(elapsed);
    if (elapsed < 10) await new Promise((resolve) => setTimeout(resolve, 10 - elapsed));
  }
  const measured = Float64Array.from(latencies);
  parentPort.postMessage({ type: "done", latencies: measured }, [measured.buffer]);
  agent.destroy();
})().catch((error) => { throw error; });
`;
