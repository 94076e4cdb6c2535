import { describe, expect, it } from "vitest";
import { useStoreWithTwoSessions } from "./agent-session-test-support.js";
import { createStore } from "./create-store.js";
import type { NewSessionTurn } from "../sessions/session-turn-repository.js";

const temporary = useStoreWithTwoSessions();

const sameMillisecond = new Date("2026-01-01T00:00:00.000Z");
function turn(id: string, overrides: Partial<NewSessionTurn> = {}): NewSessionTurn {
  return { id, sessionId: "ses_1", prompt: `prompt of ${id}`, createdAt: sameMillisecond, ...overrides };
}

describe("SqliteSessionTurnRepository", () => {
  it("enqueues a queued turn and reads it back", async () => {
    const expected = {
      id: "turn_1",
      sessionId: "ses_1",
      prompt: "prompt of turn_1",
      model: null,
      status: "queued",
      reason: null,
      createdAt: sameMillisecond,
      startedAt: null,
      endedAt: null,
    };
    expect(await temporary().store.turns.enqueue(turn("turn_1"))).toEqual(expected);
    expect(await temporary().store.turns.get("turn_1")).toEqual(expected);
    expect((await temporary().store.turns.enqueue(turn("turn_2", { model: "m" }))).model).toBe("m");
  });

  it("refuses a turn of an unknown session", async () => {
    await expect(
      temporary().store.turns.enqueue(turn("turn_x", { sessionId: "ses_missing" })),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it("hands out queued turns in enqueue order, even within one millisecond, across a restart", async () => {
    const turns = temporary().store.turns;
    // Ids sort the other way round, so only the enqueue order can explain the result.
    for (const id of ["turn_c", "turn_b", "turn_a"]) await turns.enqueue(turn(id));
    await turns.enqueue(turn("turn_other", { sessionId: "ses_2" }));
    expect(await turns.countQueued("ses_1")).toBe(3);

    temporary().store.close();
    const reopened = createStore(temporary().directory);
    try {
      const order: string[] = [];
      for (
        let next = await reopened.turns.nextQueued("ses_1");
        next;
        next = await reopened.turns.nextQueued("ses_1")
      ) {
        order.push(next.id);
        expect(await reopened.turns.start(next.id, new Date(5_000))).toBe(true);
        expect(await reopened.turns.finish(next.id, "completed", undefined, new Date(6_000))).toBe(true);
      }
      expect(order).toEqual(["turn_c", "turn_b", "turn_a"]);
      expect(await reopened.turns.countQueued("ses_1")).toBe(0);
      expect(await reopened.turns.countQueued("ses_2")).toBe(1);
      expect(await reopened.turns.get("turn_a")).toMatchObject({
        status: "completed",
        startedAt: new Date(5_000),
        endedAt: new Date(6_000),
      });
    } finally {
      reopened.close();
    }
  });

  it("starts a turn once and keeps the first outcome", async () => {
    const turns = temporary().store.turns;
    await turns.enqueue(turn("turn_1"));
    expect(await turns.start("turn_1")).toBe(true);
    expect(await turns.start("turn_1")).toBe(false);
    expect(await turns.finish("turn_1", "failed", "model error")).toBe(true);
    expect(await turns.finish("turn_1", "cancelled", "too late")).toBe(false);
    expect(await turns.get("turn_1")).toMatchObject({ status: "failed", reason: "model error" });
    expect(await turns.start("turn_missing")).toBe(false);
  });

  it("cancels queued turns and lists by status", async () => {
    const turns = temporary().store.turns;
    await turns.enqueue(turn("turn_1", { createdAt: new Date(1_000) }));
    await turns.enqueue(turn("turn_2", { createdAt: new Date(2_000) }));
    await turns.enqueue(turn("turn_3", { createdAt: new Date(3_000), sessionId: "ses_2" }));
    await turns.start("turn_1");
    expect(await turns.cancelQueued("ses_1", "session cancelled")).toBe(1);
    expect(await turns.get("turn_2")).toMatchObject({ status: "cancelled", reason: "session cancelled" });
    const ids = async (statuses: Parameters<typeof turns.listByStatus>[0]) =>
      (await turns.listByStatus(statuses)).map((record) => record.id);
    expect(await ids(["running", "queued"])).toEqual(["turn_1", "turn_3"]);
    expect(await ids([])).toEqual([]);
    expect((await turns.listBySession("ses_1")).map((record) => record.id)).toEqual(["turn_1", "turn_2"]);
  });
});
