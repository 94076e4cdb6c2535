import { measureAgentBenchmarks, measureFanoutBenchmarks } from "./agent-benchmarks.js";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { destination, pino } from "pino";
import { createApp, sandboxLimits } from "../src/app/create-app.js";
import { parseConfig } from "../src/config/load-config.js";
import { errorMessage } from "../src/core/errors.js";
import { formatBreakdown, summarizeBreakdown } from "./breakdown-report.js";
import { measureBridgeBenchmarks } from "./bridge-benchmarks.js";
import { bwrapCapacityRow, measureDocker } from "./docker-benchmarks.js";
import {
  describeLoad,
  providerInstance,
  sampleForeignActivity,
  type ActivitySample,
} from "./foreign-activity.js";
import {
  measureBareThroughput,
  measureBareVersusOneShot,
  measureSessionBesideOneShots,
  measureSessionRuns,
  measureSessionUnderOneShotLoad,
  measureSpawnBlocking,
  measureThroughput,
} from "./latency-benchmarks.js";
import { machineInfo, readLoadAverage, sampleForeignBusyFraction } from "./machine-info.js";
import { measureOneShotBreakdown } from "./one-shot-breakdown.js";
import { measureRelayBenchmarks } from "./relay-benchmarks.js";
import { measureMcpBenchmarks } from "./mcp-benchmarks.js";
import { measureProxyBenchmarks } from "./proxy-benchmarks.js";
import { measureExternalAgentBenchmarks } from "./external-agent-benchmarks.js";
import { measureTuiBenchmarks } from "./tui-benchmarks.js";
import { formatResults, row, writeJson, type ResultRow } from "./report.js";
import { RunClient } from "./run-client.js";
import { measureIdleSessionMemory, measureSandboxCreate, waitForPool } from "./sandbox-benchmarks.js";
import { describeProcesses, formatMiB } from "./sandbox-memory.js";
import { round, summarize } from "./statistics.js";

/**
 * `npm run bench`: starts a real Hangar in this process, drives it over HTTP
 * on 127.0.0.1, prints a table and writes bench/results/latest.json. Goals
 * compare numbers taken in this one run (e.g. /run against a bare python
 * start measured alternately), never against constants from another machine.
 * A missed goal is reported, not a failure: the exit code is 0 unless the
 * benchmark itself broke.
 */
const poolSize = 4;
const goals = { overheadMs: 3, sessionRunMs: 2, runsPerSecond: 70, throughputRatio: 0.8 };
const outputRoot = fileURLToPath(new URL("../", import.meta.url));
const repositoryRoot = resolve(outputRoot, "..");
const resultsPath = join(repositoryRoot, "bench", "results", "latest.json");
const mebibyte = 1024 * 1024;

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const loadAtStart = readLoadAverage();
  const foreignBusyAtStart = await sampleForeignBusyFraction(500);
  const startedAt = performance.now();

  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-bench-"));
  const instance = providerInstance(dataDirectory);
  const activity: ActivitySample[] = [await sampleForeignActivity("start", instance)];
  const checkpoint = async (phase: string): Promise<void> => {
    activity.push(await sampleForeignActivity(phase, instance));
  };
  const config = parseConfig({
    data_dir: dataDirectory,
    log: { level: "warn" },
    sandbox: { pool_size: poolSize },
    // 20 memory sessions plus the two warm ones exceed the default of 16 per owner.
    runs: { max_concurrent: 8, max_queue: 256, max_sessions_per_owner: 32 },
  });
  // Logs go to stderr so stdout carries only the results.
  const logger = pino({ level: "warn", name: "hangar-bench" }, destination(2));
  const app = await createApp(config, { skipProbes: true, logger });
  const server = await app.createHttpServer();
  try {
    await server.listen({ port: 0, host: "127.0.0.1" });
    const { port } = server.server.address() as AddressInfo;
    const client = new RunClient(`http://127.0.0.1:${port}`);
    const limits = sandboxLimits(config);
    await waitForPool(app.provider, poolSize, 30_000);

    log("bare python start vs one-shot /run, interleaved (5 warm-up + 40 each)");
    const oneShot = await measureBareVersusOneShot(client, { warmup: 5, samples: 40 });
    await checkpoint("one-shot");
    log("warm session runs (python, javascript: 200 each)");
    const python = await measureSessionRuns(client, {
      language: "python",
      code: "x=1",
      sessionId: "bench",
      samples: 200,
    });
    const javascript = await measureSessionRuns(client, {
      language: "javascript",
      code: "x=1",
      sessionId: "bench-js",
      samples: 200,
    });
    await client.deleteSession("bench");
    await client.deleteSession("bench-js");
    await checkpoint("sessions");
    log("warm session runs beside one-shot runs: alternated (100), then under 8 one-shot clients (5 s)");
    const besideOneShots = await measureSessionBesideOneShots(client, {
      sessionId: "bench-mixed",
      samples: 100,
    });
    await waitForPool(app.provider, poolSize);
    const underLoad = await measureSessionUnderOneShotLoad(client, {
      sessionId: "bench-mixed",
      concurrency: 8,
      durationMs: 5_000,
    });
    await client.deleteSession("bench-mixed");
    await checkpoint("mixed");
    log("throughput: bare python at concurrency 8 for 5 s, then one-shot /run python for 10 s");
    const bareThroughput = await measureBareThroughput({ concurrency: 8, durationMs: 5_000 });
    await waitForPool(app.provider, poolSize);
    const throughput = await measureThroughput(client, app.provider, { concurrency: 8, durationMs: 10_000 });
    await checkpoint("throughput");
    log("sandbox create, pooled vs fresh (20 each)");
    const creates = await measureSandboxCreate(app.provider, { limits, poolSize, samples: 20 });
    await checkpoint("sandbox create");
    log("one-shot breakdown by entrance and stage (20 rounds)");
    const breakdown = await measureOneShotBreakdown(client, app.runService, app.provider, {
      limits,
      poolSize,
      samples: 20,
    });
    await checkpoint("breakdown");
    const spawnBlocking = await measureSpawnBlocking(20);
    const serverRssMiB = process.memoryUsage().rss / mebibyte;
    log("idle memory: 20 sessions with a python kernel, then 20 with a bash run");
    const withKernel = await measureIdleSessionMemory(client, app.provider, {
      count: 20,
      language: "python",
      code: "x=1",
      prefix: "memory-python",
    });
    const withoutKernel = await measureIdleSessionMemory(client, app.provider, {
      count: 20,
      language: "bash",
      code: "true",
      prefix: "memory-bash",
    });
    const isPoolFull = await waitForPool(app.provider, poolSize);
    await checkpoint("memory");

    const bare = summarize(oneShot.bare);
    const run = summarize(oneShot.oneShot);
    const overheadMs = run.median - bare.median;
    const ratio = run.median / bare.median;
    const pythonSession = summarize(python.elapsed);
    const javascriptSession = summarize(javascript.elapsed);
    const throughputLatency = summarize(throughput.latencies);
    const throughputRatio = throughput.runsPerSecond / bareThroughput.runsPerSecond;
    const rows: ResultRow[] = [
      row("bare python start", "ms", bare),
      row("one-shot /run python", "ms", run),
      row(
        "overhead (one-shot - bare)",
        "ms",
        { median: overheadMs },
        { text: `<= ${goals.overheadMs} ms`, met: overheadMs <= goals.overheadMs },
      ),
      row("warm session run python", "ms", pythonSession, {
        text: `< ${goals.sessionRunMs} ms`,
        met: pythonSession.median < goals.sessionRunMs,
      }),
      row("  of which in kernel (durationMs)", "ms", summarize(python.serverDuration)),
      row("warm session run javascript", "ms", javascriptSession, {
        text: `< ${goals.sessionRunMs} ms`,
        met: javascriptSession.median < goals.sessionRunMs,
      }),
      row("  of which in kernel (durationMs)", "ms", summarize(javascript.serverDuration)),
      sessionGoalRow("warm session run python, alternated with one-shot runs", besideOneShots),
      sessionGoalRow("warm session run python, under 8 one-shot clients", underLoad),
      row(
        "throughput (c=8, 10 s)",
        "runs/s",
        { median: throughput.runsPerSecond },
        { text: `>= ${goals.runsPerSecond} runs/s`, met: throughput.runsPerSecond >= goals.runsPerSecond },
      ),
      row("  ceiling: bare python3 -c (c=8, 5 s)", "runs/s", { median: bareThroughput.runsPerSecond }),
      row(
        "  throughput /run ÷ bare python3 -c (c=8)",
        "x",
        { median: throughputRatio },
        { text: `>= ${goals.throughputRatio}x`, met: throughputRatio >= goals.throughputRatio },
      ),
      row(
        "throughput errors",
        "",
        { median: throughput.errors },
        { text: "0", met: throughput.errors === 0 },
      ),
      row("throughput run latency", "ms", throughputLatency),
      row("sandbox create (pooled)", "ms", summarize(creates.pooled.create)),
      row("sandbox create (fresh)", "ms", summarize(creates.fresh.create)),
      row("  pooled: create + first /bin/true exit", "ms", summarize(creates.pooled.createAndFirstExit)),
      row("  fresh: create + first /bin/true exit", "ms", summarize(creates.fresh.createAndFirstExit)),
      row("idle memory/session, python kernel (RSS)", "MiB", { median: withKernel.rssMiBPerSession }),
      row("idle memory/session, python kernel (PSS)", "MiB", { median: withKernel.pssMiBPerSession }),
      row("idle memory/session, no kernel (RSS)", "MiB", { median: withoutKernel.rssMiBPerSession }),
      row("idle memory/session, no kernel (cgroup)", "MiB", {
        median: withoutKernel.cgroupChargeMiBPerSession,
      }),
      row(`spawn() blocks event loop (RSS ${serverRssMiB.toFixed(0)} MiB)`, "ms", summarize(spawnBlocking)),
      bwrapCapacityRow(withKernel.cgroupChargeMiBPerSession, "idle python kernel, cgroup"),
    ];

    await server.close();
    await app.stop();
    log("docker provider (skipped without DOCKER_HOST)");
    const docker = await measureDocker({ dataDirectory, limits, poolSize, log });
    if ("rows" in docker) rows.push(...docker.rows);
    await checkpoint("docker");
    log("agent sessions (scripted model answering instantly)");
    const agents = await measureAgentBenchmarks({ log });
    rows.push(...agents.rows);
    await checkpoint("agents");
    const relay = await measureRelayBenchmarks({ log });
    rows.push(...relay.rows);
    await checkpoint("relay");
    const proxy = await measureProxyBenchmarks({ log });
    rows.push(...proxy.rows);
    await checkpoint("proxy");
    const mcp = await measureMcpBenchmarks({ log });
    rows.push(...mcp.rows);
    await checkpoint("mcp");
    const external = await measureExternalAgentBenchmarks({ log });
    rows.push(...external.rows);
    await checkpoint("external");
    const tui = await measureTuiBenchmarks({ log });
    rows.push(...tui.rows);
    await checkpoint("tui");
    const bridges = await measureBridgeBenchmarks({ log });
    rows.push(...bridges.rows);
    await checkpoint("bridges");
    const foreignBusyAtEnd = await sampleForeignBusyFraction(500);
    const loadAtEnd = readLoadAverage();
    const runtimeSeconds = (performance.now() - startedAt) / 1000;
    const load = describeLoad(machine.nproc, {
      start: loadAtStart,
      end: loadAtEnd,
      foreignBusyAtStart,
      foreignBusyAtEnd,
      activity,
    });
    const missed = rows.filter((result) => result.met === false).map((result) => result.metric);
    const diagnostics = throughput.diagnostics;
    const percent = (fraction: number): string => `${(fraction * 100).toFixed(0)}%`;

    console.log(formatResults(rows));
    if ("skipped" in docker) console.log(`docker: skipped (${docker.skipped})`);
    console.log(
      `\nratio one-shot/bare: ${ratio.toFixed(2)}x  (overhead ${overheadMs.toFixed(2)} ms on a ` +
        `${bare.median.toFixed(2)} ms bare start); throughput /run vs bare python: ` +
        `${(throughput.runsPerSecond / bareThroughput.runsPerSecond).toFixed(2)}x`,
    );
    console.log(
      `\nOne-shot python by entrance and stage (pool full before each; n=${breakdown.http.length}; ` +
        '"adds" = median over the entrance below it; pre-parked is compared with the pool hit):\n',
    );
    console.log(formatBreakdown(breakdown));
    console.log(
      `\nthroughput: ${throughput.ok} ok, ${throughput.errors} errors in ${(throughput.elapsedMs / 1000).toFixed(2)} s; ` +
        `machine CPU busy ${percent(diagnostics.machineBusyFraction)}, this process ` +
        `${percent(diagnostics.serverCoreFraction)} of a core; CPU per run: server ` +
        `${diagnostics.serverCpuMsPerRun.toFixed(1)} ms, whole machine ${diagnostics.machineCpuMsPerRun.toFixed(1)} ms; ` +
        `event-loop delay median ${diagnostics.eventLoopDelayMs.median.toFixed(1)} ms, ` +
        `p99 ${diagnostics.eventLoopDelayMs.p99.toFixed(1)} ms; pool empty ${percent(diagnostics.poolEmptyFraction)} of the time` +
        (throughput.errorSamples.length > 0
          ? `\n  first errors: ${throughput.errorSamples.join("\n  ")}`
          : ""),
    );
    console.log(
      `memory: 20 python sessions keep ${describeProcesses(withKernel.totals)} alive; ` +
        `bash sessions keep ${withoutKernel.totals.processes} processes ` +
        `(cgroup charge ${formatMiB(withKernel.cgroupChargeMiBPerSession)} vs ` +
        `${formatMiB(withoutKernel.cgroupChargeMiBPerSession)} per session)`,
    );
    if (creates.pooled.skipped > 0 || !isPoolFull) {
      console.log(
        `NOTE: the warm pool stalled (${creates.pooled.skipped} pooled samples skipped; ` +
          `${app.provider.poolReady} of ${poolSize} ready at the end): a failed refill is only retried on a pool hit.`,
      );
    }
    console.log(`\n${load.text}`);
    console.log(missed.length === 0 ? "All goals met." : `MISSED goals: ${missed.join(", ")}`);
    console.log(`runtime ${runtimeSeconds.toFixed(1)} s; results in ${resultsPath}`);

    await writeJson(resultsPath, {
      machine,
      load: {
        start: loadAtStart,
        end: loadAtEnd,
        foreignBusyAtStart: round(foreignBusyAtStart),
        foreignBusyAtEnd: round(foreignBusyAtEnd),
        activity,
        isBusy: load.isBusy,
      },
      config: { poolSize, maxConcurrent: 8, maxQueue: 256 },
      runtimeSeconds: round(runtimeSeconds, 1),
      rows: rows.map((result) => ({
        ...result,
        median: result.median === undefined ? null : round(result.median),
        p90: result.p90 === undefined ? null : round(result.p90),
      })),
      ratio: round(ratio),
      overheadMs: round(overheadMs),
      missed,
      throughput: { ...throughput, latencies: undefined, latency: throughputLatency, bare: bareThroughput },
      sandboxCreate: { pooledSkipped: creates.pooled.skipped, poolFullAtEnd: isPoolFull },
      memory: { withKernel, withoutKernel },
      docker:
        "skipped" in docker
          ? { skipped: docker.skipped }
          : { runtimeSeconds: round(docker.runtimeSeconds, 1) },
      serverRssMiB: round(serverRssMiB, 1),
      breakdown: summarizeBreakdown(breakdown),
      samples: {
        bare: oneShot.bare.map((value) => round(value)),
        oneShot: oneShot.oneShot.map((value) => round(value)),
        pythonSession: python.elapsed.map((value) => round(value)),
        javascriptSession: javascript.elapsed.map((value) => round(value)),
      },
    });
  } finally {
    // Idempotent: a failure above still stops every sandbox and frees the data directory.
    await server.close();
    await app.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- agent` (the agent-session rows), `npm run bench -- fanout`
 * (only the SSE fan-out rows), `npm run bench -- relay` (only the model relay rows), `npm run bench -- proxy`
 * (the credential proxy's rows) or
 * `npm run bench -- external` (the agent runner's rows), `npm run bench -- tui` (the terminal UI's) or
 * `npm run bench -- bridges` (the Telegram bridge's) or `npm run bench -- mcp` (MCP run_code against POST /run): printed and not written to latest.json (a
 * partial run would replace the full results).
 */
async function mainPartial(only: BenchPart): Promise<void> {
  const startedAt = performance.now();
  log(`${only} only`);
  const measure = {
    agent: measureAgentBenchmarks,
    fanout: measureFanoutBenchmarks,
    relay: measureRelayBenchmarks,
    proxy: measureProxyBenchmarks,
    external: measureExternalAgentBenchmarks,
    tui: measureTuiBenchmarks,
    bridges: measureBridgeBenchmarks,
    mcp: measureMcpBenchmarks,
  };
  const { rows } = await measure[only]({ log });
  const missed = rows.filter((result) => result.met === false).map((result) => result.metric);
  console.log(formatResults(rows));
  console.log(missed.length === 0 ? "All goals met." : `MISSED goals: ${missed.join(", ")}`);
  console.log(`runtime ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

/** A warm session row measured against the session goal. */
function sessionGoalRow(metric: string, elapsed: number[]): ResultRow {
  const summary = summarize(elapsed);
  return row(
    metric,
    "ms",
    { ...summary, samples: elapsed.length },
    { text: `<= ${goals.sessionRunMs} ms`, met: summary.median <= goals.sessionRunMs },
  );
}

type BenchPart = "agent" | "fanout" | "relay" | "proxy" | "external" | "tui" | "bridges" | "mcp";
const partials: readonly string[] = [
  "agent",
  "fanout",
  "relay",
  "proxy",
  "external",
  "tui",
  "bridges",
  "mcp",
] satisfies BenchPart[];
const only = process.argv[2];
if (only !== undefined && !partials.includes(only)) {
  log(`unknown filter "${only}": give none (everything) or one of ${partials.join(", ")}`);
  process.exit(2);
}
(only === undefined ? main() : mainPartial(only as BenchPart)).catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}`);
  process.exitCode = 1;
});
