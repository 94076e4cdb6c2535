import { type SandboxId } from "../../core/ids.js";
import type { BindMount } from "../bind-mount.js";
import { LaunchScriptProvider, type SandboxRequest } from "../launch-script-provider.js";
import type { MemoryAdmission } from "../memory-admission.js";
import type { ProviderCapabilities, SandboxFilter, SandboxInfo, SandboxLimits } from "../sandbox-port.js";
import { BwrapSandbox } from "./bwrap-sandbox.js";
import { type AgentDirectories } from "../agent-mounts.js";
import { type DurableRecord } from "./sandbox-volume.js";
export interface BwrapProviderOptions {
    /** Hangar's data directory; it names this instance's cgroups and runtime directory. */
    dataDirectory: string;
    /** Where durable workspaces live (`projects_dir`, `hangar serve -d`); `<dataDirectory>/workspaces` by default. */
    workspacesDirectory?: string;
    /** Extra read-only mounts: Hangar's kernels, toolchains outside /usr. */
    mounts?: BindMount[];
    /** The agent runner and installed agents, mounted read-only at /opt/hangar/{runner,agents}. */
    agentDirectories?: AgentDirectories;
    /** Pre-created single-use sandboxes kept parked; 0 disables. */
    poolSize?: number;
    /** Limits of pooled sandboxes; a request with other limits gets a fresh sandbox. */
    poolLimits?: SandboxLimits;
    bwrapPath?: string;
    /**
     * Separates one-off commands (`hangar run`, `hangar doctor`) from the server on the
     * same data directory: start-up reaps only its own instance's leftovers.
     */
    instance?: string;
    /** Counts persistent sandboxes against a share of the host's RAM; none: no cap. */
    admission?: MemoryAdmission;
    onError?: (message: string) => void;
    /**
     * Start bubblewrap through the spawn server (`spawn-server.ts`) where the host can run
     * it, instead of forking this process for every command: for a long-running server.
     */
    useSpawnServer?: boolean;
}
/**
 * Where an instance keeps its volumes, generated /etc and toolchain mounts.
 * As root each sandbox has its own host uid, which bubblewrap's mounts resolve
 * paths as, so the directory must be traversable: it lives in root's /run
 * (mode 0711, names not listable, each workspace 0700 of its sandbox's uid).
 * Otherwise sandboxes share Hangar's uid and it lives, 0700, in the data
 * directory. Never the world-writable temp directory, where anyone could plant it.
 */
export declare function bwrapRuntimeDirectory(dataDirectory: string, instance: string, isRoot: boolean): string;
export declare class BwrapProvider extends LaunchScriptProvider<BwrapSandbox> {
    private readonly options;
    readonly name = "bwrap";
    private readonly usedUids;
    /** Durable sandboxes from before a restart: files on disk, no processes until `find()`. */
    private readonly dormant;
    private readonly runtimeDirectory;
    /** Durable workspaces and their records: in the data directory, which outlives reboots (/run may not). */
    private readonly durableDirectory;
    private readonly canMount;
    private readonly isRoot;
    /** Sandbox uids (root only) must traverse to their volumes; nobody else needs in. */
    private readonly runtimeDirectoryMode;
    private readonly bwrapPath;
    private cgroups;
    private readOnlyMounts;
    private readonly seccompFilter;
    private spawnServer;
    private launchChild;
    constructor(options: BwrapProviderOptions);
    private readonly instance;
    start(): Promise<void>;
    protected get hasDiskWorkspaces(): boolean;
    capabilities(): ProviderCapabilities;
    list(filter?: SandboxFilter): Promise<SandboxInfo[]>;
    /** Ends every sandbox (durable ones keep their files), then reaps this instance's host state. */
    stop(): Promise<void>;
    /** Sandboxes see this host's /usr: there is no image to choose. */
    protected validate(request: SandboxRequest): void;
    protected buildPooled(limits: SandboxLimits): Promise<BwrapSandbox>;
    /** A durable sandbox from before a restart, revived with a fresh cgroup. */
    protected revive(id: SandboxId): Promise<BwrapSandbox | undefined>;
    /** A fresh sandbox, or with `existing` a durable one's storage and uid from before a restart. */
    protected build(request: SandboxRequest, existing?: DurableRecord): Promise<BwrapSandbox>;
    private allocateUid;
    /**
     * Kills and removes whatever a previous process with the same data directory
     * left behind, except the volumes of durable sandboxes and, at start, their
     * cgroups: the commands in them survived a crash on purpose (`survivesRestart`;
     * the others died with that process) and are found there when the sandbox is revived.
     * A graceful stop ends them too.
     */
    private reapLeftovers;
    private get volumesDirectory();
}
