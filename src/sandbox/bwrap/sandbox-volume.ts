import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxLimits } from "../sandbox-port.js";
import { mountsBelow, mountTmpfs, unmount } from "./host-layout.js";

/**
 * Host storage of a persistent sandbox: /workspace and /tmp as two
 * size-limited tmpfs mounts owned by the sandbox's host uid. The host only
 * creates, mounts and removes them; every read and write of their content
 * happens inside the sandbox, so no host-side file operation can follow a
 * symlink the sandbox planted.
 */
export interface SandboxVolume {
  workspace: string;
  tmp: string;
  /** Whether the size limits are enforced (tmpfs mounts need root). */
  isSizeLimited: boolean;
}

export interface VolumeOptions {
  directory: string;
  workspaceBytes: number;
  tmpBytes: number;
  uid?: number;
  canMount: boolean;
}

export async function createVolume(options: VolumeOptions): Promise<SandboxVolume> {
  const workspace = join(options.directory, "workspace");
  const tmp = join(options.directory, "tmp");
  // The sandbox's host uid must be able to traverse down to the mount points.
  await mkdir(options.directory, { recursive: true, mode: 0o711 });
  await mkdir(workspace, { mode: 0o700 });
  await mkdir(tmp, { mode: 0o700 });
  if (options.canMount && options.uid !== undefined) {
    const owner = `uid=${options.uid},gid=${options.uid},nosuid,nodev`;
    await mountTmpfs(workspace, `size=${options.workspaceBytes},mode=0700,${owner}`);
    await mountTmpfs(tmp, `size=${options.tmpBytes},mode=0700,${owner}`);
  } else if (options.uid !== undefined) {
    await chown(workspace, options.uid, options.uid);
    await chown(tmp, options.uid, options.uid);
  }
  return { workspace, tmp, isSizeLimited: options.canMount && options.uid !== undefined };
}

export async function removeVolume(directory: string, volume: SandboxVolume | undefined): Promise<void> {
  if (volume?.isSizeLimited) {
    await unmount(volume.workspace);
    await unmount(volume.tmp);
  }
  // fs.rm never follows symlinks: it unlinks them.
  await rm(directory, { recursive: true, force: true });
}

/** The storage of a sandbox created by an earlier Hangar process (its mounts are still there). */
export function existingVolume(directory: string, isSizeLimited: boolean): SandboxVolume {
  return { workspace: join(directory, "workspace"), tmp: join(directory, "tmp"), isSizeLimited };
}

/** What a durable sandbox needs to be revived after a restart; kept beside its volume. */
export interface DurableRecord {
  id: string;
  owner: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  hostUid?: number;
  createdAt: string;
}

const recordFile = "sandbox.json";

export async function writeDurableRecord(directory: string, record: DurableRecord): Promise<void> {
  await writeFile(join(directory, recordFile), JSON.stringify(record), { mode: 0o600 });
}

export async function readDurableRecords(volumesDirectory: string): Promise<DurableRecord[]> {
  const entries = await readdir(volumesDirectory).catch(() => [] as string[]);
  const records: DurableRecord[] = [];
  for (const entry of entries) {
    try {
      const record = JSON.parse(
        await readFile(join(volumesDirectory, entry, recordFile), "utf8"),
      ) as DurableRecord;
      if (record.id === entry) records.push(record);
    } catch {
      // not durable, or unreadable: reaped like any leftover
    }
  }
  return records;
}

/**
 * Unmounts and removes what a previous process with the same runtime directory
 * left behind, except the volumes of durable sandboxes (`volumesDirectory`).
 */
export async function reapRuntimeDirectory(
  runtimeDirectory: string,
  volumesDirectory: string,
): Promise<void> {
  if (!existsSync(runtimeDirectory)) return;
  const keep = new Set(
    (await readDurableRecords(volumesDirectory)).map((record) => join(volumesDirectory, record.id)),
  );
  const isKept = (path: string): boolean =>
    [...keep].some((kept) => path === kept || path.startsWith(`${kept}/`));
  for (const point of await mountsBelow(runtimeDirectory)) if (!isKept(point)) await unmount(point);
  if (keep.size === 0) {
    await rm(runtimeDirectory, { recursive: true, force: true });
    return;
  }
  for (const entry of await readdir(runtimeDirectory)) {
    if (join(runtimeDirectory, entry) !== volumesDirectory) {
      await rm(join(runtimeDirectory, entry), { recursive: true, force: true });
    }
  }
  for (const entry of await readdir(volumesDirectory)) {
    const path = join(volumesDirectory, entry);
    if (!keep.has(path)) await rm(path, { recursive: true, force: true });
  }
}
