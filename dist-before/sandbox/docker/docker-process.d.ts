import { PassThrough } from "node:stream";
import type { CgroupCounters } from "../cgroups/cgroup-driver.js";
import type { ExitInfo, SandboxProcess, SpawnOptions } from "../sandbox-port.js";
import type { KeeperConnection } from "./keeper-connection.js";
/** What a running command needs from its sandbox; the same for a parked container and an exec. */
export interface KeeperControl {
    /**
     * `single`: the keeper kills the command's leftovers itself and its trailers end the output.
     * `exec`: after the trailers the host kills the spawn's group (leftovers of the command).
     */
    mode: "single" | "exec";
    /** Kills every process of the command (not the keeper of a single-use sandbox), resolving once they are gone. */
    killCommand(): Promise<void>;
    counters(): Promise<CgroupCounters>;
    /** Whether `counters` reads real cgroups (then a refused fork ends the command at once). */
    hasCgroups: boolean;
    /** `exec`: whether this command holds enough of the container's tasks to be what hit the limit. */
    isCulprit?: () => Promise<boolean>;
    /** Frees what the spawn held (its cgroup); runs once, after the counters were read. */
    release(): Promise<void>;
    onError?: (message: string) => void;
}
export declare class DockerProcess implements SandboxProcess {
    private readonly connection;
    private readonly control;
    private readonly options;
    readonly stdin: PassThrough;
    readonly stdout: PassThrough;
    readonly stderr: PassThrough;
    readonly exited: Promise<ExitInfo>;
    private readonly nonce;
    private readonly stdoutTrailer;
    private readonly stderrTrailer;
    private stopReason;
    private stdoutBytes;
    private stderrBytes;
    private finished;
    private killing;
    private wake;
    constructor(connection: KeeperConnection, control: KeeperControl, script: Buffer, options: SpawnOptions, before: CgroupCounters);
    kill(): void;
    private stop;
    /**
     * Kills until the keeper reports or its stream ends. Once is not enough: a
     * stop that came before the keeper forked the command finds nothing to kill.
     * A keeper that cannot answer any more (its container gone) must not hold
     * `exited` for ever, so past a grace period its stream is cut.
     */
    private killUntilHeard;
    private supervise;
    private get hasTrailers();
    /** Copies output until the combined limit; past it, the command is killed. */
    private forward;
}
