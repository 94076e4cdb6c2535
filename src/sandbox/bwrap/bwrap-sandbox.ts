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

/** How long a persistent sandbox keeps an instance parked for its next command. */
const parkedIdleMs = 30_000;

/** A bubblewrap sandbox: each command is a fresh bubblewrap instance, parked ahead of time when it can be. */
export class BwrapSandbox extends LaunchScriptSandbox {
  private parked: Promise<ParkedInstance> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

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
    const parked = this.parked;
    this.parked = undefined;
    let instance = await parked?.catch(() => undefined);
    if (instance?.isAlive !== true) {
      instance?.discard();
      instance = await this.context.park();
    }
    const process = instance.run(script, options);
    if (!this.footprint.singleUse) this.parkNext();
    return process;
  }

  /**
   * A persistent sandbox's next command (an agent's next tool call) finds its instance
   * already set up: parking takes tens of milliseconds of namespace and cgroup work,
   * done now while this command runs. Dropped after a while without commands.
   */
  private parkNext(): void {
    const next = this.context.park();
    // A failure shows at the next spawn, which parks afresh.
    next.catch(() => undefined);
    this.parked = next;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.parked === next) void this.discardIdle();
    }, parkedIdleMs);
    this.idleTimer.unref();
  }

  protected override async discardIdle(): Promise<void> {
    clearTimeout(this.idleTimer);
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
