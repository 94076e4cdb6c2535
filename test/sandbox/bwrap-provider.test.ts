import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdir, rm, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BwrapProvider } from "../../src/sandbox/bwrap/bwrap-provider.js";
import { readOwnCgroups } from "../../src/sandbox/cgroups/cgroup-driver.js";
import { collect } from "../../src/sandbox/sandbox-file-commands.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import {
  conformanceLimits,
  describeProviderConformance,
  hostProcessesWith,
  newMarker,
  waitFor,
} from "./provider-conformance.js";

const bwrapPath = "/usr/bin/bwrap";
const isBwrapInstalled = existsSync(bwrapPath);
const isCi = process.env.CI === "true";

const dataDirectories: string[] = [];
function newDataDirectory(): string {
  const path = join(tmpdir(), `hangar-bwrap-test-${randomBytes(6).toString("hex")}`);
  dataDirectories.push(path);
  return path;
}

afterAll(async () => {
  await Promise.all(dataDirectories.map((path) => rm(path, { recursive: true, force: true })));
  // stop() empties but keeps each provider's cgroup base; these random ones would pile up run after run.
  const bases = dataDirectories.flatMap((path) => providerFootprint(path).cgroupBases);
  await Promise.all(bases.map((base) => rmdir(base).catch(() => undefined)));
});

/** Where the provider keeps its host state; mirrors BwrapProvider's naming so leftovers can be found. */
function providerFootprint(dataDirectory: string): { runtimeDirectory: string; cgroupBases: string[] } {
  const instance = createHash("sha256").update(resolve(dataDirectory)).digest("hex").slice(0, 12);
  const ownGroups = readOwnCgroups();
  const cgroupBases = ["pids", "memory", "cpu", "freezer"]
    .map((controller) => `/sys/fs/cgroup/${controller}${ownGroups.get(controller) ?? "/"}/hangar/${instance}`)
    .concat(`/sys/fs/cgroup${ownGroups.get("") ?? "/"}/hangar/${instance}`)
    .map((path) => path.replace(/\/+/g, "/"));
  return { runtimeDirectory: join(tmpdir(), `hangar-${instance}`), cgroupBases };
}

/** Sandbox cgroups left under the provider's bases (each sandbox is a directory). */
function cgroupDirectories(bases: string[]): string[] {
  return bases.flatMap((base) => {
    if (!existsSync(base)) return [];
    return readdirSync(base, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${base}/${entry.name}`);
  });
}

function mountsBelow(path: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point === path || point.startsWith(`${path}/`));
}

async function startProvider(dataDirectory: string, poolSize: number): Promise<BwrapProvider> {
  await mkdir(dataDirectory, { recursive: true });
  const provider = new BwrapProvider({ dataDirectory, poolSize, poolLimits: conformanceLimits });
  await provider.start();
  return provider;
}

/** Starts a marker `sleep` in the sandbox and waits until the host sees it; the spawn keeps running. */
async function startMarkerSleep(sandbox: Sandbox): Promise<{ marker: string; exited: Promise<unknown> }> {
  const { marker, spelled } = newMarker();
  const process = await sandbox.spawn(
    { argv: ["/bin/sh", "-c", `m=${spelled}; /bin/sleep "1000.$m" & wait`] },
    { timeoutMs: 60_000, maxOutputBytes: 1000 },
  );
  process.stdin.end();
  const exited = Promise.all([collect(process.stdout), collect(process.stderr), process.exited]);
  await waitFor(() => hostProcessesWith(marker).length === 1, "the marker sleep on the host");
  return { marker, exited };
}

if (!isBwrapInstalled && isCi) {
  it("bubblewrap is installed (required in CI)", () => {
    expect.fail(`${bwrapPath} is missing: run  sudo apt-get install -y bubblewrap`);
  });
} else if (!isBwrapInstalled) {
  describe.skip(`bwrap provider: SKIPPED because ${bwrapPath} is missing (apt-get install bubblewrap)`, () => {
    it("needs bubblewrap", () => undefined);
  });
} else {
  const conformanceDataDirectory = newDataDirectory();
  describeProviderConformance("bwrap", () => startProvider(conformanceDataDirectory, 2), {
    hiddenHostPaths: [conformanceDataDirectory],
  });

  describe("bwrap provider specifics", () => {
    it("the warm pool hands each sandbox to exactly one owner and refills", async () => {
      const provider = await startProvider(newDataDirectory(), 2);
      try {
        await waitFor(() => provider.poolReady === 2, "the pool to fill", 10_000);
        const spec = { limits: conformanceLimits, singleUse: true };
        const [first, second] = await Promise.all([
          provider.create({ ...spec, owner: "pool-owner-a" }),
          provider.create({ ...spec, owner: "pool-owner-b" }),
        ]);
        // Both came from the pool: it is empty until the refill, which needs real work, completes.
        expect(provider.poolReady).toBe(0);
        expect(first.id).not.toBe(second.id);
        expect([first.owner, second.owner]).toEqual(["pool-owner-a", "pool-owner-b"]);
        expect((await provider.list({ owner: "pool-owner-a" })).map((info) => info.id)).toEqual([first.id]);
        expect((await provider.list()).map((info) => info.id).sort()).toEqual([first.id, second.id].sort());

        const write = await first.spawn(
          { argv: ["/bin/sh", "-c", "echo secret > /tmp/mine; echo secret > mine; echo done"] },
          { timeoutMs: 5000, maxOutputBytes: 1000 },
        );
        write.stdin.end();
        expect(Buffer.from(await collect(write.stdout)).toString()).toBe("done\n");
        const read = await second.spawn(
          { argv: ["/bin/sh", "-c", "cat /tmp/mine mine 2>/dev/null; echo end"] },
          { timeoutMs: 5000, maxOutputBytes: 1000 },
        );
        read.stdin.end();
        expect(Buffer.from(await collect(read.stdout)).toString()).toBe("end\n");

        // The pool refills once claimed sandboxes are released.
        await Promise.all([first.destroy(), second.destroy()]);
        await waitFor(() => provider.poolReady === 2, "the pool to refill", 10_000);
        const third = await provider.create({ ...spec, owner: "pool-owner-c" });
        expect([first.id, second.id]).not.toContain(third.id);
        expect(provider.poolReady).toBe(1);
      } finally {
        await provider.stop();
      }
    });

    it("a durable sandbox keeps its files across a restart; others are removed", async () => {
      const dataDirectory = newDataDirectory();
      const first = await startProvider(dataDirectory, 0);
      const spec = { owner: "durable-owner", limits: conformanceLimits, labels: { project: "p1" } };
      const durable = await first.create({ ...spec, durable: true });
      const ephemeral = await first.create(spec);
      await durable.writeFile("notes/kept.txt", "still here");
      await ephemeral.writeFile("gone.txt", "bye");
      await first.stop();

      const second = await startProvider(dataDirectory, 0);
      try {
        const listed = await second.list({ owner: "durable-owner" });
        expect(listed.map((info) => info.id)).toEqual([durable.id]);
        expect(listed[0]?.labels).toEqual({ project: "p1" });
        expect(await second.find(ephemeral.id)).toBeUndefined();
        const revived = await second.find(durable.id);
        expect(revived).toBeDefined();
        expect(Buffer.from((await revived!.readFile("notes/kept.txt", 100))!).toString()).toBe("still here");
        const process = await revived!.spawn(
          { argv: ["/bin/sh", "-c", "cat notes/kept.txt; id -u"] },
          { timeoutMs: 5000, maxOutputBytes: 1000 },
        );
        process.stdin.end();
        expect(Buffer.from(await collect(process.stdout)).toString()).toBe("still here1000\n");
        await revived!.destroy();
        expect(await second.list({ owner: "durable-owner" })).toEqual([]);
      } finally {
        await second.stop();
      }
      expect(existsSync(providerFootprint(dataDirectory).runtimeDirectory)).toBe(false);
    });

    it("stop() leaves no bubblewrap process, cgroup, mount or runtime directory", async () => {
      const dataDirectory = newDataDirectory();
      const { runtimeDirectory, cgroupBases } = providerFootprint(dataDirectory);
      const provider = await startProvider(dataDirectory, 2);
      let exited: Promise<unknown> = Promise.resolve();
      try {
        await waitFor(() => provider.poolReady === 2, "the pool to fill", 10_000);
        const sandbox = await provider.create({ owner: "stopper", limits: conformanceLimits });
        const started = await startMarkerSleep(sandbox);
        exited = started.exited;
        // What stop() must clean up exists, so the checks below can fail.
        expect(hostProcessesWith(runtimeDirectory).length).toBeGreaterThanOrEqual(3);
        expect(cgroupDirectories(cgroupBases).length).toBeGreaterThanOrEqual(3);
        expect(mountsBelow(runtimeDirectory).length).toBeGreaterThanOrEqual(2);
        await provider.stop();
        expect(hostProcessesWith(started.marker)).toEqual([]);
        expect(hostProcessesWith(runtimeDirectory)).toEqual([]);
        expect(cgroupDirectories(cgroupBases)).toEqual([]);
        expect(mountsBelow(runtimeDirectory)).toEqual([]);
        expect(existsSync(runtimeDirectory)).toBe(false);
        await expect(provider.create({ owner: "late", limits: conformanceLimits })).rejects.toThrow();
      } finally {
        await provider.stop();
        await exited;
      }
    });

    it("stop() while the pool is still filling leaves nothing behind either", async () => {
      const dataDirectory = newDataDirectory();
      const { runtimeDirectory, cgroupBases } = providerFootprint(dataDirectory);
      const provider = await startProvider(dataDirectory, 2);
      await provider.stop();
      // A refill that outlived stop() would have created its cgroup or instance by now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hostProcessesWith(runtimeDirectory)).toEqual([]);
      expect(cgroupDirectories(cgroupBases)).toEqual([]);
      expect(existsSync(runtimeDirectory)).toBe(false);
    });

    it("start-up reaps what a crashed process with the same data directory left", async () => {
      const dataDirectory = newDataDirectory();
      const { runtimeDirectory, cgroupBases } = providerFootprint(dataDirectory);
      const crashed = await startProvider(dataDirectory, 0);
      let successor: BwrapProvider | undefined;
      let exited: Promise<unknown> = Promise.resolve();
      try {
        const sandbox = await crashed.create({ owner: "crash", limits: conformanceLimits });
        const started = await startMarkerSleep(sandbox);
        exited = started.exited;
        const volume = join(runtimeDirectory, "volumes", sandbox.id);
        expect(existsSync(volume)).toBe(true);
        expect(mountsBelow(volume).length).toBe(2);

        // No stop(): a second provider on the same data directory starts as after a crash.
        successor = await startProvider(dataDirectory, 0);
        expect(hostProcessesWith(started.marker)).toEqual([]);
        expect(existsSync(volume)).toBe(false);
        expect(mountsBelow(volume)).toEqual([]);
        expect(cgroupDirectories(cgroupBases)).toEqual([]);
        await exited;

        const fresh = await successor.create({ owner: "after-crash", limits: conformanceLimits });
        const process = await fresh.spawn(
          { argv: ["/bin/echo", "alive"] },
          { timeoutMs: 5000, maxOutputBytes: 100 },
        );
        process.stdin.end();
        expect(Buffer.from(await collect(process.stdout)).toString()).toBe("alive\n");
      } finally {
        await successor?.stop();
        // The crashed provider's own stop would reap the successor's state too: it goes last.
        await crashed.stop();
        await exited;
      }
    });
  });
}
