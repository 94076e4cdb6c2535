import { existsSync, readFileSync } from "node:fs";
import { readOwnCgroups } from "./cgroup-driver.js";
import { openCgroupV1 } from "./cgroup-v1.js";
import { openCgroupV2 } from "./cgroup-v2.js";
/** Picks v2 when the unified hierarchy has the controllers we need, else v1, else none. */
export async function detectCgroupDriver(options) {
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
            const driver = await openCgroupV2(unifiedRoot, ownGroups.get("") ?? "/", options.instance);
            if (driver)
                return driver;
        }
    }
    if (existsSync(`${mountRoot}/pids/cgroup.procs`) || existsSync(`${mountRoot}/memory/cgroup.procs`)) {
        return openCgroupV1(mountRoot, ownGroups, options.instance);
    }
    return undefined;
}
//# sourceMappingURL=detect-cgroup-driver.js.map