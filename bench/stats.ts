/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export type Spread = { n: number; median: number; p99: number };

export const spread = (samples: readonly number[]): Spread => ({
  n: samples.length,
  median: median(samples),
  p99: percentile(samples, 99),
});
