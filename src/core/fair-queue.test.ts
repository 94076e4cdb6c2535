import { describe, expect, it } from "vitest";
import { FairQueue } from "./fair-queue.js";

describe("FairQueue", () => {
  it("hands freed slots to owners in turn, not in arrival order", async () => {
    const queue = new FairQueue(1);
    const granted: string[] = [];
    const hold = await queue.acquire("a");
    // Each run releases its slot as soon as it gets it, so the next grant follows.
    const waiters = ["a1", "a2", "a3", "b1", "c1", "b2"].map((name) =>
      queue.acquire(name[0]!).then((release) => {
        granted.push(name);
        release();
      }),
    );
    hold();
    await Promise.all(waiters);
    // a's three queued runs do not all go before b's and c's.
    expect(granted).toEqual(["a1", "b1", "c1", "a2", "b2", "a3"]);
    expect([queue.heldCount, queue.waitingCount]).toEqual([0, 0]);
  });

  it("keeps an owner to its own limit while others use the free slots", async () => {
    const queue = new FairQueue(3, 1);
    const a = await queue.acquire("a");
    const aSecond = queue.acquire("a");
    expect(queue.canTakeNow("b")).toBe(true);
    const b = await queue.acquire("b");
    expect([queue.heldBy("a"), queue.waitingFor("a"), queue.heldCount]).toEqual([1, 1, 2]);
    a();
    (await aSecond)();
    b();
    expect(queue.heldCount).toBe(0);
  });

  it("a waiter that aborts leaves the line and its turn", async () => {
    const queue = new FairQueue(1);
    const hold = await queue.acquire("a");
    const controller = new AbortController();
    const leaving = queue.acquire("b", controller.signal, () => new Error("gave up"));
    const staying = queue.acquire("c");
    controller.abort();
    await expect(leaving).rejects.toThrow("gave up");
    expect(queue.waitingFor("b")).toBe(0);
    hold();
    (await staying)();
    expect([queue.heldCount, queue.waitingCount]).toEqual([0, 0]);
    await expect(queue.acquire("d", controller.signal, () => new Error("already"))).rejects.toThrow(
      "already",
    );
  });
});
