import type Docker from "dockerode";
import { ContainerCgroups } from "./container-cgroups.js";
import type { SandboxContainerOptions } from "./docker-container-spec.js";
import { KeeperConnection } from "./keeper-connection.js";
/** How long a fresh keeper may take to greet (container start or exec start included). */
export declare const keeperReadyTimeoutMs = 15000;
/** A single-use container whose keeper waits for its launch script on the attached stdin. */
export interface ParkedKeeper {
    connection: KeeperConnection;
    /** Host pid of the keeper, spared when the command is killed (undefined without cgroup access). */
    hostPid: number | undefined;
}
/**
 * One sandbox's container as the host sees it: the Engine API handle, the
 * host pid of its init, its cgroups (when this host can reach them) and, for
 * a single-use sandbox, its parked keeper.
 */
export declare class SandboxContainer {
    readonly docker: Docker;
    readonly container: Docker.Container;
    readonly initPid: number;
    readonly cgroups: ContainerCgroups | undefined;
    readonly parked: ParkedKeeper | undefined;
    readonly createdAt: Date;
    private constructor();
    /** Creates and starts a container; a single-use one is attached first so no byte of its keeper is lost. */
    static launch(docker: Docker, spec: SandboxContainerOptions): Promise<SandboxContainer>;
    /** The container of a sandbox an earlier Hangar process created; undefined when it is not running. */
    static reattach(docker: Docker, container: Docker.Container): Promise<SandboxContainer | undefined>;
    isRunning(): Promise<boolean>;
    /** Force-removes the container (every process in it dies); a container already gone is fine. */
    remove(): Promise<void>;
}
