import type { Cgroup } from "../cgroups/cgroup-driver.js";
import type { SandboxProcess, SpawnOptions } from "../sandbox-port.js";
import { type LaunchChild } from "./child-launcher.js";
/**
 * One bubblewrap instance. It is started "parked": bubblewrap has created the
 * namespaces and reported the sandbox's pid, then blocks in set-up copying
 * the launch script from a pipe. We move it into the sandbox's cgroup, so
 * every process the command ever forks is inside the limits, and only then
 * write the script. Starting and parking ahead of time is what makes the warm
 * pool fast.
 */
export declare const infoFd = 3;
export declare const launchFd = 4;
export declare const seccompFd = 5;
/**
 * bubblewrap reads its options from this descriptor (`--args`), NUL-separated: its
 * argv, which the sandbox's pid 1 keeps and any process inside can read in
 * /proc/1/cmdline, is then `bwrap --args 6 -- <command>`, not every bind mount's
 * host path. The command itself must stay in argv: bubblewrap takes none from the descriptor.
 */
export declare const argumentsFd = 6;
export interface BwrapLaunch {
    bwrapPath: string;
    /** bubblewrap's options, sent on `argumentsFd`, then `--` and the command. */
    argv: string[];
    /**
     * bubblewrap's working directory on the host: the provider's runtime directory, so
     * an instance's processes can be told by `/proc/PID/cwd` now that their argv names
     * nothing of it. The sandbox never sees it (bubblewrap changes directory inside).
     */
    directory: string;
    /** Host user and group the sandbox runs as (when Hangar runs as root). */
    uid?: number;
    gid?: number;
    cgroup?: Cgroup;
    /** The compiled seccomp program, sent on `seccompFd` (the argv must name that fd). */
    seccompFilter?: Buffer;
    /**
     * In a process group of its own, so nothing aimed at Hangar's group (a terminal's
     * Ctrl-C) reaches it: for an instance that outlives Hangar (argv without --die-with-parent).
     */
    detached?: boolean;
    /** How the instance is started: the spawn server, or Node's own spawn by default. */
    launchChild?: LaunchChild;
}
export declare class ParkedInstance {
    private readonly child;
    private readonly sandboxPid;
    private readonly cgroup;
    readonly startedAt: number;
    private used;
    private constructor();
    /** Starts a parked instance; one retry covers a sandbox that died while it was being joined. */
    static start(launch: BwrapLaunch): Promise<ParkedInstance>;
    private static startOnce;
    get isAlive(): boolean;
    /** Delivers the launch script (see `buildLaunchScript`) and lets the instance run it. */
    run(script: Buffer, options: SpawnOptions): SandboxProcess;
    /**
     * While bubblewrap waits for its launch script it has not yet armed its
     * parent-death signal, so killing the monitor alone would leave it waiting:
     * kill the sandbox pid too, and close the pipe so it would read EOF anyway.
     */
    discard(): void;
}
