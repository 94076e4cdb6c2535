import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readOwnCgroups } from "./cgroup-driver.js";
import { HostCgroup } from "./host-cgroup.js";

/**
 * The v2 code path of freezing and CPU accounting, on a real v2 tree: the
 * unified hierarchy of a v1 host (hybrid mode) has `cgroup.freeze` and
 * `cpu.stat` in every group, even with no controller enabled. A pure v2 host
 * has them at /sys/fs/cgroup itself.
 */
const unifiedRoot = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"].find((root) =>
  existsSync(`${root}/cgroup.controllers`),
);
const isRoot = process.getuid?.() === 0;

describe.skipIf(unifiedRoot === undefined || !isRoot)("a cgroup v2 group (needs root and a v2 tree)", () => {
  async function cpuAfter(group: HostCgroup, minimum: number): Promise<number> {
    const deadline = performance.now() + 5000;
    for (;;) {
      const used = (await group.cpuUsageSeconds()) ?? 0;
      if (used > minimum) return used;
      if (performance.now() > deadline) throw new Error(`CPU usage stayed at ${used} s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("freezes a busy member where it stands, counts its CPU time in cpu.stat, and thaws it", async () => {
    const own = readOwnCgroups().get("") ?? "/";
    const directory = `${unifiedRoot}${own}/hangar-freeze-test-${randomBytes(4).toString("hex")}`.replace(
      /\/+/g,
      "/",
    );
    await mkdir(directory);
    const group = new HostCgroup("freeze-test", 2, new Map([["", directory]]));
    const busy = spawn("/bin/sh", ["-c", "read line; while :; do :; done"], {
      stdio: ["pipe", "ignore", "ignore"],
    });
    try {
      await group.join([busy.pid!]);
      busy.stdin.end("go\n");
      await cpuAfter(group, 0.05);
      expect(await group.freeze(true)).toBe(true);
      expect(readFileSync(`${directory}/cgroup.events`, "utf8")).toMatch(/^frozen 1$/m);
      const frozenAt = (await group.cpuUsageSeconds())!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await group.cpuUsageSeconds())! - frozenAt).toBeLessThan(0.005);
      expect(await group.freeze(false)).toBe(true);
      expect(readFileSync(`${directory}/cgroup.events`, "utf8")).toMatch(/^frozen 0$/m);
      await cpuAfter(group, frozenAt + 0.05);
    } finally {
      busy.kill("SIGKILL");
      await group.remove();
    }
    expect(existsSync(directory)).toBe(false);
  });
});
