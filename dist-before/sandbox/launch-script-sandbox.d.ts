import type { SandboxId } from "../core/ids.js";
import type { Command, FileEntry, Sandbox, SandboxInfo, SandboxLimits, SandboxProcess, SpawnOptions } from "./sandbox-port.js";
/** What a sandbox is, whichever provider holds it. */
export interface LaunchScriptSandboxState {
    id: SandboxId;
    /** Empty while the sandbox waits in a warm pool. */
    owner: string;
    labels: Record<string, string>;
    limits: SandboxLimits;
    /** Runs one command, with the files written before it; then it is spent. */
    singleUse: boolean;
    /** Survives a restart of Hangar: `suspend()` on stop keeps its files. */
    durable: boolean;
    createdAt: Date;
    /** The host side of `/.hangar/channel`; none for single-use sandboxes. */
    channelDirectory?: string;
}
export interface LaunchScriptSandboxOptions {
    /**
     * The provider's shell prefix on error messages, stripped when writing a
     * file fails ("/.hangar/launch: 3: cannot create leak: Read-only file system").
     */
    shellPrefix: RegExp;
    /** RLIMIT_NPROC for each command: a backstop only where every sandbox has its own host uid. */
    processes?: number;
    /** A single-use sandbox that already ran its command (found again after a restart). */
    isSpent?: boolean;
}
/**
 * The lifecycle every provider whose commands start as a launch script
 * shares (bubblewrap, Docker): files staged until the next command writes
 * them from inside, the single-use rule, the set of running commands, and
 * suspend / destroy / assign. A provider supplies how a script starts
 * (`launch`), what idle resources to drop (`discardIdle`), whether its host
 * side still lives (`isHostAlive`) and how to free it (`release`).
 */
export declare abstract class LaunchScriptSandbox implements Sandbox {
    private readonly state;
    private readonly options;
    readonly workspacePath = "/workspace";
    private readonly staged;
    private readonly running;
    private spent;
    private destroyed;
    private flushing;
    private isFrozen;
    /** Freezes and thaws run one after the other, so a thaw never overtakes the freeze before it. */
    private freezing;
    protected constructor(state: LaunchScriptSandboxState, options: LaunchScriptSandboxOptions);
    get id(): SandboxId;
    get owner(): string;
    get channelDirectory(): string | undefined;
    get isDurable(): boolean;
    get createdAt(): Date;
    protected get limits(): SandboxLimits;
    /** What the sandbox was created with, as its provider counts it against the host's RAM. */
    get footprint(): {
        limits: SandboxLimits;
        singleUse: boolean;
        durable: boolean;
    };
    /** Whether this single-use sandbox has been handed its one command. */
    protected get isSpent(): boolean;
    /** Gives a pooled sandbox to its one owner. */
    assign(owner: string, labels: Record<string, string>): void;
    spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess>;
    writeFile(path: string, data: Uint8Array | string): Promise<void>;
    readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
    listFiles(path: string): Promise<FileEntry[]>;
    isAlive(): Promise<boolean>;
    freeze(): Promise<boolean>;
    thaw(): Promise<void>;
    cpuUsageSeconds(): Promise<number | undefined>;
    /** Ends every command but keeps the files (a durable sandbox when Hangar stops). */
    suspend(): Promise<void>;
    /** Kills every process and frees every resource; idempotent. */
    destroy(): Promise<void>;
    /** `isHostAlive`: what the provider last saw of the host side (a container's state), when it knows. */
    info(provider: string, isHostAlive?: boolean): SandboxInfo;
    /** Starts the launch script; resolves once the command runs inside every limit. */
    protected abstract launch(script: Buffer, options: SpawnOptions): Promise<SandboxProcess>;
    /** Frees the host side (cgroup, storage, container); called once, after every command ended. */
    protected abstract release(): Promise<void>;
    /** Drops what waits for a next command (a parked instance) when the sandbox suspends. */
    protected discardIdle(): Promise<void>;
    /** Freezes or thaws every process of the sandbox; false where the provider cannot. */
    protected setFrozen(_isFrozen: boolean): Promise<boolean>;
    /** Whether the host side still runs (a container can be stopped behind Hangar's back). */
    protected isHostAlive(): Promise<boolean>;
    /** Destroyed, or single-use with its one command over. */
    private get isFinished();
    private serialiseFreezing;
    private refuseSingleUse;
}
