import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { detectCgroupDriver } from "../cgroups/detect-cgroup-driver.js";
import { mountsBelow, unmountAll } from "../host-mounts.js";

/**
 * Runtime directories whose Hangar is gone for good. Each provider instance
 * keeps its mounts (sandbox /tmp, workspaces, channels, read-only views) in a
 * runtime directory under /run, named after its data directory, and reaps it
 * when it starts again with that data directory. When the data directory was
 * deleted instead (a test's temporary directory, a project removed by hand),
 * nothing would ever start with it again: its mounts stayed in the host's
 * mount table, and every new sandbox copies that table into its mount
 * namespace and walks it for each bind mount, so a few hundred leftovers made
 * every run measurably slower. The owner file says which data directory and
 * which process a runtime directory belongs to.
 */
export const ownerFile = "owner.json";

interface Owner {
  dataDirectory: string;
  pid: number;
}

/** Records that `runtimeDirectory` serves `dataDirectory`, used by this process. */
export async function claimRuntimeDirectory(runtimeDirectory: string, dataDirectory: string): Promise<void> {
  const owner: Owner = { dataDirectory: resolve(dataDirectory), pid: process.pid };
  await writeFile(join(runtimeDirectory, ownerFile), JSON.stringify(owner), { mode: 0o600 });
}

/**
 * Unmounts and removes each runtime directory under `root` whose data directory no
 * longer exists and whose process has ended, with the cgroups of its instance (the
 * directory's name); returns how many it reaped. A directory without an owner file
 * (an older Hangar's) is left alone: nothing says whether it is still in use.
 */
export async function reapOrphanedRuntimeDirectories(root: string): Promise<number> {
  let reaped = 0;
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    const directory = join(root, entry);
    const owner = await readOwner(directory);
    if (owner === undefined || existsSync(owner.dataDirectory) || isRunning(owner.pid)) continue;
    await unmountAll(await mountsBelow(directory));
    await rm(directory, { recursive: true, force: true });
    const cgroups = await detectCgroupDriver({ instance: basename(directory) }).catch(() => undefined);
    await cgroups?.close().catch(() => undefined);
    reaped += 1;
  }
  return reaped;
}

async function readOwner(directory: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(directory, ownerFile), "utf8")) as Partial<Owner>;
    if (typeof owner.dataDirectory !== "string" || typeof owner.pid !== "number") return undefined;
    return { dataDirectory: owner.dataDirectory, pid: owner.pid };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Kills bubblewrap instances stranded under `root`: a sandbox's pid 1 whose monitor
 * died while the instance was starting (a `kill -9` of Hangar during a pool refill)
 * waits forever for the monitor's user-namespace handshake. It never joined a cgroup,
 * so the cgroup reaping misses it, and its parent is now the host's init. Such a
 * process runs bubblewrap, has init (pid 1) as its parent, works in one of the runtime
 * directories below `root` (its working directory, see `BwrapLaunch.directory`; maybe
 * deleted since) and sits in no Hangar cgroup. Returns how many it killed.
 */
export function killStrandedInstances(root: string): number {
  let killed = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!stat.includes("(bwrap)") || fields[1] !== "1") continue;
      const directory = readlinkSync(`/proc/${entry}/cwd`).replace(/ \(deleted\)$/, "");
      if (!directory.startsWith(`${root}/`)) continue;
      if (readFileSync(`/proc/${entry}/cgroup`, "utf8").includes("/hangar/")) continue;
      process.kill(Number(entry), "SIGKILL");
      killed += 1;
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return killed;
}
