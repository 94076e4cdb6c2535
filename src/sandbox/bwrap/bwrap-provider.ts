import { createHash, randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { HangarError, errorMessage } from "../../core/errors.js";
import { newSandboxId, type SandboxId } from "../../core/ids.js";
import type { CgroupDriver } from "../cgroups/cgroup-driver.js";
import { detectCgroupDriver } from "../cgroups/detect-cgroup-driver.js";
import { RecycledCgroups } from "../cgroups/recycled-cgroups.js";
import type { BindMount } from "../bind-mount.js";
import { sandboxEnvironment } from "../launch-script.js";
import { LaunchScriptProvider, type SandboxRequest } from "../launch-script-provider.js";
import type { MemoryAdmission } from "../memory-admission.js";
import { imagesUnsupportedError } from "../provider-images.js";
import type { ProviderCapabilities, SandboxFilter, SandboxInfo, SandboxLimits } from "../sandbox-port.js";
import { buildBwrapArguments, type Storage } from "./bwrap-arguments.js";
import { infoFd, launchFd, ParkedInstance, seccompFd } from "./bwrap-process.js";
import { buildSeccompFilter, isSeccompSupported } from "./seccomp-filter.js";
import { BwrapSandbox } from "./bwrap-sandbox.js";
import type { LaunchChild } from "./child-launcher.js";
import { canUseSpawnServer, SpawnServer } from "./spawn-server.js";
import {
  claimRuntimeDirectory,
  killStrandedInstances,
  reapOrphanedRuntimeDirectories,
} from "./orphaned-runtime.js";
import { ensureOwnDirectory } from "./private-directory.js";
import { buildSandboxEtc, detectRootEntries, findBwrap } from "./host-layout.js";
import { exposeReadOnly } from "../host-mounts.js";
import { agentMounts, type AgentDirectories } from "../agent-mounts.js";
import { plainChannelNote } from "../channel-directory.js";
import {
  createVolume,
  adoptLegacyRecords,
  readDurableRecords,
  reapRuntimeDirectory,
  removeDurableRecord,
  removeVolume,
  reopenVolume,
  writeDurableRecord,
  type DurableRecord,
  type SandboxVolume,
} from "./sandbox-volume.js";
import { canUseWorkspaceImages, ensureWorkspacesDirectory } from "../workspace-image.js";

export interface BwrapProviderOptions {
  /** Hangar's data directory; it names this instance's cgroups and runtime directory. */
  dataDirectory: string;
  /** Where durable workspaces live (`projects_dir`, `hangar serve -d`); `<dataDirectory>/workspaces` by default. */
  workspacesDirectory?: string;
  /** Extra read-only mounts: Hangar's kernels, toolchains outside /usr. */
  mounts?: BindMount[];
  /** The agent runner and installed agents, mounted read-only at /opt/hangar/{runner,agents}. */
  agentDirectories?: AgentDirectories;
  /** Pre-created single-use sandboxes kept parked; 0 disables. */
  poolSize?: number;
  /** Limits of pooled sandboxes; a request with other limits gets a fresh sandbox. */
  poolLimits?: SandboxLimits;
  bwrapPath?: string;
  /**
   * Separates one-off commands (`hangar run`, `hangar doctor`) from the server on the
   * same data directory: start-up reaps only its own instance's leftovers.
   */
  instance?: string;
  /** Counts persistent sandboxes against a share of the host's RAM; none: no cap. */
  admission?: MemoryAdmission;
  onError?: (message: string) => void;
  /**
   * Start bubblewrap through the spawn server (`spawn-server.ts`) where the host can run
   * it, instead of forking this process for every command: for a long-running server.
   */
  useSpawnServer?: boolean;
}

/** Host uids for sandboxes when Hangar runs as root: one per sandbox, never a real user's. */
/**
 * Single-use sandboxes (one-shot runs: batch work) run below persistent ones (an
 * agent's commands, a session's kernel: someone is waiting on each step), which
 * the spawn server starts at niceness 5, below the server itself. Under a one-shot
 * burst a warm session step still gets a core promptly.
 */
const singleUseNiceness = 10;

const uidBase = 1_100_000;
const uidRange = 1 << 20;

/**
 * Where an instance keeps its volumes, generated /etc and toolchain mounts.
 * As root each sandbox has its own host uid, which bubblewrap's mounts resolve
 * paths as, so the directory must be traversable: it lives in root's /run
 * (mode 0711, names not listable, each workspace 0700 of its sandbox's uid).
 * Otherwise sandboxes share Hangar's uid and it lives, 0700, in the data
 * directory. Never the world-writable temp directory, where anyone could plant it.
 */
export function bwrapRuntimeDirectory(dataDirectory: string, instance: string, isRoot: boolean): string {
  return isRoot ? join("/run/hangar", instance) : join(resolve(dataDirectory), "runtime", instance);
}

export class BwrapProvider extends LaunchScriptProvider<BwrapSandbox> {
  readonly name = "bwrap";
  private readonly usedUids = new Set<number>();
  /** Durable sandboxes from before a restart: files on disk, no processes until `find()`. */
  private readonly dormant = new Map<string, DurableRecord>();
  private readonly runtimeDirectory: string;
  /** Durable workspaces and their records: in the data directory, which outlives reboots (/run may not). */
  private readonly durableDirectory: string;
  private readonly canMount = canUseWorkspaceImages();
  private readonly isRoot = process.getuid?.() === 0;
  /** Sandbox uids (root only) must traverse to their volumes; nobody else needs in. */
  private readonly runtimeDirectoryMode = this.isRoot ? 0o711 : 0o700;
  private readonly bwrapPath: string;
  private cgroups: CgroupDriver | undefined;
  /** Empty groups of finished single-use sandboxes, for the next ones (the warm pool's refills). */
  private recycledCgroups: RecycledCgroups | undefined;
  private readOnlyMounts: BindMount[] = [];
  private readonly seccompFilter = isSeccompSupported() ? buildSeccompFilter() : undefined;
  private spawnServer: SpawnServer | undefined;
  private launchChild: LaunchChild | undefined;

  constructor(private readonly options: BwrapProviderOptions) {
    super(
      {
        size: options.poolSize ?? 0,
        limits: options.poolLimits,
        ...(options.onError ? { onError: options.onError } : {}),
      },
      options.admission,
    );
    const instance = createHash("sha256")
      .update(resolve(options.dataDirectory))
      .update(options.instance === undefined ? "" : `\u0000${options.instance}`)
      .digest("hex")
      .slice(0, 12);
    this.runtimeDirectory = bwrapRuntimeDirectory(options.dataDirectory, instance, this.isRoot);
    this.durableDirectory = join(
      resolve(options.workspacesDirectory ?? join(options.dataDirectory, "workspaces")),
      `bwrap-${instance}`,
    );
    this.bwrapPath = options.bwrapPath ?? findBwrap();
    this.instance = instance;
  }

  private readonly instance: string;

  async start(): Promise<void> {
    if (!existsSync(this.bwrapPath)) {
      throw new HangarError(
        "ISOLATION_UNAVAILABLE",
        "bubblewrap is not installed: run  sudo apt-get install -y bubblewrap",
      );
    }
    this.cgroups = await detectCgroupDriver({ instance: this.instance });
    if (this.cgroups)
      this.recycledCgroups = new RecycledCgroups(this.cgroups, (this.options.poolSize ?? 0) + 8);
    await ensureOwnDirectory(dirname(this.runtimeDirectory), this.runtimeDirectoryMode);
    if (existsSync(this.runtimeDirectory)) {
      await ensureOwnDirectory(this.runtimeDirectory, this.runtimeDirectoryMode);
    }
    await ensureWorkspacesDirectory(this.durableDirectory);
    await adoptLegacyRecords(this.volumesDirectory, this.durableDirectory);
    await this.reapLeftovers(true);
    for (const record of await readDurableRecords(this.durableDirectory)) {
      this.dormant.set(record.id, record);
      if (record.hostUid !== undefined) this.usedUids.add(record.hostUid);
    }
    await ensureOwnDirectory(this.runtimeDirectory, this.runtimeDirectoryMode);
    await claimRuntimeDirectory(this.runtimeDirectory, this.options.dataDirectory);
    // Other data directories' leftovers (deleted without a stop) would slow every sandbox down.
    await reapOrphanedRuntimeDirectories(dirname(this.runtimeDirectory));
    killStrandedInstances(dirname(this.runtimeDirectory));
    if (this.options.useSpawnServer === true && canUseSpawnServer()) {
      const directory = join(this.runtimeDirectory, "spawn");
      await ensureOwnDirectory(directory, 0o700);
      const server = await SpawnServer.start(directory, (message) => this.options.onError?.(message));
      this.spawnServer = server;
      this.launchChild = (launch) => server.launch(launch);
    }
    const etc = await buildSandboxEtc(join(this.runtimeDirectory, "etc"));
    const mounts = [
      etc,
      ...(this.options.mounts ?? []),
      ...(await agentMounts(this.options.agentDirectories)),
    ];
    const exposed = await exposeReadOnly(
      mounts,
      join(this.runtimeDirectory, "mounts"),
      this.isRoot,
      this.options.onError,
    );
    this.readOnlyMounts = [{ source: "/usr", target: "/usr" }, ...exposed];
    this.sandboxes.refillPool();
  }

  protected override get hasDiskWorkspaces(): boolean {
    return this.canMount;
  }

  capabilities(): ProviderCapabilities {
    const enforcement = this.cgroups?.enforcement;
    const notes = [...(this.cgroups?.notes ?? [])];
    if (!this.cgroups) notes.push("no usable cgroup hierarchy: memory, pids and CPU limits are not enforced");
    if (!this.canMount)
      notes.push(
        "not running as root (or no mkfs.ext4): workspace size of persistent sandboxes is not limited",
      );
    if (!this.isRoot) notes.push(plainChannelNote);
    if (!this.seccompFilter)
      notes.push(`no seccomp filter on ${process.arch}: dangerous system calls are not blocked`);
    return {
      memoryLimit: enforcement?.memory ?? false,
      pidsLimit: (enforcement?.pids ?? false) || this.isRoot,
      cpuLimit: enforcement?.cpu ?? false,
      diskLimit: this.canMount,
      network: "none",
      notes,
    };
  }

  async list(filter: SandboxFilter = {}): Promise<SandboxInfo[]> {
    const live = [...this.sandboxes.values()].map((sandbox) => sandbox.info(this.name));
    const dormant = [...this.dormant.values()].map((record): SandboxInfo => ({
      id: record.id as SandboxId,
      provider: this.name,
      owner: record.owner,
      labels: record.labels,
      createdAt: new Date(record.createdAt),
      alive: true,
    }));
    return [...live, ...dormant].filter((info) => filter.owner === undefined || info.owner === filter.owner);
  }

  /** Ends every sandbox (durable ones keep their files), then reaps this instance's host state. */
  async stop(): Promise<void> {
    await this.sandboxes.stop();
    await this.spawnServer?.close();
    await this.recycledCgroups?.clear();
    await this.reapLeftovers();
    await this.cgroups?.close();
  }

  /** Sandboxes see this host's /usr: there is no image to choose. */
  protected override validate(request: SandboxRequest): void {
    if (request.image !== undefined) throw imagesUnsupportedError(this.name);
  }

  protected async buildPooled(limits: SandboxLimits): Promise<BwrapSandbox> {
    const sandbox = await this.build({
      owner: "",
      labels: {},
      limits,
      singleUse: true,
      durable: false,
      image: undefined,
    });
    await sandbox.prepark();
    return sandbox;
  }

  /** A durable sandbox from before a restart, revived with a fresh cgroup. */
  protected async revive(id: SandboxId): Promise<BwrapSandbox | undefined> {
    const record = this.dormant.get(id);
    if (!record) return undefined;
    this.dormant.delete(id);
    const { owner, labels, limits } = record;
    const request = { owner, labels, limits, singleUse: false, durable: true, image: undefined };
    return this.build(request, record);
  }

  /** A fresh sandbox, or with `existing` a durable one's storage and uid from before a restart. */
  protected async build(request: SandboxRequest, existing?: DurableRecord): Promise<BwrapSandbox> {
    const { owner, labels, limits, singleUse } = request;
    const id = (existing?.id as SandboxId | undefined) ?? newSandboxId();
    const hostUid = existing ? existing.hostUid : this.isRoot ? this.allocateUid() : undefined;
    const cgroupLimits = {
      memoryBytes: limits.memoryBytes,
      // bubblewrap's monitor and its init count against the limit too, and in a persistent
      // sandbox those of the instance parked for its next command.
      pids: limits.pids + (singleUse ? 2 : 4),
      cpuCores: limits.cpuCores,
    };
    // A persistent sandbox's group is named after it: a durable one's is found again after a restart.
    const cgroup = singleUse
      ? await this.recycledCgroups?.take(cgroupLimits)
      : await this.cgroups?.create(id, cgroupLimits);
    const volumeDirectory = join(this.volumesDirectory, id);
    const volumeOptions = {
      id,
      directory: volumeDirectory,
      durableDirectory: this.durableDirectory,
      isDurable: request.durable && existing?.workspaceOnTmpfs !== true,
      workspaceBytes: limits.workspaceBytes,
      tmpBytes: limits.tmpBytes,
      ...(hostUid === undefined ? {} : { uid: hostUid }),
      canMount: this.canMount,
    };
    let volume: SandboxVolume | undefined;
    try {
      if (existing) volume = await reopenVolume(volumeOptions);
      else if (!singleUse) volume = await createVolume(volumeOptions);
      if (request.durable && !existing) {
        await writeDurableRecord(this.durableDirectory, {
          id,
          owner,
          labels,
          limits,
          ...(hostUid === undefined ? {} : { hostUid }),
          createdAt: new Date().toISOString(),
        });
      }
    } catch (error) {
      await cgroup?.remove();
      // A half-made fresh volume (an image without its record) must not stay behind.
      if (!existing && !singleUse) await removeVolume(volumeDirectory, volume).catch(() => undefined);
      throw new HangarError("SANDBOX_ERROR", `cannot create sandbox storage: ${errorMessage(error)}`);
    }
    const storage: Storage = volume
      ? { kind: "volume", workspace: volume.workspace, tmp: volume.tmp, channel: volume.channel }
      : { kind: "private", workspaceBytes: limits.workspaceBytes, tmpBytes: limits.tmpBytes };
    const argvOf = (diesWithParent: boolean) =>
      buildBwrapArguments({
        diesWithParent,
        storage,
        shmBytes: limits.tmpBytes,
        rootEntries: detectRootEntriesOnce(),
        readOnly: this.readOnlyMounts,
        environment: sandboxEnvironment(),
        infoFd,
        launchFd,
        ...(this.seccompFilter ? { seccompFd } : {}),
      });
    const argv = argvOf(true);
    let released = false;
    return new BwrapSandbox({
      id,
      owner,
      labels,
      limits,
      singleUse,
      durable: request.durable,
      createdAt: existing ? new Date(existing.createdAt) : new Date(),
      ...(volume ? { channelDirectory: volume.channel } : {}),
      cgroup,
      hostUid,
      park: (survivesRestart = false) =>
        ParkedInstance.start({
          bwrapPath: this.bwrapPath,
          argv: survivesRestart ? argvOf(false) : argv,
          detached: survivesRestart,
          directory: this.runtimeDirectory,
          ...(this.launchChild ? { launchChild: this.launchChild } : {}),
          ...(hostUid === undefined ? {} : { uid: hostUid, gid: hostUid }),
          ...(cgroup ? { cgroup } : {}),
          ...(this.seccompFilter ? { seccompFilter: this.seccompFilter } : {}),
          ...(singleUse ? { niceness: singleUseNiceness } : {}),
        }),
      release: async () => {
        if (released) return;
        released = true;
        try {
          const freeCgroup = singleUse
            ? cgroup && this.recycledCgroups?.give(cgroup, cgroupLimits)
            : cgroup?.remove();
          await freeCgroup?.catch((error: unknown) => {
            this.options.onError?.(`cannot remove cgroup of ${id}: ${errorMessage(error)}`);
          });
          if (!singleUse) await removeVolume(volumeDirectory, volume);
          if (request.durable) await removeDurableRecord(this.durableDirectory, id);
          if (hostUid !== undefined) this.usedUids.delete(hostUid);
        } finally {
          this.sandboxes.release(id);
        }
      },
    });
  }

  private allocateUid(): number {
    for (;;) {
      const uid = uidBase + randomInt(uidRange);
      if (!this.usedUids.has(uid)) {
        this.usedUids.add(uid);
        return uid;
      }
    }
  }

  /**
   * Kills and removes whatever a previous process with the same data directory
   * left behind, except the volumes of durable sandboxes and, at start, their
   * cgroups: the commands in them survived a crash on purpose (`survivesRestart`;
   * the others died with that process) and are found there when the sandbox is revived.
   * A graceful stop ends them too.
   */
  private async reapLeftovers(keepDurableCommands = false): Promise<void> {
    const durable = await readDurableRecords(this.durableDirectory);
    await this.cgroups?.reapAll(new Set(keepDurableCommands ? durable.map((record) => record.id) : []));
    await reapRuntimeDirectory(
      this.runtimeDirectory,
      this.volumesDirectory,
      durable.map((record) => record.id),
    );
  }

  private get volumesDirectory(): string {
    return join(this.runtimeDirectory, "volumes");
  }
}

let rootEntries: ReturnType<typeof detectRootEntries> | undefined;
function detectRootEntriesOnce(): ReturnType<typeof detectRootEntries> {
  rootEntries ??= detectRootEntries();
  return rootEntries;
}
