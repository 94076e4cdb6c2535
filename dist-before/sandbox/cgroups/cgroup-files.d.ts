/** Small file helpers shared by the v1 and v2 drivers. */
export declare function readNumber(path: string): Promise<number>;
/**
 * Reads `key value` lines (memory.events, pids.events, memory.oom_control).
 * Synchronous on purpose: these kernel files answer in microseconds, while a
 * trip through the thread pool costs a millisecond on every run's start.
 */
export declare function readKeyed(path: string, key: string): Promise<number>;
export declare function readPids(path: string): Promise<number[]>;
/** Processes plus their threads, from /proc; a process that is gone counts for nothing. */
export declare function countThreads(pids: number[]): Promise<number>;
export declare function writeValue(path: string, value: string | number): Promise<void>;
export declare function killPids(pids: number[]): void;
/** Removes a group directory once its processes are gone; retries while the kernel lets them exit. */
export declare function removeDirectory(path: string, procsFile: string): Promise<void>;
export declare function childDirectories(path: string): Promise<string[]>;
