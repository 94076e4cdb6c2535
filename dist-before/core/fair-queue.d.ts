export declare class FairQueue {
    #private;
    readonly size: number;
    readonly maxHeldPerOwner: number;
    constructor(size: number, maxHeldPerOwner?: number);
    get heldCount(): number;
    get waitingCount(): number;
    heldBy(owner: string): number;
    waitingFor(owner: string): number;
    /** True when `owner` would get a slot right now. */
    canTakeNow(owner: string): boolean;
    /**
     * Resolves with a release function (idempotent) once a slot is the owner's.
     * A waiter whose signal aborts leaves the line and rejects with `onAbort()`.
     */
    acquire(owner: string, signal?: AbortSignal, onAbort?: () => Error): Promise<() => void>;
}
