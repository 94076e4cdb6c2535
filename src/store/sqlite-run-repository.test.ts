import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { runStatuses } from "../runs/run-types.js";
import { migrations } from "./migrations.js";
import { openDatabase, type Database } from "./open-database.js";
import type { RunRecord } from "../runs/run-repository.js";
import { SqliteRunRepository } from "./sqlite-run-repository.js";

let database: Database;
let runs: SqliteRunRepository;
beforeEach(() => {
  database = openDatabase(":memory:");
  runs = new SqliteRunRepository(database);
});
afterEach(() => database.close());

const sha = (code: string) => createHash("sha256").update(code).digest("hex");

function run(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: "run_1",
    owner: "alice",
    language: "python",
    status: "ok",
    exitCode: 0,
    durationMs: 12.5,
    stdinBytes: 3,
    codeBytes: 8,
    stdoutBytes: 2,
    stderrBytes: 0,
    codeSha256: sha("print(1)"),
    sessionId: "notebook-1",
    createdAt: new Date("2025-01-02T03:04:05.678Z"),
    ...overrides,
  };
}

describe("SqliteRunRepository", () => {
  it("round-trips every field, including nulls", async () => {
    const full = run();
    const sparse = run({ id: "run_2", status: "timeout", exitCode: null, sessionId: null, durationMs: 0 });
    await runs.insert(full);
    await runs.insert(sparse);
    expect(await runs.get("run_1")).toEqual(full);
    expect(await runs.get("run_2")).toEqual(sparse);
    expect(await runs.get("run_missing")).toBeUndefined();
  });

  it("refuses a codeSha256 that is not a sha256, so code cannot slip in through it", async () => {
    await expect(runs.insert(run({ codeSha256: "print('secret')" }))).rejects.toThrow(HangarError);
    await expect(runs.insert(run({ codeSha256: sha("x").toUpperCase() }))).rejects.toThrow(/lowercase hex/);
    expect(await runs.get("run_1")).toBeUndefined();
  });

  it("refuses invalid dates, unknown statuses, negative sizes and duplicate ids", async () => {
    await expect(runs.insert(run({ createdAt: new Date("nonsense") }))).rejects.toThrow(/createdAt/);
    await expect(runs.insert(run({ status: "exploded" as RunRecord["status"] }))).rejects.toThrow(/CHECK/);
    await expect(runs.insert(run({ stdoutBytes: -1 }))).rejects.toThrow(/CHECK/);
    await runs.insert(run());
    await expect(runs.insert(run({ owner: "mallory" }))).rejects.toThrow(/UNIQUE/);
    expect((await runs.get("run_1"))?.owner).toBe("alice");
  });

  it("lists one owner's runs newest first, limited", async () => {
    for (let index = 0; index < 5; index++) {
      await runs.insert(run({ id: `run_a${index}`, createdAt: new Date(1_000 + index) }));
      await runs.insert(run({ id: `run_b${index}`, owner: "bob", createdAt: new Date(1_000 + index) }));
    }
    const page = await runs.listByOwner("alice", { limit: 3 });
    expect(page.map((record) => record.id)).toEqual(["run_a4", "run_a3", "run_a2"]);
    expect(await runs.listByOwner("nobody", { limit: 3 })).toEqual([]);
  });

  it("pages with a bare Date (strictly older) and with a cursor that survives same-millisecond ties", async () => {
    const sameInstant = new Date(5_000);
    for (const id of ["run_c", "run_a", "run_e", "run_b", "run_d"])
      await runs.insert(run({ id, createdAt: sameInstant }));
    await runs.insert(run({ id: "run_older", createdAt: new Date(4_999) }));

    expect(
      (await runs.listByOwner("alice", { limit: 10, before: sameInstant })).map((record) => record.id),
    ).toEqual(["run_older"]);

    const seen: string[] = [];
    let page = await runs.listByOwner("alice", { limit: 2 });
    while (page.length > 0) {
      seen.push(...page.map((record) => record.id));
      const last = page.at(-1);
      if (last === undefined) break;
      page = await runs.listByOwner("alice", {
        limit: 2,
        before: { createdAt: last.createdAt, id: last.id },
      });
    }
    expect(seen).toEqual(["run_e", "run_d", "run_c", "run_b", "run_a", "run_older"]);
  });

  it("rejects a limit outside 1..1000, naming the field", async () => {
    for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
      await expect(runs.listByOwner("alice", { limit })).rejects.toThrow(
        expect.objectContaining({ field: "limit" }),
      );
    }
  });

  it("counts by status with every known status present", async () => {
    await runs.insert(run({ id: "run_1", status: "ok" }));
    await runs.insert(run({ id: "run_2", status: "ok" }));
    await runs.insert(run({ id: "run_3", status: "timeout" }));
    const counts = await runs.countByStatus();
    expect(Object.keys(counts).sort()).toEqual([...runStatuses].sort());
    expect(counts).toMatchObject({ ok: 2, timeout: 1, error: 0, memory_limit: 0 });
  });

  it("keeps a run's result, and follows an accepted run from queued to its end", async () => {
    const result = {
      output: "hi\n",
      error: "",
      stdout: "hi\n",
      stderr: "",
      exitCode: 0,
      signal: null,
      status: "ok" as const,
      durationMs: 5,
      truncated: false,
      language: "python",
      sessionId: null,
      runId: "run_async",
    };
    await runs.insert(
      run({ id: "run_async", status: "queued", exitCode: null, durationMs: 0, sessionId: null }),
    );
    expect((await runs.listUnfinished()).map((record) => record.id)).toEqual(["run_async"]);
    await runs.update(
      run({ id: "run_async", status: "running", exitCode: null, durationMs: 0, sessionId: null }),
    );
    expect((await runs.get("run_async"))?.status).toBe("running");
    await runs.update(run({ id: "run_async", status: "ok", durationMs: 5, sessionId: null, result }));
    expect(await runs.get("run_async")).toMatchObject({ status: "ok", durationMs: 5, result });
    expect(await runs.listUnfinished()).toEqual([]);
    await expect(runs.update(run({ id: "run_missing" }))).rejects.toThrow(/no run 'run_missing'/);
  });

  it("purges ended runs created before a time, never one still going", async () => {
    const at = (iso: string) => new Date(iso);
    await runs.insert(run({ id: "run_old", createdAt: at("2025-01-01T00:00:00Z") }));
    await runs.insert(
      run({ id: "run_old_running", status: "running", createdAt: at("2025-01-01T00:00:00Z") }),
    );
    await runs.insert(run({ id: "run_new", createdAt: at("2025-01-03T00:00:00Z") }));
    expect(await runs.deleteCreatedBefore(at("2025-01-02T00:00:00Z"))).toBe(1);
    expect(await runs.get("run_old")).toBeUndefined();
    expect(await runs.get("run_old_running")).toBeDefined();
    expect(await runs.get("run_new")).toBeDefined();
    const listed = await runs.listByOwner("alice", { limit: 10, since: at("2025-01-02T00:00:00Z") });
    expect(listed.map((record) => record.id)).toEqual(["run_new"]);
  });
});

describe("migration 6 (runs with results)", () => {
  it("keeps the runs recorded before it, without a result", () => {
    const path = ":memory:";
    const before = openDatabase(path, {
      migrations: migrations.filter((migration) => migration.version < 6),
    });
    before
      .prepare(
        `INSERT INTO runs (id, owner, language, status, exit_code, duration_ms, stdin_bytes, code_bytes,
          stdout_bytes, stderr_bytes, code_sha256, session_id, created_at)
         VALUES ('run_v4', 'alice', 'python', 'ok', 0, 1, 0, 8, 2, 0, ?, NULL, 1000)`,
      )
      .run(sha("print(1)"));
    for (const migration of migrations.filter((candidate) => candidate.version >= 6)) migration.up(before);
    const row = before.prepare("SELECT id, status, result FROM runs").get();
    expect(row).toEqual({ id: "run_v4", status: "ok", result: null });
    expect(() =>
      before
        .prepare("UPDATE runs SET status = 'interrupted', result = '{\"x\": 1}' WHERE id = 'run_v4'")
        .run(),
    ).not.toThrow();
    expect(() => before.prepare("UPDATE runs SET result = 'not json' WHERE id = 'run_v4'").run()).toThrow(
      /CHECK/,
    );
    before.close();
  });
});
