/**
 * Makes `path` a directory of Hangar's user with `mode`, refusing one that is
 * a symlink, not a directory, owned by another user or writable by others:
 * sandbox volumes live below it, and a directory someone else planted (or a
 * link to one) would let them read or swap a workspace. Its parent must be
 * safe already (root's /run, or a checked directory), so nobody can swap
 * `path` between the checks and its use.
 */
export declare function ensureOwnDirectory(path: string, mode: number): Promise<void>;
