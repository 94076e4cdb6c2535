import type { Sandbox, SandboxLimits } from "./sandbox-port.js";
export interface WarmPoolOptions<T extends Sandbox> {
    size: number;
    /** Limits of pooled sandboxes; only a request with exactly these is served from the pool. */
    limits: SandboxLimits | undefined;
    /** Creates one single-use sandbox with no owner yet, ready for its command. */
    build(limits: SandboxLimits): Promise<T>;
    /** Whether a pooled sandbox can still run its command (an engine restart ends parked containers). */
    isUsable?(sandbox: T): boolean;
    onError?: (message: string) => void;
}
/**
 * Single-use sandboxes started ahead of time, so that claiming one costs
 * nothing and running in it one write. Each is handed to exactly one owner
 * and never returns; refills happen one sandbox at a time, when asked (at
 * start and when a sandbox is released), not while a claimed one runs:
 * measured on two cores, refilling at claim time slows that very run.
 */
export declare class WarmPool<T extends Sandbox> {
    private readonly options;
    private readonly parked;
    private refilling;
    private stopped;
    constructor(options: WarmPoolOptions<T>);
    get ready(): number;
    has(id: string): boolean;
    matches(limits: SandboxLimits): boolean;
    /** The first pooled sandbox that can still run its command; unusable ones are destroyed on the way. */
    claim(): T | undefined;
    /** Tops the pool up in the background; a failure retries a second later. */
    refill(): void;
    /** Stops refilling and hands back what was parked, for destruction. */
    drain(): T[];
    private report;
}
