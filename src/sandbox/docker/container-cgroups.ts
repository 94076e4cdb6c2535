import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { delay } from "../../core/abort.js";
import type { CgroupCounters } from "../cgroups/cgroup-driver.js";
import {
  childDirectories,
  killPids,
  readKeyed,
  readPids,
  removeDirectory,
  writeValue,
} from "../cgroups/cgroup-files.js";

/**
 * A container's cgroups, read and written from the host. Docker enforces the
 * limits; we need the cgroups for what the Engine API cannot do: tell why a
 * process died (OOM kills, refused forks), and kill exactly the processes
 * one `docker exec` started, however they forked, without touching the
 * others (a persistent sandbox runs a kernel beside each command). Each exec
 * gets its own child group ("spawn group") before it runs anything.
 *
 * Both cgroup v1 (pids, memory, freezer hierarchies) and v2 are handled.
 */
export interface SpawnGroup {
  join(hostPid: number): Promise<void>;
  /** Forks refused in this group (cgroup v1 counts them where the fork happened). */
  pidsRefused(): Promise<number>;
  /** Kills every process in the group, stopped and freshly forked ones included; returns once all are gone. */
  killAll(): Promise<void>;
  remove(): Promise<void>;
}

const spawnGroupPrefix = "hangar-spawn-";

export class ContainerCgroups {
  private constructor(
    private readonly version: 1 | 2,
    /** v1: controller → directory; v2: "" → directory. */
    private readonly directories: Map<string, string>,
  ) {}

  /** Finds the cgroups of the container whose init has `initPid` on the host; undefined when not reachable. */
  static locate(initPid: number, mountRoot = "/sys/fs/cgroup"): ContainerCgroups | undefined {
    let content: string;
    try {
      content = readFileSync(`/proc/${initPid}/cgroup`, "utf8");
    } catch {
      return undefined;
    }
    const lines = content.split("\n").flatMap((line) => {
      const match = /^\d+:([^:]*):(.*)$/.exec(line);
      return match ? [{ controllers: match[1]!, path: match[2]! }] : [];
    });
    if (existsSync(`${mountRoot}/cgroup.controllers`)) {
      const unified = lines.find((line) => line.controllers === "");
      const directory = unified && `${mountRoot}${unified.path}`;
      if (!directory || !existsSync(`${directory}/cgroup.procs`)) return undefined;
      return new ContainerCgroups(2, new Map([["", directory]]));
    }
    const directories = new Map<string, string>();
    for (const controller of ["pids", "memory", "freezer"]) {
      const line = lines.find((entry) => entry.controllers.split(",").includes(controller));
      if (!line) continue;
      const candidates = [
        `${mountRoot}/${line.controllers}${line.path}`,
        `${mountRoot}/${controller}${line.path}`,
      ];
      const directory = candidates.find((path) => existsSync(`${path}/cgroup.procs`));
      if (directory) directories.set(controller, directory);
    }
    if (!directories.has("pids")) return undefined;
    return new ContainerCgroups(1, directories);
  }

  /** The host pid of a process in the container's own group, from its pid inside the container. */
  async hostPid(containerPid: number): Promise<number | undefined> {
    for (const pid of await readPids(`${this.listing}/cgroup.procs`)) {
      const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
      const namespaced = /^NSpid:\s+(.+)$/m.exec(status)?.[1]?.trim().split(/\s+/);
      // The last entry is the pid in the innermost namespace: the container's.
      if (namespaced && namespaced.length > 1 && Number(namespaced.at(-1)) === containerPid) return pid;
    }
    return undefined;
  }

  async counters(): Promise<CgroupCounters> {
    if (this.version === 2) {
      const directory = this.directories.get("")!;
      return {
        oomKills: await readKeyed(`${directory}/memory.events`, "oom_kill"),
        pidsRefused: await readKeyed(`${directory}/pids.events`, "max"),
      };
    }
    const memory = this.directories.get("memory");
    return {
      oomKills: memory ? await readKeyed(`${memory}/memory.oom_control`, "oom_kill") : 0,
      pidsRefused: await readKeyed(`${this.listing}/pids.events`, "max"),
    };
  }

  /** Kills every process of the container's own group but `spared` (single-use: the init and the keeper). */
  async killAllExcept(spared: number[]): Promise<void> {
    const keep = new Set([...spared, process.pid]);
    const others = async (): Promise<number[]> =>
      (await readPids(`${this.listing}/cgroup.procs`)).filter((pid) => !keep.has(pid));
    await this.frozen(this.version === 2 ? this.listing : this.directories.get("freezer"), async () =>
      killPids(await others()),
    );
    await killUntilEmpty(others);
  }

  async createSpawnGroup(name: string): Promise<SpawnGroup> {
    const paths = new Map<string, string>();
    const controllers = this.version === 2 ? [""] : ["pids", "freezer"];
    for (const controller of controllers) {
      const parent = this.directories.get(controller);
      if (!parent) continue;
      const path = `${parent}/${spawnGroupPrefix}${name}`;
      await mkdir(path);
      paths.set(controller, path);
    }
    return new ContainerSpawnGroup(this.version, paths);
  }

  /** Kills and removes the spawn groups a crashed Hangar process left (their execs outlived it). */
  async reapSpawnGroups(): Promise<void> {
    const names = (await childDirectories(this.listing)).filter((name) => name.startsWith(spawnGroupPrefix));
    for (const name of names) {
      const paths = new Map<string, string>();
      for (const [controller, parent] of this.directories) {
        if (controller !== "memory" && existsSync(`${parent}/${name}`))
          paths.set(controller, `${parent}/${name}`);
      }
      await new ContainerSpawnGroup(this.version, paths).remove();
    }
  }

  /** The directory whose cgroup.procs lists the container's processes. */
  private get listing(): string {
    return this.directories.get(this.version === 2 ? "" : "pids")!;
  }

  private async frozen(directory: string | undefined, action: () => Promise<void>): Promise<void> {
    await freeze(this.version, directory, true);
    try {
      await action();
    } finally {
      await freeze(this.version, directory, false);
    }
  }
}

class ContainerSpawnGroup implements SpawnGroup {
  constructor(
    private readonly version: 1 | 2,
    private readonly paths: Map<string, string>,
  ) {}

  async join(hostPid: number): Promise<void> {
    // Writing 0 would move the writer, i.e. Hangar itself, into the sandbox.
    if (!Number.isInteger(hostPid) || hostPid <= 0 || hostPid === process.pid) {
      throw new Error(`refusing to move pid ${hostPid} into a sandbox's cgroup`);
    }
    for (const path of this.paths.values()) await writeValue(`${path}/cgroup.procs`, hostPid);
  }

  async pidsRefused(): Promise<number> {
    const pids = this.paths.get("pids");
    return pids ? readKeyed(`${pids}/pids.events`, "max") : 0;
  }

  async killAll(): Promise<void> {
    const listing = this.listing;
    if (!listing) return;
    if (this.version === 2 && existsSync(`${listing}/cgroup.kill`)) {
      await writeValue(`${listing}/cgroup.kill`, 1).catch(() => undefined);
    } else {
      const directory = this.version === 2 ? listing : this.paths.get("freezer");
      await freeze(this.version, directory, true);
      killPids(await this.processes());
      await freeze(this.version, directory, false);
    }
    await killUntilEmpty(() => this.processes());
  }

  async remove(): Promise<void> {
    await this.killAll();
    for (const path of this.paths.values()) await removeDirectory(path, `${path}/cgroup.procs`);
  }

  private get listing(): string | undefined {
    return this.paths.get(this.version === 2 ? "" : "pids");
  }

  private async processes(): Promise<number[]> {
    const listing = this.listing;
    return listing ? (await readPids(`${listing}/cgroup.procs`)).filter((pid) => pid !== process.pid) : [];
  }
}

/** Freezing first means nothing can fork between reading the list of processes and killing them. */
async function freeze(version: 1 | 2, directory: string | undefined, isFrozen: boolean): Promise<void> {
  if (!directory) return;
  const [file, value, settled] =
    version === 2
      ? ["cgroup.freeze", isFrozen ? "1" : "0", isFrozen ? /^frozen 1$/m : /^frozen 0$/m]
      : ["freezer.state", isFrozen ? "FROZEN" : "THAWED", isFrozen ? /^FROZEN$/m : /^THAWED$/m];
  if (!existsSync(`${directory}/${file}`)) return;
  await writeValue(`${directory}/${file}`, value).catch(() => undefined);
  const stateFile = version === 2 ? "cgroup.events" : "freezer.state";
  for (let attempt = 0; attempt < 50; attempt++) {
    if (settled.test(await readFile(`${directory}/${stateFile}`, "utf8").catch(() => ""))) return;
    await delay(1);
  }
}

async function killUntilEmpty(remaining: () => Promise<number[]>): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const pids = await remaining();
    if (pids.length === 0) return;
    killPids(pids);
    await delay(attempt < 20 ? 1 : 10);
  }
  throw new Error("processes of a sandbox survived repeated SIGKILLs");
}
