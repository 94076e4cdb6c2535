import { describe, expect, it } from "vitest";
import { RunQueue, type RunQueueLimits } from "./run-queue.js";

const limits = (overrides: Partial<RunQueueLimits>): RunQueueLimits => ({
  maxConcurrent: 2,
  maxQueue: 10,
  maxRunningPerOwner: 2,
  maxQueuedPerOwner: 10,
  ...overrides,
});

describe("RunQueue", () => {
  it("runs up to the limit, queues the rest in order, and rejects past the queue", async () => {
    const queue = new RunQueue(limits({ maxQueue: 1 }));
    const first = await queue.acquire("a");
    const second = await queue.acquire("a");
    const order: string[] = [];
    const third = queue.acquire("a").then((release) => {
      order.push("third");
      return release;
    });
    // Refused at once, not in the Promise: an asynchronous run must be refused before its 202.
    expect(() => queue.acquire("b")).toThrow(
      expect.objectContaining({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 1 }),
    );
    expect(queue.runningCount).toBe(2);
    expect(queue.queuedCount).toBe(1);
    first();
    first(); // releasing twice must not free two slots
    (await third)();
    second();
    expect(order).toEqual(["third"]);
    expect(queue.runningCount).toBe(0);
  });

  it("drops a queued run whose caller gave up", async () => {
    const queue = new RunQueue(limits({ maxConcurrent: 1 }));
    const release = await queue.acquire("a");
    const controller = new AbortController();
    const waiting = queue.acquire("a", controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(queue.queuedCount).toBe(0);
    release();
    expect(queue.runningCount).toBe(0);
  });

  it("caps what one owner may queue, so another owner still gets in line", async () => {
    const queue = new RunQueue(limits({ maxConcurrent: 1, maxQueue: 5, maxQueuedPerOwner: 2 }));
    await queue.acquire("greedy");
    void queue.acquire("greedy");
    void queue.acquire("greedy");
    expect(() => queue.acquire("greedy")).toThrow(/too many runs of yours: 1 running and 2 queued/);
    const other = queue.acquire("other");
    expect(queue.queuedCount).toBe(3);
    void other;
  });

  it("keeps session runs in their own lane: a full one-shot lane does not hold them back", async () => {
    const queue = new RunQueue(limits({ maxConcurrent: 1, maxQueue: 1 }));
    const oneShot = await queue.acquire("a");
    const waitingOneShot = queue.acquire("a");
    expect(() => queue.acquire("a")).toThrow(/too many runs: 1 running and 1 queued/);
    const session = await queue.acquire("a", undefined, "session");
    expect(queue.runningCount).toBe(2);
    // The session lane has the same limits of its own.
    const waitingSession = queue.acquire("a", undefined, "session");
    expect(() => queue.acquire("a", undefined, "session")).toThrow(
      /too many session runs: 1 running and 1 queued/,
    );
    expect(queue.queuedCount).toBe(2);
    session();
    (await waitingSession)();
    oneShot();
    (await waitingOneShot)();
    expect(queue.runningCount).toBe(0);
    expect(queue.queuedCount).toBe(0);
  });
});
