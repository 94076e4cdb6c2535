import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
