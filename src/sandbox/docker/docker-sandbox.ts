import { randomBytes } from "node:crypto";
import { HangarError } from "../../core/errors.js";
import type { SandboxId } from "../../core/ids.js";
import { buildLaunchScript, type StagedFile } from "../launch-script.js";
import type { CgroupCounters } from "../cgroups/cgroup-driver.js";
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
import { sandboxUser, workspacePath } from "./docker-container-spec.js";
import { engineError, statusCodeOf } from "./docker-engine.js";
import type { SandboxMode } from "./docker-labels.js";
import { DockerProcess, type KeeperControl } from "./docker-process.js";
import { KeeperConnection } from "./keeper-connection.js";
import { keeperCommand } from "./keeper-protocol.js";
import { keeperReadyTimeoutMs, type SandboxContainer } from "./sandbox-container.js";

export interface DockerSandboxContext {
  id: SandboxId;
  /** Empty while the sandbox waits in the warm pool. */
  owner: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  mode: SandboxMode;
  durable: boolean;
  image: string;
  container: SandboxContainer;
  /** A single-use sandbox found after a restart: its keeper is out of reach, it only can be destroyed. */
  isSpent?: boolean;
  /** Called once the container is gone. */
  release(): void;
  onError?: (message: string) => void;
}

const noCounters: CgroupCounters = { oomKills: 0, pidsRefused: 0 };

export class DockerSandbox implements Sandbox {
  readonly workspacePath = workspacePath;
  private readonly staged: StagedFile[] = [];
  private readonly running = new Set<SandboxProcess>();
  private spent: boolean;
  private destroyed: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly context: DockerSandboxContext) {
    this.spent = context.isSpent ?? false;
  }

  get id(): SandboxId {
    return this.context.id;
  }

  get owner(): string {
    return this.context.owner;
  }

  get isDurable(): boolean {
    return this.context.durable;
  }

  get createdAt(): Date {
    return this.context.container.createdAt;
  }

  /** Whether a single-use sandbox's keeper still waits for its command. */
  get isParked(): boolean {
    const parked = this.context.container.parked;
    return !this.spent && parked !== undefined && !parked.connection.hasEnded;
  }

  /** Gives a pooled sandbox to its one owner. */
  assign(owner: string, labels: Record<string, string>): void {
    if (this.context.owner !== "") throw new Error(`sandbox ${this.id} already belongs to an owner`);
    this.context.owner = owner;
    this.context.labels = labels;
  }

  async spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess> {
    if (this.destroyed) throw new HangarError("SANDBOX_GONE", `sandbox ${this.id} was destroyed`);
    const isSingleUse = this.context.mode === "single-use";
    if (isSingleUse) {
      if (this.spent) throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} already ran`);
      this.spent = true;
    }
    const script = buildLaunchScript({
      command,
      limits: {
        openFiles: 1024,
        fileSizeBytes: this.context.limits.workspaceBytes,
        ...(options.cpuTimeSeconds === undefined ? {} : { cpuTimeSeconds: options.cpuTimeSeconds }),
      },
      files: this.staged.splice(0),
    });
    const process = isSingleUse ? await this.runParked(script, options) : await this.runExec(script, options);
    this.running.add(process);
    void process.exited.finally(() => this.running.delete(process));
    return process;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.staged.push({ path, data });
    if (this.context.mode === "single-use") return;
    // Coalesce concurrent writes into one exec that writes every staged file from inside.
    this.flushing ??= Promise.resolve().then(async () => {
      this.flushing = undefined;
      await writeStagedFiles(this, /^hangar-keeper: \d+: (eval: )?/gm);
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
    if (this.destroyed !== undefined) return false;
    if (this.context.mode === "single-use" && this.spent && this.running.size === 0) return false;
    return this.context.container.isRunning();
  }

  /** Ends every command but keeps the container and its files (a durable sandbox when Hangar stops). */
  async suspend(): Promise<void> {
    for (const process of this.running) process.kill();
    await Promise.allSettled([...this.running].map((process) => process.exited));
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      try {
        await this.suspend();
        await this.context.container.remove();
      } finally {
        this.context.release();
      }
    })();
    return this.destroyed;
  }

  info(provider: string, alive: boolean): SandboxInfo {
    return {
      id: this.id,
      provider,
      owner: this.owner,
      labels: this.context.labels,
      createdAt: this.createdAt,
      alive:
        alive &&
        this.destroyed === undefined &&
        !(this.context.mode === "single-use" && this.spent && this.running.size === 0),
    };
  }

  /** Single-use: the parked keeper gets the script on the stdin it is already attached to. */
  private async runParked(script: Buffer, options: SpawnOptions): Promise<SandboxProcess> {
    const { parked, cgroups, initPid, container } = this.context.container;
    if (!parked)
      throw new HangarError("SANDBOX_ERROR", `single-use sandbox ${this.id} cannot run a command any more`);
    const keeperPid = parked.hostPid;
    const control: KeeperControl = {
      mode: "single",
      killCommand: async () => {
        if (cgroups && keeperPid !== undefined) await cgroups.killAllExcept([initPid, keeperPid]);
        // Without its cgroup the whole container goes: the command cannot be told from its keeper.
        else await container.kill().catch(() => undefined);
      },
      counters: async () => (cgroups ? cgroups.counters() : noCounters),
      release: async () => undefined,
      ...(this.context.onError ? { onError: this.context.onError } : {}),
    };
    return new DockerProcess(parked.connection, control, script, options, await control.counters());
  }

  /**
   * Persistent: a `docker exec` of the keeper, moved into its own cgroup
   * (a "spawn group") before it reads its script, so everything the command
   * ever starts can be found and killed without touching other commands.
   */
  private async runExec(script: Buffer, options: SpawnOptions): Promise<SandboxProcess> {
    const { docker, container, cgroups } = this.context.container;
    let connection: KeeperConnection;
    try {
      const exec = await container.exec({
        Cmd: keeperCommand("exec"),
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        User: sandboxUser,
        WorkingDir: workspacePath,
      });
      const stream = await exec.start({ hijack: true, stdin: true });
      connection = new KeeperConnection(docker, stream);
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 404 || status === 409) {
        throw new HangarError("SANDBOX_GONE", `the container of sandbox ${this.id} is gone or stopped`);
      }
      throw await engineError(docker, `cannot start a command in sandbox ${this.id}`, error);
    }
    let group: Awaited<ReturnType<NonNullable<typeof cgroups>["createSpawnGroup"]>> | undefined;
    try {
      const keeperPid = await connection.ready(keeperReadyTimeoutMs);
      if (cgroups) {
        const hostPid = await cgroups.hostPid(keeperPid);
        if (hostPid === undefined)
          throw new HangarError("SANDBOX_ERROR", "cannot find the command's process on the host");
        group = await cgroups.createSpawnGroup(randomBytes(6).toString("hex"));
        await group.join(hostPid);
      }
      const spawnGroup = group;
      const control: KeeperControl = {
        mode: "exec",
        killCommand: async () => {
          if (spawnGroup) await spawnGroup.killAll();
          // Without cgroup access the only sure way to end a command is to stop its container.
          else await container.kill().catch(() => undefined);
        },
        counters: async () => {
          if (!cgroups) return noCounters;
          const counters = await cgroups.counters();
          return { ...counters, pidsRefused: counters.pidsRefused + (await spawnGroup!.pidsRefused()) };
        },
        release: async () => spawnGroup?.remove(),
        ...(this.context.onError ? { onError: this.context.onError } : {}),
      };
      return new DockerProcess(connection, control, script, options, await control.counters());
    } catch (error) {
      connection.close();
      await group?.remove().catch(() => undefined);
      throw error;
    }
  }

  private refuseSingleUse(): void {
    if (this.context.mode === "single-use") {
      throw new HangarError("SANDBOX_ERROR", "a single-use sandbox has no files to read after its command");
    }
  }
}
