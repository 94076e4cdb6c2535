import { HangarError } from "../core/errors.js";
import type { SandboxId } from "../core/ids.js";
import { buildLaunchScript, workspaceMountPoint, type StagedFile } from "./launch-script.js";
import { listFilesInside, readFileInside, writeStagedFiles } from "./sandbox-file-commands.js";
import type {
  Command,
  FileEntry,
  Sandbox,
  SandboxInfo,
  SandboxLimits,
  SandboxProcess,
  SpawnOptions,
} from "./sandbox-port.js";

/** What a sandbox is, whichever provider holds it. */
export interface LaunchScriptSandboxState {
  id: SandboxId;
  /** Empty while the sandbox waits in a warm pool. */
  owner: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  /** Runs one command, with the files written before it; then it is spent. */
  singleUse: boolean;
  /** Survives a restart of Hangar: `suspend()` on stop keeps its files. */
  durable: boolean;
  createdAt: Date;
  /** The host side of `/.hangar/channel`; none for single-use sandboxes. */
  channelDirectory?: string;
}

export interface LaunchScriptSandboxOptions {
  /**
   * The provider's shell prefix on error messages, stripped when writing a
   * file fails ("/.hangar/launch: 3: cannot create leak: Read-only file system").
   */
  shellPrefix: RegExp;
  /** RLIMIT_NPROC for each command: a backstop only where every sandbox has its own host uid. */
  processes?: number;
  /** A single-use sandbox that already ran its command (found again after a restart). */
  isSpent?: boolean;
}

/**
 * The lifecycle every provider whose commands start as a launch script
 * shares (bubblewrap, Docker): files staged until the next command writes
 * them from inside, the single-use rule, the set of running commands, and
 * suspend / destroy / assign. A provider supplies how a script starts
 * (`launch`), what idle resources to drop (`discardIdle`), whether its host
 * side still lives (`isHostAlive`) and how to free it (`release`).
 */
export abstract class LaunchScriptSandbox implements Sandbox {
  readonly workspacePath = workspaceMountPoint;
  private readonly staged: StagedFile[] = [];
  private readonly running = new Set<SandboxProcess>();
  private spent: boolean;
  private destroyed: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;
  private isFrozen = false;
  /** Freezes and thaws run one after the other, so a thaw never overtakes the freeze before it. */
  private freezing: Promise<unknown> = Promise.resolve();

  protected constructor(
    private readonly state: LaunchScriptSandboxState,
    private readonly options: LaunchScriptSandboxOptions,
  ) {
    this.spent = options.isSpent ?? false;
  }

  get id(): SandboxId {
    return this.state.id;
  }

  get owner(): string {
    return this.state.owner;
  }

  get channelDirectory(): string | undefined {
    return this.state.channelDirectory;
  }

  get isDurable(): boolean {
    return this.state.durable;
  }

  get createdAt(): Date {
    return this.state.createdAt;
  }

  protected get limits(): SandboxLimits {
    return this.state.limits;
  }

  /** What the sandbox was created with, as its provider counts it against the host's RAM. */
  get footprint(): { limits: SandboxLimits; singleUse: boolean; durable: boolean } {
    const { limits, singleUse, durable } = this.state;
    return { limits, singleUse, durable };
  }

  /** Whether this single-use sandbox has been handed its one command. */
  protected get isSpent(): boolean {
    return this.spent;
  }

  /** Gives a pooled sandbox to its one owner. */
  assign(owner: string, labels: Record<string, string>): void {
    if (this.state.owner !== "") throw new Error(`sandbox ${this.id} already belongs to an owner`);
    this.state.owner = owner;
    this.state.labels = labels;
  }

  async spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess> {
    if (this.destroyed) throw new HangarError("SANDBOX_GONE", `sandbox ${this.id} was destroyed`);
    // A command started in a frozen sandbox would be frozen with it (Docker: its exec would hang).
    await this.thaw();
    if (this.state.singleUse) {
      if (this.spent) throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} already ran`);
      this.spent = true;
    }
    const script = buildLaunchScript({
      command,
      limits: {
        openFiles: 1024,
        fileSizeBytes: this.state.limits.workspaceBytes,
        ...(options.cpuTimeSeconds === undefined ? {} : { cpuTimeSeconds: options.cpuTimeSeconds }),
        ...(this.options.processes === undefined ? {} : { processes: this.options.processes }),
      },
      files: this.staged.splice(0),
    });
    const process = await this.launch(script, options);
    this.running.add(process);
    void process.exited.finally(() => this.running.delete(process));
    return process;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.staged.push({ path, data });
    if (this.state.singleUse) return;
    // Coalesce concurrent writes into one command that writes every staged file from inside.
    this.flushing ??= Promise.resolve().then(async () => {
      this.flushing = undefined;
      await writeStagedFiles(this, this.options.shellPrefix);
    });
    await this.flushing;
  }

  readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined> {
    this.refuseSingleUse();
    return readFileInside(this, path, maxBytes);
  }

  listFiles(path: string): Promise<FileEntry[]> {
    this.refuseSingleUse();
    return listFilesInside(this, path === "" ? "." : path);
  }

  async isAlive(): Promise<boolean> {
    return !this.isFinished && (await this.isHostAlive());
  }

  freeze(): Promise<boolean> {
    return this.serialiseFreezing(async () => {
      if (this.destroyed) return false;
      this.isFrozen = await this.setFrozen(true);
      return this.isFrozen;
    });
  }

  thaw(): Promise<void> {
    return this.serialiseFreezing(async () => {
      if (!this.isFrozen) return;
      this.isFrozen = false;
      await this.setFrozen(false);
    });
  }

  cpuUsageSeconds(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }

  /** Ends every command but keeps the files (a durable sandbox when Hangar stops). */
  async suspend(): Promise<void> {
    // A frozen process does not die of SIGKILL (cgroup v1) until it is thawed.
    await this.thaw();
    for (const process of this.running) process.kill();
    await this.discardIdle();
    await Promise.allSettled([...this.running].map((process) => process.exited));
  }

  /** Kills every process and frees every resource; idempotent. */
  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      await this.suspend();
      await this.release();
    })();
    return this.destroyed;
  }

  /** `isHostAlive`: what the provider last saw of the host side (a container's state), when it knows. */
  info(provider: string, isHostAlive = true): SandboxInfo {
    return {
      id: this.id,
      provider,
      owner: this.owner,
      labels: this.state.labels,
      createdAt: this.createdAt,
      alive: isHostAlive && !this.isFinished,
    };
  }

  /** Starts the launch script; resolves once the command runs inside every limit. */
  protected abstract launch(script: Buffer, options: SpawnOptions): Promise<SandboxProcess>;

  /** Frees the host side (cgroup, storage, container); called once, after every command ended. */
  protected abstract release(): Promise<void>;

  /** Drops what waits for a next command (a parked instance) when the sandbox suspends. */
  protected async discardIdle(): Promise<void> {}

  /** Freezes or thaws every process of the sandbox; false where the provider cannot. */
  protected async setFrozen(_isFrozen: boolean): Promise<boolean> {
    return false;
  }

  /** Whether the host side still runs (a container can be stopped behind Hangar's back). */
  protected async isHostAlive(): Promise<boolean> {
    return true;
  }

  /** Destroyed, or single-use with its one command over. */
  private get isFinished(): boolean {
    return this.destroyed !== undefined || (this.state.singleUse && this.spent && this.running.size === 0);
  }

  private serialiseFreezing<T>(step: () => Promise<T>): Promise<T> {
    const next = this.freezing.then(step);
    this.freezing = next.catch(() => undefined);
    return next;
  }

  private refuseSingleUse(): void {
    if (this.state.singleUse) {
      throw new HangarError("SANDBOX_ERROR", "a single-use sandbox has no files to read after its command");
    }
  }
}
