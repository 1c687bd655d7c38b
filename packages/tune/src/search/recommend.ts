/**
 * The recommendation of a search: noise only when it beats no noise on the same folds by more
 * than the fold-to-fold noise, else no noise, said in one sentence.
 */
import { higherIsBetter, type MetricName } from '../train/metrics';
import type { NoiseSetting, Task } from '../types';

/**
 * How the recommended setting is chosen from the cross-validation scores:
 * - `'paired'`: each setting's score on a fold minus no noise's score on the same fold (the same
 *   training rows and initial weights); a setting qualifies when the mean of these paired gains
 *   exceeds `threshold` standard errors (corrected for the overlap of the training sets, see
 *   {@link pairedGain}); the qualifying setting with the largest mean gain is recommended, and
 *   no noise when none qualifies.
 * - `'best-mean'`: the setting with the best mean score, however small its lead (the behaviour
 *   before 0.2; it picks noise on fold-to-fold noise alone and is kept for comparison).
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type SelectionRule, searchNoise } from '@tfjs-noise/tune';
 *
 * const rule: SelectionRule = 'paired';
 * const grid = { kinds: ['input'], amounts: [0, 0.1, 0.2] };
 * const result = await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid,
 *   builder: MLP_BUILDER,
 *   rule,
 *   threshold: 2, // noise only beyond 2 standard errors
 * });
 * ```
 */
export type SelectionRule = 'paired' | 'best-mean';

/**
 * The rules, for validation.
 *
 * @example
 * ```ts
 * import { SELECTION_RULES, type SelectionRule } from '@tfjs-noise/tune';
 *
 * const flag: string = 'best-mean';
 * const isRule = (SELECTION_RULES as readonly string[]).includes(flag); // true
 * const rule = flag as SelectionRule;
 * ```
 */
export const SELECTION_RULES: readonly SelectionRule[] = ['paired', 'best-mean'];

/**
 * A paired comparison of a setting with no noise over the cross-validation folds.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type PairedGain, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * const gain: PairedGain | null = result.recommendation.gain;
 * if (gain) console.log(`${gain.mean} +- ${gain.se} over ${gain.n} folds`);
 * ```
 */
export interface PairedGain {
  /** Mean over folds (and repeats) of (setting - no noise); positive means better. */
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
 * The noise a search recommends, and how sure it is.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type Recommendation, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * const { helps, setting, sentence }: Recommendation = result.recommendation;
 * console.log(sentence); // "noise helps here: ..." or "no noise setting beat no noise ..."
 * if (helps) console.log(`train with ${setting.kind} noise ${setting.amount}`);
 * ```
 */
export interface Recommendation {
  /** The recommended setting: noise, or the no-noise baseline. */
  setting: NoiseSetting;
  /** True if noise is recommended (it beat no noise beyond the fold-to-fold noise). */
  helps: boolean;
  /** The no-noise setting it was compared with. */
  baseline: NoiseSetting;
  /** The rule that chose it. */
  rule: SelectionRule;
  /** The metric the settings were compared on. */
  criterion: MetricName;
  /** The threshold in standard errors (rule `'paired'`). */
  threshold: number;
  /**
   * Paired gain of the recommended setting over no noise in the criterion (positive: better),
   * or, with no noise recommended, that of the setting with the largest mean gain (the closest
   * contender), or null if the grid holds no other setting.
   */
  gain: PairedGain | null;
  /** The setting `gain` belongs to. */
  contender: NoiseSetting | null;
  /**
   * The same paired comparison in the headline metric: accuracy points (classification) or
   * percent of no noise's MSE (regression, positive: lower MSE), for the sentence.
   */
  headline: PairedGain | null;
  /** One sentence for the user (see {@link recommend}). */
  sentence: string;
}

/**
 * Per-fold scores of one setting in every metric of the task.
 *
 * @example
 * ```ts
 * import type { FoldMetrics } from '@tfjs-noise/tune';
 *
 * const baseline: FoldMetrics = {
 *   setting: { kind: 'input', amount: 0 },
 *   metrics: { accuracy: [0.8, 0.9, 0.85], logLoss: [0.45, 0.3, 0.38] }, // one score per fold
 * };
 * ```
 */
export interface FoldMetrics {
  /** The setting. */
  setting: NoiseSetting;
  /**
   * Every metric's score on each fold (repeat-major), same order for every setting: the metrics
   * of the task (see `METRICS`), keyed by their name (`accuracy`, `logLoss`, `brier`, `mse`).
   */
  metrics: { [M in MetricName]?: number[] };
}

/**
 * Options of {@link recommend}.
 *
 * @example
 * ```ts
 * import type { RecommendOptions } from '@tfjs-noise/tune';
 *
 * const options: RecommendOptions = {
 *   task: 'regression',
 *   criterion: 'mse',
 *   rule: 'paired',
 *   threshold: 1,
 *   folds: 5,
 * };
 * ```
 */
export interface RecommendOptions {
  /** The task (the headline metric: accuracy or MSE). */
  task: Task;
  /** Metric compared. */
  criterion: MetricName;
  /** Selection rule. */
  rule: SelectionRule;
  /** Standard errors the paired gain must exceed (rule `'paired'`). */
  threshold: number;
  /** Folds k of the cross-validation (for the correction of the standard error). */
  folds: number;
}

/**
 * The paired gain of `scores` over `baseline` (same folds, same order): mean and corrected
 * standard error of `sign * (scores[j] - baseline[j])`, with `sign` +1 when higher is better.
 *
 * @example
 * ```ts
 * import { pairedGain } from '@tfjs-noise/tune';
 *
 * // Accuracy of a setting and of no noise on the same 5 folds:
 * const gain = pairedGain([0.9, 0.85, 0.8, 0.9, 0.95], [0.85, 0.85, 0.75, 0.85, 0.9], 5, true);
 * console.log(gain.mean, gain.se); // 0.04 0.015: beyond one standard error
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
 * Chooses the setting to recommend from per-fold scores, `rows[baselineIndex]` being no noise
 * (every setting of amount 0 is no noise and never a candidate).
 *
 * The sentence says which case the user is in, for example
 * `noise helps here: input 0.1, +3.2 +- 1.1 accuracy points over no noise (paired over 10
 * cross-validation folds, +- one standard error)` or `no noise setting beat no noise beyond
 * chance; the recommended model has no noise (closest: weight 0.05, +0.4 +- 1.3 accuracy
 * points)`.
 *
 * @example
 * ```ts
 * import { type FoldMetrics, recommend } from '@tfjs-noise/tune';
 *
 * const none = { kind: 'input', amount: 0 };
 * const input = { kind: 'input', amount: 0.1 };
 * const rows: FoldMetrics[] = [
 *   { setting: none, metrics: { accuracy: [0.8, 0.9], logLoss: [0.45, 0.3] } },
 *   { setting: input, metrics: { accuracy: [0.85, 0.9], logLoss: [0.4, 0.28] } },
 * ];
 * const recommendation = recommend(rows, 0, {
 *   task: 'classification',
 *   criterion: 'logLoss',
 *   rule: 'paired',
 *   threshold: 1,
 *   folds: 2,
 * });
 * console.log(recommendation.sentence);
 * ```
 */
export function recommend(
  rows: readonly FoldMetrics[],
  baselineIndex: number,
  options: RecommendOptions,
): Recommendation {
  const { task, criterion, rule, threshold, folds } = options;
  const base = rows[baselineIndex]!;
  const higher = higherIsBetter(criterion);
  const gainOf = (r: FoldMetrics) =>
    pairedGain(r.metrics[criterion]!, base.metrics[criterion]!, folds, higher);
  const others = rows
    .map((r, i) => ({ r, i, gain: gainOf(r) }))
    .filter(({ r }) => r.setting.amount !== 0);
  let chosen: (typeof others)[number] | null = null;
  if (rule === 'best-mean') {
    for (const o of others) if (o.gain.mean > (chosen?.gain.mean ?? 0)) chosen = o;
  } else {
    for (const o of others) {
      const qualifies = o.gain.mean > 0 && o.gain.mean > threshold * o.gain.se;
      if (qualifies && o.gain.mean > (chosen?.gain.mean ?? 0)) chosen = o;
    }
  }
  let contender = chosen;
  if (!contender)
    for (const o of others) if (!contender || o.gain.mean > contender.gain.mean) contender = o;
  const headline = contender ? headlineGain(contender.r, base, task, folds) : null;
  const recommendation = {
    setting: chosen ? chosen.r.setting : base.setting,
    helps: chosen !== null,
    baseline: base.setting,
    rule,
    criterion,
    threshold,
    gain: contender?.gain ?? null,
    contender: contender?.r.setting ?? null,
    headline,
  };
  return { ...recommendation, sentence: sentenceOf(recommendation, task) };
}

/** The paired gain in accuracy points, or in percent of the baseline's MSE (positive: better). */
function headlineGain(
  row: FoldMetrics,
  base: FoldMetrics,
  task: Task,
  folds: number,
): PairedGain | null {
  if (task === 'classification') {
    const a = row.metrics.accuracy;
    const b = base.metrics.accuracy;
    if (!a || !b) return null;
    return pairedGain(
      a.map((v) => 100 * v),
      b.map((v) => 100 * v),
      folds,
      true,
    );
  }
  const a = row.metrics.mse;
  const b = base.metrics.mse;
  if (!a || !b) return null;
  const scale = b.reduce((x, y) => x + y, 0) / b.length;
  if (!(scale > 0)) return null;
  return pairedGain(
    a.map((v) => (100 * v) / scale),
    b.map((v) => (100 * v) / scale),
    folds,
    false,
  );
}

function sentenceOf(r: Omit<Recommendation, 'sentence'>, task: Task): string {
  const unit = task === 'classification' ? 'accuracy points' : '% lower MSE';
  const signed = (g: PairedGain) =>
    `${g.mean >= 0 ? '+' : '-'}${Math.abs(g.mean).toFixed(1)} +- ${g.se.toFixed(1)} ${unit}`;
  const folds = r.gain ? r.gain.n : 0;
  const how =
    r.rule === 'paired'
      ? `paired over ${folds} cross-validation folds, compared on ${r.criterion}, +- one standard error`
      : `largest cross-validated mean ${r.criterion}, over ${folds} folds`;
  if (r.helps) {
    const amount = r.headline ? `, ${signed(r.headline)} over no noise` : '';
    return `noise helps here: ${name(r.setting)}${amount} (${how}).`;
  }
  const closest =
    r.contender && r.headline
      ? ` (closest: ${name(r.contender)}, ${signed(r.headline)}; ${how})`
      : '';
  return `no noise setting beat no noise beyond chance; the recommended model has no noise${closest}.`;
}

function name(s: NoiseSetting): string {
  return `${s.kind} noise ${s.amount}`;
}
