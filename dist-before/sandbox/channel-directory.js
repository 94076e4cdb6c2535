import { chmod, chown, mkdir, rm } from "node:fs/promises";
import { isMountPoint, mountTmpfs, unmount } from "./host-mounts.js";
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
export const channelMountPoint = "/.hangar/channel";
/** What providers say in their capabilities' notes when they cannot mount the channel. */
export const plainChannelNote = "not running as root: the channel directory is a plain directory, neither size-limited nor " +
    "mounted nosymfollow, so host code must not follow symlinks found in it";
/** Room for sockets and a few small files, nothing more. */
export const channelBytes = 1024 * 1024;
/** The tmpfs options: size-capped, only its owner may enter, nothing in it runs, links lead nowhere. */
function channelTmpfs(uid) {
    return `size=${channelBytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev,noexec,nosymfollow`;
}
/**
 * Creates the channel at `path` (its parent must be a safe directory of Hangar's);
 * idempotent, so a durable sandbox revived after a restart keeps the sockets still
 * there, and gets a fresh one after a reboot.
 */
export async function createChannelDirectory(path, options) {
    await mkdir(path, { recursive: true, mode: 0o700 });
    if (options.canMount && options.uid !== undefined) {
        if (!(await isMountPoint(path)))
            await mountTmpfs(path, channelTmpfs(options.uid));
        return;
    }
    if (options.uid !== undefined && process.getuid?.() === 0)
        await chown(path, options.uid, options.uid);
    // Without root, a container's user is not Hangar's: only the 0700 parents keep others out.
    else if (options.uid !== undefined && options.uid !== process.getuid?.())
        await chmod(path, 0o777);
}
/** Unmounts and removes the channel; nothing when it is already gone. */
export async function removeChannelDirectory(path) {
    if (await isMountPoint(path))
        await unmount(path);
    // fs.rm never follows symlinks: it unlinks them.
    await rm(path, { recursive: true, force: true });
}
//# sourceMappingURL=channel-directory.js.map