import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, open, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { HangarError } from "../core/errors.js";
import { isMountPoint } from "./host-mounts.js";
/**
 * The durable workspace of a sandbox, on disk and size-limited: a sparse ext4
 * image per workspace in the data directory, loop-mounted where the sandbox
 * sees it. Sandboxes once kept it on tmpfs, which held it in RAM with no cap
 * on the sum and lost every file on a reboot.
 *
 * Why images and not project quotas: quotas need a file system mounted with
 * `prjquota`, which a data directory usually is not; an image needs only root.
 * Why ext4 with a journal: a reboot mid-write must not corrupt the workspace,
 * and `lazy_journal_init` keeps the image sparse anyway (about 400 KB on disk
 * for 256 MB; creating and mounting one takes about 50 ms).
 */
const run = promisify(execFile);
const mkfsPath = ["/usr/sbin/mkfs.ext4", "/sbin/mkfs.ext4"].find((path) => existsSync(path));
/** Loop mounts need root and mkfs.ext4; without them durable workspaces are plain directories. */
export function canUseWorkspaceImages() {
    return process.getuid?.() === 0 && mkfsPath !== undefined;
}
/**
 * Makes `directory` (images and records live in it) 0700 and Hangar's own,
 * creating its parents; refuses a symlink or a directory of another user,
 * which could swap an image under a mount.
 */
export async function ensureWorkspacesDirectory(directory) {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const stats = await lstat(directory);
    const uid = process.getuid?.();
    if (stats.isSymbolicLink() || !stats.isDirectory() || (uid !== undefined && stats.uid !== uid)) {
        throw new HangarError("ISOLATION_UNAVAILABLE", `refusing the workspaces directory ${directory}: not a directory of Hangar's user`);
    }
    if ((stats.mode & 0o777) !== 0o700)
        await chmod(directory, 0o700);
}
/**
 * Creates the image (sparse: only what is written takes disk space) and
 * mounts it at `mountPoint`, its root owned by `uid` with mode 0700.
 */
export async function createWorkspaceImage(imagePath, mountPoint, bytes, uid) {
    if (mkfsPath === undefined)
        throw new Error("mkfs.ext4 is not installed");
    // wx: never reuse (or follow) something already at the path.
    const file = await open(imagePath, "wx", 0o600);
    try {
        // ext4 needs a few MB for its own metadata; smaller workspaces get that floor.
        await file.truncate(Math.max(bytes, 8 * 1024 * 1024));
    }
    finally {
        await file.close();
    }
    // -m 0: no blocks reserved for root, so the sandbox gets the whole size.
    await run(mkfsPath, [
        "-q",
        "-F",
        "-m",
        "0",
        "-E",
        `root_owner=${uid}:${uid},lazy_itable_init=1,lazy_journal_init=1,nodiscard`,
        imagePath,
    ]);
    await mountWorkspaceImage(imagePath, mountPoint);
    // Before the sandbox ever ran: nothing in the file system is the sandbox's yet.
    await chmod(mountPoint, 0o700);
    await rmdir(join(mountPoint, "lost+found")).catch(() => undefined);
}
/** Mounts an existing image (again, after a restart or a reboot); nothing when it already is. */
export async function mountWorkspaceImage(imagePath, mountPoint) {
    if (await isMountPoint(mountPoint))
        return;
    await mkdir(mountPoint, { recursive: true, mode: 0o700 });
    // nosuid, nodev: a file the sandbox made set-uid or a device node stays inert on the host.
    await run("/usr/bin/mount", ["-t", "ext4", "-o", "loop,nosuid,nodev,noatime", imagePath, mountPoint]);
}
/**
 * Unmounts; the loop device detaches itself once the last user (a sandbox
 * still running in its own mount namespace) lets go, as `mount -o loop` sets autoclear.
 */
export async function unmountWorkspace(mountPoint) {
    await run("/usr/bin/umount", ["-l", mountPoint]).catch(() => undefined);
}
export async function removeWorkspaceImage(imagePath, mountPoint) {
    await unmountWorkspace(mountPoint);
    await rm(imagePath, { force: true });
}
//# sourceMappingURL=workspace-image.js.map