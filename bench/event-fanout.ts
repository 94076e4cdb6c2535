import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { EventLog } from "../src/events/event-log.js";
import { createStore } from "../src/store/create-store.js";
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
