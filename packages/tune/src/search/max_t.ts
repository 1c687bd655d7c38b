/**
 * The familywise threshold of the selection rule `'max-t'`: how large the largest of several
 * correlated paired t statistics gets by chance alone, when no setting truly helps.
 *
 * Each statistic is a mean of per-fold paired differences divided by its standard error
 * corrected for the overlap of the training sets (Nadeau and Bengio, 2003; see `pairedGain`):
 * that correction accounts for how the folds depend on each other, so each statistic alone is
 * taken as Student's t with J - 1 degrees of freedom. What the correction does not give is how
 * the statistics depend on each other: settings trained on the same folds, and amounts of one
 * kind, move together. The threshold is the `1 - level` quantile of the largest of S such
 * statistics, drawn jointly with the correlation the folds show (single-step max-t, Westfall and
 * Young 1993; Hothorn, Bretz and Westfall 2008): a Gaussian multiplier bootstrap (each draw weighs
 * the standardized per-fold differences by independent normals, which gives the statistics the
 * folds' sample correlation, singular or not) divided by one shared chi-square root (Student's t
 * tails). With S = 1 it is Student's t quantile; with S independent statistics, Sidak's; with
 * perfectly correlated ones, again one t quantile. Draws come from tfjs-noise's noise source
 * keyed by `seed`: the same inputs give the same threshold on every machine.
 */
import { random } from 'tfjs-noise';
import { checkInt, checkSafeInteger, fail } from 'tfjs-noise/extend';

const MAX_T_STREAM = random.streamId('tfjs-noise-tune/max-t');

/**
 * Options of {@link maxTThreshold}.
 *
 * @example
 * ```ts
 * import type { MaxTOptions } from '@tfjs-noise/tune/blocks';
 *
 * const options: MaxTOptions = { level: 0.05, seed: 1, draws: 20000 };
 * ```
 */
export interface MaxTOptions {
  /** One-sided familywise level: the chance that any statistic passes when none helps. */
  level: number;
  /** Seed of the draws. Default 0. */
  seed?: number;
  /** Number of joint draws. Default 10000 (the quantile's own error is then about 1%). */
  draws?: number;
}

/**
 * The threshold that the largest of the statistics of `differences` exceeds with probability
 * `level` when every true mean is zero (see the module's documentation).
 *
 * @param differences One row per statistic: its per-fold paired differences, all of the same
 *   length J >= 2 (fold order shared). A row with no spread adds nothing to the maximum.
 * @returns The threshold in standard errors (`Infinity` if J < 2: no evidence at all).
 *
 * @example
 * ```ts
 * import { maxTThreshold } from '@tfjs-noise/tune/blocks';
 *
 * // Two settings over 10 folds: the threshold lies between one t quantile and Sidak's.
 * const a = [1, -2, 0.5, 3, -1, 2, 0, 1, -0.5, 1.5];
 * const b = a.map((v, j) => v + (j % 2 ? 0.3 : -0.2));
 * console.log(maxTThreshold([a, b], { level: 0.05, seed: 1 }).toFixed(2));
 * ```
 */
export function maxTThreshold(
  differences: readonly (readonly number[])[],
  options: MaxTOptions,
): number {
  const owner = 'maxTThreshold';
  const level = options.level;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    fail(owner, 'options.level', 'a number in (0, 1)', level);
  }
  const seed = checkSafeInteger(owner, 'options.seed', options.seed ?? 0);
  const draws = checkInt(owner, 'options.draws', options.draws ?? 10000, 100);
  if (differences.length === 0) return Number.POSITIVE_INFINITY;
  const n = differences[0]!.length;
  if (differences.some((d) => d.length !== n)) {
    fail(
      owner,
      'differences',
      'rows of one length (one value per fold)',
      differences.map((d) => d.length),
    );
  }
  if (n < 2) return Number.POSITIVE_INFINITY;
  // Each row centred and scaled to unit sample variance: z[s][j].
  const z = differences
    .map((d) => {
      const mean = d.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      return sd > 0 && Number.isFinite(sd) ? d.map((v) => (v - mean) / sd) : null;
    })
    .filter((row): row is number[] => row !== null);
  if (z.length === 0) return Number.POSITIVE_INFINITY;
  const df = n - 1;
  // Per draw: n multipliers, then df normals for the shared chi-square.
  const width = n + df;
  const g = random.fillNormal(new Float64Array(draws * width), {
    seed,
    stream: MAX_T_STREAM,
    step: 0,
  });
  const maxima = new Float64Array(draws);
  const scale = 1 / Math.sqrt(n - 1);
  for (let b = 0; b < draws; b++) {
    const o = b * width;
    let chi2 = 0;
    for (let i = 0; i < df; i++) chi2 += g[o + n + i]! ** 2;
    const denominator = Math.sqrt(chi2 / df);
    let largest = Number.NEGATIVE_INFINITY;
    for (const row of z) {
      let s = 0;
      for (let j = 0; j < n; j++) s += row[j]! * g[o + j]!;
      if (s > largest) largest = s;
    }
    maxima[b] = (largest * scale) / denominator;
  }
  maxima.sort();
  return maxima[Math.min(draws - 1, Math.ceil((1 - level) * draws) - 1)]!;
}
