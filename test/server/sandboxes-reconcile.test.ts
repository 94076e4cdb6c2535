import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lostOnRestartReason, reconcileSandboxes } from "../../src/managed-sandboxes/reconcile.js";
import { openDatabase, type Database } from "../../src/store/open-database.js";
import type { SandboxRecord } from "../../src/managed-sandboxes/sandbox-repository.js";
import { SqliteSandboxRepository } from "../../src/store/sqlite-sandbox-repository.js";
import { FakeSandboxProvider } from "../fixtures/fake-sandbox-provider.js";

/**
 * Start-up reconciliation against a provider whose sandboxes outlive the server
 * (as Docker's containers do): adopt what is known and alive, mark gone what is
 * known and missing, destroy what is alive and unknown.
 */
let database: Database;
let records: SqliteSandboxRepository;
let provider: FakeSandboxProvider;
beforeEach(() => {
  database = openDatabase(":memory:");
  records = new SqliteSandboxRepository(database);
  provider = new FakeSandboxProvider();
});
afterEach(() => database.close());

function record(id: string, overrides: Partial<SandboxRecord> = {}): SandboxRecord {
  return {
    id,
    provider: "fake",
    owner: "alice",
    status: "live",
    labels: {},
    createdAt: new Date(1_000),
    lastUsedAt: new Date(1_000),
    ...overrides,
  };
}

describe("reconcileSandboxes", () => {
  it("adopts live known sandboxes, marks missing ones gone and destroys orphans", async () => {
    const alive = await provider.create({ owner: "alice", limits: {} as never });
    const orphan = await provider.create({ owner: "mallory", limits: {} as never });
    const removedButRunning = await provider.create({ owner: "alice", limits: {} as never });
    await alive.writeFile("notes.txt", "kept");
    await records.upsert(record(alive.id, { userId: "u", projectId: "p1" }));
    await records.upsert(record("sbx_lost", { userId: "u", projectId: "p2" }));
    await records.upsert(
      record(removedButRunning.id, { status: "removed", goneReason: "removed by its owner" }),
    );
    await records.upsert(record("sbx_docker", { provider: "docker" }));

    const report = await reconcileSandboxes(provider, records);

    expect(report).toEqual({
      adopted: [alive.id],
      gone: ["sbx_lost"],
      orphans: [orphan.id, removedButRunning.id],
      failures: [],
    });
    expect(await records.get("sbx_lost")).toMatchObject({ status: "gone", goneReason: lostOnRestartReason });
    expect((await records.get(alive.id))?.status).toBe("live");
    expect([...provider.sandboxes.keys()]).toEqual([alive.id]);
    expect(Buffer.from((await alive.readFile("notes.txt", 100)) ?? []).toString()).toBe("kept");
    // Another provider's records are not this provider's to judge.
    expect((await records.get("sbx_docker"))?.status).toBe("live");
  });

  it("reports an orphan it cannot destroy and carries on", async () => {
    const stuck = await provider.create({ owner: "x", limits: {} as never });
    const freed = await provider.create({ owner: "x", limits: {} as never });
    provider.failDestroy.add(stuck.id);
    const errors: string[] = [];
    const report = await reconcileSandboxes(provider, records, {
      onError: (message) => errors.push(message),
    });
    expect(report.orphans).toEqual([freed.id]);
    expect(report.failures).toEqual([expect.stringContaining(`cannot remove orphan sandbox ${stuck.id}`)]);
    expect(errors).toEqual(report.failures);
  });

  it("marks a known sandbox that the provider has but reports dead as gone", async () => {
    const dead = await provider.create({ owner: "alice", limits: {} as never });
    dead.destroyed = true;
    await records.upsert(record(dead.id));
    const report = await reconcileSandboxes(provider, records);
    expect(report.gone).toEqual([dead.id]);
  });
});
