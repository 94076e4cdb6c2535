import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountTmpfs } from "../host-mounts.js";
import {
  claimRuntimeDirectory,
  killStrandedInstances,
  ownerFile,
  reapOrphanedRuntimeDirectories,
} from "./orphaned-runtime.js";
import { reapRuntimeDirectory } from "./sandbox-volume.js";

const isRoot = process.getuid?.() === 0;
const scratch = await mkdtemp(join(tmpdir(), "hangar-orphans-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function endedPid(): Promise<number> {
  const child = spawn("/bin/true");
  await once(child, "exit");
  return child.pid!;
}

function mounted(path: string): boolean {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .some((line) => line.split(" ")[4] === path);
}

describe("reaping the runtime directories of deleted data directories", () => {
  it("reaps only a directory whose data directory is gone and whose process ended, mounts included", async () => {
    const root = join(scratch, "runtime");
    const alive = join(scratch, "data-alive");
    await mkdir(alive, { recursive: true });
    const directories = {
      orphan: join(root, "orphan"),
      kept: join(root, "kept"),
      running: join(root, "running"),
      unowned: join(root, "unowned"),
    };
    for (const directory of Object.values(directories))
      await mkdir(join(directory, "volumes", "tmp"), { recursive: true });
    const owner = (dataDirectory: string, pid: number) => JSON.stringify({ dataDirectory, pid });
    await writeFile(
      join(directories.orphan, "owner.json"),
      owner(join(scratch, "deleted"), await endedPid()),
    );
    await claimRuntimeDirectory(directories.kept, alive);
    await writeFile(join(directories.running, "owner.json"), owner(join(scratch, "deleted"), process.pid));
    const mountPoint = join(directories.orphan, "volumes", "tmp");
    if (isRoot) await mountTmpfs(mountPoint, "size=1m");

    expect(await reapOrphanedRuntimeDirectories(root)).toBe(1);
    expect(existsSync(directories.orphan)).toBe(false);
    expect(mounted(mountPoint)).toBe(false);
    for (const directory of [directories.kept, directories.running, directories.unowned]) {
      expect(existsSync(directory)).toBe(true);
    }
  });

  it("leaves an unreadable owner file alone, and a missing root is no error", async () => {
    const root = join(scratch, "garbled");
    await mkdir(join(root, "x"), { recursive: true });
    await writeFile(join(root, "x", "owner.json"), "{not json");
    expect(await reapOrphanedRuntimeDirectories(root)).toBe(0);
    expect(existsSync(join(root, "x"))).toBe(true);
    expect(await reapOrphanedRuntimeDirectories(join(scratch, "nowhere"))).toBe(0);
  });

  it("a stop that keeps durable volumes keeps the owner file, so they are reaped once the data directory is gone", async () => {
    const runtime = join(scratch, "stopped", "instance");
    const volumes = join(runtime, "volumes");
    await mkdir(join(volumes, "sbx_kept", "tmp"), { recursive: true });
    await mkdir(join(volumes, "sbx_dropped"), { recursive: true });
    await mkdir(join(runtime, "spawn"), { recursive: true });
    const dataDirectory = join(scratch, "stopped-data");
    await claimRuntimeDirectory(runtime, dataDirectory);

    await reapRuntimeDirectory(runtime, volumes, ["sbx_kept"]);
    expect(existsSync(join(runtime, ownerFile))).toBe(true);
    expect(existsSync(join(volumes, "sbx_kept"))).toBe(true);
    expect(existsSync(join(volumes, "sbx_dropped"))).toBe(false);
    expect(existsSync(join(runtime, "spawn"))).toBe(false);

    // Later, the process has ended and the data directory was never there (deleted).
    await writeFile(join(runtime, ownerFile), JSON.stringify({ dataDirectory, pid: await endedPid() }));
    const mountPoint = join(volumes, "sbx_kept", "tmp");
    if (isRoot) await mountTmpfs(mountPoint, "size=1m");
    expect(await reapOrphanedRuntimeDirectories(join(scratch, "stopped"))).toBe(1);
    expect(existsSync(runtime)).toBe(false);
    expect(mounted(mountPoint)).toBe(false);
  });

  it("kills a stranded instance (bubblewrap under init, in a runtime directory, in no cgroup), nothing else", async () => {
    const root = join(scratch, "stranded");
    const instance = join(root, "instance");
    await mkdir(instance, { recursive: true });
    // A process named bwrap (a copy of sleep) whose parent exits at once: init adopts it,
    // as it adopts a sandbox's pid 1 whose monitor was killed.
    const program = join(scratch, "bwrap");
    copyFileSync("/bin/sleep", program);
    const started = (directory: string): number => {
      const shell = spawnSync(
        "/bin/sh",
        ["-c", `cd '${directory}' && { '${program}' 60 >/dev/null 2>&1 & echo $!; }`],
        {
          encoding: "utf8",
        },
      );
      return Number(shell.stdout.trim());
    };
    const stranded = started(instance);
    const elsewhere = started(scratch);
    try {
      const parent = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1];
      expect(parent(stranded)).toBe("1");
      expect(killStrandedInstances(root)).toBe(1);
      await waitUntil(
        () =>
          !existsSync(`/proc/${stranded}`) || readFileSync(`/proc/${stranded}/stat`, "utf8").includes(") Z"),
      );
      expect(existsSync(`/proc/${elsewhere}`)).toBe(true);
    } finally {
      for (const pid of [stranded, elsewhere]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !check(); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}
