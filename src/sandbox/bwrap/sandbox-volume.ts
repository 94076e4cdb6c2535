import { chown, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { mountTmpfs, unmount } from "./host-layout.js";

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
    await mountTmpfs(workspace, `size=${options.workspaceBytes},mode=0755,${owner}`);
    await mountTmpfs(tmp, `size=${options.tmpBytes},mode=1777,${owner}`);
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
