/**
 * Serialises async work per key within this process: work for one key runs one
 * at a time, in arrival order; different keys run concurrently. A key with
 * nothing queued is forgotten, so the map does not grow with every key ever seen.
 */
export declare class KeyedLock {
    #private;
    run<T>(key: string, work: () => Promise<T>): Promise<T>;
    /** Keys with work running or queued; for tests and metrics. */
    get size(): number;
}
