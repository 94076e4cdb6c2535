import type { Cgroup, CgroupCounters } from "../cgroups/cgroup-driver.js";
export declare class ContainerCgroups {
    private readonly version;
    /** v1: controller → directory; v2: "" → directory. */
    private readonly directories;
    private readonly group;
    private constructor();
    /** Finds the cgroups of the container whose init has `initPid` on the host; undefined when not reachable. */
    static locate(initPid: number, mountRoot?: string): ContainerCgroups | undefined;
    /** The host pid of a process in the container's own group, from its pid inside the container. */
    hostPid(containerPid: number): Promise<number | undefined>;
    counters(): Promise<CgroupCounters>;
    /** The container's pids limit; Infinity when it has none. */
    taskLimit(): Promise<number>;
    /** Kills every process of the container's own group but `spared` (single-use: the init and the keeper). */
    killAllExcept(spared: number[]): Promise<void>;
    /** Stops or lets go on every process in the container, its init and keepers too; false without a freezer. */
    freeze(isFrozen: boolean): Promise<boolean>;
    /** CPU seconds the container's processes used; undefined where the host does not count them. */
    cpuUsageSeconds(): Promise<number | undefined>;
    /**
     * A child group for one `docker exec`: its processes can be killed without touching the
     * others. A surviving one is spared when a restarted Hangar reaps what the crashed one left.
     */
    createSpawnGroup(name: string, survivesRestart?: boolean): Promise<Cgroup>;
    /**
     * Kills and removes the spawn groups an earlier Hangar process left (their execs outlived
     * it), but the surviving ones unless `includeSurviving` (a graceful stop ends those too).
     */
    reapSpawnGroups(includeSurviving?: boolean): Promise<void>;
}
