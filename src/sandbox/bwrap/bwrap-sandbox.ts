import { HangarError } from "../../core/errors.js";
import type { SandboxId } from "../../core/ids.js";
import type { Cgroup } from "../cgroups/cgroup-driver.js";
import { listFilesInside, readFileInside, writeStagedFiles } from "../sandbox-file-commands.js";
import type {
  Command,
  FileEntry,
  Sandbox,
  SandboxInfo,
  SandboxLimits,
  SandboxProcess,
  SpawnOptions,
} from "../sandbox-port.js";
import { workspaceMountPoint } from "./bwrap-arguments.js";
import type { ParkedInstance } from "./bwrap-process.js";
import { buildLaunchScript, type StagedFile } from "../launch-script.js";

/** What a sandbox needs from its provider; keeps the sandbox ignorant of pools and host layout. */
export interface BwrapSandboxContext {
  id: SandboxId;
  /** Empty while the sandbox waits in the warm pool. */
  owner: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  singleUse: boolean;
  /** Survives a restart of Hangar: `suspend()` on stop keeps its files. */
  durable: boolean;
  /** When an earlier Hangar process created it. */
  createdAt?: Date;
  cgroup: Cgroup | undefined;
  /** Host uid of this sandbox when each sandbox has its own (then RLIMIT_NPROC is per sandbox). */
  hostUid: number | undefined;
  /** Starts a parked bubblewrap instance for this sandbox. */
  park(): Promise<ParkedInstance>;
  /** Frees cgroup, storage and uid; called once. */
  release(): Promise<void>;
}

export class BwrapSandbox implements Sandbox {
  readonly workspacePath = workspaceMountPoint;
  readonly createdAt: Date;
  private readonly staged: StagedFile[] = [];
  private readonly running = new Set<SandboxProcess>();
  private parked: Promise<ParkedInstance> | undefined;
  private spent = false;
  private destroyed: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly context: BwrapSandboxContext) {
    this.createdAt = context.createdAt ?? new Date();
  }

  get isDurable(): boolean {
    return this.context.durable;
  }

  /** Ends every process but keeps the files (a durable sandbox when Hangar stops). */
  async suspend(): Promise<void> {
    for (const process of this.running) process.kill();
    const parked = this.parked;
    this.parked = undefined;
    if (parked) (await parked.catch(() => undefined))?.discard();
    await Promise.allSettled([...this.running].map((process) => process.exited));
  }

  get id(): SandboxId {
    return this.context.id;
  }

  get owner(): string {
    return this.context.owner;
  }

  /** Gives a pooled sandbox to its owner. */
  assign(owner: string, labels: Record<string, string>): void {
    if (this.context.owner !== "") throw new Error(`sandbox ${this.id} already belongs to an owner`);
    this.context.owner = owner;
    this.context.labels = labels;
  }

  /** Starts the next instance ahead of time, so the next spawn only has to hand it its script. */
  prepark(): Promise<ParkedInstance> {
    this.parked ??= this.context.park();
    return this.parked;
  }

  async spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess> {
    if (this.destroyed) throw new HangarError("SANDBOX_GONE", `sandbox ${this.id} was destroyed`);
    if (this.context.singleUse) {
      if (this.spent) throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} already ran`);
      this.spent = true;
    }
    const script = buildLaunchScript({
      command,
      limits: {
        openFiles: 1024,
        fileSizeBytes: this.context.limits.workspaceBytes,
        ...(options.cpuTimeSeconds === undefined ? {} : { cpuTimeSeconds: options.cpuTimeSeconds }),
        // A backstop for hosts without a pids cgroup; set above the cgroup limit so that one,
        // which reports what happened, trips first.
        ...(this.context.hostUid === undefined ? {} : { processes: this.context.limits.pids + 16 }),
      },
      files: this.staged.splice(0),
    });
    const parked = this.parked ?? this.context.park();
    this.parked = undefined;
    const process = (await parked).run(script, options);
    this.running.add(process);
    void process.exited.finally(() => this.running.delete(process));
    return process;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.staged.push({ path, data });
    if (this.context.singleUse) return;
    // Coalesce concurrent writes into one flush: one instance writes every staged file.
    this.flushing ??= Promise.resolve().then(async () => {
      this.flushing = undefined;
      await writeStagedFiles(this, /^\/\.hangar\/launch: \d+: /gm);
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
    return this.destroyed === undefined && !(this.context.singleUse && this.spent && this.running.size === 0);
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      for (const process of this.running) process.kill();
      const parked = this.parked;
      this.parked = undefined;
      if (parked) (await parked.catch(() => undefined))?.discard();
      await Promise.allSettled([...this.running].map((process) => process.exited));
      await this.context.release();
    })();
    return this.destroyed;
  }

  info(provider: string): SandboxInfo {
    return {
      id: this.id,
      provider,
      owner: this.owner,
      labels: this.context.labels,
      createdAt: this.createdAt,
      alive: this.destroyed === undefined,
    };
  }

  private refuseSingleUse(): void {
    if (this.context.singleUse) {
      throw new HangarError("SANDBOX_ERROR", "a single-use sandbox has no files to read after its command");
    }
  }
}
