import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { writeValue } from "./cgroup-files.js";
import { HostCgroupDriver } from "./host-cgroup-driver.js";
/**
 * cgroup v2: one tree. A group with processes may not also delegate
 * controllers to children ("no internal processes"), so when our own group
 * holds processes we move this server into a `server` leaf first.
 */
export async function openCgroupV2(root, ownPath, instance) {
    const own = `${root}${ownPath}`.replace(/\/+$/, "");
    try {
        const wanted = ["memory", "pids", "cpu"];
        const available = (await readFile(`${own}/cgroup.controllers`, "utf8")).split(/\s+/);
        const enabled = wanted.filter((controller) => available.includes(controller));
        if (!(await enableControllers(own, enabled))) {
            // Our group has processes: move ourselves into a leaf, then delegate.
            await mkdir(`${own}/server`, { recursive: true });
            await writeValue(`${own}/server/cgroup.procs`, process.pid);
            if (!(await enableControllers(own, enabled)))
                return undefined;
        }
        const hangar = `${own}/hangar`;
        await mkdir(hangar, { recursive: true });
        await enableControllers(hangar, enabled);
        const base = `${hangar}/${instance}`;
        await mkdir(base, { recursive: true });
        await enableControllers(base, enabled);
        const enforcement = {
            memory: enabled.includes("memory"),
            pids: enabled.includes("pids"),
            cpu: enabled.includes("cpu"),
            kill: existsSync(`${base}/cgroup.kill`) || existsSync(`${base}/cgroup.freeze`),
        };
        return new HostCgroupDriver({
            version: 2,
            bases: new Map([["", base]]),
            enforcement,
            notes: [],
            writeLimits: (paths, limits) => writeLimits(paths.get(""), limits, enforcement),
        });
    }
    catch {
        return undefined;
    }
}
async function enableControllers(path, controllers) {
    if (controllers.length === 0)
        return true;
    try {
        await writeValue(`${path}/cgroup.subtree_control`, controllers.map((name) => `+${name}`).join(" "));
        return true;
    }
    catch {
        return false;
    }
}
async function writeLimits(path, limits, enforcement) {
    if (enforcement.memory) {
        await writeValue(`${path}/memory.max`, limits.memoryBytes);
        if (existsSync(`${path}/memory.swap.max`))
            await writeValue(`${path}/memory.swap.max`, 0);
    }
    if (enforcement.pids)
        await writeValue(`${path}/pids.max`, limits.pids);
    if (enforcement.cpu) {
        const period = 100_000;
        await writeValue(`${path}/cpu.max`, `${Math.max(1000, Math.round(limits.cpuCores * period))} ${period}`);
    }
}
//# sourceMappingURL=cgroup-v2.js.map