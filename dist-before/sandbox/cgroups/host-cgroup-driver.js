import { mkdir, rmdir } from "node:fs/promises";
import { childDirectories } from "./cgroup-files.js";
import { HostCgroup } from "./host-cgroup.js";
/**
 * Sandbox groups as directories under this instance's base(s). What differs
 * between cgroup v1 and v2 (how the bases are found, how limits are spelled)
 * comes in from `cgroup-v1.ts` and `cgroup-v2.ts`.
 */
export class HostCgroupDriver {
    input;
    version;
    enforcement;
    notes;
    constructor(input) {
        this.input = input;
        this.version = input.version;
        this.enforcement = input.enforcement;
        this.notes = input.notes;
    }
    async create(name, limits) {
        const paths = this.pathsOf(name);
        // Co-mounted v1 controllers (cpu,cpuacct) share one directory.
        // Recursive: an existing group (kept across a restart) is adopted, not an error.
        for (const path of new Set(paths.values()))
            await mkdir(path, { recursive: true });
        const group = new HostCgroup(name, this.version, paths);
        try {
            await this.input.writeLimits(paths, limits);
        }
        catch (error) {
            await group.remove();
            throw error;
        }
        return group;
    }
    async reapAll(keep = new Set()) {
        const names = new Set();
        for (const base of this.input.bases.values()) {
            for (const name of await childDirectories(base))
                if (!keep.has(name))
                    names.add(name);
        }
        for (const name of names)
            await new HostCgroup(name, this.version, this.pathsOf(name)).remove();
        return names.size;
    }
    async close() {
        await this.reapAll();
        for (const base of this.input.bases.values())
            await rmdir(base).catch(() => undefined);
    }
    pathsOf(name) {
        return new Map([...this.input.bases].map(([controller, base]) => [controller, `${base}/${name}`]));
    }
}
//# sourceMappingURL=host-cgroup-driver.js.map