import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxLimits } from "../sandbox-port.js";
import { createChannelDirectory, removeChannelDirectory } from "../channel-directory.js";
import { isMountPoint, mountsBelow, mountTmpfs, unmount, unmountAll } from "../host-mounts.js";
import { createWorkspaceImage, mountWorkspaceImage, removeWorkspaceImage } from "../workspace-image.js";
import { ownerFile } from "./orphaned-runtime.js";

/**
 * Host storage of a persistent sandbox, owned by the sandbox's host uid: /tmp
 * a size-limited tmpfs, /workspace a size-limited tmpfs too, except for a
 * durable sandbox, whose workspace is a loop-mounted image in the data
 * directory (`durableDirectory`), so it survives reboots and takes no RAM.
 * The host only creates, mounts and removes them; every read and write of
 * their content happens inside the sandbox, so no host-side file operation
 * can follow a symlink the sandbox planted. The channel directory (sockets
 * between the agent runner and the host) lives beside them.
 */
export interface SandboxVolume {
  workspace: string;
  tmp: string;
  channel: string;
  /** Whether the size limits are enforced (mounts need root). */
  isSizeLimited: boolean;
  /** The image of a durable workspace, or its plain directory without root. */
  durableWorkspace?: string;
}

export interface VolumeOptions {
  id: string;
  /** Below the runtime directory: mount points the sandbox's uid can reach. */
  directory: string;
  /** In the data directory: images (root) or plain workspaces of durable sandboxes. */
  durableDirectory: string;
  isDurable: boolean;
  workspaceBytes: number;
  tmpBytes: number;
  uid?: number;
  canMount: boolean;
}

/** Mount options of a size-limited tmpfs only the sandbox's host uid may enter. */
function privateTmpfs(bytes: number, uid: number): string {
  return `size=${bytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev`;
}

/** The paths of a sandbox's volume; nothing is created. */
export function volumePaths(options: VolumeOptions): SandboxVolume {
  const isSizeLimited = options.canMount && options.uid !== undefined;
  const plainDurable = join(options.durableDirectory, options.id);
  return {
    workspace: options.isDurable && !isSizeLimited ? plainDurable : join(options.directory, "workspace"),
    tmp: join(options.directory, "tmp"),
    channel: join(options.directory, "channel"),
    isSizeLimited,
    ...(options.isDurable
      ? {
          durableWorkspace: isSizeLimited
            ? join(options.durableDirectory, `${options.id}.img`)
            : plainDurable,
        }
      : {}),
  };
}

export async function createVolume(options: VolumeOptions): Promise<SandboxVolume> {
  const volume = volumePaths(options);
  // The sandbox's host uid must be able to traverse down to the mount points.
  await mkdir(options.directory, { recursive: true, mode: 0o711 });
  await mkdir(volume.workspace, { mode: 0o700 });
  await mkdir(volume.tmp, { mode: 0o700 });
  if (volume.isSizeLimited) {
    const uid = options.uid!;
    if (volume.durableWorkspace) {
      await createWorkspaceImage(volume.durableWorkspace, volume.workspace, options.workspaceBytes, uid);
    } else {
      await mountTmpfs(volume.workspace, privateTmpfs(options.workspaceBytes, uid));
    }
    await mountTmpfs(volume.tmp, privateTmpfs(options.tmpBytes, uid));
  } else if (options.uid !== undefined) {
    await chown(volume.workspace, options.uid, options.uid);
    await chown(volume.tmp, options.uid, options.uid);
  }
  await createChannel(volume, options);
  return volume;
}

function createChannel(volume: SandboxVolume, options: VolumeOptions): Promise<void> {
  return createChannelDirectory(volume.channel, {
    canMount: options.canMount,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
  });
}

/**
 * The storage of a durable sandbox created by an earlier Hangar process. After
 * a restart its mounts are still there; after a reboot (or a start that found
 * nothing mounted) the workspace image is mounted again and /tmp and the channel are fresh tmpfs.
 */
export async function reopenVolume(options: VolumeOptions): Promise<SandboxVolume> {
  const volume = volumePaths(options);
  await mkdir(options.directory, { recursive: true, mode: 0o711 });
  await mkdir(volume.tmp, { recursive: true, mode: 0o700 });
  await mkdir(volume.workspace, { recursive: true, mode: 0o700 });
  if (volume.isSizeLimited) {
    const uid = options.uid!;
    if (volume.durableWorkspace) await mountWorkspaceImage(volume.durableWorkspace, volume.workspace);
    else if (!(await isMountPoint(volume.workspace))) {
      await mountTmpfs(volume.workspace, privateTmpfs(options.workspaceBytes, uid));
    }
    if (!(await isMountPoint(volume.tmp))) await mountTmpfs(volume.tmp, privateTmpfs(options.tmpBytes, uid));
  } else if (options.uid !== undefined) {
    await chown(volume.tmp, options.uid, options.uid);
  }
  await createChannel(volume, options);
  return volume;
}

export async function removeVolume(directory: string, volume: SandboxVolume | undefined): Promise<void> {
  if (volume) await removeChannelDirectory(volume.channel);
  if (volume?.isSizeLimited) {
    await unmount(volume.tmp);
    if (volume.durableWorkspace) await removeWorkspaceImage(volume.durableWorkspace, volume.workspace);
    else await unmount(volume.workspace);
  } else if (volume?.durableWorkspace) {
    await rm(volume.durableWorkspace, { recursive: true, force: true });
  }
  // fs.rm never follows symlinks: it unlinks them.
  await rm(directory, { recursive: true, force: true });
}

/** What a durable sandbox needs to be revived after a restart; kept beside its workspace image. */
export interface DurableRecord {
  id: string;
  owner: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  hostUid?: number;
  createdAt: string;
  /** Created by a Hangar that kept durable workspaces on tmpfs: it stays there until removed. */
  workspaceOnTmpfs?: boolean;
}

const recordSuffix = ".json";
/** Where a Hangar that kept durable workspaces on tmpfs kept their records: beside the volume. */
const legacyRecordFile = "sandbox.json";

/**
 * Moves the records of durable sandboxes an older Hangar kept in the runtime
 * directory to `durableDirectory`, marked as tmpfs workspaces: their files
 * stay where they are (still mounted, unless the host rebooted) instead of
 * being reaped as leftovers.
 */
export async function adoptLegacyRecords(volumesDirectory: string, durableDirectory: string): Promise<void> {
  for (const entry of await readdir(volumesDirectory).catch(() => [] as string[])) {
    const path = join(volumesDirectory, entry, legacyRecordFile);
    try {
      const record = JSON.parse(await readFile(path, "utf8")) as DurableRecord;
      if (record.id !== entry) continue;
      await writeDurableRecord(durableDirectory, { ...record, workspaceOnTmpfs: true });
      await rm(path, { force: true });
    } catch {
      // not durable, or unreadable: reaped like any leftover
    }
  }
}

export async function writeDurableRecord(durableDirectory: string, record: DurableRecord): Promise<void> {
  await writeFile(join(durableDirectory, `${record.id}${recordSuffix}`), JSON.stringify(record), {
    mode: 0o600,
  });
}

export async function removeDurableRecord(durableDirectory: string, id: string): Promise<void> {
  await rm(join(durableDirectory, `${id}${recordSuffix}`), { force: true });
}

export async function readDurableRecords(durableDirectory: string): Promise<DurableRecord[]> {
  const entries = await readdir(durableDirectory).catch(() => [] as string[]);
  const records: DurableRecord[] = [];
  for (const entry of entries.filter((name) => name.endsWith(recordSuffix))) {
    try {
      const record = JSON.parse(await readFile(join(durableDirectory, entry), "utf8")) as DurableRecord;
      if (`${record.id}${recordSuffix}` === entry) records.push(record);
    } catch {
      // unreadable: its sandbox is not revived
    }
  }
  return records;
}

/**
 * Unmounts and removes what a previous process with the same runtime directory
 * left behind, except the volumes of durable sandboxes (`keep`: their ids),
 * which keep their mounts until they are revived.
 */
export async function reapRuntimeDirectory(
  runtimeDirectory: string,
  volumesDirectory: string,
  keepIds: string[],
): Promise<void> {
  if (!existsSync(runtimeDirectory)) return;
  const keep = new Set(keepIds.map((id) => join(volumesDirectory, id)));
  const isKept = (path: string): boolean =>
    [...keep].some((kept) => path === kept || path.startsWith(`${kept}/`));
  await unmountAll((await mountsBelow(runtimeDirectory)).filter((point) => !isKept(point)));
  if (keep.size === 0) {
    await rm(runtimeDirectory, { recursive: true, force: true });
    return;
  }
  for (const entry of await readdir(runtimeDirectory)) {
    // The owner file stays with the kept volumes: if the data directory is deleted later
    // (a test's temporary one), it is what lets the next Hangar reap their mounts.
    if (join(runtimeDirectory, entry) !== volumesDirectory && entry !== ownerFile) {
      await rm(join(runtimeDirectory, entry), { recursive: true, force: true });
    }
  }
  for (const entry of await readdir(volumesDirectory).catch(() => [] as string[])) {
    const path = join(volumesDirectory, entry);
    if (!keep.has(path)) await rm(path, { recursive: true, force: true });
  }
}
