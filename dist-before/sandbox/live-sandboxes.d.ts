import type { SandboxId } from "../core/ids.js";
import type { LaunchScriptSandbox } from "./launch-script-sandbox.js";
import type { MemoryReservation } from "./memory-admission.js";
import type { SandboxSpec } from "./sandbox-port.js";
import { type WarmPoolOptions } from "./warm-pool.js";
/**
 * The sandboxes a provider has handed out and its warm pool: what every
 * provider built on `LaunchScriptSandbox` keeps the same way. A sandbox
 * leaves the set when it is released; stopping ends them all.
 */
export declare class LiveSandboxes<T extends LaunchScriptSandbox> {
    private readonly byId;
    /** The RAM each admitted sandbox holds, given back when it is released or suspended. */
    private readonly reservations;
    private readonly pool;
    private isStopping;
    constructor(pool: WarmPoolOptions<T>);
    /** Refuses new sandboxes once the provider is stopping. */
    assertOpen(): void;
    /** A pooled sandbox for a single-use spec with the pool's limits, now its owner's; it never returns to the pool. */
    claim(spec: SandboxSpec): T | undefined;
    add(sandbox: T, reservation?: MemoryReservation): T;
    get(id: SandboxId): T | undefined;
    /** Forgets a released sandbox and tops the pool up in its place. */
    release(id: SandboxId): void;
    /** Whether the id is a pooled sandbox: nobody's yet, so never found or listed. */
    isPooled(id: string): boolean;
    refillPool(): void;
    values(): IterableIterator<T>;
    /** Sandboxes handed out and not destroyed yet. */
    get activeCount(): number;
    /** Pooled sandboxes waiting for a command. */
    get poolReady(): number;
    /** Destroys every sandbox but the durable ones, whose commands end and whose files stay. */
    stop(): Promise<void>;
}
