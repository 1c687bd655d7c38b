/** Summary statistics for the experiment tables. */

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  /** Half-width of the 95% confidence interval of the mean (Student's t). */
  ci95: number;
}

export function summarize(values: number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const t = n > 1 ? (T975[Math.min(n - 1, 30) - 1] ?? 1.96) : Number.NaN;
  return { n, mean, sd, ci95: n > 1 ? (t * sd) / Math.sqrt(n) : Number.NaN };
}

/** "81.2% +- 3.4" for accuracies. */
export function percent(s: Summary): string {
  return `${(100 * s.mean).toFixed(1)}% +- ${Number.isNaN(s.ci95) ? '?' : (100 * s.ci95).toFixed(1)}`;
}

/** "+1.2 +- 2.0" in percentage points, for differences of accuracies. */
export function signedPoints(s: Summary): string {
  const mean = `${s.mean >= 0 ? '+' : ''}${(100 * s.mean).toFixed(1)}`;
  return `${mean} +- ${Number.isNaN(s.ci95) ? '?' : (100 * s.ci95).toFixed(1)}`;
}
