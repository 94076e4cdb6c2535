import type { Cgroup, CgroupCounters } from "./cgroup-driver.js";
export type CgroupVersion = 1 | 2;
/**
 * One control group as the host sees it: a directory per v1 controller
 * (keyed by the controller's name), or the one v2 directory (keyed ""). The
 * groups Hangar creates for bubblewrap sandboxes, the groups of Docker
 * containers and the spawn groups inside them all work this way.
 */
export declare class HostCgroup implements Cgroup {
    readonly name: string;
    private readonly version;
    private readonly paths;
    constructor(name: string, version: CgroupVersion, paths: Map<string, string>);
    join(pids: number[]): Promise<void>;
    counters(): Promise<CgroupCounters>;
    /** Host pids in the group, never Hangar's own. */
    processes(): Promise<number[]>;
    tasks(): Promise<number>;
    taskLimit(): Promise<number>;
    killAll(): Promise<void>;
    freeze(isFrozen: boolean): Promise<boolean>;
    cpuUsageSeconds(): Promise<number | undefined>;
    /**
     * Kills every process in the group but `spared` (a container's init and
     * keeper), stopped and freshly forked ones included; returns once all are gone.
     */
    killAllExcept(spared: number[]): Promise<void>;
    /** Kills what is left and removes the group; idempotent. */
    remove(): Promise<void>;
    /** The directory whose freezer file stops the group (v1's freezer hierarchy, v2's one directory). */
    private get freezer();
    /** The directory whose cgroup.procs lists the group's processes. */
    private get listing();
}
