/**
 * Statistics of the benchmark and example tables: Student's t quantiles and 95% intervals of a
 * mean (of paired differences, of accuracies).
 */

/** Two-sided 97.5% quantiles of Student's t for 1..40 degrees of freedom. */
export const T975: readonly number[] = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042, 2.04, 2.037, 2.035, 2.032, 2.03, 2.028, 2.026, 2.024, 2.023, 2.021,
];

/**
 * Student's two-sided 97.5% quantile for `df` degrees of freedom (1 or more): from the table up
 * to 40, the value at 40 beyond (2.021; the true quantile tends to 1.96).
 */
export function t975(df: number): number {
  return T975[Math.min(df, T975.length) - 1] ?? 1.96;
}

/** Mean and 95% interval (Student's t) of paired differences over seeds. */
export interface Interval {
  n: number;
  mean: number;
  low: number;
  high: number;
}

/** Mean and 95% t-interval of `values` (NaN bounds for fewer than 2 values). */
export function interval(values: readonly number[]): Interval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: Number.NaN, high: Number.NaN };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half };
}
