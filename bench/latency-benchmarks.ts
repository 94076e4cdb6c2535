import { spawn } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ServerProvider } from "../src/app/create-provider.js";
import { busyFraction, readCpuTimes, readProcessCpu } from "./machine-info.js";
import { isOk, type RunClient } from "./run-client.js";
import { median } from "./statistics.js";

/**
 * Latency and throughput of `POST /run` measured end to end over HTTP, next to
 * the cost of starting the same interpreter directly: the difference is what
 * Hangar adds (HTTP, validation, queue, sandbox, bookkeeping).
 */
export const pythonPath = "/usr/bin/python3";
const oneShotRequest = { language: "python", code: "print(1)" };

/** Spawns a host command with piped stdio (as the sandbox has) and resolves with ms until 'close'. */
export function spawnAndWait(path: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.resume();
    child.stderr.resume();
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(performance.now() - startedAt);
      else reject(new Error(`${path} exited with ${String(code)}`));
    });
  });
}

export interface BareVersusOneShot {
  bare: number[];
  oneShot: number[];
}

/**
 * Alternates bare and one-shot samples, so a burst of foreign load lands on
 * both sides instead of skewing whichever row happened to run during it.
 */
export async function measureBareVersusOneShot(
  client: RunClient,
  options: { warmup: number; samples: number },
): Promise<BareVersusOneShot> {
  for (let index = 0; index < options.warmup; index++) {
    await spawnAndWait(pythonPath, ["-c", "print(1)"]);
    await client.runOk(oneShotRequest);
  }
  const bare: number[] = [];
  const oneShot: number[] = [];
  for (let index = 0; index < options.samples; index++) {
    bare.push(await spawnAndWait(pythonPath, ["-c", "print(1)"]));
    oneShot.push((await client.runOk(oneShotRequest)).elapsedMs);
  }
  return { bare, oneShot };
}

export interface SessionRuns {
  /** Client-side, whole HTTP request. */
  elapsed: number[];
  /** What the server reported as `durationMs`: the kernel round trip only. */
  serverDuration: number[];
}

/** The first run starts the session's sandbox and kernel; only the runs after it are measured. */
export async function measureSessionRuns(
  client: RunClient,
  options: { language: string; code: string; sessionId: string; samples: number },
): Promise<SessionRuns> {
  const request = { language: options.language, code: options.code, sessionId: options.sessionId };
  await client.runOk(request);
  const elapsed: number[] = [];
  const serverDuration: number[] = [];
  for (let index = 0; index < options.samples; index++) {
    const timed = await client.runOk(request);
    elapsed.push(timed.elapsedMs);
    serverDuration.push(timed.result?.durationMs ?? Number.NaN);
  }
  return { elapsed, serverDuration };
}

/**
 * Warm session runs, each right after a one-shot run: the one-shot's tear-down and the
 * warm pool's refill (which happen after its reply) run beside the session run.
 */
export async function measureSessionBesideOneShots(
  client: RunClient,
  options: { sessionId: string; samples: number },
): Promise<number[]> {
  const request = { language: "python", code: "x=1", sessionId: options.sessionId };
  await client.runOk(request);
  const elapsed: number[] = [];
  for (let index = 0; index < options.samples; index++) {
    await client.runOk(oneShotRequest);
    elapsed.push((await client.runOk(request)).elapsedMs);
  }
  return elapsed;
}

/**
 * Warm session runs back to back while `concurrency` clients keep one-shot runs going.
 * Session runs have their own queue lane, so what remains is competition for the cores.
 */
export async function measureSessionUnderOneShotLoad(
  client: RunClient,
  options: { sessionId: string; concurrency: number; durationMs: number },
): Promise<number[]> {
  const request = { language: "python", code: "x=1", sessionId: options.sessionId };
  await client.runOk(request);
  const deadline = performance.now() + options.durationMs;
  const load = async (): Promise<void> => {
    while (performance.now() < deadline) await client.run(oneShotRequest);
  };
  const loads = Array.from({ length: options.concurrency }, load);
  const elapsed: number[] = [];
  while (performance.now() < deadline) elapsed.push((await client.runOk(request)).elapsedMs);
  await Promise.all(loads);
  return elapsed;
}

export interface Throughput {
  ok: number;
  errors: number;
  /** The first few failures, verbatim, so a missed goal can be explained. */
  errorSamples: string[];
  elapsedMs: number;
  runsPerSecond: number;
  latencies: number[];
  diagnostics: ThroughputDiagnostics;
}

/** Says what bounded the rate: the machine's cores, this process's event loop, or neither. */
export interface ThroughputDiagnostics {
  /** Share of all cores busy, from anyone (this server, its sandboxes, other work on the machine). */
  machineBusyFraction: number;
  /** This process (server and client) as a share of one core; near 1 means the event loop is the limit. */
  serverCoreFraction: number;
  /** CPU of this process per finished run. */
  serverCpuMsPerRun: number;
  /**
   * Busy time of all cores per finished run, whoever spent it: sandbox processes, the
   * kernel threads that tear namespaces down, and any other work on the machine. (Reaped
   * children's times would undercount: a process inside bwrap's pid namespace is not
   * reaped by a process the server waits for.)
   */
  machineCpuMsPerRun: number;
  eventLoopDelayMs: { median: number; p99: number; max: number };
  /** Warm pool depth sampled every 20 ms: how often runs found a parked sandbox waiting. */
  poolReadyMedian: number;
  poolEmptyFraction: number;
}

/**
 * `concurrency` clients each issue runs back to back until `durationMs` has
 * passed; runs already in flight are then awaited and counted, and the rate
 * is taken over the whole elapsed time including that tail.
 */
export async function measureThroughput(
  client: RunClient,
  provider: ServerProvider,
  options: { concurrency: number; durationMs: number },
): Promise<Throughput> {
  const result = { ok: 0, errors: 0, errorSamples: [] as string[], latencies: [] as number[] };
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const poolDepths: number[] = [];
  const poolSampler = setInterval(() => poolDepths.push(provider.poolReady), 20);
  const cpuBefore = readProcessCpu();
  const machineBefore = readCpuTimes();
  loopDelay.enable();
  const startedAt = performance.now();
  const deadline = startedAt + options.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const timed = await client.run(oneShotRequest);
      result.latencies.push(timed.elapsedMs);
      if (isOk(timed)) {
        result.ok++;
      } else {
        result.errors++;
        if (result.errorSamples.length < 5) {
          result.errorSamples.push(`HTTP ${timed.httpStatus}: ${timed.text.slice(0, 300)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - startedAt;
  loopDelay.disable();
  clearInterval(poolSampler);
  // Sandboxes are torn down after their reply; let the last ones be reaped so their CPU is counted.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cpuAfter = readProcessCpu();
  const machineAfter = readCpuTimes();
  const runs = Math.max(1, result.ok + result.errors);
  const nanosecondsPerMillisecond = 1e6;
  return {
    ...result,
    elapsedMs,
    runsPerSecond: result.ok / (elapsedMs / 1000),
    diagnostics: {
      machineBusyFraction: busyFraction(machineBefore, machineAfter),
      serverCoreFraction: (cpuAfter.selfMs - cpuBefore.selfMs) / elapsedMs,
      serverCpuMsPerRun: (cpuAfter.selfMs - cpuBefore.selfMs) / runs,
      machineCpuMsPerRun: (machineAfter.busyMs - machineBefore.busyMs) / runs,
      eventLoopDelayMs: {
        median: loopDelay.percentile(50) / nanosecondsPerMillisecond,
        p99: loopDelay.percentile(99) / nanosecondsPerMillisecond,
        max: loopDelay.max / nanosecondsPerMillisecond,
      },
      poolReadyMedian: median(poolDepths),
      poolEmptyFraction: poolDepths.filter((depth) => depth === 0).length / Math.max(1, poolDepths.length),
    },
  };
}

/**
 * The same load without Hangar: `concurrency` loops starting the bare
 * interpreter. On a small machine this is the ceiling any sandboxing can
 * only lower, so Hangar's rate is reported against it as well.
 */
export async function measureBareThroughput(options: {
  concurrency: number;
  durationMs: number;
}): Promise<{ runs: number; elapsedMs: number; runsPerSecond: number }> {
  let runs = 0;
  const startedAt = performance.now();
  const deadline = startedAt + options.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await spawnAndWait(pythonPath, ["-c", "print(1)"]);
      runs++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - startedAt;
  return { runs, elapsedMs, runsPerSecond: runs / (elapsedMs / 1000) };
}

/**
 * How long child_process.spawn() blocks the event loop in this process. libuv
 * forks, and fork copies the page tables, so the cost grows with the
 * server's resident memory; the server pays it for every sandbox it starts.
 */
export async function measureSpawnBlocking(samples: number): Promise<number[]> {
  const blocked: number[] = [];
  for (let index = 0; index < samples; index++) {
    const startedAt = performance.now();
    // The same five stdio pipes a bubblewrap instance gets.
    const child = spawn("/bin/true", [], { stdio: ["pipe", "pipe", "pipe", "pipe", "pipe"] });
    blocked.push(performance.now() - startedAt);
    await new Promise((resolve) => child.once("close", resolve));
  }
  return blocked;
}
