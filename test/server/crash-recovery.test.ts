import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/runs/run-types.js";
import { bwrapRuntimeDirectory } from "../../src/sandbox/bwrap/bwrap-provider.js";
import { readOwnCgroups } from "../../src/sandbox/cgroups/cgroup-driver.js";
import {
  expectNoProcessWith,
  hostProcessesWith,
  newMarker,
  requireBubblewrap,
  waitFor,
} from "../fixtures/hangar-harness.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  serverInstanceOf,
  type ServerProcess,
  startServerProcess,
} from "../fixtures/server-process.js";

/**
 * `kill -9` of the real server (`node dist/main.js serve`) in the middle of
 * runs: the sandboxes die with it (bubblewrap's --die-with-parent), and the
 * next start on the same data directory finds a sound database, reaps the old
 * cgroups and runtime volumes, and runs code again.
 */

/** Where an instance keeps host state; mirrors BwrapProvider's naming so leftovers can be found. */
function instanceFootprint(dataDirectory: string): { runtimeDirectory: string; cgroupBases: string[] } {
  const instance = serverInstanceOf(dataDirectory);
  const ownGroups = readOwnCgroups();
  const cgroupBases = ["pids", "memory", "cpu", "freezer"]
    .map((controller) => `/sys/fs/cgroup/${controller}${ownGroups.get(controller) ?? "/"}/hangar/${instance}`)
    .concat(
      `/sys/fs/cgroup${ownGroups.get("") ?? "/"}/hangar/${instance}`,
      `/sys/fs/cgroup/unified${ownGroups.get("") ?? "/"}/hangar/${instance}`,
    )
    .map((path) => path.replace(/\/+/g, "/"));
  return {
    runtimeDirectory: bwrapRuntimeDirectory(dataDirectory, instance, process.getuid?.() === 0),
    cgroupBases,
  };
}

/** Every sandbox cgroup directory under the instance's bases, as full paths. */
function sandboxCgroups(bases: string[]): string[] {
  return bases.flatMap((base) =>
    existsSync(base)
      ? readdirSync(base, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${base}/${entry.name}`)
      : [],
  );
}

function volumeDirectories(runtimeDirectory: string): string[] {
  const volumes = join(runtimeDirectory, "volumes");
  return existsSync(volumes) ? readdirSync(volumes).map((name) => join(volumes, name)) : [];
}

function mountsBelow(path: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point === path || point.startsWith(`${path}/`));
}

async function postRun(
  url: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: RunResult }> {
  const response = await fetch(`${url}/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RunResult };
}

describe.skipIf(!requireBubblewrap())("crash recovery of `hangar serve`", () => {
  let dataDirectory: string;
  let configPath: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-crash-", [
      "[sandbox]",
      "pool_size = 1",
      "[sandbox.limits]",
      "memory_mb = 128",
      "pids = 64",
      "[log]",
      'level = "info"',
    ]));
  });

  afterAll(async () => {
    await killServerProcesses(servers);
    if (dataDirectory !== undefined) {
      // Whatever a failed test left behind (cgroups, tmpfs mounts), the provider's own reaper removes.
      await removeServerDirectory(dataDirectory, configPath);
    }
  });

  it(
    "kill -9 mid-run: sandboxes die, the restart reaps leftovers and serves again",
    { timeout: 60_000 },
    async () => {
      const { runtimeDirectory, cgroupBases } = instanceFootprint(dataDirectory);
      const first = await startServerProcess(dataDirectory, configPath);
      servers.push(first);

      const completed = await postRun(first.url, { language: "bash", code: "echo before-crash" });
      expect(completed.body).toMatchObject({ status: "ok", stdout: "before-crash\n" });

      const oneShot = newMarker();
      const background = newMarker();
      const sessionShell = newMarker();
      const sessionKernel = newMarker();
      const sessionId = `crash-${randomBytes(4).toString("hex")}`;
      // The python session gets its kernel (and sandbox) first, so both sessions are alive at the kill.
      const warm = await postRun(first.url, { language: "python", sessionId, code: "state = 1" });
      expect(warm.body.status).toBe("ok");
      const inFlight = [
        { language: "bash", code: `exec -a ${oneShot.shell} sleep 1000`, timeoutMs: 60_000 },
        { language: "bash", code: `${background.bashSleeper}sleep 1000`, timeoutMs: 60_000 },
        {
          language: "bash",
          sessionId: `${sessionId}-shell`,
          code: `echo data > kept\n${sessionShell.bashSleeper}sleep 1000`,
          timeoutMs: 60_000,
        },
        {
          language: "python",
          sessionId,
          code: `${sessionKernel.pythonSleeper}import time\ntime.sleep(1000)`,
          timeoutMs: 60_000,
        },
      ].map((body) =>
        postRun(first.url, body).then(
          () => "answered",
          () => "cut",
        ),
      );
      const markers = [oneShot, background, sessionShell, sessionKernel].map((marker) => marker.marker);
      await waitFor(
        () => markers.every((marker) => hostProcessesWith(marker).length > 0),
        "every slow run's marker process on the host",
        10_000,
      );

      const oldCgroups = sandboxCgroups(cgroupBases);
      const oldVolumes = volumeDirectories(runtimeDirectory);
      // Each in-flight run has a sandbox, and so a cgroup (one per controller on cgroup v1).
      const oldSandboxes = new Set(oldCgroups.map((path) => path.split("/").pop()));
      expect(oldSandboxes.size).toBeGreaterThanOrEqual(4);
      // Both sessions have persistent volumes (tmpfs mounts when running as root).
      expect(oldVolumes.length).toBe(2);

      first.child.kill("SIGKILL");
      await first.exited;
      for (const marker of markers) await expectNoProcessWith(marker, 2000);
      expect(await Promise.all(inFlight)).toEqual(["cut", "cut", "cut", "cut"]);
      // Nothing cleaned up after the dead server: the leftovers are there for the restart to find.
      expect(oldVolumes.every((path) => existsSync(path))).toBe(true);
      expect(oldCgroups.some((path) => existsSync(path))).toBe(true);

      const second = await startServerProcess(dataDirectory, configPath);
      servers.push(second);

      const database = new BetterSqlite3(join(dataDirectory, "hangar.db"), {
        readonly: true,
        fileMustExist: true,
      });
      try {
        expect(database.pragma("integrity_check", { simple: true })).toBe("ok");
        const row = database.prepare("SELECT status FROM runs WHERE id = ?").get(completed.body.runId);
        expect(row).toEqual({ status: "ok" });
      } finally {
        database.close();
      }

      // Only the new server's sandboxes (its warm pool) may have cgroups now.
      const stillThere = oldCgroups.filter((path) => existsSync(path));
      expect(stillThere).toEqual([]);
      expect(oldVolumes.filter((path) => existsSync(path))).toEqual([]);
      for (const volume of oldVolumes) expect(mountsBelow(volume)).toEqual([]);

      const after = await postRun(second.url, { language: "bash", code: "echo after-restart" });
      expect(after.body).toMatchObject({ status: "ok", stdout: "after-restart\n" });
      // The session did not survive the crash: the same id is a new, empty session.
      const session = await postRun(second.url, {
        language: "python",
        sessionId,
        code: "print('state' in globals())",
      });
      expect(session.body).toMatchObject({ status: "ok", stdout: "False\n" });
      const shell = await postRun(second.url, {
        language: "bash",
        sessionId: `${sessionId}-shell`,
        code: "cat kept 2>&1",
      });
      expect(shell.body.stdout).toMatch(/No such file/);

      // A graceful stop removes every sandbox cgroup and the runtime directory.
      second.child.kill("SIGTERM");
      await second.exited;
      expect(second.child.exitCode).toBe(0);
      expect(sandboxCgroups(cgroupBases)).toEqual([]);
      expect(existsSync(runtimeDirectory)).toBe(false);
    },
  );
});
