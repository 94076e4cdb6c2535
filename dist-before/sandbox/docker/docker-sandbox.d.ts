import { LaunchScriptSandbox } from "../launch-script-sandbox.js";
import type { SandboxProcess, SpawnOptions } from "../sandbox-port.js";
import type { SandboxLabels } from "./docker-labels.js";
import { type SandboxContainer } from "./sandbox-container.js";
export interface DockerSandboxContext {
    /** What the container's labels say; the owner is empty while the sandbox waits in the warm pool. */
    labels: SandboxLabels;
    container: SandboxContainer;
    /** A single-use sandbox found after a restart: its keeper is out of reach, it only can be destroyed. */
    isSpent?: boolean;
    /** The host side of the sandbox's `/.hangar/channel` (persistent sandboxes). */
    channelDirectory?: string;
    /** Called once the container is gone (frees a durable workspace and the channel). */
    release(): Promise<void>;
    onError?: (message: string) => void;
}
/**
 * A Docker sandbox: one container. Single-use ones run their command in the
 * keeper parked as the container's main process; persistent ones `docker exec`
 * a keeper per command.
 */
export declare class DockerSandbox extends LaunchScriptSandbox {
    private readonly context;
    constructor(context: DockerSandboxContext);
    /** Whether a single-use sandbox's keeper still waits for its command. */
    get isParked(): boolean;
    protected launch(script: Buffer, options: SpawnOptions): Promise<SandboxProcess>;
    protected isHostAlive(): Promise<boolean>;
    /**
     * The container's freezer directly: the same kernel mechanism as `docker pause`
     * without a trip through the engine. Where the cgroups are out of reach, the
     * engine pauses it instead.
     */
    protected setFrozen(isFrozen: boolean): Promise<boolean>;
    cpuUsageSeconds(): Promise<number | undefined>;
    /** Also ends the surviving commands an earlier Hangar process started (this one holds no handle on them). */
    suspend(): Promise<void>;
    protected release(): Promise<void>;
    /** Single-use: the parked keeper gets the script on the stdin it is already attached to. */
    private runParked;
    /**
     * Persistent: a `docker exec` of the keeper, moved into its own cgroup
     * (a "spawn group") before it reads its script, so everything the command
     * ever starts can be found and killed without touching other commands.
     */
    private runExec;
}
