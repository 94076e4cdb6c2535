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

/**
 * cgroup v2: one tree. A group with processes may not also delegate
 * controllers to children ("no internal processes"), so when our own group
 * holds processes we move this server into a `server` leaf first.
 */
export class CgroupV2Driver implements CgroupDriver {
  readonly version = 2 as const;
  readonly notes: string[] = [];

  private constructor(
    private readonly base: string,
    readonly enforcement: CgroupEnforcement,
  ) {}

  static async open(root: string, ownPath: string, instance: string): Promise<CgroupV2Driver | undefined> {
    const own = `${root}${ownPath}`.replace(/\/+$/, "");
    try {
      const wanted = ["memory", "pids", "cpu"];
      const available = (await readFile(`${own}/cgroup.controllers`, "utf8")).split(/\s+/);
      const enabled = wanted.filter((controller) => available.includes(controller));
      if (!(await enableControllers(own, enabled))) {
        // Our group has processes: move ourselves into a leaf, then delegate.
        await mkdir(`${own}/server`, { recursive: true });
        await writeValue(`${own}/server/cgroup.procs`, process.pid);
        if (!(await enableControllers(own, enabled))) return undefined;
      }
      const hangar = `${own}/hangar`;
      await mkdir(hangar, { recursive: true });
      await enableControllers(hangar, enabled);
      const base = `${hangar}/${instance}`;
      await mkdir(base, { recursive: true });
      await enableControllers(base, enabled);
      return new CgroupV2Driver(base, {
        memory: enabled.includes("memory"),
        pids: enabled.includes("pids"),
        cpu: enabled.includes("cpu"),
        kill: existsSync(`${base}/cgroup.kill`) || existsSync(`${base}/cgroup.freeze`),
      });
    } catch {
      return undefined;
    }
  }

  async create(name: string, limits: CgroupLimits): Promise<Cgroup> {
    const path = `${this.base}/${name}`;
    await mkdir(path);
    const group = new CgroupV2(name, path);
    try {
      if (this.enforcement.memory) {
        await writeValue(`${path}/memory.max`, limits.memoryBytes);
        if (existsSync(`${path}/memory.swap.max`)) await writeValue(`${path}/memory.swap.max`, 0);
      }
      if (this.enforcement.pids) await writeValue(`${path}/pids.max`, limits.pids);
      if (this.enforcement.cpu) {
        const period = 100_000;
        await writeValue(
          `${path}/cpu.max`,
          `${Math.max(1000, Math.round(limits.cpuCores * period))} ${period}`,
        );
      }
    } catch (error) {
      await group.remove();
      throw error;
    }
    return group;
  }

  async reapAll(): Promise<number> {
    const names = await childDirectories(this.base);
    for (const name of names) await new CgroupV2(name, `${this.base}/${name}`).remove();
    return names.length;
  }

  async close(): Promise<void> {
    await this.reapAll();
    await rmdir(this.base).catch(() => undefined);
  }
}

async function enableControllers(path: string, controllers: string[]): Promise<boolean> {
  if (controllers.length === 0) return true;
  try {
    await writeValue(`${path}/cgroup.subtree_control`, controllers.map((name) => `+${name}`).join(" "));
    return true;
  } catch {
    return false;
  }
}

class CgroupV2 implements Cgroup {
  constructor(
    readonly name: string,
    private readonly path: string,
  ) {}

  async join(pids: number[]): Promise<void> {
    for (const pid of pids) await writeValue(`${this.path}/cgroup.procs`, pid);
  }

  async counters(): Promise<CgroupCounters> {
    return {
      oomKills: await readKeyed(`${this.path}/memory.events`, "oom_kill"),
      pidsRefused: await readKeyed(`${this.path}/pids.events`, "max"),
    };
  }

  processes(): Promise<number[]> {
    return readPids(`${this.path}/cgroup.procs`);
  }

  async killAll(): Promise<void> {
    if (existsSync(`${this.path}/cgroup.kill`)) {
      await writeValue(`${this.path}/cgroup.kill`, 1).catch(() => undefined);
    } else if (existsSync(`${this.path}/cgroup.freeze`)) {
      await writeValue(`${this.path}/cgroup.freeze`, 1).catch(() => undefined);
      killPids(await this.processes());
      await writeValue(`${this.path}/cgroup.freeze`, 0).catch(() => undefined);
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
    await removeDirectory(this.path, `${this.path}/cgroup.procs`);
  }
}
