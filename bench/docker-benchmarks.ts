import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import Docker from "dockerode";
import { destination, pino } from "pino";
import { createApp } from "../src/app/create-app.js";
import { parseConfig } from "../src/config/load-config.js";
import { errorMessage } from "../src/core/errors.js";
import { DockerProvider } from "../src/sandbox/docker/docker-provider.js";
import type { Sandbox, SandboxLimits } from "../src/sandbox/sandbox-port.js";
import { measureSessionRuns } from "./latency-benchmarks.js";
import { row, type ResultRow } from "./report.js";
import { RunClient } from "./run-client.js";
import { runTrue, waitForPool } from "./sandbox-benchmarks.js";
import { summarize } from "./statistics.js";

/**
 * The Docker provider measured on its own, after the bwrap rows: cold and
 * pooled creates, a pooled one-shot python, an exec round trip in a persistent
 * sandbox, a warm session run through a Docker-backed server and the idle
 * memory of persistent sandboxes. Skipped (not failed)
 * when DOCKER_HOST is unset or the engine or image cannot be reached.
 */
const mebibyte = 1024 * 1024;
const benchOwner = "bench";
const budgetMiB = 4096;
export const dockerGoals = {
  coldCreateMs: 120,
  poolAcquireMs: 5,
  warmSessionMs: 2,
  dockerSandboxesIn4GiB: 200,
  bwrapSandboxesIn4GiB: 500,
};

export type DockerBenchResult =
  { skipped: string } | { rows: ResultRow[]; memoryMiBPerSandbox: number; runtimeSeconds: number };

/** Runs argv in the sandbox, draining its output; resolves once it has exited with 0. */
async function runToExit(sandbox: Sandbox, argv: string[]): Promise<void> {
  const process = await sandbox.spawn({ argv }, { timeoutMs: 10_000, maxOutputBytes: 65_536 });
  process.stdout.resume();
  process.stderr.resume();
  process.stdin.end();
  const exit = await process.exited;
  if (exit.reason !== "exited" || exit.exitCode !== 0) {
    throw new Error(
      `${argv.join(" ")} in a Docker sandbox ended with ${exit.reason} (exit ${String(exit.exitCode)})`,
    );
  }
}

/** memory.usage_in_bytes (v1) or memory.current (v2) of a container, found from its init's /proc/<pid>/cgroup. */
async function containerMemoryBytes(docker: Docker, containerId: string): Promise<number> {
  const candidates = [
    `/sys/fs/cgroup/memory/docker/${containerId}/memory.usage_in_bytes`,
    `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/memory.current`,
  ];
  const inspected = await docker.getContainer(containerId).inspect();
  const cgroups = await readFile(`/proc/${inspected.State.Pid}/cgroup`, "utf8").catch(() => "");
  for (const line of cgroups.split("\n")) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    if (match[1]!.split(",").includes("memory")) {
      candidates.unshift(`/sys/fs/cgroup/${match[1]!}${match[2]!}/memory.usage_in_bytes`);
    } else if (match[1] === "") {
      candidates.push(`/sys/fs/cgroup${match[2]!}/memory.current`);
    }
  }
  for (const path of candidates) {
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text !== undefined) return Number(text.trim());
  }
  throw new Error(`no memory cgroup found for container ${containerId.slice(0, 12)}`);
}

async function sandboxMemoryBytes(docker: Docker, sandboxes: readonly Sandbox[]): Promise<number> {
  let total = 0;
  for (const sandbox of sandboxes) {
    const [container] = await docker.listContainers({
      filters: JSON.stringify({ label: [`hangar.sandbox=${String(sandbox.id)}`] }),
    });
    if (!container) throw new Error(`no container for sandbox ${String(sandbox.id)}`);
    total += await containerMemoryBytes(docker, container.Id);
  }
  return total;
}

/**
 * A warm session as a client sees it: `POST /run` with a sessionId on a server
 * whose provider is Docker, so each run is one kernel round trip over the
 * container exec that is already open.
 */
async function measureWarmSession(options: {
  dataDirectory: string;
  limits: SandboxLimits;
  log: (line: string) => void;
}): Promise<number[]> {
  const config = parseConfig({
    data_dir: join(options.dataDirectory, "docker-server"),
    log: { level: "warn" },
    sandbox: {
      provider: "docker",
      pool_size: 0,
      limits: {
        memory_mb: Math.round(options.limits.memoryBytes / mebibyte),
        pids: options.limits.pids,
        cpu_cores: options.limits.cpuCores,
        workspace_mb: Math.round(options.limits.workspaceBytes / mebibyte),
        tmp_mb: Math.round(options.limits.tmpBytes / mebibyte),
      },
    },
  });
  const app = await createApp(config, {
    skipProbes: true,
    logger: pino({ level: "warn", name: "hangar-bench-docker" }, destination(2)),
  });
  const server = await app.createHttpServer();
  try {
    await server.listen({ port: 0, host: "127.0.0.1" });
    const { port } = server.server.address() as AddressInfo;
    const client = new RunClient(`http://127.0.0.1:${port}`);
    for (let index = 0; index < 10; index++) {
      await client.runOk({ language: "python", code: "x=1", sessionId: "bench-docker" });
    }
    const { elapsed } = await measureSessionRuns(client, {
      language: "python",
      code: "x=1",
      sessionId: "bench-docker",
      samples: 200,
    });
    await client.deleteSession("bench-docker");
    return elapsed;
  } finally {
    await server.close();
    await app.stop();
  }
}

export async function measureDocker(options: {
  dataDirectory: string;
  limits: SandboxLimits;
  poolSize: number;
  log: (line: string) => void;
}): Promise<DockerBenchResult> {
  if (!process.env.DOCKER_HOST) return { skipped: "DOCKER_HOST is not set" };
  const startedAt = performance.now();
  const docker = new Docker();
  const provider = new DockerProvider({
    dataDirectory: join(options.dataDirectory, "docker"),
    docker,
    poolSize: options.poolSize,
    poolLimits: options.limits,
    onError: (message) => options.log(`docker: ${message}`),
  });
  const persistent: Sandbox[] = [];
  try {
    try {
      await provider.start();
    } catch (error) {
      return { skipped: errorMessage(error).split("\n")[0] ?? "engine unreachable" };
    }
    const { limits, poolSize } = options;
    const freshLimits = { ...limits, memoryBytes: limits.memoryBytes + mebibyte };
    await waitForPool(provider, poolSize, 30_000);

    options.log("docker: cold create → first result (10), pool acquire (10), one-shot python (20)");
    const cold: number[] = [];
    for (let index = 0; index < 10; index++) {
      const begin = performance.now();
      const sandbox = await provider.create({ owner: benchOwner, limits: freshLimits, singleUse: true });
      try {
        await runToExit(sandbox, ["/bin/echo", "hi"]);
        cold.push(performance.now() - begin);
      } finally {
        await sandbox.destroy();
      }
    }
    const acquire: number[] = [];
    let acquireSkipped = 0;
    for (let index = 0; index < 10; index++) {
      if (!(await waitForPool(provider, poolSize))) {
        acquireSkipped++;
        continue;
      }
      const begin = performance.now();
      const sandbox = await provider.create({ owner: benchOwner, limits, singleUse: true });
      acquire.push(performance.now() - begin);
      await sandbox.destroy();
    }
    const python: number[] = [];
    for (let index = 0; index < 20; index++) {
      await waitForPool(provider, poolSize);
      const begin = performance.now();
      const sandbox = await provider.create({ owner: benchOwner, limits, singleUse: true });
      try {
        await runToExit(sandbox, ["/usr/bin/python3", "-c", "print(1)"]);
        python.push(performance.now() - begin);
      } finally {
        await sandbox.destroy();
      }
    }

    options.log("docker: exec round trip in a persistent sandbox (3 warm-up + 20)");
    const session = await provider.create({ owner: benchOwner, limits });
    persistent.push(session);
    for (let index = 0; index < 3; index++) await runTrue(session);
    const exec: number[] = [];
    for (let index = 0; index < 20; index++) {
      const begin = performance.now();
      await runTrue(session);
      exec.push(performance.now() - begin);
    }

    options.log("docker: warm session through POST /run on a Docker-backed server (python kernel, 200)");
    const warmSession = await measureWarmSession(options);

    options.log("docker: idle memory of 20 persistent sandboxes");
    const idle: Sandbox[] = [];
    for (let index = 0; index < 20; index++) {
      const sandbox = await provider.create({ owner: benchOwner, limits });
      persistent.push(sandbox);
      idle.push(sandbox);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const memoryMiBPerSandbox = (await sandboxMemoryBytes(docker, idle)) / mebibyte / idle.length;
    const fitting = Math.floor(budgetMiB / memoryMiBPerSandbox);

    const coldSummary = summarize(cold);
    const acquireSummary = summarize(acquire);
    const execSummary = summarize(exec);
    const warmSummary = summarize(warmSession);
    const rows = [
      row(
        "docker: cold create → first result",
        "ms",
        { ...coldSummary, samples: cold.length },
        {
          text: `< ${dockerGoals.coldCreateMs} ms`,
          met: coldSummary.median < dockerGoals.coldCreateMs,
        },
      ),
      row(
        `docker: pool acquire${acquireSkipped > 0 ? ` (${acquireSkipped} skipped, pool stuck)` : ""}`,
        "ms",
        { ...acquireSummary, samples: acquire.length },
        { text: `< ${dockerGoals.poolAcquireMs} ms`, met: acquireSummary.median < dockerGoals.poolAcquireMs },
      ),
      row("docker: one-shot python", "ms", { ...summarize(python), samples: python.length }),
      row("docker: exec round trip (persistent sandbox, a new docker exec)", "ms", {
        ...execSummary,
        samples: exec.length,
      }),
      row(
        "docker: warm session run (POST /run, python kernel in the container)",
        "ms",
        { ...warmSummary, samples: warmSession.length },
        {
          text: `< ${dockerGoals.warmSessionMs} ms`,
          met: warmSummary.median < dockerGoals.warmSessionMs,
        },
      ),
      row("docker: idle memory per sandbox (cgroup, n=20)", "MiB", { median: memoryMiBPerSandbox }),
      row(
        "docker: sandboxes within 4 GiB",
        "",
        { median: fitting },
        {
          text: `>= ${dockerGoals.dockerSandboxesIn4GiB}`,
          met: fitting >= dockerGoals.dockerSandboxesIn4GiB,
        },
      ),
    ];
    return { rows, memoryMiBPerSandbox, runtimeSeconds: (performance.now() - startedAt) / 1000 };
  } finally {
    await Promise.allSettled(persistent.map((sandbox) => sandbox.destroy()));
    await provider.stop();
  }
}

/** "sandboxes within 4 GiB" for bwrap, from its idle memory per session; undefined without a measurement. */
export function bwrapCapacityRow(mebibytesPerSession: number | undefined, what: string): ResultRow {
  const fitting =
    mebibytesPerSession === undefined || !(mebibytesPerSession > 0)
      ? undefined
      : Math.floor(budgetMiB / mebibytesPerSession);
  return row(
    `bwrap: sandboxes within 4 GiB (${what})`,
    "",
    { ...(fitting === undefined ? {} : { median: fitting }) },
    {
      text: `>= ${dockerGoals.bwrapSandboxesIn4GiB}`,
      met: fitting !== undefined && fitting >= dockerGoals.bwrapSandboxesIn4GiB,
    },
  );
}
