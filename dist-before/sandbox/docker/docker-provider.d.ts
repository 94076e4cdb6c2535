import Docker from "dockerode";
import { type SandboxId } from "../../core/ids.js";
import { LaunchScriptProvider, type SandboxRequest } from "../launch-script-provider.js";
import type { MemoryAdmission } from "../memory-admission.js";
import type { ProviderImages } from "../provider-images.js";
import type { ProviderCapabilities, SandboxFilter, SandboxInfo, SandboxLimits } from "../sandbox-port.js";
import { DockerSandbox } from "./docker-sandbox.js";
import { type LabelledContainer } from "./labelled-containers.js";
import { type AgentDirectories } from "../agent-mounts.js";
export type { LabelledContainer } from "./labelled-containers.js";
export declare const defaultSandboxImage = "hangar-sandbox:latest";
export interface DockerProviderOptions {
    /** Hangar's data directory; its hash labels this instance's containers. */
    dataDirectory: string;
    /** Where durable workspaces live (`projects_dir`, `hangar serve -d`); `<dataDirectory>/workspaces` by default. */
    workspacesDirectory?: string;
    /** The engine client; by default dockerode's, which honours DOCKER_HOST and the usual Docker variables. */
    docker?: Docker;
    /** Image of sandboxes whose spec names none. */
    defaultImage?: string;
    /** Pre-started single-use containers of the default image; 0 disables. */
    poolSize?: number;
    /** Limits of pooled sandboxes; a request with other limits gets a fresh container. */
    poolLimits?: SandboxLimits;
    /**
     * Separates one-off commands (`hangar run`, `hangar doctor`) from the server on the
     * same data directory: start-up removes only its own instance's containers.
     */
    instance?: string;
    /**
     * Labels the default image must carry (the session kernels' hash): an image
     * built by an older Hangar is refused at start with how to rebuild it.
     */
    requiredImageLabels?: Record<string, string>;
    /** Counts persistent sandboxes against a share of the host's RAM; none: no cap. */
    admission?: MemoryAdmission;
    /** The agent runner and installed agents, mounted read-only at /opt/hangar/{runner,agents}. */
    agentDirectories?: AgentDirectories;
    onError?: (message: string) => void;
}
export declare class DockerProvider extends LaunchScriptProvider<DockerSandbox> {
    private readonly options;
    readonly name = "docker";
    readonly instance: string;
    private readonly docker;
    readonly images: ProviderImages;
    private readonly defaultImage;
    private readonly knownImages;
    private readonly notes;
    private enforcement;
    private reaper;
    /** Durable workspaces as loop-mounted images in the data directory (root only; tmpfs otherwise). */
    private readonly durableDirectory;
    /**
     * Where the images are mounted for the containers to bind: in root's /run, not in the data
     * directory, so removing a data directory never trips over (or descends into) a live mount.
     */
    private readonly mountDirectory;
    private readonly canMount;
    private readonly isRoot;
    /**
     * The channel directories of persistent sandboxes, one per sandbox id, where the engine
     * can bind them: root's /run (each a tmpfs), or the data directory without root. Their
     * paths depend only on the sandbox id, so they survive restarts with the containers.
     */
    private readonly channelsDirectory;
    /** Read-only overlays of the agent directories, bound by every container (root only). */
    private readonly agentMountsDirectory;
    private readOnlyMounts;
    constructor(options: DockerProviderOptions);
    /** Checks the engine and the default image, and removes what a previous process left that is not durable. */
    start(): Promise<void>;
    protected get hasDiskWorkspaces(): boolean;
    capabilities(): ProviderCapabilities;
    list(filter?: SandboxFilter): Promise<SandboxInfo[]>;
    /** Every container of this instance the engine has, running or not. */
    listLabelled(extra?: Record<string, string>): Promise<LabelledContainer[]>;
    /** Removes a sandbox's container, whoever created it; nothing happens when there is none. */
    remove(id: SandboxId): Promise<void>;
    /** Ends every sandbox (durable ones keep their containers), then removes this instance's other containers. */
    stop(): Promise<void>;
    /** Only the default image is pooled. */
    protected isPoolable(request: SandboxRequest): boolean;
    protected build(request: SandboxRequest): Promise<DockerSandbox>;
    protected buildPooled(limits: SandboxLimits): Promise<DockerSandbox>;
    /** A sandbox an earlier process left running, reattached from its container's labels. */
    protected revive(id: SandboxId): Promise<DockerSandbox | undefined>;
    private launch;
    private wrap;
    private workspaceImage;
    /** Where the host mounts a durable workspace; the container binds it at /workspace. */
    private workspaceMount;
    private removeWorkspace;
    private channelDirectory;
    /** A tmpfs (root) owned by the container's user; idempotent, so a revived sandbox keeps its sockets. */
    private createChannel;
    /** Channels whose container is gone: unmounted and removed, never descended into while mounted. */
    private removeOrphanChannels;
    /** Images whose container is gone (a crash between the two, or a removal behind Hangar's back). */
    private removeOrphanWorkspaces;
    private requireImage;
    private checkImageLabels;
    private noteOnce;
    private report;
}
