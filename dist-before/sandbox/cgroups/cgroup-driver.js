import { readFileSync } from "node:fs";
/** Maps each v1 controller (and "" for v2) to this process's cgroup path. */
export function readOwnCgroups(content = readFileSync("/proc/self/cgroup", "utf8")) {
    const groups = new Map();
    for (const line of content.split("\n")) {
        const match = /^\d+:([^:]*):(.*)$/.exec(line);
        if (!match)
            continue;
        for (const controller of match[1].split(","))
            groups.set(controller, match[2]);
    }
    return groups;
}
//# sourceMappingURL=cgroup-driver.js.map