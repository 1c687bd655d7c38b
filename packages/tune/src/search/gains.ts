/**
 * Paired gains over the cross-validation folds: the statistic every comparison of a search
 * rests on, in the metric's own units or in the units a user reads.
 */
import { higherIsBetter, type MetricName } from '../train/metrics';

/**
 * A paired comparison of two sets of fold scores (a setting and the one it is compared with).
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type PairedGain, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * const gain: PairedGain | null = result.recommendation.headline;
 * if (gain) console.log(`${gain.mean} +- ${gain.se} over ${gain.n} folds`);
 * ```
 */
export interface PairedGain {
  /** Mean over folds (and repeats) of the paired differences; positive means better. */
  mean: number;
  /**
   * Standard error of `mean`, corrected for the dependence between folds (Nadeau and Bengio,
   * 2003): `sd * sqrt(1/J + 1/(k-1))` for J fold scores of k-fold cross-validation, where the
   * naive `sd / sqrt(J)` would be too small (every two training sets share most rows).
   */
  se: number;
  /** Number of paired fold scores J. */
  n: number;
}

/**
 * Paired gains in every metric, each in the units a user reads (see {@link userGain}).
 *
 * @example
 * ```ts
 * import type { MetricGains } from '@tfjs-noise/tune';
 *
 * const gains: MetricGains = {
 *   accuracy: { mean: 3.3, se: 1.2, n: 10 }, // accuracy points
 *   logLoss: { mean: 0.04, se: 0.01, n: 10 }, // log-loss lower by
 * };
 * ```
 */
export type MetricGains = { [M in MetricName]?: PairedGain };

/**
 * The paired gain of `scores` over `baseline` (same folds, same order): mean and corrected
 * standard error of `sign * (scores[j] - baseline[j])`, with `sign` +1 when higher is better.
 *
 * @example
 * ```ts
 * import { pairedGain } from '@tfjs-noise/tune/blocks';
 *
 * // Accuracy of a setting and of no noise on the same 5 folds:
 * const gain = pairedGain([0.9, 0.85, 0.8, 0.9, 0.95], [0.85, 0.85, 0.75, 0.85, 0.9], 5, true);
 * // A gain beyond one standard error:
 * console.log(gain.mean.toFixed(2), gain.se.toFixed(3)); // prints: 0.04 0.015
 * ```
 */
export function pairedGain(
  scores: readonly number[],
  baseline: readonly number[],
  folds: number,
  higher: boolean,
): PairedGain {
  const n = scores.length;
  const d = scores.map((s, j) => (higher ? 1 : -1) * (s - baseline[j]!));
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const se = Math.sqrt(variance * (1 / n + 1 / (folds - 1)));
  return { mean, se, n };
}

/**
 * The paired gain in the units a user reads, positive when better: accuracy points
 * (`accuracy`), how much lower the log-loss or Brier score is (`logLoss`, `brier`), or how many
 * percent lower the MSE is, relative to `baseline`'s mean MSE (`mse`). Null when the MSE
 * baseline is 0 (no percentage exists).
 *
 * @example
 * ```ts
 * import { userGain } from '@tfjs-noise/tune/blocks';
 *
 * const g = userGain('accuracy', [0.9, 0.8, 0.85], [0.8, 0.8, 0.8], 3);
 * // Up by 5 accuracy points:
 * console.log(g?.mean.toFixed(1)); // prints: 5.0
 * ```
 */
export function userGain(
  metric: MetricName,
  scores: readonly number[],
  baseline: readonly number[],
  folds: number,
): PairedGain | null {
  if (metric === 'accuracy') {
    const pct = (v: readonly number[]) => v.map((s) => 100 * s);
    return pairedGain(pct(scores), pct(baseline), folds, true);
  }
  if (metric === 'mse') {
    const scale = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    if (!(scale > 0)) return null;
    const rel = (v: readonly number[]) => v.map((s) => (100 * s) / scale);
    return pairedGain(rel(scores), rel(baseline), folds, false);
  }
  return pairedGain(scores, baseline, folds, higherIsBetter(metric));
}

/**
 * {@link userGain} in every metric both score sets have.
 *
 * @example
 * ```ts
 * import { userGains } from '@tfjs-noise/tune/blocks';
 *
 * const gains = userGains(
 *   { accuracy: [0.9, 0.8], logLoss: [0.3, 0.4] }, // a setting's fold scores
 *   { accuracy: [0.8, 0.8], logLoss: [0.35, 0.45] }, // no noise's, on the same folds
 *   2,
 * );
 * // Accuracy up by 5 points, log-loss lower by 0.05:
 * console.log(gains.accuracy?.mean, gains.logLoss?.mean.toFixed(2)); // prints: 5 0.05
 * ```
 */
export function userGains(
  scores: { [M in MetricName]?: readonly number[] },
  baseline: { [M in MetricName]?: readonly number[] },
  folds: number,
): MetricGains {
  const out: MetricGains = {};
  for (const m of Object.keys(scores) as MetricName[]) {
    const a = scores[m];
    const b = baseline[m];
    if (!a || !b) continue;
    const g = userGain(m, a, b, folds);
    if (g) out[m] = g;
  }
  return out;
}

/**
 * True when `g` is a gain beyond `threshold` standard errors (and positive).
 *
 * @example
 * ```ts
 * import { beyond } from '@tfjs-noise/tune/blocks';
 *
 * // More than one standard error:
 * console.log(beyond({ mean: 2.5, se: 1.2, n: 10 }, 1)); // prints: true
 * console.log(beyond({ mean: 2.5, se: 1.2, n: 10 }, 3)); // prints: false
 * ```
 */
export function beyond(g: PairedGain | null | undefined, threshold: number): boolean {
  return !!g && g.mean > 0 && g.mean > threshold * g.se;
}
