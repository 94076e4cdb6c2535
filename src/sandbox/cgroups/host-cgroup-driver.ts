import { mkdir, rmdir } from "node:fs/promises";
import type { Cgroup, CgroupDriver, CgroupEnforcement, CgroupLimits } from "./cgroup-driver.js";
import { childDirectories } from "./cgroup-files.js";
import { HostCgroup, type CgroupVersion } from "./host-cgroup.js";

export interface HostCgroupDriverInput {
  version: CgroupVersion;
  /** This instance's directory in each v1 hierarchy (keyed by controller), or its one v2 directory (""). */
  bases: Map<string, string>;
  enforcement: CgroupEnforcement;
  notes: string[];
  /** Writes a new group's limits into its directories, keyed like `bases`. */
  writeLimits(paths: Map<string, string>, limits: CgroupLimits): Promise<void>;
}

/**
 * Sandbox groups as directories under this instance's base(s). What differs
 * between cgroup v1 and v2 (how the bases are found, how limits are spelled)
 * comes in from `cgroup-v1.ts` and `cgroup-v2.ts`.
 */
export class HostCgroupDriver implements CgroupDriver {
  readonly version: CgroupVersion;
  readonly enforcement: CgroupEnforcement;
  readonly notes: string[];

  constructor(private readonly input: HostCgroupDriverInput) {
    this.version = input.version;
    this.enforcement = input.enforcement;
    this.notes = input.notes;
  }

  async create(name: string, limits: CgroupLimits): Promise<Cgroup> {
    const paths = this.pathsOf(name);
    // Co-mounted v1 controllers (cpu,cpuacct) share one directory.
    // Recursive: an existing group (kept across a restart) is adopted, not an error.
    for (const path of new Set(paths.values())) await mkdir(path, { recursive: true });
    const group = new HostCgroup(name, this.version, paths);
    try {
      await this.input.writeLimits(paths, limits);
    } catch (error) {
      await group.remove();
      throw error;
    }
    return group;
  }

  async reapAll(keep: ReadonlySet<string> = new Set()): Promise<number> {
    const names = new Set<string>();
    for (const base of this.input.bases.values()) {
      for (const name of await childDirectories(base)) if (!keep.has(name)) names.add(name);
    }
    for (const name of names) await new HostCgroup(name, this.version, this.pathsOf(name)).remove();
    return names.size;
  }

  async close(): Promise<void> {
    await this.reapAll();
    for (const base of this.input.bases.values()) await rmdir(base).catch(() => undefined);
  }

  private pathsOf(name: string): Map<string, string> {
    return new Map([...this.input.bases].map(([controller, base]) => [controller, `${base}/${name}`]));
  }
}
