import type { ServerProvider } from "../src/app/create-provider.js";
import type { Sandbox, SandboxLimits } from "../src/sandbox/sandbox-port.js";
import type { RunClient } from "./run-client.js";
import {
  readCgroupMemoryCharge,
  scanSandboxProcesses,
  totalMemory,
  type MemoryTotals,
} from "./sandbox-memory.js";

/**
 * The sandbox layer on its own: how long a sandbox takes to get (from the
 * warm pool or built fresh) and to run its first command, and what an idle
 * session sandbox costs in memory.
 */
const mebibyte = 1024 * 1024;
const benchOwner = "bench";

/**
 * Waits until the warm pool is full again, so the next create measures a pool
 * hit with no refill still running. Resolves false when it did not fill in
 * time: a failed refill is only retried on the next pool hit, so a pool that
 * failed while empty stays empty, and waiting longer would not help.
 */
export async function waitForPool(
  provider: { readonly poolReady: number },
  size: number,
  timeoutMs = 5_000,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (provider.poolReady < size) {
    if (performance.now() > deadline) {
      process.stderr.write(
        `bench: warm pool stuck at ${provider.poolReady} of ${size} after ${timeoutMs} ms\n`,
      );
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** Runs /bin/true in the sandbox; resolves once it has exited. */
export async function runTrue(sandbox: Sandbox): Promise<void> {
  const process = await sandbox.spawn({ argv: ["/bin/true"] }, { timeoutMs: 10_000, maxOutputBytes: 65_536 });
  process.stdout.resume();
  process.stderr.resume();
  process.stdin.end();
  const exit = await process.exited;
  if (exit.reason !== "exited" || exit.exitCode !== 0) {
    throw new Error(`/bin/true in a sandbox ended with ${exit.reason} (exit ${String(exit.exitCode)})`);
  }
}

export interface SandboxCreateTimes {
  /** Pooled samples not taken because the pool was empty (see waitForPool). */
  skipped: number;
  /** provider.create() only. */
  create: number[];
  /** provider.create() through the exit of the first /bin/true. */
  createAndFirstExit: number[];
}

async function timeCreate(provider: ServerProvider, limits: SandboxLimits, into: SandboxCreateTimes) {
  const startedAt = performance.now();
  const sandbox = await provider.create({ owner: benchOwner, limits, singleUse: true });
  const createdAt = performance.now();
  try {
    await runTrue(sandbox);
    into.create.push(createdAt - startedAt);
    into.createAndFirstExit.push(performance.now() - startedAt);
  } finally {
    await sandbox.destroy();
  }
}

/**
 * Pooled and fresh creates alternate. A fresh sandbox is asked for with limits
 * one MiB off the pool's, which the provider does not serve from the pool.
 */
export async function measureSandboxCreate(
  provider: ServerProvider,
  options: { limits: SandboxLimits; poolSize: number; samples: number },
): Promise<{ pooled: SandboxCreateTimes; fresh: SandboxCreateTimes }> {
  const pooled: SandboxCreateTimes = { skipped: 0, create: [], createAndFirstExit: [] };
  const fresh: SandboxCreateTimes = { skipped: 0, create: [], createAndFirstExit: [] };
  const freshLimits = { ...options.limits, memoryBytes: options.limits.memoryBytes + mebibyte };
  for (let index = 0; index < options.samples; index++) {
    await waitForPool(provider, options.poolSize);
    if (provider.poolReady > 0) await timeCreate(provider, options.limits, pooled);
    else pooled.skipped++;
    await waitForPool(provider, options.poolSize);
    await timeCreate(provider, freshLimits, fresh);
  }
  return { pooled, fresh };
}

export interface SessionMemory {
  sessions: number;
  /** Sandboxes of these sessions that had at least one process alive when scanned. */
  sandboxesWithProcesses: number;
  totals: MemoryTotals;
  rssMiBPerSession: number;
  pssMiBPerSession: number;
  /** Kernel-charged memory of the sessions' cgroups (includes tmpfs and page cache); undefined without cgroups. */
  cgroupChargeMiBPerSession: number | undefined;
}

/**
 * Opens `count` run sessions with one run each, then sums the memory of every
 * sandbox process whose cgroup is one of those sessions' sandboxes: the pool,
 * other sessions and other Hangar instances on the machine are not counted.
 */
export async function measureIdleSessionMemory(
  client: RunClient,
  provider: ServerProvider,
  options: { count: number; language: string; code: string; prefix: string },
): Promise<SessionMemory> {
  const sessionIds = Array.from({ length: options.count }, (_, index) => `${options.prefix}-${index}`);
  try {
    for (const sessionId of sessionIds) {
      await client.runOk({ language: options.language, code: options.code, sessionId });
    }
    // Let the last kernel finish answering and settle before its memory is read.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const wanted = new Set(sessionIds);
    const sandboxIds = new Set(
      (await provider.list())
        .filter((info) => wanted.has(info.labels["hangar.run-session"] ?? ""))
        .map((info) => String(info.id)),
    );
    const processes = (await scanSandboxProcesses()).filter(
      (process) => process.sandboxId !== undefined && sandboxIds.has(process.sandboxId),
    );
    const totals = totalMemory(processes);
    const charge = await readCgroupMemoryCharge(sandboxIds);
    return {
      sessions: options.count,
      sandboxesWithProcesses: new Set(processes.map((process) => process.sandboxId)).size,
      totals,
      rssMiBPerSession: totals.rssBytes / mebibyte / options.count,
      pssMiBPerSession: totals.pssBytes / mebibyte / options.count,
      cgroupChargeMiBPerSession: charge === undefined ? undefined : charge / mebibyte / options.count,
    };
  } finally {
    for (const sessionId of sessionIds) await client.deleteSession(sessionId);
  }
}
