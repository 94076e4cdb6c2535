import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { writeValue } from "./cgroup-files.js";
import { HostCgroupDriver } from "./host-cgroup-driver.js";
/** cpuacct limits nothing: it counts the CPU time a notebook's budget is measured in. */
const controllers = ["pids", "memory", "cpu", "cpuacct", "freezer"];
/** cgroup v1: one hierarchy per controller, each with its own directory for a group. */
export async function openCgroupV1(mountRoot, ownGroups, instance) {
    const bases = new Map();
    const notes = [];
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
        }
        catch (error) {
            notes.push(`cannot create ${base}: ${error.message}`);
        }
    }
    if (bases.size === 0)
        return undefined;
    return new HostCgroupDriver({
        version: 1,
        bases,
        enforcement: {
            memory: bases.has("memory"),
            pids: bases.has("pids"),
            cpu: bases.has("cpu"),
            kill: bases.has("freezer"),
        },
        notes,
        writeLimits,
    });
}
async function writeLimits(paths, limits) {
    const memory = paths.get("memory");
    if (memory) {
        await writeValue(`${memory}/memory.limit_in_bytes`, limits.memoryBytes);
        // Without a memsw limit a host with swap would let the sandbox swap past its limit.
        if (existsSync(`${memory}/memory.memsw.limit_in_bytes`)) {
            await writeValue(`${memory}/memory.memsw.limit_in_bytes`, limits.memoryBytes);
        }
    }
    const pids = paths.get("pids");
    if (pids)
        await writeValue(`${pids}/pids.max`, limits.pids);
    const cpu = paths.get("cpu");
    if (cpu) {
        const period = 100_000;
        await writeValue(`${cpu}/cpu.cfs_period_us`, period);
        await writeValue(`${cpu}/cpu.cfs_quota_us`, Math.max(1000, Math.round(limits.cpuCores * period)));
    }
}
//# sourceMappingURL=cgroup-v1.js.map