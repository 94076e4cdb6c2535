import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "./migrations.js";
import { openDatabase, type Database } from "./open-database.js";
import type { SandboxRecord } from "../managed-sandboxes/sandbox-repository.js";
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
  it("round-trips a record with its labels", async () => {
    await sandboxes.upsert(sandbox());
    expect(await sandboxes.get("sbx_1")).toEqual(sandbox());
    expect(await sandboxes.get("sbx_missing")).toBeUndefined();
  });

  it("updates on upsert but keeps the first createdAt", async () => {
    await sandboxes.upsert(sandbox());
    const later = new Date("2025-01-01T01:00:00.000Z");
    await sandboxes.upsert(sandbox({ createdAt: later, lastUsedAt: later, labels: { session: "other" } }));
    expect(await sandboxes.get("sbx_1")).toEqual(
      sandbox({ lastUsedAt: later, labels: { session: "other" } }),
    );
  });

  it("lists live sandboxes of one provider, oldest first", async () => {
    await sandboxes.upsert(sandbox({ id: "sbx_new", createdAt: new Date(2_000) }));
    await sandboxes.upsert(sandbox({ id: "sbx_old", createdAt: new Date(1_000) }));
    await sandboxes.upsert(sandbox({ id: "sbx_bwrap", provider: "bwrap" }));
    await sandboxes.upsert(sandbox({ id: "sbx_dead", status: "gone", goneReason: "destroyed" }));
    expect((await sandboxes.listLive("docker")).map((record) => record.id)).toEqual(["sbx_old", "sbx_new"]);
    expect(await sandboxes.listLive("kubernetes")).toEqual([]);
  });

  it("marks a sandbox gone once, keeping the first reason, and ignores unknown ids", async () => {
    await sandboxes.upsert(sandbox());
    await sandboxes.markGone("sbx_1", "expired");
    await sandboxes.markGone("sbx_1", "lost on restart");
    await sandboxes.markGone("sbx_missing", "expired");
    expect(await sandboxes.get("sbx_1")).toMatchObject({ status: "gone", goneReason: "expired" });
    expect(await sandboxes.listLive("docker")).toEqual([]);
    expect(await sandboxes.get("sbx_missing")).toBeUndefined();
  });

  it("clears the gone reason when a sandbox is recorded live again", async () => {
    await sandboxes.upsert(sandbox({ status: "gone", goneReason: "destroyed" }));
    await sandboxes.upsert(sandbox({ goneReason: "stale value the caller forgot" }));
    const record = await sandboxes.get("sbx_1");
    expect(record?.status).toBe("live");
    expect(record).not.toHaveProperty("goneReason");
  });
});

describe("SqliteSandboxRepository, managed sandboxes", () => {
  const managed = (overrides: Partial<SandboxRecord> = {}): SandboxRecord =>
    sandbox({ provider: "bwrap", labels: {}, userId: "u1", projectId: "p1", ...overrides });

  it("round-trips user, project and image, and omits them when absent", async () => {
    await sandboxes.upsert(managed({ image: "hangar/sandbox:1" }));
    expect(await sandboxes.get("sbx_1")).toEqual(managed({ image: "hangar/sandbox:1" }));
    expect((await sandboxes.findLive("alice", "u1", "p1"))?.id).toBe("sbx_1");
    expect(await sandboxes.findLive("bob", "u1", "p1")).toBeUndefined();
  });

  it("holds at most one live sandbox per (owner, user, project)", async () => {
    expect(await sandboxes.insertIfFree(managed())).toBe(true);
    expect(await sandboxes.insertIfFree(managed({ id: "sbx_2" }))).toBe(false);
    // Another owner, or a record that is no longer live, does not hold the key.
    expect(await sandboxes.insertIfFree(managed({ id: "sbx_3", owner: "bob" }))).toBe(true);
    await sandboxes.markGone("sbx_1", "expired");
    expect(await sandboxes.insertIfFree(managed({ id: "sbx_4" }))).toBe(true);
    await expect(sandboxes.insertIfFree(managed({ id: "sbx_4", userId: "u9" }))).rejects.toThrow(/UNIQUE/);
  });

  it("refuses half a (user, project) pair", async () => {
    await expect(sandboxes.upsert(managed({ projectId: undefined }))).rejects.toThrow(/CHECK/);
  });

  it("pages an owner's sandboxes newest first, leaving removed ones out", async () => {
    for (let index = 0; index < 5; index++) {
      await sandboxes.upsert(
        managed({ id: `sbx_${index}`, projectId: `p${index}`, createdAt: new Date(1_000) }),
      );
    }
    await sandboxes.upsert(managed({ id: "sbx_z", projectId: "pz", createdAt: new Date(2_000) }));
    await sandboxes.markRemoved("sbx_2", "removed by its owner");
    const first = await sandboxes.listByOwner("alice", 3);
    expect(first.map((record) => record.id)).toEqual(["sbx_z", "sbx_4", "sbx_3"]);
    const last = first.at(-1)!;
    const second = await sandboxes.listByOwner("alice", 3, { createdAt: last.createdAt, id: last.id });
    expect(second.map((record) => record.id)).toEqual(["sbx_1", "sbx_0"]);
    expect(await sandboxes.listByOwner("bob", 3)).toEqual([]);
    await sandboxes.upsert(managed({ id: "sbx_bob", owner: "bob", createdAt: new Date(1_500) }));
    expect((await sandboxes.listAll(2)).map((record) => record.id)).toEqual(["sbx_z", "sbx_bob"]);
    expect(
      (await sandboxes.listAll(10, { createdAt: new Date(1_500), id: "sbx_bob" })).map((record) => record.id),
    ).toEqual(["sbx_4", "sbx_3", "sbx_1", "sbx_0"]);
  });

  it("counts by provider and status, and live ones per owner and overall", async () => {
    await sandboxes.upsert(managed());
    await sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2" }));
    await sandboxes.upsert(managed({ id: "sbx_3", projectId: "p3", provider: "docker" }));
    await sandboxes.upsert(managed({ id: "sbx_4", projectId: "p4", owner: "bob" }));
    await sandboxes.markGone("sbx_2", "expired");
    await sandboxes.upsert(managed({ id: "sbx_5", projectId: "p5" }));
    await sandboxes.markRemoved("sbx_5", "removed by its owner");
    expect(await sandboxes.countByOwner("alice")).toEqual([
      { provider: "bwrap", status: "gone", count: 1 },
      { provider: "bwrap", status: "live", count: 1 },
      { provider: "docker", status: "live", count: 1 },
    ]);
    expect(await sandboxes.countLive("alice")).toBe(2);
    expect(await sandboxes.countLive()).toBe(3);
    expect((await sandboxes.listAllLive()).map((record) => record.id)).toEqual(["sbx_1", "sbx_3", "sbx_4"]);
  });

  it("finds idle sandboxes, touches only live ones and never moves last use back", async () => {
    await sandboxes.upsert(managed({ lastUsedAt: new Date(1_000) }));
    await sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2", lastUsedAt: new Date(5_000) }));
    expect((await sandboxes.listIdleSince(new Date(2_000))).map((record) => record.id)).toEqual(["sbx_1"]);
    await sandboxes.touch("sbx_1", new Date(3_000));
    await sandboxes.touch("sbx_2", new Date(4_000));
    expect((await sandboxes.get("sbx_1"))?.lastUsedAt).toEqual(new Date(3_000));
    expect((await sandboxes.get("sbx_2"))?.lastUsedAt).toEqual(new Date(5_000));
    await sandboxes.markGone("sbx_1", "expired");
    await sandboxes.touch("sbx_1", new Date(9_000));
    expect((await sandboxes.get("sbx_1"))?.lastUsedAt).toEqual(new Date(3_000));
  });

  it("removes live or gone records, keeping the first reason, and prunes inactive ones", async () => {
    await sandboxes.upsert(managed());
    await sandboxes.upsert(managed({ id: "sbx_2", projectId: "p2" }));
    await sandboxes.upsert(managed({ id: "sbx_3", projectId: "p3" }));
    await sandboxes.markGone("sbx_2", "lost on restart");
    await sandboxes.markRemoved("sbx_1", "removed by its owner");
    await sandboxes.markRemoved("sbx_2", "removed by its owner");
    expect(await sandboxes.get("sbx_1")).toMatchObject({
      status: "removed",
      goneReason: "removed by its owner",
    });
    expect(await sandboxes.get("sbx_2")).toMatchObject({ status: "removed", goneReason: "lost on restart" });
    expect(await sandboxes.deleteInactive()).toBe(2);
    expect(await sandboxes.get("sbx_1")).toBeUndefined();
    expect((await sandboxes.get("sbx_3"))?.status).toBe("live");
  });

  it("migrates version-1 rows, keeping them", async () => {
    const old = openDatabase(":memory:", { migrations: migrations.slice(0, 1) });
    old
      .prepare(
        `INSERT INTO sandboxes (id, provider, owner, status, labels, created_at, last_used_at, gone_reason)
         VALUES ('sbx_old', 'bwrap', 'alice', 'gone', '{"a":"b"}', 1000, 2000, 'destroyed')`,
      )
      .run();
    migrations[1]!.up(old);
    const migrated = new SqliteSandboxRepository(old);
    expect(await migrated.get("sbx_old")).toEqual({
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
