import type { CgroupCounters } from "./cgroups/cgroup-driver.js";
export interface RefusedForkWatch {
    counters(): Promise<CgroupCounters>;
    /** The counters when the command started. */
    before: CgroupCounters;
    /**
     * Whether this command is what filled the limit; absent when it is the
     * sandbox's only command. Asked only when the counter rose.
     */
    isCulprit?: () => Promise<boolean>;
    onLimit(): void;
}
/**
 * Ends a fork bomb when it hits the pids limit rather than at its timeout.
 * The limit alone holds the bomb at its ceiling, its processes and a core busy
 * until `timeoutMs` (up to a minute); a refused fork is the sign that nothing
 * useful is happening any more, so `onLimit` is called once the counter rises
 * above its value at spawn. Polled, not watched with inotify: v1's
 * pids.events sends no notification, and a timer only while a command runs
 * costs nothing at spawn. The timer is unref'd so a running command never
 * keeps the server alive. Returns the function that stops watching.
 */
export declare function watchRefusedForks(watch: RefusedForkWatch): () => void;
/** Whether `own` tasks are enough of the sandbox's `limit` for their command to be taken for the bomb. */
export declare function holdsCulpritShare(own: number, limit: number): boolean;
/**
 * Processes plus threads of the process tree under `root` among `pids` (read
 * from /proc). Only asked when the limit was hit, so a hundred small reads are fine.
 */
export declare function treeTasks(pids: number[], root: number): Promise<number>;
