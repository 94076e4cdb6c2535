import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSession, temporaryStore, type TemporaryStore } from "../store/agent-session-test-support.js";
import type { EventRepository } from "./event-repository.js";
import { EventLog, type EventSubscription } from "./event-log.js";
import type { SessionEvent } from "./session-events.js";

let temporary: TemporaryStore;
let log: EventLog;
beforeEach(async () => {
  temporary = temporaryStore();
  await createSession(temporary.store, { id: "ses_1" });
  await createSession(temporary.store, { id: "ses_2" });
  log = new EventLog(temporary.store.events);
});
afterEach(() => temporary.dispose());

/** The temporary store's event repository, counting its `list` reads (replays and catch-ups). */
function countingStoreReads(): { repository: EventRepository; reads: number } {
  const events = temporary.store.events;
  const counting = { reads: 0, repository: events };
  counting.repository = {
    append: (...parameters) => events.append(...parameters),
    lastSeq: (sessionId) => events.lastSeq(sessionId),
    lastOrigin: (sessionId) => events.lastOrigin(sessionId),
    list: (...parameters) => {
      counting.reads += 1;
      return events.list(...parameters);
    },
  };
  return counting;
}

async function appendDeltas(count: number, sessionId = "ses_1", eventLog = log): Promise<void> {
  const appends = Array.from({ length: count }, (_, index) =>
    eventLog.append(sessionId, "message.delta", { message_id: "m", text: `${index}` }),
  );
  await Promise.all(appends);
}

/**
 * Reads `count` events with `next()` (a `for await` that breaks would close the
 * subscription), calling `between` after each one while the consumer holds the loop.
 */
async function take(
  subscription: EventSubscription,
  count: number,
  between: (event: SessionEvent) => void | Promise<void> = () => {},
): Promise<number[]> {
  const seqs: number[] = [];
  while (seqs.length < count) {
    const result = await subscription.next();
    if (result.done === true) break;
    seqs.push(result.value.seq);
    await between(result.value);
  }
  return seqs;
}

const oneTo = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);

describe("EventLog", () => {
  it("sends nothing when the store refuses an event, and lists pages", async () => {
    const subscription = log.subscribe("ses_1", 0);
    // The foreign key refuses an unknown session: the append fails before any fan-out.
    await expect(log.append("ses_missing", "session.status", { status: "running" })).rejects.toThrow(
      /FOREIGN KEY/,
    );
    const failing = new EventLog({
      append: () => Promise.reject(new Error("disk full")),
      list: (...parameters) => temporary.store.events.list(...parameters),
      lastSeq: (sessionId) => temporary.store.events.lastSeq(sessionId),
      lastOrigin: (sessionId) => temporary.store.events.lastOrigin(sessionId),
    });
    const watcher = failing.subscribe("ses_1", 0);
    await expect(failing.append("ses_1", "session.status", { status: "running" })).rejects.toThrow(
      "disk full",
    );
    expect(watcher.queued).toBe(0);
    watcher.close();

    const event = await log.append("ses_1", "session.status", { status: "running" });
    expect(event).toMatchObject({ session_id: "ses_1", seq: 1, name: "session.status" });
    expect(subscription.queued).toBe(1);
    expect(await subscription.next()).toEqual({ done: false, value: event });
    await appendDeltas(3);
    expect(await log.lastSeq("ses_1")).toBe(4);
    expect((await log.list("ses_1", 1, 2)).map((listed) => listed.seq)).toEqual([2, 3]);
    expect(() => log.list("ses_1", -1, 2)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    subscription.close();
  });

  it("replays then follows live with no duplicate or gap, even when events arrive between pages", async () => {
    const paged = new EventLog(temporary.store.events, { pageSize: 7 });
    await appendDeltas(30, "ses_1", paged);
    const subscription = paged.subscribe("ses_1", 4);
    // Appends while the consumer sits between replay pages, then well after replay.
    const seqs = await take(subscription, 26 + 40 + 10, async (event) => {
      if (event.seq % 5 === 0 && event.seq <= 60) await appendDeltas(4, "ses_1", paged);
      if (event.seq === 70) await appendDeltas(10, "ses_1", paged);
    });
    expect(seqs).toEqual(Array.from({ length: 76 }, (_, index) => index + 5));
    subscription.close();
    expect(paged.subscriberCount("ses_1")).toBe(0);
  });

  it("gives ten concurrent subscribers the same sequence, and other sessions' events to none", async () => {
    await appendDeltas(50);
    const subscriptions = Array.from({ length: 10 }, (_, index) => log.subscribe("ses_1", index * 5));
    const results = Promise.all(
      subscriptions.map((subscription, index) => take(subscription, 250 - index * 5)),
    );
    for (let round = 0; round < 20; round += 1) {
      void appendDeltas(10);
      void appendDeltas(1, "ses_2");
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sequences = await results;
    sequences.forEach((seqs, index) => expect(seqs).toEqual(oneTo(250).slice(index * 5)));
  });

  it("lets a subscriber that falls behind catch up from the store, still exactly once and in order", async () => {
    const counting = countingStoreReads();
    const counted = new EventLog(counting.repository, { maxQueued: 10, pageSize: 16 });
    const slow = counted.subscribe("ses_1", 0);
    // Bursts of 35 overflow a queue of 10 every time; the consumer reads between bursts.
    const seqs: number[] = [];
    for (let burst = 0; burst < 5; burst += 1) {
      await appendDeltas(35, "ses_1", counted);
      seqs.push(...(await take(slow, 35)));
    }
    expect(seqs).toEqual(oneTo(175));
    expect(counting.reads).toBeGreaterThan(5);
    const afterOverflow = counting.reads;
    // Back in step: a consumer that keeps up is fed from memory, not the store.
    const live = take(slow, 5);
    await appendDeltas(5, "ses_1", counted);
    expect(await live).toEqual([176, 177, 178, 179, 180]);
    expect(counting.reads).toBe(afterOverflow);
    slow.close();
    expect(counted.subscriberCount("ses_1")).toBe(0);
  });

  it("keeps at most maxQueued live events in memory for a subscriber that never reads", async () => {
    const bounded = new EventLog(temporary.store.events, { maxQueued: 100 });
    const idle = bounded.subscribe("ses_1", 0);
    await appendDeltas(2_000, "ses_1", bounded);
    expect(idle.queued).toBeLessThanOrEqual(100);
    expect(await take(idle, 2_000)).toEqual(oneTo(2_000));
    idle.close();
  });

  it("ends iteration on close, from outside while waiting and from inside for await", async () => {
    const waiting = log.subscribe("ses_1", 0);
    const pending = waiting.next();
    waiting.close();
    waiting.close();
    expect(await pending).toEqual({ done: true, value: undefined });

    await appendDeltas(5);
    const inside = log.subscribe("ses_1", 0);
    const seen: number[] = [];
    for await (const event of inside) {
      seen.push(event.seq);
      if (event.seq === 2) inside.close();
    }
    expect(seen).toEqual([1, 2]);
    expect(log.subscriberCount("ses_1")).toBe(0);

    const first = log.subscribe("ses_1", 5);
    const second = log.subscribe("ses_2", 0);
    const ends = Promise.all([first.next(), second.next()]);
    log.closeAll();
    expect(await ends).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
    expect(log.subscriberCount("ses_1") + log.subscriberCount("ses_2")).toBe(0);
  });

  it("closes when its signal aborts", async () => {
    const controller = new AbortController();
    const subscription = log.subscribe("ses_1", 0, { signal: controller.signal });
    const pending = subscription.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    const aborted = log.subscribe("ses_1", 0, { signal: controller.signal });
    expect(aborted.isClosed).toBe(true);
    expect(log.subscriberCount("ses_1")).toBe(0);
  });

  it("subscribes after the fact from any seq, including the end and beyond", async () => {
    await appendDeltas(20);
    for (const from of [0, 1, 10, 19]) {
      const subscription = log.subscribe("ses_1", from);
      expect(await take(subscription, 20 - from)).toEqual(oneTo(20).slice(from));
      subscription.close();
    }
    const atEnd = log.subscribe("ses_1", 20);
    const next = take(atEnd, 1);
    await appendDeltas(1);
    expect(await next).toEqual([21]);
    expect(() => log.subscribe("ses_1", 1.5)).toThrow(expect.objectContaining({ field: "afterSeq" }));
  });

  it("waits for a matching event, past or future", async () => {
    await log.append("ses_1", "session.status", { status: "running" });
    const past = await log.waitFor("ses_1", (event) => event.name === "session.status");
    expect(past.seq).toBe(1);
    const future = log.waitFor("ses_1", (event) => event.name === "session.ended", { afterSeq: 1 });
    await appendDeltas(3);
    await log.append("ses_1", "session.ended", { status: "completed" });
    expect(await future).toMatchObject({ seq: 5, data: { status: "completed" } });
    const controller = new AbortController();
    const never = log.waitFor("ses_1", () => false, { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(never).rejects.toThrow("gave up");
    expect(log.subscriberCount("ses_1")).toBe(0);
  });

  it("stores and fans out one session's appends in call order, however long each store call takes", async () => {
    // A store whose appends finish in random order, like a pool of remote connections.
    const jittery: EventRepository = {
      append: async (...parameters) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return temporary.store.events.append(...parameters);
      },
      list: (...parameters) => temporary.store.events.list(...parameters),
      lastSeq: (sessionId) => temporary.store.events.lastSeq(sessionId),
      lastOrigin: (sessionId) => temporary.store.events.lastOrigin(sessionId),
    };
    const ordered = new EventLog(jittery);
    const subscription = ordered.subscribe("ses_1", 0);
    const pushed: number[] = [];
    const seen = take(subscription, 40, (event) => void pushed.push(event.seq));
    const appends = Array.from({ length: 40 }, (_, index) =>
      ordered.append("ses_1", "message.delta", { message_id: "m", text: `${index}` }),
    );
    // One failure in the middle does not hold up or reorder the rest.
    const refused = ordered.append("ses_missing", "session.status", { status: "running" });
    await expect(refused).rejects.toThrow(/FOREIGN KEY/);
    const events = await Promise.all(appends);
    expect(events.map((event) => (event.data as { text: string }).text)).toEqual(
      Array.from({ length: 40 }, (_, index) => `${index}`),
    );
    expect(events.map((event) => event.seq)).toEqual(oneTo(40));
    expect(await seen).toEqual(oneTo(40));
    expect(pushed).toEqual(oneTo(40));
    await ordered.settled("ses_1");
    subscription.close();
  });

  it("wakes a parked consumer once for a burst, which then takes the rest at once, in order", async () => {
    const subscription = log.subscribe("ses_1", 0);
    // Parks the consumer: the store is empty, so it waits for a push.
    const first = subscription.next();
    await new Promise((resolve) => setImmediate(resolve));
    await appendDeltas(20);
    // Committed and queued before the wake-up, which comes on a later turn.
    expect(subscription.queued).toBe(20);
    const woken = await first;
    expect(woken).toMatchObject({ done: false, value: { seq: 1 } });
    const rest = subscription.takeReady(8);
    expect(rest.map((event) => event.seq)).toEqual(oneTo(9).slice(1));
    expect(subscription.takeReady(100).map((event) => event.seq)).toEqual(oneTo(20).slice(9));
    expect(subscription.takeReady(100)).toEqual([]);
    subscription.close();
    expect(subscription.takeReady(100)).toEqual([]);
  });

  it("wakes many subscribers a chunk per turn of the event loop, not all in one", async () => {
    const chunked = new EventLog(temporary.store.events, { wakesPerTurn: 10 });
    const subscriptions = Array.from({ length: 50 }, () => chunked.subscribe("ses_1", 0));
    const turns: number[] = [];
    let turn = 0;
    const countTurns = (): void => {
      turn += 1;
      if (turns.length < 50) setImmediate(countTurns);
    };
    const received = subscriptions.map(async (subscription) => {
      const result = await subscription.next();
      turns.push(turn);
      return result.done === true ? undefined : result.value.seq;
    });
    await new Promise((resolve) => setImmediate(resolve));
    await appendDeltas(1, "ses_1", chunked);
    setImmediate(countTurns);
    expect(await Promise.all(received)).toEqual(Array.from({ length: 50 }, () => 1));
    // At most ten consumers ran in any one turn, so the fan-out spanned at least five turns.
    const perTurn = new Map<number, number>();
    for (const at of turns) perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(10);
    expect(perTurn.size).toBeGreaterThanOrEqual(5);
    for (const subscription of subscriptions) subscription.close();
  });

  it("gives batch consumers that stall (a full socket) every event once and in order, via the store", async () => {
    const bounded = new EventLog(temporary.store.events, { maxQueued: 10, pageSize: 16, wakesPerTurn: 3 });
    const consumers = Array.from({ length: 6 }, async (_, index) => {
      const subscription = bounded.subscribe("ses_1", 0);
      const seqs: number[] = [];
      while (seqs.length < 300) {
        const first = await subscription.next();
        if (first.done === true) break;
        seqs.push(first.value.seq, ...subscription.takeReady(7).map((event) => event.seq));
        // Half the consumers wait as a full socket would, long enough for their queue to overflow.
        if (index % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      subscription.close();
      return seqs;
    });
    for (let burst = 0; burst < 15; burst += 1) {
      await appendDeltas(20, "ses_1", bounded);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const seqs of await Promise.all(consumers)) expect(seqs).toEqual(oneTo(300));
    expect(bounded.subscriberCount("ses_1")).toBe(0);
  });

  it("catches a subscriber that fell behind up from its session's recent events, not the store", async () => {
    const counting = countingStoreReads();
    const recent = new EventLog(counting.repository, { maxQueued: 50 });
    const keeping = recent.subscribe("ses_1", 0);
    const slow = recent.subscribe("ses_1", 0);
    await appendDeltas(1, "ses_1", recent);
    expect(await take(keeping, 1)).toEqual([1]);
    expect(await take(slow, 1)).toEqual([1]);
    const readsWhenLive = counting.reads;
    // 80 events overflow the slow subscriber's queue of 50; the last 50 to 100 stay in memory.
    for (let burst = 0; burst < 8; burst += 1) await appendDeltas(10, "ses_1", recent);
    expect(await take(slow, 80)).toEqual(oneTo(81).slice(1));
    expect(counting.reads).toBe(readsWhenLive);
    // Past what memory holds, the store answers, still gap-free.
    for (let burst = 0; burst < 30; burst += 1) await appendDeltas(10, "ses_1", recent);
    expect(await take(slow, 300)).toEqual(oneTo(381).slice(81));
    expect(counting.reads).toBeGreaterThan(readsWhenLive);
    expect(await take(keeping, 380)).toEqual(oneTo(381).slice(1));
    keeping.close();
    slow.close();
  });
});
