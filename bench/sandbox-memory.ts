import { readdir, readFile } from "node:fs/promises";
import { readOwnCgroups } from "../src/sandbox/cgroups/cgroup-driver.js";

/**
 * Memory of sandbox processes, read from /proc. When Hangar runs as root the
 * bwrap provider gives every sandbox its own host uid from 1_100_000 up
 * (`uidBase` in src/sandbox/bwrap/bwrap-provider.ts, not exported), so those
 * uids pick out sandbox processes; the cgroup path (`.../hangar/<instance>/<sandbox id>`)
 * says which sandbox each belongs to.
 */
export const sandboxUidBase = 1_100_000;

export interface SandboxProcessMemory {
  pid: number;
  uid: number;
  command: string;
  /** From the cgroup path (`.../hangar/<instance>/<sandbox id>`); undefined without cgroups. */
  instance: string | undefined;
  sandboxId: string | undefined;
  rssBytes: number;
  /** Proportional set size: shared pages (the interpreter's code) split among their users. */
  pssBytes: number | undefined;
}

export async function scanSandboxProcesses(): Promise<SandboxProcessMemory[]> {
  const entries = await readdir("/proc");
  const found = await Promise.all(entries.filter((name) => /^\d+$/.test(name)).map(readProcess));
  return found.filter((process): process is SandboxProcessMemory => process !== undefined);
}

async function readProcess(name: string): Promise<SandboxProcessMemory | undefined> {
  try {
    const status = await readFile(`/proc/${name}/status`, "utf8");
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    if (uid < sandboxUidBase) return undefined;
    // bubblewrap's monitor exits without reaping the sandbox's init, which is then left as a
    // zombie until the host's pid 1 reaps it: no memory, no CPU, and no longer in any cgroup.
    if (/^State:\s+Z/m.test(status)) return undefined;
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const command = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
    const cgroup = await readFile(`/proc/${name}/cgroup`, "utf8");
    const match = /\/hangar\/([^/\n]+)\/([^/\n]+)/.exec(cgroup);
    const rollup = await readFile(`/proc/${name}/smaps_rollup`, "utf8").catch(() => "");
    const pssKiB = /^Pss:\s+(\d+)/m.exec(rollup)?.[1];
    return {
      pid: Number(name),
      uid,
      command,
      instance: match?.[1],
      sandboxId: match?.[2],
      rssBytes: rssKiB * 1024,
      pssBytes: pssKiB === undefined ? undefined : Number(pssKiB) * 1024,
    };
  } catch {
    // The process exited while we read it.
    return undefined;
  }
}

export interface MemoryTotals {
  processes: number;
  rssBytes: number;
  pssBytes: number;
  /** Process names seen, with counts, to show what a sandbox keeps alive. */
  commands: Record<string, number>;
  /** RSS per process name, to tell the interpreter's share from bubblewrap's. */
  rssMiBByCommand: Record<string, number>;
}

export function totalMemory(processes: readonly SandboxProcessMemory[]): MemoryTotals {
  const commands: Record<string, number> = {};
  const rssMiBByCommand: Record<string, number> = {};
  for (const process of processes) {
    commands[process.command] = (commands[process.command] ?? 0) + 1;
    rssMiBByCommand[process.command] =
      (rssMiBByCommand[process.command] ?? 0) + process.rssBytes / (1024 * 1024);
  }
  return {
    processes: processes.length,
    rssBytes: processes.reduce((sum, process) => sum + process.rssBytes, 0),
    pssBytes: processes.reduce((sum, process) => sum + (process.pssBytes ?? 0), 0),
    commands,
    rssMiBByCommand,
  };
}

/**
 * Memory the kernel charges to the sandboxes' cgroups (v1 memory.usage_in_bytes,
 * v2 memory.current). Unlike RSS it includes tmpfs files in the workspace and
 * kernel memory, so it is non-zero even for a sandbox with no process alive;
 * it also includes page cache the sandbox happened to read first, so it is a
 * rough figure. Undefined when no sandbox's cgroup was found.
 */
export async function readCgroupMemoryCharge(sandboxIds: ReadonlySet<string>): Promise<number | undefined> {
  const own = readOwnCgroups();
  const roots = [
    `/sys/fs/cgroup/memory${own.get("memory") ?? "/"}`,
    `/sys/fs/cgroup${own.get("") ?? "/"}`,
  ].map((root) => `${root}/hangar`.replace(/\/+/g, "/"));
  let total: number | undefined;
  for (const root of roots) {
    const instances = await readdir(root).catch(() => [] as string[]);
    for (const instance of instances) {
      for (const sandboxId of sandboxIds) {
        for (const file of ["memory.usage_in_bytes", "memory.current"]) {
          const text = await readFile(`${root}/${instance}/${sandboxId}/${file}`, "utf8").catch(
            () => undefined,
          );
          if (text !== undefined) total = (total ?? 0) + Number(text.trim());
        }
      }
    }
  }
  return total;
}

/** What the sessions keep alive, by process name, for the report. */
export function describeProcesses(totals: MemoryTotals): string {
  return Object.entries(totals.commands)
    .map(
      ([command, count]) =>
        `${count} ${command} (${(totals.rssMiBByCommand[command] ?? 0).toFixed(1)} MiB RSS)`,
    )
    .join(" + ");
}

export function formatMiB(value: number | undefined): string {
  return value === undefined ? "unknown" : `${value.toFixed(2)} MiB`;
}
