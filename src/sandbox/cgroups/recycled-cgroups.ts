import { delay } from "../../core/abort.js";
import type { Cgroup, CgroupDriver, CgroupLimits } from "./cgroup-driver.js";

/**
 * Empty control groups kept for the next single-use sandbox with the same
 * limits. Making a group and removing it again costs the kernel several
 * milliseconds per one-shot run (five v1 hierarchies: mkdir, limit writes,
 * rmdir, and a memory cgroup the kernel frees lazily), which showed up as
 * CPU per run under load. A group is only kept when no task is left in it,
 * so the next sandbox starts alone under its limits. Its counters (OOM
 * kills, refused forks) carry on from the last sandbox's: every reader
 * compares them with their value when its command started.
 */
export class RecycledCgroups {
  private readonly idle: { key: string; cgroup: Cgroup }[] = [];
  private created = 0;

  /** `capacity`: how many empty groups to keep at most. */
  constructor(
    private readonly driver: CgroupDriver,
    private readonly capacity: number,
  ) {}

  /** An empty group with these limits: a kept one, or a new one. */
  async take(limits: CgroupLimits): Promise<Cgroup> {
    const key = keyOf(limits);
    const index = this.idle.findIndex((entry) => entry.key === key);
    if (index >= 0) return this.idle.splice(index, 1)[0]!.cgroup;
    this.created += 1;
    return this.driver.create(`recycled-${process.pid}-${this.created}`, limits);
  }

  /**
   * Keeps `cgroup` for a next `take` once it is empty, when there is room; removes it
   * otherwise. A finished sandbox's last tasks are usually zombies still waiting to be
   * reaped (bubblewrap's pid 1, reparented when its monitor exited), which count in
   * pids.current for a few milliseconds: waiting for them (off the request path) is
   * far cheaper than removing the group and making a new one.
   */
  async give(cgroup: Cgroup, limits: CgroupLimits): Promise<void> {
    if (this.idle.length < this.capacity && (await becomesEmpty(cgroup))) {
      if (this.idle.length < this.capacity) {
        this.idle.push({ key: keyOf(limits), cgroup });
        return;
      }
    }
    await cgroup.remove();
  }

  /** Removes every kept group (the provider is stopping). */
  async clear(): Promise<void> {
    for (const { cgroup } of this.idle.splice(0)) await cgroup.remove();
  }

  /** Kept groups, for tests and stats. */
  get size(): number {
    return this.idle.length;
  }
}

/** Pauses between looks at a group's task count, about 100 ms in all. */
const settlePausesMs = [1, 2, 4, 8, 16, 32, 40];

async function becomesEmpty(cgroup: Cgroup): Promise<boolean> {
  if (await isEmpty(cgroup)) return true;
  for (const pause of settlePausesMs) {
    await delay(pause);
    if (await isEmpty(cgroup)) return true;
  }
  return false;
}

/** No task charged (pids.current): a zombie not yet reaped still counts against pids.max. */
async function isEmpty(cgroup: Cgroup): Promise<boolean> {
  try {
    return (await cgroup.tasks()) === 0;
  } catch {
    return false;
  }
}

function keyOf(limits: CgroupLimits): string {
  return `${limits.memoryBytes}/${limits.pids}/${limits.cpuCores}`;
}
