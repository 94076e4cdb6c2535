/**
 * Resource limits through Linux control groups. The kernel enforces them for
 * a whole process tree, which rlimits alone cannot; and killing a cgroup kills
 * everything in it, however it forked. Both the v1 hierarchies (pids, memory,
 * cpu, freezer: this development machine) and the v2 unified tree (most
 * current distributions) are supported.
 */
export interface CgroupLimits {
    memoryBytes: number;
    pids: number;
    cpuCores: number;
}
export interface CgroupCounters {
    /** Processes the kernel's OOM killer has killed in this group. */
    oomKills: number;
    /** Forks refused because pids.max was reached. */
    pidsRefused: number;
}
export interface CgroupEnforcement {
    memory: boolean;
    pids: boolean;
    cpu: boolean;
    /** Whether the whole group can be frozen or killed atomically. */
    kill: boolean;
}
export interface Cgroup {
    readonly name: string;
    /** Moves processes (host pids) into the group. */
    join(pids: number[]): Promise<void>;
    counters(): Promise<CgroupCounters>;
    /** Kills every process in the group, including stopped and freshly forked ones. */
    killAll(): Promise<void>;
    /** Kills what is left and removes the group; idempotent. */
    remove(): Promise<void>;
    /** Host pids currently in the group. */
    processes(): Promise<number[]>;
    /** Processes plus threads in the group and every group below it (what the pids limit counts). */
    tasks(): Promise<number>;
    /** The group's pids limit (pids.max); Infinity when it has none. */
    taskLimit(): Promise<number>;
    /**
     * Stops (true) or lets go on (false) every process in the group and below it,
     * where it stands; returns once the kernel says it is done. False when this
     * host cannot freeze the group (no freezer).
     */
    freeze(isFrozen: boolean): Promise<boolean>;
    /** CPU time every process in the group has used, in seconds; undefined where the host does not count it. */
    cpuUsageSeconds(): Promise<number | undefined>;
}
export interface CgroupDriver {
    readonly version: 1 | 2;
    readonly enforcement: CgroupEnforcement;
    /** Human-readable notes on what could not be enabled, for `hangar doctor`. */
    readonly notes: string[];
    /**
     * Creates the group, or adopts one of that name an earlier process kept (`reapAll`'s
     * `keep`) with the processes still in it; either way with these limits.
     */
    create(name: string, limits: CgroupLimits): Promise<Cgroup>;
    /**
     * Kills and removes every group left under this driver's root by an earlier process,
     * but those whose name `keep` holds (durable sandboxes' commands that survive a
     * restart); returns how many were removed.
     */
    reapAll(keep?: ReadonlySet<string>): Promise<number>;
    /** Removes every group and this instance's own (then empty) directories. */
    close(): Promise<void>;
}
/** Maps each v1 controller (and "" for v2) to this process's cgroup path. */
export declare function readOwnCgroups(content?: string): Map<string, string>;
