import { chmod, lstat, mkdir } from "node:fs/promises";
import { HangarError } from "../../core/errors.js";
/**
 * Makes `path` a directory of Hangar's user with `mode`, refusing one that is
 * a symlink, not a directory, owned by another user or writable by others:
 * sandbox volumes live below it, and a directory someone else planted (or a
 * link to one) would let them read or swap a workspace. Its parent must be
 * safe already (root's /run, or a checked directory), so nobody can swap
 * `path` between the checks and its use.
 */
export async function ensureOwnDirectory(path, mode) {
    await mkdir(path, { mode }).catch((error) => {
        if (error.code !== "EEXIST")
            throw error;
    });
    const stats = await lstat(path);
    const refuse = (why) => new HangarError("ISOLATION_UNAVAILABLE", `refusing the sandbox runtime directory ${path}: ${why}`);
    if (stats.isSymbolicLink())
        throw refuse("it is a symlink");
    if (!stats.isDirectory())
        throw refuse("it is not a directory");
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
        throw refuse(`it is owned by uid ${stats.uid}, not by Hangar's uid ${uid}`);
    }
    if ((stats.mode & 0o022) !== 0) {
        throw refuse(`its mode ${(stats.mode & 0o777).toString(8)} lets others write to it`);
    }
    // mkdir applies the umask, and an older Hangar may have left wider modes.
    if ((stats.mode & 0o777) !== mode)
        await chmod(path, mode);
}
//# sourceMappingURL=private-directory.js.map