import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "./migrations.js";
import { openDatabase, type Database } from "./open-database.js";
import type { SandboxRecord } from "./sandbox-repository.js";
import { SqliteSandboxRepository } from "./sqlite-sandbox-repository.js";

let database: Database;
let sandboxes: SqliteSandboxRepository;
beforeEach(() => {
  database = openDatabase(":memory:");
  sandboxes = new SqliteSandboxRepository(database);
});
afterEach(() => database.close());

function sandbox(overrides: Partial<SandboxRecord> = {}): SandboxRecord {
  return {
    id: "sbx_1",
    provider: "docker",
    owner: "alice",
    status: "live",
    labels: { session: "notebook-1", "hangar.kind": "kernel" },
    createdAt: new Date("2025-01-01T00:00:00.000Z"),
    lastUsedAt: new Date("2025-01-01T00:05:00.000Z"),
    ...overrides,
  };
}

describe("SqliteSandboxRepository", () => {
  it("round-trips a record with its labels", () => {
    sandboxes.upsert(sandbox());
    expect(sandboxes.get("sbx_1")).toEqual(sandbox());
    expect(sandboxes.get("sbx_missing")).toBeUndefined();
  });

  it("updates on upsert but keeps the first createdAt", () => {
    sandboxes.upsert(sandbox());
    const later = new Date("2025-01-01T01:00:00.000Z");
    sandboxes.upsert(sandbox({ createdAt: later, lastUsedAt: later, labels: { session: "other" } }));
    expect(sandboxes.get("sbx_1")).toEqual(sandbox({ lastUsedAt: later, labels: { session: "other" } }));
  });

  it("lists live sandboxes of one provider, oldest first", () => {
    sandboxes.upsert(sandbox({ id: "sbx_new", createdAt: new Date(2_000) }));
    sandboxes.upsert(sandbox({ id: "sbx_old", createdAt: new Date(1_000) }));
    sandboxes.upsert(sandbox({ id: "sbx_bwrap", provider: "bwrap" }));
    sandboxes.upsert(sandbox({ id: "sbx_dead", status: "gone", goneReason: "destroyed" }));
    expect(sandboxes.listLive("docker").map((record) => record.id)).toEqual(["sbx_old", "sbx_new"]);
    expect(sandboxes.listLive("kubernetes")).toEqual([]);
  });

  it("marks a sandbox gone once, keeping the first reason, and ignores unknown ids", () => {
    sandboxes.upsert(sandbox());
    sandboxes.markGone("sbx_1", "expired");
    sandboxes.markGone("sbx_1", "lost on restart");
    sandboxes.markGone("sbx_missing", "expired");
    expect(sandboxes.get("sbx_1")).toMatchObject({ status: "gone", goneReason: "expired" });
    expect(sandboxes.listLive("docker")).toEqual([]);
    expect(sandboxes.get("sbx_missing")).toBeUndefined();
  });

  it("clears the gone reason when a sandbox is recorded live again", () => {
    sandboxes.upsert(sandbox({ status: "gone", goneReason: "destroyed" }));
    sandboxes.upsert(sandbox({ goneReason: "stale value the caller forgot" }));
    const record = sandboxes.get("sbx_1");
    expect(record?.status).toBe("live");
    expect(record).not.toHaveProperty("goneReason");
  });
});

describe("SqliteSandboxRepository, managed sandboxes", () => {
  const managed = (overrides: Partial<SandboxRecord> = {}): SandboxRecord =>
    sandbox({ provider: "bwrap", labels: {}, userId: "u1", projectId: "p1", ...overrides });

  it("round-trips user, project and image, and omits them when absent", () => {
    sandboxes.upsert(managed({ image: "hangar/sandbox:1" }));
    expect(sandboxes.get("sbx_1")).toEqual(managed({ image: "hangar/sandbox:1" }));
    expect(sandboxes.findLive("alice", "u1", "p1")?.id).toBe("sbx_1");
    expect(sandboxes.findLive("bob", "u1", "p1")).toBeUndefined();
  });

  it("holds at most one live sandbox per (owner, user, project)", () => {
    expect(sandboxes.insertIfFree(managed())).toBe(true);
    expect(sandboxes.insertIfFree(managed({ id: "sbx_2" }))).toBe(false);
    // Another owner, or a record that is no longer live, does not hold the key.
    expect(sandboxes.insertIfFree(managed({ id: "sbx_3", owner: "bob" }))).toBe(true);
    sandboxes.markGone("sbx_1", "expired");
    expect(sandboxes.insertIfFree(managed({ id: "sbx_4" }))).toBe(true);
    expect(() => sandboxes.insertIfFree(managed({ id: "sbx_4", userId: "u9" }))).toThrow(/UNIQUE/);
  });

  it("refuses half a (user, project) pair", () => {
    expect(() => sandboxes.upsert(managed({ projectId: undefined }))).toThrow(/CHECK/);
  });

  it("pages an owner's sandboxes newest first, leaving removed ones out", () => {
    for (let index = 0; index < 5; index++) {
      sandboxes.upsert(managed({ id: `sbx_${index}`, projectId: `p${index}`, createdAt: new Date(1_000) }));
    }
    sandboxes.upsert(managed({ id: "sbx_z", projectId: "pz", createdAt: new Date(2_000) }));
    sandboxes.markRemoved("sbx_2", "removed by its owner");
    const first = sandboxes.listByOwner("alice", 3);
    expect(first.map((record) => record.id)).toEqual(["sbx_z", "sbx_4", "sbx_3"]);
    const last = first.at(-1)!;
    const second = sandboxes.listByOwner("alice", 3, { createdAt: last.createdAt, id: last.id });
    expect(second.map((record) => record.id)).toEqual(["sbx_1", "sbx_0"]);
    expect(sandboxes.listByOwner("bob", 3)).toEqual([]);
    sandboxes.upsert(managed({ id: "sbx_bob", owner: "bob", createdAt: new Date(1_500) }));
    expect(sandboxes.listAll(2).map((record) => record.id)).toEqual(["sbx_z", "sbx_bob"]);
    expect(
      sandboxes.listAll(10, { createdAt: new Date(1_500), id: "sbx_bob" }).map((record) => record.id),
    ).toEqual(["sbx_4", "sbx_3", "sbx_1", "sbx_0"]);
  });

  it("counts by provider and status, and live ones per owner and overall", () => {
    sandboxes.upsert(managed());
    sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2" }));
    sandboxes.upsert(managed({ id: "sbx_3", projectId: "p3", provider: "docker" }));
    sandboxes.upsert(managed({ id: "sbx_4", projectId: "p4", owner: "bob" }));
    sandboxes.markGone("sbx_2", "expired");
    sandboxes.upsert(managed({ id: "sbx_5", projectId: "p5" }));
    sandboxes.markRemoved("sbx_5", "removed by its owner");
    expect(sandboxes.countByOwner("alice")).toEqual([
      { provider: "bwrap", status: "gone", count: 1 },
      { provider: "bwrap", status: "live", count: 1 },
      { provider: "docker", status: "live", count: 1 },
    ]);
    expect(sandboxes.countLive("alice")).toBe(2);
    expect(sandboxes.countLive()).toBe(3);
    expect(sandboxes.listAllLive().map((record) => record.id)).toEqual(["sbx_1", "sbx_3", "sbx_4"]);
  });

  it("finds idle sandboxes, touches only live ones and never moves last use back", () => {
    sandboxes.upsert(managed({ lastUsedAt: new Date(1_000) }));
    sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2", lastUsedAt: new Date(5_000) }));
    expect(sandboxes.listIdleSince(new Date(2_000)).map((record) => record.id)).toEqual(["sbx_1"]);
    sandboxes.touch("sbx_1", new Date(3_000));
    sandboxes.touch("sbx_2", new Date(4_000));
    expect(sandboxes.get("sbx_1")?.lastUsedAt).toEqual(new Date(3_000));
    expect(sandboxes.get("sbx_2")?.lastUsedAt).toEqual(new Date(5_000));
    sandboxes.markGone("sbx_1", "expired");
    sandboxes.touch("sbx_1", new Date(9_000));
    expect(sandboxes.get("sbx_1")?.lastUsedAt).toEqual(new Date(3_000));
  });

  it("removes live or gone records, keeping the first reason, and prunes inactive ones", () => {
    sandboxes.upsert(managed());
    sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2" }));
    sandboxes.upsert(managed({ id: "sbx_3", projectId: "p3" }));
    sandboxes.markGone("sbx_2", "lost on restart");
    sandboxes.markRemoved("sbx_1", "removed by its owner");
    sandboxes.markRemoved("sbx_2", "removed by its owner");
    expect(sandboxes.get("sbx_1")).toMatchObject({ status: "removed", goneReason: "removed by its owner" });
    expect(sandboxes.get("sbx_2")).toMatchObject({ status: "removed", goneReason: "lost on restart" });
    expect(sandboxes.deleteInactive()).toBe(2);
    expect(sandboxes.get("sbx_1")).toBeUndefined();
    expect(sandboxes.get("sbx_3")?.status).toBe("live");
  });

  it("migrates version-1 rows, keeping them", () => {
    const old = openDatabase(":memory:", { migrations: migrations.slice(0, 1) });
    old
      .prepare(
        `INSERT INTO sandboxes (id, provider, owner, status, labels, created_at, last_used_at, gone_reason)
         VALUES ('sbx_old', 'bwrap', 'alice', 'gone', '{"a":"b"}', 1000, 2000, 'destroyed')`,
      )
      .run();
    migrations[1]!.up(old);
    const migrated = new SqliteSandboxRepository(old);
    expect(migrated.get("sbx_old")).toEqual({
      id: "sbx_old",
      provider: "bwrap",
      owner: "alice",
      status: "gone",
      labels: { a: "b" },
      createdAt: new Date(1000),
      lastUsedAt: new Date(2000),
      goneReason: "destroyed",
    });
    old.close();
  });
});
