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
export class BwrapSandbox extends LaunchScriptSandbox {
  private parked: Promise<ParkedInstance> | undefined;

  constructor(private readonly context: BwrapSandboxContext) {
    super(context, {
      shellPrefix: /^\/\.hangar\/launch: \d+: /gm,
      // A backstop for hosts without a pids cgroup; set above the cgroup limit so that one,
      // which reports what happened, trips first.
      ...(context.hostUid === undefined ? {} : { processes: context.limits.pids + 16 }),
    });
  }

  /** Starts the next instance ahead of time, so the next spawn only has to hand it its script. */
  prepark(): Promise<ParkedInstance> {
    this.parked ??= this.context.park();
    return this.parked;
  }

  protected async launch(script: Buffer, options: SpawnOptions): Promise<SandboxProcess> {
    // Only a durable sandbox's cgroup is kept across a restart: without one nothing could
    // find (or kill) the command afterwards, so it dies with Hangar like any other.
    if (options.survivesRestart === true && this.isDurable && this.context.cgroup !== undefined) {
      return (await this.context.park(true)).run(script, options);
    }
    const parked = this.parked ?? this.context.park();
    this.parked = undefined;
    return (await parked).run(script, options);
  }

  protected override async discardIdle(): Promise<void> {
    const parked = this.parked;
    this.parked = undefined;
    if (parked) (await parked.catch(() => undefined))?.discard();
  }

  protected override async setFrozen(isFrozen: boolean): Promise<boolean> {
    return (await this.context.cgroup?.freeze(isFrozen)) ?? false;
  }

  override async cpuUsageSeconds(): Promise<number | undefined> {
    return this.context.cgroup?.cpuUsageSeconds();
  }

  protected release(): Promise<void> {
    return this.context.release();
  }
}
