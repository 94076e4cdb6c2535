import type { Cgroup } from "../cgroups/cgroup-driver.js";
import { LaunchScriptSandbox, type LaunchScriptSandboxState } from "../launch-script-sandbox.js";
import type { SandboxProcess, SpawnOptions } from "../sandbox-port.js";
import type { ParkedInstance } from "./bwrap-process.js";
/** What a sandbox needs from its provider; keeps the sandbox ignorant of pools and host layout. */
export interface BwrapSandboxContext extends LaunchScriptSandboxState {
    cgroup: Cgroup | undefined;
    /** Host uid of this sandbox when each sandbox has its own (then RLIMIT_NPROC is per sandbox). */
    hostUid: number | undefined;
    /** Starts a parked bubblewrap instance for this sandbox; `survivesRestart`: one that outlives Hangar. */
    park(survivesRestart?: boolean): Promise<ParkedInstance>;
    /** Frees cgroup, storage and uid; called once. */
    release(): Promise<void>;
}
/** A bubblewrap sandbox: each command is a fresh bubblewrap instance, parked ahead of time when it can be. */
export declare class BwrapSandbox extends LaunchScriptSandbox {
    private readonly context;
    private parked;
    private idleTimer;
    constructor(context: BwrapSandboxContext);
    /** Starts the next instance ahead of time, so the next spawn only has to hand it its script. */
    prepark(): Promise<ParkedInstance>;
    protected launch(script: Buffer, options: SpawnOptions): Promise<SandboxProcess>;
    /**
     * A persistent sandbox's next command (an agent's next tool call) finds its instance
     * already set up: parking takes tens of milliseconds of namespace and cgroup work,
     * done now while this command runs. Dropped after a while without commands.
     */
    private parkNext;
    protected discardIdle(): Promise<void>;
    protected setFrozen(isFrozen: boolean): Promise<boolean>;
    cpuUsageSeconds(): Promise<number | undefined>;
    protected release(): Promise<void>;
}
