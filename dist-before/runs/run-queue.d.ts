export interface RunQueueLimits {
    maxConcurrent: number;
    /** Runs waiting, all owners together. */
    maxQueue: number;
    /** Runs one owner may have executing at once. */
    maxRunningPerOwner: number;
    /** Runs one owner may have waiting: one tenant's burst cannot fill the queue for everyone. */
    maxQueuedPerOwner: number;
}
/**
 * Bounds how many runs execute at once and how many may wait, overall and per
 * owner, and starts waiting runs owner by owner in turn. Past a limit, a caller
 * is told to come back (429 with Retry-After) instead of piling up memory and
 * latency.
 */
export declare class RunQueue {
    #private;
    readonly limits: RunQueueLimits;
    constructor(limits: RunQueueLimits);
    get maxConcurrent(): number;
    get maxQueue(): number;
    get runningCount(): number;
    get queuedCount(): number;
    /**
     * Resolves with a release function once the owner's run may start. Past a limit it throws at
     * once (not in the Promise): an asynchronous run is refused before it is answered 202.
     */
    acquire(owner: string, signal?: AbortSignal): Promise<() => void>;
}
