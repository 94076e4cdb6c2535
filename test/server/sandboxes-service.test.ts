import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HangarError } from "../../src/core/errors.js";
import type { SandboxRepository } from "../../src/managed-sandboxes/sandbox-repository.js";
import { SandboxService, type SandboxServiceOptions } from "../../src/managed-sandboxes/sandbox-service.js";
import { openDatabase, type Database } from "../../src/store/open-database.js";
import { SqliteSandboxRepository } from "../../src/store/sqlite-sandbox-repository.js";
import { FakeSandboxProvider } from "../fixtures/fake-sandbox-provider.js";

/** SandboxService over a real (in-memory) SQLite store and a hand-written fake provider. */
const limits = { memoryBytes: 1 << 26, pids: 32, cpuCores: 1, workspaceBytes: 1 << 20, tmpBytes: 1 << 20 };

let database: Database;
let records: SqliteSandboxRepository;
let provider: FakeSandboxProvider;
let clock: Date;

function service(overrides: Partial<SandboxServiceOptions> = {}): SandboxService {
  return new SandboxService({
    provider,
    records,
    limits,
    idleTtlMs: 60_000,
    maxPerOwner: 20,
    maxTotal: 200,
    reaperIntervalMs: 60_000,
    maxFileBytes: 1024,
    now: () => clock,
    ...overrides,
  });
}

async function caught(promise: Promise<unknown> | (() => unknown)): Promise<HangarError> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected a HangarError");
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The repository with every answer read now but delivered some milliseconds later. */
function answeringLate(repository: SandboxRepository, delayMs: () => number): SandboxRepository {
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await sleep(delayMs());
        const answer: unknown = await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
        await sleep(delayMs());
        return answer;
      };
    },
  });
}

beforeEach(() => {
  database = openDatabase(":memory:");
  records = new SqliteSandboxRepository(database);
  provider = new FakeSandboxProvider();
  provider.createDelayMs = 5;
  clock = new Date("2025-01-01T00:00:00.000Z");
});
afterEach(() => database.close());

describe("SandboxService.ensure", () => {
  it("creates exactly one sandbox under 20 concurrent calls", async () => {
    const sandboxes = service();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sandboxes.ensure("alice", { userId: "u1", projectId: "p1" })),
    );
    expect(new Set(results.map((result) => result.sandbox.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(provider.createdCount).toBe(1);
    expect(await records.countLive()).toBe(1);
  });

  it("keeps one even when two services share the store (the unique index decides)", async () => {
    const first = service();
    const second = service();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? first : second).ensure("alice", { userId: "u1", projectId: "p1" }),
      ),
    );
    expect(new Set(results.map((result) => result.sandbox.id)).size).toBe(1);
    // The loser's sandbox was destroyed, so nothing leaks in the provider.
    expect(provider.createdCount - provider.destroyedCount).toBe(1);
    expect(provider.sandboxes.size).toBe(1);
  });

  it("replaces a sandbox the provider lost, recording why the old one is gone", async () => {
    const sandboxes = service();
    const first = await sandboxes.ensure("alice", { userId: "u1", projectId: "p1" });
    provider.vanish(first.sandbox.id);
    const second = await sandboxes.ensure("alice", { userId: "u1", projectId: "p1" });
    expect(second.created).toBe(true);
    expect(second.sandbox.id).not.toBe(first.sandbox.id);
    expect((await records.get(first.sandbox.id))?.status).toBe("gone");
    expect((await records.get(first.sandbox.id))?.goneReason).toMatch(/lost/);
  });

  it("touches the existing sandbox and reports when it expires", async () => {
    const sandboxes = service();
    const { sandbox } = await sandboxes.ensure("alice", { userId: "u1", projectId: "p1" });
    expect(sandbox.expiresAt).toEqual(new Date(clock.getTime() + 60_000));
    clock = new Date(clock.getTime() + 5_000);
    const again = await sandboxes.ensure("alice", { userId: "u1", projectId: "p1" });
    expect(again.sandbox.lastUsedAt).toEqual(clock);
  });

  it("validates user_id and project_id, naming the field", async () => {
    const sandboxes = service();
    expect((await caught(sandboxes.ensure("alice", { userId: "../x", projectId: "p1" }))).field).toBe(
      "user_id",
    );
    expect((await caught(sandboxes.ensure("alice", { userId: "u", projectId: "" }))).field).toBe(
      "project_id",
    );
  });

  it("refuses an image on a provider without images, and names it", async () => {
    const error = await caught(service().ensure("alice", { userId: "u", projectId: "p", image: "debian" }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", field: "image" });
    expect(error.message).toMatch(/fake provider .* no images/);
  });

  it("uses the provider's default image, checks requested ones and refuses to switch image", async () => {
    const checked: string[] = [];
    const images = {
      defaultImage: "hangar/sandbox:latest",
      check: (image: string) => {
        checked.push(image);
        if (image === "missing")
          throw new HangarError("VALIDATION_FAILED", "image missing is not built", { field: "image" });
      },
    };
    const sandboxes = service({ images });
    const first = await sandboxes.ensure("alice", { userId: "u", projectId: "p" });
    expect(first.sandbox.image).toBe("hangar/sandbox:latest");
    expect(provider.sandboxes.get(first.sandbox.id as never)?.labels["hangar.image"]).toBe(
      "hangar/sandbox:latest",
    );
    expect(
      (await caught(sandboxes.ensure("alice", { userId: "u", projectId: "q", image: "missing" }))).field,
    ).toBe("image");
    const conflict = await caught(
      sandboxes.ensure("alice", { userId: "u", projectId: "p", image: "other:1" }),
    );
    expect(conflict).toMatchObject({ code: "CONFLICT", field: "image" });
    expect(checked).toEqual(["missing", "other:1"]);
  });
});

describe("SandboxService quotas", () => {
  it("refuses past max_per_owner, even for concurrent calls with different projects", async () => {
    const sandboxes = service({ maxPerOwner: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        sandboxes.ensure("alice", { userId: "u", projectId: `p${index}` }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    const refused = results.find((result) => result.status === "rejected");
    const reason = refused?.status === "rejected" ? (refused.reason as HangarError) : undefined;
    expect(reason?.code).toBe("QUOTA_EXCEEDED");
    expect(reason?.message).toMatch(/max_per_owner = 3/);
    expect(provider.createdCount).toBe(3);
    // Another owner still has room; an existing sandbox is still returned.
    await expect(sandboxes.ensure("bob", { userId: "u", projectId: "p0" })).resolves.toMatchObject({
      created: true,
    });
    await expect(sandboxes.ensure("alice", { userId: "u", projectId: "p0" })).resolves.toMatchObject({
      created: false,
    });
  });

  it("holds max_per_owner over a store whose answers arrive late, as a remote one's would", async () => {
    let tick = 0;
    const sandboxes = service({
      maxPerOwner: 3,
      records: answeringLate(records, () => (tick++ * 7) % 5),
    });
    const owners = ["alice", "bob", "carol", "dave"];
    // Staggered so that creations finish while others are still reading the counts.
    const results = await Promise.allSettled(
      owners.flatMap((owner) =>
        Array.from({ length: 12 }, async (_, index) => {
          await sleep(index * 2);
          return sandboxes.ensure(owner, { userId: "u", projectId: `p${index}` });
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3 * owners.length);
    for (const owner of owners) expect(await records.countLive(owner)).toBe(3);
  });

  it("refuses past max_total, naming it", async () => {
    const sandboxes = service({ maxTotal: 2 });
    await sandboxes.ensure("alice", { userId: "u", projectId: "p1" });
    await sandboxes.ensure("bob", { userId: "u", projectId: "p1" });
    const error = await caught(sandboxes.ensure("carol", { userId: "u", projectId: "p1" }));
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.message).toMatch(/sandboxes\.max_total = 2/);
  });
});

describe("SandboxService list, count, get and remove", () => {
  it("pages newest first with an opaque cursor and refuses a forged one", async () => {
    const sandboxes = service();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      clock = new Date(clock.getTime() + 1000);
      ids.push((await sandboxes.ensure("alice", { userId: "u", projectId: `p${index}` })).sandbox.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await sandboxes.list("alice", { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.sandboxes.map((sandbox) => sandbox.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids.reverse());
    expect((await caught(() => sandboxes.list("alice", { cursor: "not-a-cursor" }))).field).toBe("cursor");
    expect((await caught(() => sandboxes.list("alice", { limit: 101 }))).field).toBe("limit");
    expect((await sandboxes.list("bob")).sandboxes).toEqual([]);
  });

  it("counts by provider and status; another owner's or a removed sandbox is NOT_FOUND", async () => {
    const sandboxes = service();
    const kept = await sandboxes.ensure("alice", { userId: "u", projectId: "p1" });
    const lost = await sandboxes.ensure("alice", { userId: "u", projectId: "p2" });
    const removed = await sandboxes.ensure("alice", { userId: "u", projectId: "p3" });
    await records.markGone(lost.sandbox.id, "expired");
    await sandboxes.remove("alice", removed.sandbox.id);
    expect(provider.sandboxes.has(removed.sandbox.id as never)).toBe(false);
    expect(await sandboxes.count("alice")).toEqual({
      total: 2,
      live: 1,
      groups: [
        { provider: "fake", status: "gone", count: 1 },
        { provider: "fake", status: "live", count: 1 },
      ],
    });
    expect((await sandboxes.get("alice", kept.sandbox.id)).status).toBe("live");
    for (const [owner, id] of [
      ["bob", kept.sandbox.id],
      ["alice", removed.sandbox.id],
      ["alice", "sbx_unknown"],
    ] as const) {
      expect((await caught(() => sandboxes.get(owner, id))).code).toBe("NOT_FOUND");
      expect((await caught(sandboxes.remove(owner, id))).code).toBe("NOT_FOUND");
      expect((await caught(sandboxes.readFile(owner, id, "a.txt"))).code).toBe("NOT_FOUND");
    }
  });
});

describe("SandboxService files", () => {
  it("writes, lists and reads through the port; validates paths and sizes", async () => {
    const sandboxes = service();
    const { sandbox } = await sandboxes.ensure("alice", { userId: "u", projectId: "p" });
    clock = new Date(clock.getTime() + 1000);
    await sandboxes.writeFile("alice", sandbox.id, "./dir//a.txt", Buffer.from("hello"));
    expect((await records.get(sandbox.id))?.lastUsedAt).toEqual(clock);
    expect(Buffer.from(await sandboxes.readFile("alice", sandbox.id, "dir/a.txt")).toString()).toBe("hello");
    expect(await sandboxes.listFiles("alice", sandbox.id)).toEqual([
      { path: "dir/a.txt", type: "file", size: 5 },
    ]);
    expect(await sandboxes.listFiles("alice", sandbox.id, "dir")).toEqual([
      { path: "a.txt", type: "file", size: 5 },
    ]);
    for (const path of ["../etc/passwd", "/etc/passwd", "a\0b", ""]) {
      expect(await caught(sandboxes.readFile("alice", sandbox.id, path))).toMatchObject({
        code: "INVALID_PATH",
        field: "path",
      });
    }
    expect((await caught(sandboxes.readFile("alice", sandbox.id, "missing.txt"))).code).toBe("NOT_FOUND");
    const tooBig = await caught(sandboxes.writeFile("alice", sandbox.id, "big", Buffer.alloc(1025)));
    expect(tooBig.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("says a gone sandbox is gone (410) and records a vanished one", async () => {
    const sandboxes = service();
    const { sandbox } = await sandboxes.ensure("alice", { userId: "u", projectId: "p" });
    provider.vanish(sandbox.id);
    expect((await caught(sandboxes.listFiles("alice", sandbox.id))).code).toBe("SANDBOX_GONE");
    expect((await records.get(sandbox.id))?.status).toBe("gone");
    expect((await caught(sandboxes.listFiles("alice", sandbox.id))).message).toMatch(/gone \(lost/);
  });
});

describe("SandboxService expiry", () => {
  it("reaps sandboxes idle past the TTL, keeps used ones, and prunes records", async () => {
    const sandboxes = service({ idleTtlMs: 10_000 });
    const idle = await sandboxes.ensure("alice", { userId: "u", projectId: "idle" });
    const used = await sandboxes.ensure("alice", { userId: "u", projectId: "used" });
    clock = new Date(clock.getTime() + 8_000);
    await sandboxes.writeFile("alice", used.sandbox.id, "keep", "x" as never);
    clock = new Date(clock.getTime() + 4_000);
    expect(await sandboxes.reapExpired()).toBe(1);
    expect(await records.get(idle.sandbox.id)).toMatchObject({
      status: "gone",
      goneReason: "expired: unused for more than 10 s",
    });
    expect(provider.sandboxes.has(idle.sandbox.id as never)).toBe(false);
    expect((await records.get(used.sandbox.id))?.status).toBe("live");
    expect(await sandboxes.prune()).toEqual({ expired: 0, forgotten: 1 });
    expect(await records.get(idle.sandbox.id)).toBeUndefined();
  });

  it("runs the reaper on its interval until stopped", async () => {
    const sandboxes = service({ idleTtlMs: 1, reaperIntervalMs: 20, now: () => new Date() });
    const { sandbox } = await sandboxes.ensure("alice", { userId: "u", projectId: "p" });
    sandboxes.startReaper();
    const deadline = Date.now() + 2000;
    while ((await records.get(sandbox.id))?.status === "live" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await sandboxes.stop();
    expect((await records.get(sandbox.id))?.status).toBe("gone");
  });
});
