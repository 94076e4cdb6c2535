import type { SandboxId } from "../core/ids.js";
import type { LaunchScriptSandbox } from "./launch-script-sandbox.js";
import { LiveSandboxes } from "./live-sandboxes.js";
import type { MemoryAdmission } from "./memory-admission.js";
import type { ProviderCapabilities, Sandbox, SandboxFilter, SandboxInfo, SandboxLimits, SandboxProvider, SandboxSpec } from "./sandbox-port.js";
/** A new sandbox as a spec asks for it, with the defaults every provider applies. */
export interface SandboxRequest {
    owner: string;
    labels: Record<string, string>;
    limits: SandboxLimits;
    singleUse: boolean;
    /** Only a persistent sandbox can be durable. */
    durable: boolean;
    /** The spec's image; providers with images use their default when it is absent. */
    image: string | undefined;
}
export interface WarmPoolSettings<T> {
    /** Pre-started single-use sandboxes; 0 disables the pool. */
    size: number;
    /** Limits of pooled sandboxes; a request with other limits gets a fresh sandbox. */
    limits: SandboxLimits | undefined;
    /** Whether a pooled sandbox can still run its command. */
    isUsable?(sandbox: T): boolean;
    onError?: (message: string) => void;
}
/**
 * The part of `SandboxProvider` every provider built on `LaunchScriptSandbox`
 * shares: `create` from the warm pool when the request allows it, `find` among
 * the live sandboxes before reviving one an earlier process left, and the stats
 * the server reports. A provider supplies how to build, pool and revive.
 */
export declare abstract class LaunchScriptProvider<T extends LaunchScriptSandbox> implements SandboxProvider {
    private readonly admission?;
    abstract readonly name: string;
    protected readonly sandboxes: LiveSandboxes<T>;
    /**
     * `admission` counts persistent sandboxes against a share of the host's RAM;
     * single-use ones are bounded by the run queue's concurrency instead.
     */
    protected constructor(pool: WarmPoolSettings<T>, admission?: MemoryAdmission | undefined);
    create(spec: SandboxSpec): Promise<Sandbox>;
    /** A live sandbox, or one an earlier Hangar process left (a durable one), revived. */
    find(id: SandboxId): Promise<Sandbox | undefined>;
    /**
     * The RAM a sandbox may hold: its memory limit, its tmpfs /tmp, and its
     * workspace unless that is on disk. Single-use sandboxes are not counted.
     */
    private memoryBytes;
    /** Whether durable sandboxes keep their workspace on disk rather than in a tmpfs. */
    protected get hasDiskWorkspaces(): boolean;
    /** Pre-started single-use sandboxes waiting for a command. */
    get poolReady(): number;
    /** Sandboxes handed out and not destroyed yet. */
    get activeCount(): number;
    abstract start(): Promise<void>;
    abstract capabilities(): ProviderCapabilities;
    abstract list(filter?: SandboxFilter): Promise<SandboxInfo[]>;
    abstract stop(): Promise<void>;
    /** Builds a fresh sandbox for a request. */
    protected abstract build(request: SandboxRequest): Promise<T>;
    /** Builds one single-use sandbox with no owner yet, ready for its command, for the pool. */
    protected abstract buildPooled(limits: SandboxLimits): Promise<T>;
    /** An earlier process's sandbox with this id, reattached; undefined when there is none. */
    protected abstract revive(id: SandboxId): Promise<T | undefined>;
    /** Refuses what this provider cannot do, with an error naming the field. */
    protected validate(_request: SandboxRequest): void;
    /** Whether a pooled sandbox (single-use, the pool's limits) may serve the request. */
    protected isPoolable(_request: SandboxRequest): boolean;
}
