import { existsSync, readFileSync } from "node:fs";
import { delay } from "../../core/abort.js";
import type { Cgroup, CgroupCounters } from "./cgroup-driver.js";
import {
  countThreads,
  killPids,
  readKeyed,
  readNumber,
  readPids,
  removeDirectory,
  writeSlowValue,
  writeValue,
} from "./cgroup-files.js";

export type CgroupVersion = 1 | 2;

/**
 * One control group as the host sees it: a directory per v1 controller
 * (keyed by the controller's name), or the one v2 directory (keyed ""). The
 * groups Hangar creates for bubblewrap sandboxes, the groups of Docker
 * containers and the spawn groups inside them all work this way.
 */
export class HostCgroup implements Cgroup {
  constructor(
    readonly name: string,
    private readonly version: CgroupVersion,
    private readonly paths: Map<string, string>,
  ) {}

  async join(pids: number[]): Promise<void> {
    for (const pid of pids) {
      // Writing 0 would move the writer, i.e. Hangar itself, into the sandbox.
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) {
        throw new Error(`refusing to move pid ${pid} into a sandbox's cgroup`);
      }
    }
    // Through the thread pool: moving a task into a v1 group that already has tasks waits for
    // an RCU grace period (about a millisecond, measured as blocked event loop per command).
    for (const path of this.paths.values()) {
      for (const pid of pids) await writeSlowValue(`${path}/cgroup.procs`, pid);
    }
  }

  async counters(): Promise<CgroupCounters> {
    if (this.version === 2) {
      const path = this.paths.get("")!;
      return {
        oomKills: await readKeyed(`${path}/memory.events`, "oom_kill"),
        pidsRefused: await readKeyed(`${path}/pids.events`, "max"),
      };
    }
    const memory = this.paths.get("memory");
    const pids = this.paths.get("pids");
    return {
      oomKills: memory ? await readKeyed(`${memory}/memory.oom_control`, "oom_kill") : 0,
      pidsRefused: pids ? await readKeyed(`${pids}/pids.events`, "max") : 0,
    };
  }

  /** Host pids in the group, never Hangar's own. */
  async processes(): Promise<number[]> {
    const listing = this.listing;
    return listing ? (await readPids(`${listing}/cgroup.procs`)).filter((pid) => pid !== process.pid) : [];
  }

  async tasks(): Promise<number> {
    const pids = this.version === 2 ? this.paths.get("") : this.paths.get("pids");
    if (pids && existsSync(`${pids}/pids.current`)) return readNumber(`${pids}/pids.current`);
    // A v2 group without the pids controller (a spawn group under a container's): count from /proc.
    return countThreads(await this.processes());
  }

  async taskLimit(): Promise<number> {
    const pids = this.version === 2 ? this.paths.get("") : this.paths.get("pids");
    const limit = pids ? await readNumber(`${pids}/pids.max`) : 0;
    // "max" (no limit) and a missing file both read as 0.
    return limit > 0 ? limit : Number.POSITIVE_INFINITY;
  }

  killAll(): Promise<void> {
    return this.killAllExcept([]);
  }

  async freeze(isFrozen: boolean): Promise<boolean> {
    return freeze(this.version, this.freezer, isFrozen);
  }

  async cpuUsageSeconds(): Promise<number | undefined> {
    if (this.version === 2) {
      const path = this.paths.get("")!;
      // cpu.stat's usage_usec is kept by the core, with or without the cpu controller.
      if (!existsSync(`${path}/cpu.stat`)) return undefined;
      return (await readKeyed(`${path}/cpu.stat`, "usage_usec")) / 1e6;
    }
    const cpuacct = this.paths.get("cpuacct");
    if (!cpuacct || !existsSync(`${cpuacct}/cpuacct.usage`)) return undefined;
    return (await readNumber(`${cpuacct}/cpuacct.usage`)) / 1e9;
  }

  /**
   * Kills every process in the group but `spared` (a container's init and
   * keeper), stopped and freshly forked ones included; returns once all are gone.
   */
  async killAllExcept(spared: number[]): Promise<void> {
    const listing = this.listing;
    if (!listing) return;
    const keep = new Set(spared);
    const targets = async (): Promise<number[]> => (await this.processes()).filter((pid) => !keep.has(pid));
    // An empty group stays empty: only its own processes could fork into it, and only Hangar
    // moves processes in. Freezing and thawing it would cost the kernel 4-6 ms (v1) for nothing,
    // on every one-shot run's tear-down.
    if ((await targets()).length === 0) return;
    if (keep.size === 0 && this.version === 2 && existsSync(`${listing}/cgroup.kill`)) {
      await writeValue(`${listing}/cgroup.kill`, 1).catch(() => undefined);
    } else {
      // Freezing first means nothing can fork between reading the list and killing it.
      await freeze(this.version, this.freezer, true);
      try {
        killPids(await targets());
      } finally {
        await freeze(this.version, this.freezer, false);
      }
    }
    for (let attempt = 0; attempt < 300; attempt++) {
      const remaining = await targets();
      if (remaining.length === 0) return;
      killPids(remaining);
      await delay(attempt < 20 ? 1 : 10);
    }
    throw new Error(`processes of cgroup ${this.name} survived repeated SIGKILLs`);
  }

  /** Kills what is left and removes the group; idempotent. */
  async remove(): Promise<void> {
    await this.killAll();
    for (const path of this.paths.values()) await removeDirectory(path, `${path}/cgroup.procs`);
  }

  /** The directory whose freezer file stops the group (v1's freezer hierarchy, v2's one directory). */
  private get freezer(): string | undefined {
    return this.version === 2 ? this.paths.get("") : this.paths.get("freezer");
  }

  /** The directory whose cgroup.procs lists the group's processes. */
  private get listing(): string | undefined {
    return this.version === 2
      ? this.paths.get("")
      : (this.paths.get("pids") ?? this.paths.values().next().value);
  }
}

/** Writes the freezer state and waits (up to about a second) until the kernel reports it; false without a freezer. */
async function freeze(
  version: CgroupVersion,
  directory: string | undefined,
  isFrozen: boolean,
): Promise<boolean> {
  if (!directory) return false;
  const [file, value, settled] =
    version === 2
      ? ["cgroup.freeze", isFrozen ? "1" : "0", isFrozen ? /^frozen 1$/m : /^frozen 0$/m]
      : ["freezer.state", isFrozen ? "FROZEN" : "THAWED", isFrozen ? /^FROZEN$/m : /^THAWED$/m];
  if (!existsSync(`${directory}/${file}`)) return false;
  // The write goes through the thread pool: the kernel takes 2-3 ms over it (v1, measured), too
  // long to block the event loop. The state reads answer in microseconds: synchronous, as in readKeyed.
  await writeSlowValue(`${directory}/${file}`, value).catch(() => undefined);
  const stateFile = version === 2 ? "cgroup.events" : "freezer.state";
  const state = (): string => {
    try {
      return readFileSync(`${directory}/${stateFile}`, "utf8");
    } catch {
      return "";
    }
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (settled.test(state())) return true;
    await delay(attempt < 20 ? 1 : 20);
  }
  return true;
}
