import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** One line of the results table; `met` is undefined for rows without a goal. */
export interface ResultRow {
  metric: string;
  unit: string;
  median: number | undefined;
  p90: number | undefined;
  samples: number | undefined;
  goal: string | undefined;
  met: boolean | undefined;
}

export function row(
  metric: string,
  unit: string,
  values: { median?: number; p90?: number; samples?: number },
  goal?: { text: string; met: boolean },
): ResultRow {
  return {
    metric,
    unit,
    median: values.median,
    p90: values.p90,
    samples: values.samples,
    goal: goal?.text,
    met: goal?.met,
  };
}

function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return "-";
  if (Number.isInteger(value)) return `${value} ${unit}`.trim();
  const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 10 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A Markdown table, padded so it also reads well in a terminal. */
export function formatTable(header: string[], lines: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  const render = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [render(header), rule, ...lines.map(render)].join("\n");
}

export function formatResults(rows: readonly ResultRow[]): string {
  return formatTable(
    ["metric", "median", "p90", "goal", "met"],
    rows.map((result) => [
      result.samples === undefined ? result.metric : `${result.metric} (n=${result.samples})`,
      formatValue(result.median, result.unit),
      formatValue(result.p90, result.unit),
      result.goal ?? "-",
      result.met === undefined ? "-" : result.met ? "yes" : "MISSED",
    ]),
  );
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}
