import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { rmdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOwnCgroups, type CgroupDriver } from "./cgroup-driver.js";
import { openCgroupV1 } from "./cgroup-v1.js";

describe("readOwnCgroups", () => {
  it("maps every v1 controller, including co-mounted and named ones, to its path", () => {
    const groups = readOwnCgroups(
      [
        "12:pids:/user.slice/user-0.slice",
        "4:memory:/process_api/31e1",
        "2:cpu,cpuacct:/",
        "1:name=systemd:/init.scope",
        "0::/",
        "",
      ].join("\n"),
    );
    expect(Object.fromEntries(groups)).toEqual({
      pids: "/user.slice/user-0.slice",
      memory: "/process_api/31e1",
      cpu: "/",
      cpuacct: "/",
      "name=systemd": "/init.scope",
      "": "/",
    });
  });

  it("reads the single v2 line as the empty controller", () => {
    expect(Object.fromEntries(readOwnCgroups("0::/user.slice/session-2.scope\n"))).toEqual({
      "": "/user.slice/session-2.scope",
    });
  });

  it("keeps colons inside a path and skips lines that are not cgroup lines", () => {
    const groups = readOwnCgroups("garbage\n5:memory:/a:b/c\nx:pids:/no\n");
    expect(Object.fromEntries(groups)).toEqual({ memory: "/a:b/c" });
  });

  it("reads this process's own file by default", () => {
    expect(readOwnCgroups().size).toBeGreaterThan(0);
  });
});

const mountRoot = "/sys/fs/cgroup";
const controllers = ["pids", "memory", "cpu", "cpuacct", "freezer"] as const;
const hasCgroupV1 = controllers.every((controller) => existsSync(`${mountRoot}/${controller}/cgroup.procs`));
const isRoot = process.getuid?.() === 0;

/** Real cgroup v1 hierarchies, as on the development machine; other hosts skip this block. */
describe.skipIf(!hasCgroupV1 || !isRoot)(
  "the cgroup v1 driver on this machine (needs root and cgroup v1)",
  () => {
    const instance = `driver-test-${randomBytes(4).toString("hex")}`;
    const ownGroups = readOwnCgroups();
    const bases = controllers.map((controller) =>
      `${mountRoot}/${controller}${ownGroups.get(controller) ?? "/"}/hangar/${instance}`.replace(/\/+/g, "/"),
    );
    const children: ChildProcess[] = [];
    let driver: CgroupDriver;

    beforeAll(async () => {
      const opened = await openCgroupV1(mountRoot, ownGroups, instance);
      if (!opened) throw new Error("the v1 driver did not open although the hierarchies exist");
      driver = opened;
    });

    afterAll(async () => {
      for (const child of children) child.kill("SIGKILL");
      await driver?.reapAll();
      // The instance directories are this test's own; the shared `hangar` parent stays.
      for (const base of bases) await rmdir(base).catch(() => undefined);
    });

    /** A shell that waits for a line on stdin before it runs `script`, so it can be moved into a group first. */
    function gatedShell(script: string): ChildProcess {
      const child = spawn("/bin/sh", ["-c", `read line; ${script}`], { stdio: ["pipe", "ignore", "ignore"] });
      children.push(child);
      return child;
    }

    function isRunning(pid: number): boolean {
      try {
        return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
      } catch {
        return false;
      }
    }

    async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
      const deadline = performance.now() + 5000;
      while (!(await condition())) {
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    it("enforces all four controllers and writes the limits", async () => {
      expect(driver.version).toBe(1);
      expect(driver.enforcement).toEqual({ memory: true, pids: true, cpu: true, kill: true });
      const group = await driver.create("limits", { pids: 5, memoryBytes: 64 * 1024 * 1024, cpuCores: 0.5 });
      try {
        const [pids, memory, cpu] = bases;
        expect(readFileSync(`${pids}/limits/pids.max`, "utf8").trim()).toBe("5");
        expect(readFileSync(`${memory}/limits/memory.limit_in_bytes`, "utf8").trim()).toBe(
          String(64 * 1024 * 1024),
        );
        expect(readFileSync(`${cpu}/limits/cpu.cfs_quota_us`, "utf8").trim()).toBe("50000");
      } finally {
        await group.remove();
      }
    });

    it("holds a process tree to the pids limit, counts refusals, kills it all and removes itself", async () => {
      const group = await driver.create("pids", { pids: 5, memoryBytes: 64 * 1024 * 1024, cpuCores: 1 });
      const shell = gatedShell("for i in 1 2 3 4 5 6 7 8; do /bin/sleep 30 & done; wait");
      await group.join([shell.pid!]);
      expect(await group.processes()).toEqual([shell.pid]);
      expect(await group.counters()).toEqual({ oomKills: 0, pidsRefused: 0 });

      shell.stdin!.end("go\n");
      await waitFor(async () => (await group.counters()).pidsRefused > 0, "a refused fork");
      const members = await group.processes();
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members.length).toBeLessThanOrEqual(5);

      await group.killAll();
      expect(await group.processes()).toEqual([]);
      expect(members.filter(isRunning)).toEqual([]);

      await group.remove();
      await group.remove();
      for (const base of bases) expect(existsSync(`${base}/pids`)).toBe(false);
    });

    it("counts an OOM kill when a member outgrows the memory limit", async () => {
      const group = await driver.create("memory", { pids: 16, memoryBytes: 32 * 1024 * 1024, cpuCores: 1 });
      try {
        const hog = gatedShell(`exec /usr/bin/perl -e 'my $x = "x" x (256 * 1024 * 1024)'`);
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          hog.once("exit", (_, signal) => resolve(signal)),
        );
        await group.join([hog.pid!]);
        hog.stdin!.end("go\n");
        expect(await exited).toBe("SIGKILL");
        expect((await group.counters()).oomKills).toBeGreaterThanOrEqual(1);
      } finally {
        await group.remove();
      }
    });

    it("freezes a busy member where it stands, counts its CPU time, and lets it go on when thawed", async () => {
      const group = await driver.create("frozen", { pids: 16, memoryBytes: 64 * 1024 * 1024, cpuCores: 1 });
      try {
        const busy = gatedShell("while :; do :; done");
        await group.join([busy.pid!]);
        busy.stdin!.end("go\n");
        await waitFor(
          async () => ((await group.cpuUsageSeconds()) ?? 0) > 0.05,
          "the busy loop's CPU to count",
        );
        expect(await group.freeze(true)).toBe(true);
        expect(readFileSync(`${bases[4]}/frozen/freezer.state`, "utf8").trim()).toBe("FROZEN");
        const frozenAt = (await group.cpuUsageSeconds())!;
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await group.cpuUsageSeconds())! - frozenAt).toBeLessThan(0.005);
        expect(isRunning(busy.pid!)).toBe(true);
        expect(await group.freeze(false)).toBe(true);
        await waitFor(
          async () => (await group.cpuUsageSeconds())! - frozenAt > 0.05,
          "the thawed loop to run",
        );
      } finally {
        await group.remove();
      }
    });

    it("kills stopped members too", async () => {
      const group = await driver.create("stopped", { pids: 16, memoryBytes: 64 * 1024 * 1024, cpuCores: 1 });
      const sleeper = gatedShell("exec /bin/sleep 30");
      await group.join([sleeper.pid!]);
      process.kill(sleeper.pid!, "SIGSTOP");
      await group.remove();
      expect(isRunning(sleeper.pid!)).toBe(false);
      for (const base of bases) expect(existsSync(`${base}/stopped`)).toBe(false);
    });

    it("reapAll kills and removes groups an earlier process left behind", async () => {
      const group = await driver.create("leftover", { pids: 16, memoryBytes: 64 * 1024 * 1024, cpuCores: 1 });
      const sleeper = gatedShell("exec /bin/sleep 30");
      await group.join([sleeper.pid!]);
      // A new driver for the same instance stands for the restarted server.
      const restarted = await openCgroupV1(mountRoot, ownGroups, instance);
      expect(await restarted?.reapAll()).toBe(1);
      expect(isRunning(sleeper.pid!)).toBe(false);
      for (const base of bases) expect(existsSync(`${base}/leftover`)).toBe(false);
    });

    it("reapAll spares the groups it is told to keep, and create adopts one with its processes", async () => {
      const limits = { pids: 16, memoryBytes: 64 * 1024 * 1024, cpuCores: 1 };
      const kept = await driver.create("kept", limits);
      const survivor = gatedShell("exec /bin/sleep 30");
      await kept.join([survivor.pid!]);
      const other = await driver.create("other", limits);
      const victim = gatedShell("exec /bin/sleep 30");
      await other.join([victim.pid!]);
      const restarted = (await openCgroupV1(mountRoot, ownGroups, instance))!;
      expect(await restarted.reapAll(new Set(["kept"]))).toBe(1);
      expect(isRunning(victim.pid!)).toBe(false);
      expect(isRunning(survivor.pid!)).toBe(true);
      const adopted = await restarted.create("kept", { ...limits, pids: 24 });
      expect(await adopted.processes()).toContain(survivor.pid!);
      expect(await adopted.taskLimit()).toBe(24);
      await adopted.remove();
      expect(isRunning(survivor.pid!)).toBe(false);
    });
  },
);
