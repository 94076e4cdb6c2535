import { readFileSync, writeFileSync } from "node:fs";
import { readFile, readdir, rmdir, writeFile } from "node:fs/promises";
import { delay } from "../../core/abort.js";

/**
 * Small file helpers shared by the v1 and v2 drivers. Reads, and the writes that
 * set a limit, are synchronous on purpose: these kernel files answer in tens of
 * microseconds (measured on v1), while each trip through the thread pool (open,
 * read or write, close) costs more CPU than the call itself, on every run. The
 * freezer and cgroup.procs, which the kernel can take milliseconds over, are
 * written through the thread pool (`writeSlowValue`).
 */

export async function readNumber(path: string): Promise<number> {
  try {
    return Number.parseInt(readFileSync(path, "utf8").trim(), 10) || 0;
  } catch {
    return 0;
  }
}

/** Reads `key value` lines (memory.events, pids.events, memory.oom_control). */
export async function readKeyed(path: string, key: string): Promise<number> {
  try {
    const content = readFileSync(path, "utf8");
    const match = new RegExp(`^${key} (\\d+)$`, "m").exec(content);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export async function readPids(path: string): Promise<number[]> {
  try {
    const content = readFileSync(path, "utf8");
    return content
      .split("\n")
      .filter(Boolean)
      .map((line) => Number(line));
  } catch {
    return [];
  }
}

/** Processes plus their threads, from /proc; a process that is gone counts for nothing. */
export async function countThreads(pids: number[]): Promise<number> {
  const counts = await Promise.all(
    pids.map(async (pid) => {
      const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
      return Number(/^Threads:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** For files the kernel answers at once: limits, cgroup.kill. */
export async function writeValue(path: string, value: string | number): Promise<void> {
  writeFileSync(path, String(value));
}

/** For the freezer (2-3 ms on v1) and cgroup.procs: through the thread pool. */
export async function writeSlowValue(path: string, value: string | number): Promise<void> {
  await writeFile(path, String(value));
}

export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Removes a group directory once its processes are gone; retries while the kernel lets them exit. */
export async function removeDirectory(path: string, procsFile: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await rmdir(path);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return;
      if (code !== "EBUSY") throw error;
      killPids(await readPids(procsFile));
      await delay(attempt < 10 ? 2 : 20);
    }
  }
  throw new Error(`cgroup ${path} still busy after repeated kills`);
}

export async function childDirectories(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}
