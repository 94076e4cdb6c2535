import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { scanSandboxProcesses } from "./sandbox-memory.js";

/**
 * Other work on the machine that skews the numbers: test runners (another
 * engineer's `npm test`) and sandboxes of other Hangar instances. Sampled
 * between phases, not during them, so the scan itself costs no measurement.
 */
export interface ActivitySample {
  phase: string;
  testRunners: number;
  foreignSandboxProcesses: number;
}

/** The provider names its cgroups after this hash of the data directory (see BwrapProvider's constructor). */
export function providerInstance(dataDirectory: string): string {
  return createHash("sha256").update(resolve(dataDirectory)).digest("hex").slice(0, 12);
}

async function countTestRunners(): Promise<number> {
  const entries = await readdir("/proc");
  const commandLines = await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
      .map((name) => readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "")),
  );
  return commandLines.filter((commandLine) => commandLine.includes("vitest")).length;
}

export async function sampleForeignActivity(phase: string, ownInstance: string): Promise<ActivitySample> {
  const [testRunners, sandboxProcesses] = await Promise.all([countTestRunners(), scanSandboxProcesses()]);
  return {
    phase,
    testRunners,
    foreignSandboxProcesses: sandboxProcesses.filter((sandbox) => sandbox.instance !== ownInstance).length,
  };
}

export function describeForeignActivity(samples: readonly ActivitySample[]): string | undefined {
  const busy = samples.filter((sample) => sample.testRunners > 0 || sample.foreignSandboxProcesses > 0);
  if (busy.length === 0) return undefined;
  const phases = busy
    .map(
      (sample) => `${sample.phase} (${sample.testRunners} vitest, ${sample.foreignSandboxProcesses} sandbox)`,
    )
    .join(", ");
  return `other work seen at ${busy.length} of ${samples.length} checkpoints: ${phases}`;
}

/**
 * Whether other work disturbed the run. The load average lags by a minute (it
 * still shows an earlier bench), so it is printed but not trusted; the idle
 * CPU samples and the checkpoints between phases are current.
 */
export function describeLoad(
  nproc: number,
  observed: {
    start: number[];
    end: number[];
    foreignBusyAtStart: number;
    foreignBusyAtEnd: number;
    activity: ActivitySample[];
  },
): { text: string; isBusy: boolean } {
  const percent = (fraction: number): string => `${(fraction * 100).toFixed(0)}%`;
  const lines = [
    `loadavg start ${observed.start.join(" ")}, end ${observed.end.join(" ")} (nproc ${nproc}); ` +
      `CPU busy while the bench was idle: ${percent(observed.foreignBusyAtStart)} before, ` +
      `${percent(observed.foreignBusyAtEnd)} after`,
  ];
  const activity = describeForeignActivity(observed.activity);
  if (activity !== undefined) lines.push(`NOTE: ${activity}`);
  const isBusy =
    activity !== undefined || observed.foreignBusyAtStart > 0.25 || observed.foreignBusyAtEnd > 0.25;
  if (isBusy) lines.push("NOTE: the machine was busy with other work; expect noisy numbers.");
  return { text: lines.join("\n"), isBusy };
}
