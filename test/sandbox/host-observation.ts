import { randomInt } from "node:crypto";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/**
 * Watching sandboxed processes from the host, whatever runtime the provider
 * uses: /proc scans for a marker that only sandboxed argv carry.
 */

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface HostProcess {
  pid: number;
  commandLine: string;
  state: string;
  uid: number;
}

/** Every host process whose argv contains `marker`: works whatever runtime the provider uses. */
export function hostProcessesWith(marker: string): HostProcess[] {
  const found: HostProcess[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const commandLine = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!commandLine.includes(marker)) continue;
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      found.push({
        pid: Number(name),
        commandLine,
        state: /^State:\s+(\S)/m.exec(status)?.[1] ?? "?",
        uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/**
 * Host processes whose working directory is `directory`, or was before it was
 * removed (bubblewrap runs in its provider's runtime directory).
 */
export function hostProcessesIn(directory: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === directory || cwd === `${directory} (deleted)`) found.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/**
 * A marker that appears in the argv of processes started inside the sandbox but
 * in no host-side argv: the script spells it as two quoted halves, so neither
 * the script text nor a runtime's command line (docker exec) contains it whole.
 */
export function newMarker(): { marker: string; spelled: string } {
  const left = String(randomInt(100_000, 999_999));
  const right = String(randomInt(100_000, 999_999));
  return { marker: `${left}${right}`, spelled: `${left}""${right}` };
}
