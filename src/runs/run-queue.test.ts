import { describe, expect, it } from "vitest";
import { RunQueue } from "./run-queue.js";

describe("RunQueue", () => {
  it("runs up to the limit, queues the rest in order, and rejects past the queue", async () => {
    const queue = new RunQueue(2, 1);
    const first = await queue.acquire();
    const second = await queue.acquire();
    const order: string[] = [];
    const third = queue.acquire().then((release) => {
      order.push("third");
      return release;
    });
    await expect(queue.acquire()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 1 });
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
    const queue = new RunQueue(1, 5);
    const release = await queue.acquire();
    const controller = new AbortController();
    const waiting = queue.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(queue.queuedCount).toBe(0);
    release();
    expect(queue.runningCount).toBe(0);
  });
});
