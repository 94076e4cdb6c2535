/**
 * Order statistics for latency samples. Medians and p90s rather than means:
 * on a noisy two-core machine a single descheduled sample would drag a mean
 * far more than it moves the median.
 */
export interface Summary {
  count: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Linear interpolation between closest ranks (numpy's default), so small samples are not biased high. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lowerValue = sorted[lower] ?? Number.NaN;
  const upperValue = sorted[upper] ?? lowerValue;
  return lowerValue + (upperValue - lowerValue) * (position - lower);
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  return {
    count: values.length,
    median: median(values),
    p90: percentile(values, 0.9),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/** Rounds for reports: three decimals is below the timer's useful resolution anyway. */
export function round(value: number, decimals = 3): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
