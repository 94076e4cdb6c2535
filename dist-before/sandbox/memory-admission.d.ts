/**
 * Admission control for RAM: the sum of what live persistent sandboxes may
 * hold in memory (their memory limits, their tmpfs /tmp, their workspace when
 * that is a tmpfs) stays within a cap, a share of the host's RAM. A sandbox
 * past it is refused with CAPACITY (HTTP 503) and the reason, instead of the
 * kernel's OOM killer choosing a victim once they all fill up.
 */
export interface MemoryAdmissionOptions {
    /** The most RAM live sandboxes may hold together. */
    capBytes: number;
    /** How the cap came about, for the refusal (e.g. "sandbox.max_memory_share = 0.75 of 24 GiB"). */
    capSource: string;
}
/** What one admitted sandbox holds; releasing it twice is harmless. */
export interface MemoryReservation {
    readonly bytes: number;
    release(): void;
}
export declare class MemoryAdmission {
    #private;
    private readonly options;
    constructor(options: MemoryAdmissionOptions);
    get committedBytes(): number;
    get capBytes(): number;
    /** Commits `bytes`, or throws CAPACITY when that would pass the cap. */
    reserve(bytes: number, what: string): MemoryReservation;
    /**
     * Commits `bytes` whatever the cap: a sandbox that already exists (a durable
     * one revived after a restart) is counted, never refused, or its files would be lost.
     */
    commit(bytes: number): MemoryReservation;
}
