import type { OneShotBreakdown, SandboxPathTimes } from "./one-shot-breakdown.js";
import { stageNames } from "./one-shot-breakdown.js";
import { formatTable } from "./report.js";
import { median, summarize, type Summary } from "./statistics.js";

/** The one-shot breakdown as a table: entrances first (each with what it adds), then sandbox stages. */
export function formatBreakdown(breakdown: OneShotBreakdown): string {
  const cell = (value: number): string => (Number.isNaN(value) ? "-" : `${value.toFixed(2)} ms`);
  const adds = (values: number[], below: number[]): string => {
    const difference = median(values) - median(below);
    return `${difference >= 0 ? "+" : ""}${cell(difference)}`;
  };
  const line = (name: string, values: number[], added: string): string[] => {
    const summary = summarize(values);
    return [name, cell(summary.median), cell(summary.p90), added];
  };
  const stageLines = (path: SandboxPathTimes): string[][] =>
    stageNames.map((name) => line(`    ${name}`, path.stages[name], "-"));
  return formatTable(
    ["entrance / stage", "median", "p90", "adds"],
    [
      line("bare python3 -c: spawn -> user code", breakdown.bare.untilUserCode, "-"),
      line("bare python3 -c: spawn -> close", breakdown.bare.total, "-"),
      line("sandbox port, pool hit: create -> exited", breakdown.poolHit.total, "-"),
      ...stageLines(breakdown.poolHit),
      line(
        "sandbox port, pre-parked, no refill running",
        breakdown.preParked.total,
        adds(breakdown.preParked.total, breakdown.poolHit.total),
      ),
      ...stageLines(breakdown.preParked),
      line("run service: execute()", breakdown.service, adds(breakdown.service, breakdown.poolHit.total)),
      line("HTTP: POST /run", breakdown.http, adds(breakdown.http, breakdown.service)),
    ],
  );
}

function summarizePath(path: SandboxPathTimes): { total: Summary; stages: Record<string, Summary> } {
  return {
    total: summarize(path.total),
    stages: Object.fromEntries(stageNames.map((name) => [name, summarize(path.stages[name])])),
  };
}

export function summarizeBreakdown(breakdown: OneShotBreakdown) {
  return {
    bare: { total: summarize(breakdown.bare.total), untilUserCode: summarize(breakdown.bare.untilUserCode) },
    http: summarize(breakdown.http),
    service: summarize(breakdown.service),
    poolHit: summarizePath(breakdown.poolHit),
    preParked: summarizePath(breakdown.preParked),
  };
}
