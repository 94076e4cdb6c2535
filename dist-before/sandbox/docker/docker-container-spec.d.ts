import type Docker from "dockerode";
import type { BindMount } from "../bind-mount.js";
import type { SandboxLimits } from "../sandbox-port.js";
/**
 * Pure builder for a sandbox container's create options: every isolation
 * decision of the Docker provider is here, readable and unit-tested in one
 * place. Nothing in it talks to the engine.
 */
export declare const sandboxUser = "1000:1000";
export declare const workspacePath = "/workspace";
/**
 * Processes of ours that count against the container's pids limit besides
 * the command's: docker-init, plus the keeper (single-use), or the idle main
 * process and one keeper per spawn (persistent).
 */
export declare const pidsOverhead: {
    readonly "single-use": 2;
    readonly persistent: 3;
};
export interface ContainerSpecInput {
    name: string;
    image: string;
    limits: SandboxLimits;
    mode: "single-use" | "persistent";
    labels: Record<string, string>;
    /** The fixed environment of every process; nothing comes from the host. */
    environment: Record<string, string>;
    /** Open files per process (RLIMIT_NOFILE). */
    openFiles: number;
    /**
     * A host directory (a durable sandbox's loop-mounted workspace image) bound
     * at /workspace; without it the workspace is a tmpfs that lives in RAM.
     */
    workspaceSource?: string;
    /** The host directory bound read-write at /.hangar/channel (persistent sandboxes). */
    channelSource?: string;
    /** Host directories bound read-only: the agent runner and the installed agents. */
    readOnlyMounts?: BindMount[];
    /**
     * The read-only mounts' sources are read-only, nosuid, nodev mounts already (Hangar
     * mounted them as root), which a plain bind keeps. Docker's own read-only bind would
     * remount the copy read-only and, with that, clear nosuid and nodev.
     */
    areSourcesReadOnlyMounts?: boolean;
}
/** `CgroupnsMode` is in the Engine API (1.41) but not in @types/dockerode. */
export type SandboxContainerOptions = Docker.ContainerCreateOptions & {
    HostConfig: Docker.HostConfig & {
        CgroupnsMode?: "private" | "host";
    };
};
export declare function buildContainerSpec(input: ContainerSpecInput): SandboxContainerOptions;
