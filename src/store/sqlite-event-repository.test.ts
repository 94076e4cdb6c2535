import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { useStoreWithTwoSessions } from "./agent-session-test-support.js";
import { createStore, databaseFileName } from "./create-store.js";
import { appendEventStatement } from "./sqlite-event-repository.js";

// Runs the production statement in another thread with its own connection, so
// the appends truly race (better-sqlite3 is synchronous within one thread).
const racingWriter = `
  const { workerData } = require("node:worker_threads");
  const Database = require(workerData.driver);
  const database = new Database(workerData.path);
  database.pragma("busy_timeout = 5000");
  const append = database.prepare(workerData.statement);
  // Spin until a shared start time so the writers overlap instead of running one after another.
  while (Date.now() < workerData.startAt) {}
  for (let index = 0; index < workerData.count; index += 1) {
    append.run(workerData.session, "message.delta", JSON.stringify({ message_id: "m", text: String(index) }), Date.now(), null, workerData.session);
  }
  database.close();
`;

async function raceAppends(path: string, session: string, writers: number, count: number): Promise<void> {
  const startAt = Date.now() + 300;
  const finished = Array.from({ length: writers }, () => {
    const worker = new Worker(racingWriter, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve("better-sqlite3"),
        path,
        statement: appendEventStatement,
        session,
        count,
        startAt,
      },
    });
    return new Promise<void>((resolve, reject) => {
      worker.on("error", reject);
      worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
    });
  });
  await Promise.all(finished);
}

const temporary = useStoreWithTwoSessions();

describe("SqliteEventRepository", () => {
  it("numbers events 1, 2, 3 per session and returns them as a reader sees them", async () => {
    const events = temporary().store.events;
    const at = new Date("2026-01-01T00:00:00.000Z");
    const first = await events.append("ses_1", "message.delta", { message_id: "m1", text: "hé" }, at);
    expect(first).toEqual({
      session_id: "ses_1",
      seq: 1,
      name: "message.delta",
      data: { message_id: "m1", text: "hé" },
      created_at: "2026-01-01T00:00:00.000Z",
    });
    expect((await events.append("ses_2", "session.status", { status: "running" }, at)).seq).toBe(1);
    expect((await events.append("ses_1", "session.status", { status: "running" }, at)).seq).toBe(2);
    expect(await events.lastSeq("ses_1")).toBe(2);
    expect(await events.lastSeq("ses_missing")).toBe(0);
    // Undefined fields vanish in JSON; the returned event already shows that.
    const stored = await events.append(
      "ses_1",
      "session.status",
      { status: "failed", reason: undefined },
      at,
    );
    expect(stored.data).toEqual({ status: "failed" });
    expect(Object.keys(stored.data)).toEqual(["status"]);
    expect(await events.list("ses_1", 2, 10)).toEqual([stored]);
  });

  it("keeps each event's origin: the newest one that has an origin, and how many carry it", async () => {
    const events = temporary().store.events;
    const at = new Date();
    const delta = (text: string) => ({ message_id: "m", text });
    expect(await events.lastOrigin("ses_1")).toBeUndefined();
    await events.append("ses_1", "message.delta", delta("a"), at, 7);
    await events.append("ses_1", "message.delta", delta("b"), at, 9);
    await events.append("ses_1", "message.delta", delta("c"), at, 9);
    // Events of the session side have none; the newest with an origin still counts.
    await events.append(
      "ses_1",
      "usage",
      { input_tokens: 1, output_tokens: 1, session_input_tokens: 1, session_output_tokens: 1 },
      at,
    );
    await events.append("ses_2", "message.delta", delta("other"), at, 12);
    expect(await events.lastOrigin("ses_1")).toEqual({ origin: 9, count: 2 });
    // A newer generation of origins may number below an older one: the newest event decides.
    await events.append("ses_1", "message.delta", delta("d"), at, 3);
    expect(await events.lastOrigin("ses_1")).toEqual({ origin: 3, count: 1 });
  });

  it("lists after a seq in ascending pages", async () => {
    const events = temporary().store.events;
    for (let index = 0; index < 25; index += 1) {
      await events.append("ses_1", "message.delta", { message_id: "m", text: String(index) }, new Date());
    }
    expect((await events.list("ses_1", 0, 10)).map((event) => event.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect((await events.list("ses_1", 20, 10)).map((event) => event.seq)).toEqual([21, 22, 23, 24, 25]);
    expect(await events.list("ses_1", 25, 10)).toEqual([]);
    expect(await events.list("ses_2", 0, 10)).toEqual([]);
  });

  it("keeps seq contiguous under many interleaved appends from two connections", async () => {
    const other = createStore(temporary().directory);
    try {
      const writers = [temporary().store.events, other.events];
      for (let index = 0; index < 5_000; index += 1) {
        const writer = writers[index % 2]!;
        const session = index % 3 === 0 ? "ses_2" : "ses_1";
        await writer.append(session, "message.delta", { message_id: "m", text: String(index) }, new Date());
      }
      for (const session of ["ses_1", "ses_2"]) {
        const seqs = temporary()
          .database.prepare("SELECT seq FROM session_events WHERE session_id = ? ORDER BY seq")
          .pluck()
          .all(session) as number[];
        expect(seqs.length).toBeGreaterThan(1_000);
        expect(seqs.every((seq, index) => seq === index + 1)).toBe(true);
        expect(await temporary().store.events.lastSeq(session)).toBe(seqs.length);
      }
    } finally {
      other.close();
    }
  });

  it("keeps seq contiguous when writers in other threads append at the same time", async () => {
    const writers = 4;
    const count = 1_500;
    await raceAppends(join(temporary().directory, databaseFileName), "ses_1", writers, count);
    const seqs = temporary()
      .database.prepare("SELECT seq FROM session_events WHERE session_id = 'ses_1' ORDER BY seq")
      .pluck()
      .all() as number[];
    expect(seqs).toHaveLength(writers * count);
    expect(seqs.every((seq, index) => seq === index + 1)).toBe(true);
  });

  it("refuses an event of an unknown session", async () => {
    await expect(
      temporary().store.events.append("ses_missing", "session.status", { status: "running" }, new Date()),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
