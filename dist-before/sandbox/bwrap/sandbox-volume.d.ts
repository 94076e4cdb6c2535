import type { SandboxLimits } from "../sandbox-port.js";
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
/** The paths of a sandbox's volume; nothing is created. */
export declare function volumePaths(options: VolumeOptions): SandboxVolume;
export declare function createVolume(options: VolumeOptions): Promise<SandboxVolume>;
/**
 * The storage of a durable sandbox created by an earlier Hangar process. After
 * a restart its mounts are still there; after a reboot (or a start that found
 * nothing mounted) the workspace image is mounted again and /tmp and the channel are fresh tmpfs.
 */
export declare function reopenVolume(options: VolumeOptions): Promise<SandboxVolume>;
export declare function removeVolume(directory: string, volume: SandboxVolume | undefined): Promise<void>;
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
/**
 * Moves the records of durable sandboxes an older Hangar kept in the runtime
 * directory to `durableDirectory`, marked as tmpfs workspaces: their files
 * stay where they are (still mounted, unless the host rebooted) instead of
 * being reaped as leftovers.
 */
export declare function adoptLegacyRecords(volumesDirectory: string, durableDirectory: string): Promise<void>;
export declare function writeDurableRecord(durableDirectory: string, record: DurableRecord): Promise<void>;
export declare function removeDurableRecord(durableDirectory: string, id: string): Promise<void>;
export declare function readDurableRecords(durableDirectory: string): Promise<DurableRecord[]>;
/**
 * Unmounts and removes what a previous process with the same runtime directory
 * left behind, except the volumes of durable sandboxes (`keep`: their ids),
 * which keep their mounts until they are revived.
 */
export declare function reapRuntimeDirectory(runtimeDirectory: string, volumesDirectory: string, keepIds: string[]): Promise<void>;
