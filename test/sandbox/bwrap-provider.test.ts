import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, rmdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AgentDirectories } from "../../src/sandbox/agent-mounts.js";
import { BwrapProvider, bwrapRuntimeDirectory } from "../../src/sandbox/bwrap/bwrap-provider.js";
import { readOwnCgroups } from "../../src/sandbox/cgroups/cgroup-driver.js";
import { collect } from "../../src/sandbox/sandbox-file-commands.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import { hostProcessesIn, hostProcessesWith, newMarker, waitFor } from "./host-observation.js";
import { conformanceLimits, describeProviderConformance } from "./provider-conformance.js";
import { DataDirectories, expectWarmPoolOfTwo } from "./provider-specifics.js";

const bwrapPath = "/usr/bin/bwrap";
const isBwrapInstalled = existsSync(bwrapPath);
const isCi = process.env.CI === "true";

const dataDirectories = new DataDirectories("hangar-bwrap-test");
const newDataDirectory = (): string => dataDirectories.next();

afterAll(async () => {
  await dataDirectories.removeAll();
  // stop() empties but keeps each provider's cgroup base; these random ones would pile up run after run.
  const bases = dataDirectories.paths.flatMap((path) => providerFootprint(path).cgroupBases);
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
  return {
    runtimeDirectory: bwrapRuntimeDirectory(dataDirectory, instance, process.getuid?.() === 0),
    cgroupBases,
  };
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

async function startProvider(
  dataDirectory: string,
  poolSize: number,
  agentDirectories?: AgentDirectories,
): Promise<BwrapProvider> {
  await mkdir(dataDirectory, { recursive: true });
  const provider = new BwrapProvider({
    dataDirectory,
    poolSize,
    poolLimits: conformanceLimits,
    // As a server runs it; one-off commands (test/cli) cover Node's own spawn.
    useSpawnServer: true,
    ...(agentDirectories ? { agentDirectories } : {}),
  });
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
  describeProviderConformance(
    "bwrap",
    (agentDirectories) => startProvider(conformanceDataDirectory, 2, agentDirectories),
    {
      hiddenHostPaths: [conformanceDataDirectory],
    },
  );

  describe("bwrap provider specifics", () => {
    it("the warm pool hands each sandbox to exactly one owner and refills", async () => {
      const provider = await startProvider(newDataDirectory(), 2);
      try {
        await expectWarmPoolOfTwo(provider, 10_000);
      } finally {
        await provider.stop();
      }
    });

    it("one-shot (single-use) sandboxes run below persistent ones, which run below the server", async () => {
      const provider = await startProvider(newDataDirectory(), 1);
      // Field 19 of /proc/self/stat is the niceness of the process reading it (the command).
      const nicenessIn = async (sandbox: Sandbox): Promise<number> => {
        const process = await sandbox.spawn(
          { argv: ["/bin/sh", "-c", "cut -d' ' -f19 /proc/self/stat"] },
          { timeoutMs: 5000, maxOutputBytes: 1000 },
        );
        process.stdin.end();
        const [output] = await Promise.all([collect(process.stdout), process.exited]);
        return Number(Buffer.from(output).toString().trim());
      };
      try {
        const oneShot = await provider.create({ owner: "nice", limits: conformanceLimits, singleUse: true });
        const persistent = await provider.create({ owner: "nice", limits: conformanceLimits });
        try {
          expect(await nicenessIn(oneShot)).toBe(10);
          expect(await nicenessIn(persistent)).toBe(5);
        } finally {
          await Promise.all([oneShot.destroy(), persistent.destroy()]);
        }
      } finally {
        await provider.stop();
      }
    });

    it("one-shot sandboxes run one after another reuse one cgroup: nothing of the last is left in it", async () => {
      const dataDirectory = newDataDirectory();
      const provider = await startProvider(dataDirectory, 0);
      try {
        for (let round = 0; round < 4; round++) {
          const sandbox = await provider.create({
            owner: "recycle",
            limits: conformanceLimits,
            singleUse: true,
          });
          const process = await sandbox.spawn(
            { argv: ["/bin/sh", "-c", "sleep 0.01 & echo ran"] },
            { timeoutMs: 5000, maxOutputBytes: 1000 },
          );
          process.stdin.end();
          const [output] = await Promise.all([collect(process.stdout), process.exited]);
          expect(Buffer.from(output).toString()).toBe("ran\n");
          await sandbox.destroy();
        }
        // A group is reused only once empty; bubblewrap's orphaned pid 1 must be reaped
        // promptly for that (by the spawn server), not whenever the host's init gets to it.
        const groups = cgroupDirectories(providerFootprint(dataDirectory).cgroupBases.slice(0, 1));
        expect(groups.map((path) => path.split("/").at(-1))).toEqual([
          expect.stringMatching(/^recycled-\d+-1$/),
        ]);
      } finally {
        await provider.stop();
      }
    });

    it("has no images: a spec that names one is refused, naming the field", async () => {
      const provider = new BwrapProvider({ dataDirectory: newDataDirectory() });
      const refused = provider.create({ owner: "images", limits: conformanceLimits, image: "debian:12" });
      await expect(refused).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "image" });
      await expect(refused).rejects.toThrow(/bwrap provider .* no images/);
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

    it("a durable sandbox of an older Hangar (tmpfs workspace, record in /run) is adopted, not reaped", async () => {
      const dataDirectory = newDataDirectory();
      const first = await startProvider(dataDirectory, 0);
      const durable = await first.create({ owner: "old", limits: conformanceLimits, durable: true });
      await durable.writeFile("kept.txt", "from before the upgrade");
      await first.stop();
      // Rewrite what the new layout left into the old one: the record beside the volume, the
      // workspace a tmpfs (with the file copied in), no image.
      const { runtimeDirectory } = providerFootprint(dataDirectory);
      const durableDirectory = join(
        resolve(dataDirectory),
        "workspaces",
        `bwrap-${runtimeDirectory.split("/").at(-1)}`,
      );
      const volume = join(runtimeDirectory, "volumes", durable.id);
      const record = JSON.parse(readFileSync(join(durableDirectory, `${durable.id}.json`), "utf8")) as {
        hostUid?: number;
      };
      const uid = record.hostUid ?? 0;
      const content = readFileSync(join(volume, "workspace", "kept.txt"));
      execFileSync("/usr/bin/umount", [join(volume, "workspace")]);
      await rm(join(durableDirectory, `${durable.id}.img`));
      await rename(join(durableDirectory, `${durable.id}.json`), join(volume, "sandbox.json"));
      execFileSync("/usr/bin/mount", [
        "-t",
        "tmpfs",
        "-o",
        `size=1m,uid=${uid},gid=${uid},mode=0700`,
        "old",
        join(volume, "workspace"),
      ]);
      writeFileSync(join(volume, "workspace", "kept.txt"), content);

      const second = await startProvider(dataDirectory, 0);
      try {
        const revived = await second.find(durable.id);
        expect(Buffer.from((await revived!.readFile("kept.txt", 100))!).toString()).toBe(
          "from before the upgrade",
        );
        await revived!.destroy();
        expect(mountsBelow(volume)).toEqual([]);
        expect(readdirSync(durableDirectory)).toEqual([]);
      } finally {
        await second.stop();
      }
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
        expect(hostProcessesIn(runtimeDirectory).length).toBeGreaterThanOrEqual(3);
        expect(cgroupDirectories(cgroupBases).length).toBeGreaterThanOrEqual(3);
        expect(mountsBelow(runtimeDirectory).length).toBeGreaterThanOrEqual(2);
        await provider.stop();
        expect(hostProcessesWith(started.marker)).toEqual([]);
        expect(hostProcessesIn(runtimeDirectory)).toEqual([]);
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
      expect(hostProcessesIn(runtimeDirectory)).toEqual([]);
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
        // The workspace, /tmp and the channel.
        expect(mountsBelow(volume).length).toBe(3);

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
