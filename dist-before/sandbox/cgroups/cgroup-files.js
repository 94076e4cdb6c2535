import { readFileSync } from "node:fs";
import { readFile, readdir, rmdir, writeFile } from "node:fs/promises";
import { delay } from "../../core/abort.js";
/** Small file helpers shared by the v1 and v2 drivers. */
export async function readNumber(path) {
    try {
        return Number.parseInt((await readFile(path, "utf8")).trim(), 10) || 0;
    }
    catch {
        return 0;
    }
}
/**
 * Reads `key value` lines (memory.events, pids.events, memory.oom_control).
 * Synchronous on purpose: these kernel files answer in microseconds, while a
 * trip through the thread pool costs a millisecond on every run's start.
 */
export async function readKeyed(path, key) {
    try {
        const content = readFileSync(path, "utf8");
        const match = new RegExp(`^${key} (\\d+)$`, "m").exec(content);
        return match ? Number(match[1]) : 0;
    }
    catch {
        return 0;
    }
}
export async function readPids(path) {
    try {
        const content = await readFile(path, "utf8");
        return content
            .split("\n")
            .filter(Boolean)
            .map((line) => Number(line));
    }
    catch {
        return [];
    }
}
/** Processes plus their threads, from /proc; a process that is gone counts for nothing. */
export async function countThreads(pids) {
    const counts = await Promise.all(pids.map(async (pid) => {
        const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
        return Number(/^Threads:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
    }));
    return counts.reduce((sum, count) => sum + count, 0);
}
export async function writeValue(path, value) {
    await writeFile(path, String(value));
}
export function killPids(pids) {
    for (const pid of pids) {
        try {
            process.kill(pid, "SIGKILL");
        }
        catch {
            // already gone
        }
    }
}
/** Removes a group directory once its processes are gone; retries while the kernel lets them exit. */
export async function removeDirectory(path, procsFile) {
    for (let attempt = 0; attempt < 100; attempt++) {
        try {
            await rmdir(path);
            return;
        }
        catch (error) {
            const code = error.code;
            if (code === "ENOENT")
                return;
            if (code !== "EBUSY")
                throw error;
            killPids(await readPids(procsFile));
            await delay(attempt < 10 ? 2 : 20);
        }
    }
    throw new Error(`cgroup ${path} still busy after repeated kills`);
}
export async function childDirectories(path) {
    try {
        const entries = await readdir(path, { withFileTypes: true });
        return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    }
    catch {
        return [];
    }
}
//# sourceMappingURL=cgroup-files.js.map