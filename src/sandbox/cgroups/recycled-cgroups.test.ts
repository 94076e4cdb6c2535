import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CgroupDriver } from "./cgroup-driver.js";
import { detectCgroupDriver } from "./detect-cgroup-driver.js";
import { RecycledCgroups } from "./recycled-cgroups.js";

const isRoot = process.getuid?.() === 0;
const hasCgroups =
  existsSync("/sys/fs/cgroup/pids/cgroup.procs") || existsSync("/sys/fs/cgroup/cgroup.controllers");
const limits = { memoryBytes: 64 * 1024 * 1024, pids: 16, cpuCores: 1 };

// A host without root or cgroups has nothing to recycle; in CI (root, cgroups) it must run, not skip.
describe.skipIf((!isRoot || !hasCgroups) && process.env.CI !== "true")(
  "recycled cgroups (real cgroups, needs root)",
  () => {
    let driver: CgroupDriver;
    beforeAll(async () => {
      driver = (await detectCgroupDriver({ instance: `recycle-test-${randomBytes(4).toString("hex")}` }))!;
    });
    afterAll(async () => {
      await driver.close();
    });

    it("hands an empty group back for the next take with the same limits, a new one for other limits", async () => {
      const recycled = new RecycledCgroups(driver, 4);
      const first = await recycled.take(limits);
      await recycled.give(first, limits);
      expect(recycled.size).toBe(1);
      const other = await recycled.take({ ...limits, pids: 32 });
      expect(other.name).not.toBe(first.name);
      expect(recycled.size).toBe(1);
      const again = await recycled.take(limits);
      expect(again.name).toBe(first.name);
      expect(await again.taskLimit()).toBe(16);
      await again.remove();
      await other.remove();
      await recycled.clear();
    });

    it("removes a group that still holds a process instead of keeping it, and the process dies", async () => {
      const recycled = new RecycledCgroups(driver, 4);
      const group = await recycled.take(limits);
      const child = spawn("/bin/sleep", ["60"], { stdio: "ignore" });
      await once(child, "spawn");
      await group.join([child.pid!]);
      const exited = once(child, "exit");
      await recycled.give(group, limits);
      expect(recycled.size).toBe(0);
      await exited;
      expect(child.signalCode).toBe("SIGKILL");
    });

    it("keeps no more than its capacity and removes what clear() finds", async () => {
      const recycled = new RecycledCgroups(driver, 1);
      const groups = [await recycled.take(limits), await recycled.take(limits)];
      for (const group of groups) await recycled.give(group, limits);
      expect(recycled.size).toBe(1);
      await recycled.clear();
      expect(recycled.size).toBe(0);
      expect(await (await recycled.take(limits)).processes()).toEqual([]);
    });
  },
);
