import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { HangarError } from "../core/errors.js";
/**
 * One server per data directory. Start-up reaps the sandboxes a previous
 * process left there, so a second server (or a `hangar sandbox rm`) on the
 * same directory would kill the first one's sandboxes; this file prevents it.
 */
const lockFile = "server.pid";
/** The pid of a live server using the data directory, if any. */
export function runningServerPid(dataDirectory) {
    let pid;
    try {
        pid = Number.parseInt(readFileSync(join(resolve(dataDirectory), lockFile), "utf8"), 10);
    }
    catch {
        return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid)
        return undefined;
    try {
        process.kill(pid, 0);
        return pid;
    }
    catch (error) {
        // EPERM: alive but not ours to signal, still a server.
        return error.code === "EPERM" ? pid : undefined;
    }
}
/** Claims the data directory for this server; the returned function releases it. */
export function acquireServerLock(dataDirectory) {
    const other = runningServerPid(dataDirectory);
    if (other !== undefined) {
        throw new HangarError("CONFIG_INVALID", `another Hangar server (pid ${other}) is using the data directory ${resolve(dataDirectory)}; stop it or choose another --data-dir`, { field: "data_dir" });
    }
    mkdirSync(resolve(dataDirectory), { recursive: true, mode: 0o700 });
    const path = join(resolve(dataDirectory), lockFile);
    writeFileSync(path, String(process.pid));
    return () => {
        if (runningServerPid(dataDirectory) === undefined)
            rmSync(path, { force: true });
    };
}
/** For commands that manage the server's own sandboxes: refuse while a server runs. */
export function assertNoServer(dataDirectory, alternative) {
    const pid = runningServerPid(dataDirectory);
    if (pid === undefined)
        return;
    throw new HangarError("CONFLICT", `a Hangar server (pid ${pid}) is using ${resolve(dataDirectory)}: stop it first, or ${alternative}`, { field: "data_dir" });
}
//# sourceMappingURL=server-lock.js.map