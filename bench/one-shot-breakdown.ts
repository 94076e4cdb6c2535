import { spawn } from "node:child_process";
import type { RunService } from "../src/runs/run-types.js";
import type { ServerProvider } from "../src/app/create-provider.js";
import { BwrapSandbox } from "../src/sandbox/bwrap/bwrap-sandbox.js";
import type { Sandbox, SandboxLimits } from "../src/sandbox/sandbox-port.js";
import { pythonPath } from "./latency-benchmarks.js";
import type { RunClient } from "./run-client.js";
import { waitForPool } from "./sandbox-benchmarks.js";

/**
 * Where the time of a one-shot python run goes. The same program is run
 * through each entrance (HTTP, the run service, the sandbox port) next to a
 * bare interpreter, and the sandbox path is timed stage by stage. The
 * program prints the wall clock as its first act, which splits "starting the
 * sandbox and the interpreter" from "getting the output back and cleaning up";
 * it is compared with this process's clock (performance.timeOrigin + now()),
 * both CLOCK_REALTIME on one kernel.
 */
const code = "import time; print(time.time_ns())";

export const stageNames = [
  "provider.create",
  "sandbox.writeFile (staging)",
  "sandbox.spawn() resolves",
  "spawn -> user code starts",
  "user code -> first byte in server",
  "first byte -> stdout end (exit)",
  "stdout end -> exited resolves",
  "sandbox.destroy (after the reply)",
] as const;
export type StageName = (typeof stageNames)[number];

export interface SandboxPathTimes {
  /** provider.create (or the spawn, when pre-parked) through `exited`. */
  total: number[];
  stages: Record<StageName, number[]>;
}

export interface OneShotBreakdown {
  bare: { total: number[]; untilUserCode: number[] };
  http: number[];
  service: number[];
  /** A pool hit, as /run gets it: the pool starts refilling while the run goes on. */
  poolHit: SandboxPathTimes;
  /** A sandbox parked ahead of time with no refill running: what a pool hit could cost. */
  preParked: SandboxPathTimes;
}

function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

function userCodeStartedMs(stdout: string): number {
  return Number(BigInt(stdout.trim()) / 1000n) / 1000;
}

function emptyPath(): SandboxPathTimes {
  return {
    total: [],
    stages: Object.fromEntries(stageNames.map((name) => [name, [] as number[]])) as Record<
      StageName,
      number[]
    >,
  };
}

async function timeBare(into: OneShotBreakdown["bare"]): Promise<void> {
  const startedAt = wallClockMs();
  const child = spawn(pythonPath, ["-c", code], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  await new Promise((resolve) => child.once("close", resolve));
  into.total.push(wallClockMs() - startedAt);
  into.untilUserCode.push(userCodeStartedMs(stdout) - startedAt);
}

/** Runs the program in `sandbox` with the limits the run service uses for a 10 s timeout. */
async function timeSandboxRun(
  sandbox: Sandbox,
  startedAt: number,
  createdAt: number | undefined,
  into: SandboxPathTimes,
): Promise<void> {
  const stagingAt = wallClockMs();
  await sandbox.writeFile("main.py", code);
  const stagedAt = wallClockMs();
  const process = await sandbox.spawn(
    { argv: [pythonPath, "main.py"] },
    { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024, cpuTimeSeconds: 11 },
  );
  const spawnedAt = wallClockMs();
  let firstByteAt: number | undefined;
  let stdoutEndAt: number | undefined;
  let stdout = "";
  process.stdout.on("data", (chunk: Buffer) => {
    firstByteAt ??= wallClockMs();
    stdout += chunk.toString();
  });
  process.stdout.on("end", () => (stdoutEndAt = wallClockMs()));
  process.stderr.resume();
  process.stdin.end("");
  const exit = await process.exited;
  const exitedAt = wallClockMs();
  await sandbox.destroy();
  const destroyedAt = wallClockMs();
  if (exit.reason !== "exited" || exit.exitCode !== 0 || firstByteAt === undefined) {
    throw new Error(`python in a sandbox ended with ${exit.reason} (exit ${String(exit.exitCode)})`);
  }
  const userCodeAt = userCodeStartedMs(stdout);
  const endAt = stdoutEndAt ?? exitedAt;
  const { stages } = into;
  if (createdAt !== undefined) stages["provider.create"].push(createdAt - startedAt);
  stages["sandbox.writeFile (staging)"].push(stagedAt - stagingAt);
  stages["sandbox.spawn() resolves"].push(spawnedAt - stagedAt);
  stages["spawn -> user code starts"].push(userCodeAt - spawnedAt);
  stages["user code -> first byte in server"].push(firstByteAt - userCodeAt);
  stages["first byte -> stdout end (exit)"].push(endAt - firstByteAt);
  stages["stdout end -> exited resolves"].push(exitedAt - endAt);
  stages["sandbox.destroy (after the reply)"].push(destroyedAt - exitedAt);
  into.total.push(exitedAt - startedAt);
}

export async function measureOneShotBreakdown(
  client: RunClient,
  runService: RunService,
  provider: ServerProvider,
  options: { limits: SandboxLimits; poolSize: number; samples: number },
): Promise<OneShotBreakdown> {
  const breakdown: OneShotBreakdown = {
    bare: { total: [], untilUserCode: [] },
    http: [],
    service: [],
    poolHit: emptyPath(),
    preParked: emptyPath(),
  };
  // Limits off the pool's, so this sandbox is built fresh and parked by hand, and no refill follows.
  const unpooledLimits = { ...options.limits, pids: options.limits.pids + 1 };
  for (let index = 0; index < options.samples; index++) {
    // Every entrance starts with a full pool, so each measures a pool hit and no earlier refill competes.
    await timeBare(breakdown.bare);
    await waitForPool(provider, options.poolSize);
    breakdown.http.push((await client.runOk({ language: "python", code })).elapsedMs);
    await waitForPool(provider, options.poolSize);
    const serviceStartedAt = performance.now();
    const result = await runService.execute("bench", { language: "python", code });
    breakdown.service.push(performance.now() - serviceStartedAt);
    if (result.status !== "ok") throw new Error(`service run ended with ${result.status}: ${result.error}`);

    await waitForPool(provider, options.poolSize);
    const startedAt = wallClockMs();
    const pooled = await provider.create({ owner: "bench", limits: options.limits, singleUse: true });
    await timeSandboxRun(pooled, startedAt, wallClockMs(), breakdown.poolHit);

    await waitForPool(provider, options.poolSize);
    const parked = await provider.create({ owner: "bench", limits: unpooledLimits, singleUse: true });
    if (parked instanceof BwrapSandbox) await parked.prepark();
    // Parking resolves once the sandbox is in its cgroup; bubblewrap then mounts and blocks, as a pooled one has.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await timeSandboxRun(parked, wallClockMs(), undefined, breakdown.preParked);
  }
  return breakdown;
}
