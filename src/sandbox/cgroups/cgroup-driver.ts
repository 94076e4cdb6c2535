import { existsSync, readFileSync } from "node:fs";
import { CgroupV1Driver } from "./cgroup-v1.js";
import { CgroupV2Driver } from "./cgroup-v2.js";

/**
 * Resource limits through Linux control groups. The kernel enforces them for
 * a whole process tree, which rlimits alone cannot; and killing a cgroup kills
 * everything in it, however it forked. Both the v1 hierarchies (pids, memory,
 * cpu, freezer: this development machine) and the v2 unified tree (most
 * current distributions) are supported.
 */
export interface CgroupLimits {
  memoryBytes: number;
  pids: number;
  cpuCores: number;
}

export interface CgroupCounters {
  /** Processes the kernel's OOM killer has killed in this group. */
  oomKills: number;
  /** Forks refused because pids.max was reached. */
  pidsRefused: number;
}

export interface CgroupEnforcement {
  memory: boolean;
  pids: boolean;
  cpu: boolean;
  /** Whether the whole group can be frozen or killed atomically. */
  kill: boolean;
}

export interface Cgroup {
  readonly name: string;
  /** Moves processes (host pids) into the group. */
  join(pids: number[]): Promise<void>;
  counters(): Promise<CgroupCounters>;
  /** Kills every process in the group, including stopped and freshly forked ones. */
  killAll(): Promise<void>;
  /** Kills what is left and removes the group; idempotent. */
  remove(): Promise<void>;
  /** Host pids currently in the group. */
  processes(): Promise<number[]>;
}

export interface CgroupDriver {
  readonly version: 1 | 2;
  readonly enforcement: CgroupEnforcement;
  /** Human-readable notes on what could not be enabled, for `hangar doctor`. */
  readonly notes: string[];
  create(name: string, limits: CgroupLimits): Promise<Cgroup>;
  /** Kills and removes every group left under this driver's root by an earlier process; returns how many. */
  reapAll(): Promise<number>;
  /** Removes every group and this instance's own (then empty) directories. */
  close(): Promise<void>;
}

export interface CgroupDriverOptions {
  /** Separates Hangar instances that share a machine (derived from the data directory). */
  instance: string;
  mountRoot?: string;
}

/** Picks v2 when the unified hierarchy has the controllers we need, else v1, else none. */
export async function detectCgroupDriver(options: CgroupDriverOptions): Promise<CgroupDriver | undefined> {
  const mountRoot = options.mountRoot ?? "/sys/fs/cgroup";
  const ownGroups = readOwnCgroups();
  const unifiedRoot = existsSync(`${mountRoot}/cgroup.controllers`)
    ? mountRoot
    : existsSync(`${mountRoot}/unified/cgroup.controllers`)
      ? `${mountRoot}/unified`
      : undefined;
  if (unifiedRoot !== undefined) {
    const controllers = readFileSync(`${unifiedRoot}/cgroup.controllers`, "utf8").split(/\s+/);
    if (controllers.includes("memory") && controllers.includes("pids")) {
      const driver = await CgroupV2Driver.open(unifiedRoot, ownGroups.get("") ?? "/", options.instance);
      if (driver) return driver;
    }
  }
  if (existsSync(`${mountRoot}/pids/cgroup.procs`) || existsSync(`${mountRoot}/memory/cgroup.procs`)) {
    return CgroupV1Driver.open(mountRoot, ownGroups, options.instance);
  }
  return undefined;
}

/** Maps each v1 controller (and "" for v2) to this process's cgroup path. */
export function readOwnCgroups(content = readFileSync("/proc/self/cgroup", "utf8")): Map<string, string> {
  const groups = new Map<string, string>();
  for (const line of content.split("\n")) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of match[1]!.split(",")) groups.set(controller, match[2]!);
  }
  return groups;
}
