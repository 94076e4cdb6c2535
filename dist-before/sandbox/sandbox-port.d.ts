import type { Readable, Writable } from "node:stream";
import type { SandboxId } from "../core/ids.js";
import type { ProviderImages } from "./provider-images.js";
/**
 * The sandbox port. Every provider (bwrap and Docker today; Kubernetes and
 * remote workers later) implements it and passes the same conformance suite in
 * `test/sandbox/`. Nothing above this port knows which provider runs the code.
 */
/** Limits fixed when a sandbox is created; they cover every process in it together. */
export interface SandboxLimits {
    /** Memory for all processes, including files written to the tmpfs /tmp (and workspace, when a tmpfs). */
    memoryBytes: number;
    /** Processes plus threads alive at once. */
    pids: number;
    /** CPU bandwidth in cores (1 = one full core). */
    cpuCores: number;
    /** Size of the writable /workspace: a tmpfs, or for a durable sandbox an image on disk. */
    workspaceBytes: number;
    /** Size of the writable /tmp (and, separately, of /dev/shm). */
    tmpBytes: number;
}
export interface SandboxSpec {
    /** The owner the sandbox serves; a sandbox is never handed to another owner. */
    owner: string;
    limits: SandboxLimits;
    /** Free-form labels kept with the sandbox (for listing and reconciliation). */
    labels?: Record<string, string>;
    /**
     * The image the sandbox runs, for providers that have images (`provider.images`);
     * their default when absent. A provider without images refuses a spec that names one.
     */
    image?: string;
    /**
     * The sandbox will run exactly one command; files written before it are
     * delivered with it, and after it ends the sandbox is spent. Providers use
     * this to skip persistent storage (bwrap: a private tmpfs, no host mount).
     */
    singleUse?: boolean;
    /**
     * The sandbox outlives this Hangar process: after a restart, `find(id)` gives
     * it back with its workspace intact (its processes do not survive), after a
     * host reboot too: the workspace is on disk in the data directory. Sandboxes
     * that are not durable are removed when Hangar stops or starts.
     */
    durable?: boolean;
}
export interface Command {
    /** argv[0] is an absolute path inside the sandbox: no PATH lookup, no shims. */
    argv: string[];
    /** Added to the sandbox's fixed environment allowlist; never inherited from the host. */
    env?: Record<string, string>;
    /** Working directory inside the sandbox; defaults to the workspace. */
    cwd?: string;
}
export interface SpawnOptions {
    /** Wall-clock limit; on expiry every process this spawn started is killed. */
    timeoutMs: number;
    /** Combined stdout + stderr bytes; past it every process this spawn started is killed. */
    maxOutputBytes: number;
    /** CPU seconds (RLIMIT_CPU) for each process. */
    cpuTimeSeconds?: number;
    /** Aborting kills every process this spawn started. */
    signal?: AbortSignal;
    /**
     * The command outlives this Hangar process when it dies (a crash, `kill -9`): a
     * restarted Hangar revives the durable sandbox with the command still running
     * (the agent runner, which a restarted Hangar reattaches to). Only durable
     * sandboxes honour it, where the provider can still find and kill the command
     * after a restart (bwrap needs its cgroups); elsewhere the command ends with
     * Hangar like any other. `kill()`, a graceful
     * stop of Hangar (suspend) and `destroy()` still end it. Its stdout and stderr
     * end with this Hangar process, so it must not rely on them afterwards.
     */
    survivesRestart?: boolean;
}
/** Why a process ended. `exited` covers normal exits and deaths by a signal it did not get from us. */
export type ExitReason = "exited" | "timeout" | "memory_limit" | "pids_limit" | "output_limit" | "killed" | "sandbox_error";
export interface ExitInfo {
    reason: ExitReason;
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    durationMs: number;
    stdoutBytes: number;
    stderrBytes: number;
    /** Set when reason is `sandbox_error`: what went wrong on the host side. */
    detail?: string;
}
export interface SandboxProcess {
    /** The process's stdin; end() it when there is nothing more to send. */
    readonly stdin: Writable;
    readonly stdout: Readable;
    readonly stderr: Readable;
    /** Resolves once every process of this spawn is gone and stdout/stderr have ended. */
    readonly exited: Promise<ExitInfo>;
    /** Kills every process this spawn started; `exited` then resolves with reason `killed`. */
    kill(): void;
}
export interface FileEntry {
    /** Path relative to the directory listed. */
    path: string;
    type: "file" | "directory" | "symlink" | "other";
    size: number;
}
export interface SandboxInfo {
    id: SandboxId;
    provider: string;
    owner: string;
    labels: Record<string, string>;
    createdAt: Date;
    alive: boolean;
}
export interface Sandbox {
    readonly id: SandboxId;
    readonly owner: string;
    /** Absolute path of the workspace inside the sandbox (`/workspace`). */
    readonly workspacePath: string;
    /**
     * The HOST path of the directory the sandbox sees read-write at `/.hangar/channel`:
     * unix sockets created on either side are connectable from the other (the agent
     * runner's socket, the control plane's). Stable for the sandbox's life, across
     * restarts of Hangar for a durable one. Undefined for single-use sandboxes and
     * providers without one. Host processes must not follow symlinks found in it
     * (as root it is mounted `nosymfollow`); a socket the host creates there must be
     * made writable by the sandbox (chmod 0666) for it to connect.
     */
    readonly channelDirectory?: string;
    /** Starts a command; resolves once it is running inside every limit. */
    spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess>;
    /**
     * File operations resolve paths inside the sandbox, relative to the workspace.
     * They never follow a symlink out of the sandbox on the host side.
     */
    readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
    /** For a single-use sandbox the file is staged and written just before its command runs. */
    writeFile(path: string, data: Uint8Array | string): Promise<void>;
    listFiles(path: string): Promise<FileEntry[]>;
    isAlive(): Promise<boolean>;
    /** Kills every process and frees every resource; idempotent. */
    destroy(): Promise<void>;
    /**
     * Stops every process in the sandbox where it stands (the cgroup freezer): a
     * busy thread, a timer, a setsid child alike use no CPU until `thaw`, and keep
     * their memory and state. Resolves false where the provider or host cannot
     * freeze. `spawn` (and so every file operation) and `destroy` thaw first.
     * Not "suspend", which for durable sandboxes means ending every command.
     */
    freeze?(): Promise<boolean>;
    /** Lets what `freeze` stopped go on; nothing when the sandbox is not frozen. */
    thaw?(): Promise<void>;
    /** CPU seconds every process of the sandbox used since it was created; undefined where the host does not count. */
    cpuUsageSeconds?(): Promise<number | undefined>;
}
export interface SandboxFilter {
    owner?: string;
}
/** What a provider can enforce on this host, found by probing rather than assumed. */
export interface ProviderCapabilities {
    memoryLimit: boolean;
    pidsLimit: boolean;
    cpuLimit: boolean;
    diskLimit: boolean;
    network: "none" | "host";
    notes: string[];
}
export interface SandboxProvider {
    readonly name: string;
    /** Present when sandboxes run an image that a spec may choose. */
    readonly images?: ProviderImages;
    /** Checks prerequisites and reaps whatever an earlier process left behind. */
    start(): Promise<void>;
    capabilities(): ProviderCapabilities;
    create(spec: SandboxSpec, signal?: AbortSignal): Promise<Sandbox>;
    find(id: SandboxId): Promise<Sandbox | undefined>;
    list(filter?: SandboxFilter): Promise<SandboxInfo[]>;
    /** Destroys every sandbox this provider created. */
    stop(): Promise<void>;
}
