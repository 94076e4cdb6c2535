import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { childDirectories } from "../cgroups/cgroup-files.js";
import { HostCgroup } from "../cgroups/host-cgroup.js";
/**
 * A container's cgroups, read and written from the host. Docker enforces the
 * limits; we need the cgroups for what the Engine API cannot do: tell why a
 * process died (OOM kills, refused forks), and kill exactly the processes
 * one `docker exec` started, however they forked, without touching the
 * others (a persistent sandbox runs a kernel beside each command). Each exec
 * gets its own child group ("spawn group") before it runs anything.
 *
 * Both cgroup v1 (pids, memory, freezer, cpuacct hierarchies) and v2 are handled.
 */
const spawnGroupPrefix = "hangar-spawn-";
/** The spawn groups of commands that survive a restart of Hangar (`SpawnOptions.survivesRestart`). */
const survivingGroupPrefix = "hangar-surviving-";
export class ContainerCgroups {
    version;
    directories;
    group;
    constructor(version, 
    /** v1: controller → directory; v2: "" → directory. */
    directories) {
        this.version = version;
        this.directories = directories;
        this.group = new HostCgroup("container", version, directories);
    }
    /** Finds the cgroups of the container whose init has `initPid` on the host; undefined when not reachable. */
    static locate(initPid, mountRoot = "/sys/fs/cgroup") {
        let content;
        try {
            content = readFileSync(`/proc/${initPid}/cgroup`, "utf8");
        }
        catch {
            return undefined;
        }
        const lines = content.split("\n").flatMap((line) => {
            const match = /^\d+:([^:]*):(.*)$/.exec(line);
            return match ? [{ controllers: match[1], path: match[2] }] : [];
        });
        if (existsSync(`${mountRoot}/cgroup.controllers`)) {
            const unified = lines.find((line) => line.controllers === "");
            const directory = unified && `${mountRoot}${unified.path}`;
            if (!directory || !existsSync(`${directory}/cgroup.procs`))
                return undefined;
            return new ContainerCgroups(2, new Map([["", directory]]));
        }
        const directories = new Map();
        for (const controller of ["pids", "memory", "freezer", "cpuacct"]) {
            const line = lines.find((entry) => entry.controllers.split(",").includes(controller));
            if (!line)
                continue;
            const candidates = [
                `${mountRoot}/${line.controllers}${line.path}`,
                `${mountRoot}/${controller}${line.path}`,
            ];
            const directory = candidates.find((path) => existsSync(`${path}/cgroup.procs`));
            if (directory)
                directories.set(controller, directory);
        }
        if (!directories.has("pids"))
            return undefined;
        return new ContainerCgroups(1, directories);
    }
    /** The host pid of a process in the container's own group, from its pid inside the container. */
    async hostPid(containerPid) {
        for (const pid of await this.group.processes()) {
            const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
            const namespaced = /^NSpid:\s+(.+)$/m.exec(status)?.[1]?.trim().split(/\s+/);
            // The last entry is the pid in the innermost namespace: the container's.
            if (namespaced && namespaced.length > 1 && Number(namespaced.at(-1)) === containerPid)
                return pid;
        }
        return undefined;
    }
    counters() {
        return this.group.counters();
    }
    /** The container's pids limit; Infinity when it has none. */
    taskLimit() {
        return this.group.taskLimit();
    }
    /** Kills every process of the container's own group but `spared` (single-use: the init and the keeper). */
    killAllExcept(spared) {
        return this.group.killAllExcept(spared);
    }
    /** Stops or lets go on every process in the container, its init and keepers too; false without a freezer. */
    freeze(isFrozen) {
        return this.group.freeze(isFrozen);
    }
    /** CPU seconds the container's processes used; undefined where the host does not count them. */
    cpuUsageSeconds() {
        return this.group.cpuUsageSeconds();
    }
    /**
     * A child group for one `docker exec`: its processes can be killed without touching the
     * others. A surviving one is spared when a restarted Hangar reaps what the crashed one left.
     */
    async createSpawnGroup(name, survivesRestart = false) {
        const prefix = survivesRestart ? survivingGroupPrefix : spawnGroupPrefix;
        const paths = new Map();
        const controllers = this.version === 2 ? [""] : ["pids", "freezer"];
        for (const controller of controllers) {
            const parent = this.directories.get(controller);
            if (!parent)
                continue;
            const path = `${parent}/${prefix}${name}`;
            await mkdir(path);
            paths.set(controller, path);
        }
        return new HostCgroup(name, this.version, paths);
    }
    /**
     * Kills and removes the spawn groups an earlier Hangar process left (their execs outlived
     * it), but the surviving ones unless `includeSurviving` (a graceful stop ends those too).
     */
    async reapSpawnGroups(includeSurviving = false) {
        const listing = this.directories.get(this.version === 2 ? "" : "pids");
        const names = (await childDirectories(listing)).filter((name) => name.startsWith(spawnGroupPrefix) || (includeSurviving && name.startsWith(survivingGroupPrefix)));
        for (const name of names) {
            const paths = new Map();
            for (const [controller, parent] of this.directories) {
                if (controller !== "memory" && existsSync(`${parent}/${name}`))
                    paths.set(controller, `${parent}/${name}`);
            }
            await new HostCgroup(name, this.version, paths).remove();
        }
    }
}
//# sourceMappingURL=container-cgroups.js.map