import { existsSync } from "node:fs";
import { mkdir, readFile, rmdir } from "node:fs/promises";
import { delay } from "../../core/abort.js";
import type {
  Cgroup,
  CgroupCounters,
  CgroupDriver,
  CgroupEnforcement,
  CgroupLimits,
} from "./cgroup-driver.js";
import {
  childDirectories,
  killPids,
  readKeyed,
  readPids,
  removeDirectory,
  writeValue,
} from "./cgroup-files.js";

type Controller = "pids" | "memory" | "cpu" | "freezer";
const controllers: Controller[] = ["pids", "memory", "cpu", "freezer"];

/** cgroup v1: one hierarchy per controller, each with its own directory for a group. */
export class CgroupV1Driver implements CgroupDriver {
  readonly version = 1 as const;
  readonly notes: string[] = [];

  private constructor(
    private readonly bases: Map<Controller, string>,
    readonly enforcement: CgroupEnforcement,
  ) {}

  static async open(
    mountRoot: string,
    ownGroups: Map<string, string>,
    instance: string,
  ): Promise<CgroupV1Driver | undefined> {
    const bases = new Map<Controller, string>();
    const notes: string[] = [];
    for (const controller of controllers) {
      const hierarchy = `${mountRoot}/${controller}`;
      if (!existsSync(`${hierarchy}/cgroup.procs`)) {
        notes.push(`cgroup v1 ${controller} hierarchy is not mounted`);
        continue;
      }
      const base = `${hierarchy}${ownGroups.get(controller) ?? "/"}/hangar/${instance}`.replace(/\/+/g, "/");
      try {
        await mkdir(base, { recursive: true });
        bases.set(controller, base);
      } catch (error) {
        notes.push(`cannot create ${base}: ${(error as Error).message}`);
      }
    }
    if (bases.size === 0) return undefined;
    const driver = new CgroupV1Driver(bases, {
      memory: bases.has("memory"),
      pids: bases.has("pids"),
      cpu: bases.has("cpu"),
      kill: bases.has("freezer"),
    });
    driver.notes.push(...notes);
    return driver;
  }

  async create(name: string, limits: CgroupLimits): Promise<Cgroup> {
    const paths = new Map<Controller, string>();
    for (const [controller, base] of this.bases) {
      const path = `${base}/${name}`;
      await mkdir(path);
      paths.set(controller, path);
    }
    const group = new CgroupV1(name, paths);
    try {
      await group.applyLimits(limits);
    } catch (error) {
      await group.remove();
      throw error;
    }
    return group;
  }

  async reapAll(): Promise<number> {
    const names = new Set<string>();
    for (const base of this.bases.values()) {
      for (const name of await childDirectories(base)) names.add(name);
    }
    for (const name of names) {
      const paths = new Map<Controller, string>();
      for (const [controller, base] of this.bases) paths.set(controller, `${base}/${name}`);
      await new CgroupV1(name, paths).remove();
    }
    return names.size;
  }

  async close(): Promise<void> {
    await this.reapAll();
    for (const base of this.bases.values()) await rmdir(base).catch(() => undefined);
  }
}

class CgroupV1 implements Cgroup {
  constructor(
    readonly name: string,
    private readonly paths: Map<Controller, string>,
  ) {}

  async applyLimits(limits: CgroupLimits): Promise<void> {
    const memory = this.paths.get("memory");
    if (memory) {
      await writeValue(`${memory}/memory.limit_in_bytes`, limits.memoryBytes);
      // Without a memsw limit a host with swap would let the sandbox swap past its limit.
      if (existsSync(`${memory}/memory.memsw.limit_in_bytes`)) {
        await writeValue(`${memory}/memory.memsw.limit_in_bytes`, limits.memoryBytes);
      }
    }
    const pids = this.paths.get("pids");
    if (pids) await writeValue(`${pids}/pids.max`, limits.pids);
    const cpu = this.paths.get("cpu");
    if (cpu) {
      const period = 100_000;
      await writeValue(`${cpu}/cpu.cfs_period_us`, period);
      await writeValue(`${cpu}/cpu.cfs_quota_us`, Math.max(1000, Math.round(limits.cpuCores * period)));
    }
  }

  async join(pids: number[]): Promise<void> {
    for (const path of this.paths.values()) {
      for (const pid of pids) await writeValue(`${path}/cgroup.procs`, pid);
    }
  }

  async counters(): Promise<CgroupCounters> {
    const memory = this.paths.get("memory");
    const pids = this.paths.get("pids");
    return {
      oomKills: memory ? await readKeyed(`${memory}/memory.oom_control`, "oom_kill") : 0,
      pidsRefused: pids ? await readKeyed(`${pids}/pids.events`, "max") : 0,
    };
  }

  async processes(): Promise<number[]> {
    const path = this.paths.get("pids") ?? this.paths.values().next().value;
    return path ? readPids(`${path}/cgroup.procs`) : [];
  }

  async killAll(): Promise<void> {
    const freezer = this.paths.get("freezer");
    if (freezer && existsSync(`${freezer}/freezer.state`)) {
      // Freezing first means nothing can fork between our reading the list and killing it.
      await writeValue(`${freezer}/freezer.state`, "FROZEN").catch(() => undefined);
      for (let attempt = 0; attempt < 50; attempt++) {
        const state = await readKeyedState(`${freezer}/freezer.state`);
        if (state !== "FREEZING") break;
        await delay(1);
      }
      killPids(await this.processes());
      await writeValue(`${freezer}/freezer.state`, "THAWED").catch(() => undefined);
    }
    for (let attempt = 0; attempt < 200; attempt++) {
      const remaining = await this.processes();
      if (remaining.length === 0) return;
      killPids(remaining);
      await delay(attempt < 20 ? 1 : 10);
    }
  }

  async remove(): Promise<void> {
    await this.killAll();
    for (const path of this.paths.values()) {
      await removeDirectory(path, `${path}/cgroup.procs`);
    }
  }
}

async function readKeyedState(path: string): Promise<string> {
  return (await readFile(path, "utf8").catch(() => "")).trim();
}
