/**
 * The channel directory: a host directory every persistent sandbox sees
 * read-write at `/.hangar/channel`, where the agent runner inside and the
 * control plane outside meet over unix sockets (the sandbox has no network).
 *
 * As root it is its own 1 MiB tmpfs, owned by the sandbox's uid: the sandbox
 * cannot fill the host's disk through it, and `nosymfollow` means a symlink it
 * plants there (`runner.sock` → the Docker socket) is never followed by a host
 * process opening or connecting to a path in it. Without root it is a plain
 * directory (no size limit, and the host must not follow links in it).
 */
export declare const channelMountPoint = "/.hangar/channel";
/** What providers say in their capabilities' notes when they cannot mount the channel. */
export declare const plainChannelNote: string;
/** Room for sockets and a few small files, nothing more. */
export declare const channelBytes: number;
export interface ChannelOptions {
    /** The host uid that owns it: the sandbox's (bwrap as root) or its container user's. */
    uid?: number;
    /** Whether mounts are possible (root): a tmpfs, or else a plain directory. */
    canMount: boolean;
}
/**
 * Creates the channel at `path` (its parent must be a safe directory of Hangar's);
 * idempotent, so a durable sandbox revived after a restart keeps the sockets still
 * there, and gets a fresh one after a reboot.
 */
export declare function createChannelDirectory(path: string, options: ChannelOptions): Promise<void>;
/** Unmounts and removes the channel; nothing when it is already gone. */
export declare function removeChannelDirectory(path: string): Promise<void>;
