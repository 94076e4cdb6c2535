import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

/**
 * What the machine was doing around the run. Numbers from a busy machine are
 * not comparable with numbers from an idle one, so every report carries them.
 */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  totalMemoryMiB: number;
  nodeVersion: string;
  platform: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    totalMemoryMiB: Math.round(totalmem() / (1024 * 1024)),
    nodeVersion: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** The 1, 5 and 15 minute load averages. */
export function readLoadAverage(): [number, number, number] {
  const fields = readFileSync("/proc/loadavg", "utf8").split(" ").map(Number);
  return [fields[0] ?? Number.NaN, fields[1] ?? Number.NaN, fields[2] ?? Number.NaN];
}

/** Linux reports CPU times in USER_HZ ticks, which is 100 on every mainstream architecture. */
const millisecondsPerTick = 10;

export interface CpuTimes {
  /** Milliseconds all cores together spent busy (not idle or waiting for I/O) since boot. */
  busyMs: number;
  totalMs: number;
}

export function readCpuTimes(): CpuTimes {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  // Fields: user nice system idle iowait irq softirq steal, then guest times already counted in user.
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  // Idle and iowait are not busy.
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busyMs: (total - idle) * millisecondsPerTick, totalMs: total * millisecondsPerTick };
}

/** CPU time of this process, every thread (the event loop, libuv's pool, V8's helpers). */
export function readProcessCpu(): { selfMs: number } {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // The command name may contain spaces and parentheses; fields are counted after its closing one.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  // utime and stime are fields 14 and 15 of stat, so 11 and 12 after the name and state.
  return { selfMs: ((fields[11] ?? 0) + (fields[12] ?? 0)) * millisecondsPerTick };
}

/**
 * Fraction of all cores busy over `milliseconds` while this process sits
 * idle: that is load from someone else (tests running concurrently), which
 * the load average only shows with a minute's lag.
 */
export async function sampleForeignBusyFraction(milliseconds: number): Promise<number> {
  const before = readCpuTimes();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  return busyFraction(before, readCpuTimes());
}

export function busyFraction(before: CpuTimes, after: CpuTimes): number {
  const total = after.totalMs - before.totalMs;
  return total <= 0 ? 0 : (after.busyMs - before.busyMs) / total;
}
