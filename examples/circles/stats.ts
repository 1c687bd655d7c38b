/** Summary statistics for the experiment tables. */
import { t975 } from '@tfjs-noise/support/stats';

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
  const t = n > 1 ? t975(n - 1) : Number.NaN;
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
