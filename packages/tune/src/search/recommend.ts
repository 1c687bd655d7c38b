/**
 * The recommendation of a search: noise only when it beats no noise on the same folds beyond
 * the fold-to-fold noise **and** does not lose in the metric the user cares about; else no
 * noise. Beside it: the chance baseline and the plain regularizers, each a paired comparison.
 */
import { higherIsBetter, type MetricName } from '../train/metrics';
import type { NoiseSetting, Task } from '../types';
import type { ChanceScores } from './chance';
import {
  beyond,
  type MetricGains,
  type PairedGain,
  pairedGain,
  userGain,
  userGains,
} from './gains';
import {
  type ChanceComparison,
  type PeerComparison,
  type Verdict,
  verdictSentence,
} from './verdict';

/**
 * How the recommended setting is chosen from the cross-validation scores:
 * - `'paired'`: each setting's score on a fold minus no noise's score on the same fold (the same
 *   training rows and initial weights). A setting qualifies when its mean paired gain in the
 *   user's `metric` is positive and its gain in the `criterion` or in the `metric` exceeds
 *   `threshold` standard errors (corrected for the overlap of the training sets, see
 *   {@link pairedGain}); the qualifying setting with the largest mean gain in the metric is
 *   recommended (`pick: 'criterion'`: in the criterion), and no noise when none qualifies.
 * - `'best-mean'`: the setting with the best mean criterion whose metric does not drop, however
 *   small its lead (the behaviour before 0.2; kept for comparison).
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
 * const isRule = (SELECTION_RULES as readonly string[]).includes(flag);
 * console.log(isRule); // prints: true
 * const rule = flag as SelectionRule;
 * ```
 */
export const SELECTION_RULES: readonly SelectionRule[] = ['paired', 'best-mean'];

/**
 * The paired test's metric for each user metric: the log-loss when accuracy matters (it sees a
 * consistent improvement on a 12-row fold that accuracy's steps of 8 points hide), else the
 * metric itself.
 *
 * @example
 * ```ts
 * import { CRITERION_OF } from '@tfjs-noise/tune/blocks';
 *
 * console.log(CRITERION_OF.accuracy, CRITERION_OF.mse); // prints: logLoss mse
 * ```
 */
export const CRITERION_OF: { readonly [M in MetricName]: MetricName } = {
  accuracy: 'logLoss',
  logLoss: 'logLoss',
  brier: 'brier',
  mse: 'mse',
};

/**
 * Standard errors by which a model must beat the chance baseline to "beat it beyond chance".
 *
 * @example
 * ```ts
 * import { CHANCE_THRESHOLD } from '@tfjs-noise/tune';
 *
 * // About a 95% one-sided margin:
 * console.log(CHANCE_THRESHOLD); // prints: 2
 * ```
 */
export const CHANCE_THRESHOLD = 2;

/**
 * The noise a search recommends, how sure it is, and what to compare it with.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type Recommendation, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * const { helps, verdict, setting, sentence }: Recommendation = result.recommendation;
 * // The verdict ("noise helps here: ..." or "no noise setting ...") with how its intervals
 * // were made, after a warning when the model without noise does not beat chance ("Warning:
 * // without noise the model ..."), then how the plain regularizers (peers) did.
 * console.log(sentence);
 * if (helps) console.log(`train with ${setting.kind} noise ${setting.amount} (${verdict})`);
 * ```
 */
export interface Recommendation {
  /** The recommended setting: noise, or the no-noise baseline. */
  setting: NoiseSetting;
  /** True if noise is recommended (it improved the user's metric beyond chance). */
  helps: boolean;
  /**
   * Which case the user is in: `'helps'`; `'better-probabilities-only'` (a setting gave better
   * predicted probabilities beyond chance, but not more right answers: not recommended when the
   * metric is accuracy); `'more-right-answers-only'` (the converse, when the metric is a
   * probability score); `'no-help'`.
   */
  verdict: Verdict;
  /** The no-noise setting it was compared with. */
  baseline: NoiseSetting;
  /** The rule that chose it. */
  rule: SelectionRule;
  /** The user's metric: what the recommendation must improve and never lose. */
  metric: MetricName;
  /** The metric of the paired test (see {@link CRITERION_OF}). */
  criterion: MetricName;
  /** The threshold in standard errors (rule `'paired'`). */
  threshold: number;
  /**
   * Paired gain of `contender` over no noise in the criterion's own units (positive: better),
   * or null if the grid holds no other setting.
   */
  gain: PairedGain | null;
  /**
   * The setting the words are about: the recommended one; else the one that improved the other
   * kind of score (see `verdict`); else the one with the largest mean gain in the metric.
   */
  contender: NoiseSetting | null;
  /** `contender`'s paired gain over no noise in the user's metric, in user units. */
  headline: PairedGain | null;
  /**
   * `contender`'s paired gains over no noise in every metric, in user units: accuracy points,
   * log-loss or Brier score lower by, percent lower MSE.
   */
  gains: MetricGains;
  /** The no-noise model against the chance baseline, or null when none was given. */
  chance: ChanceComparison | null;
  /** The plain regularizers measured beside noise (never recommended themselves). */
  peers: PeerComparison[];
  /** The words for the user (see `verdictSentence`). */
  sentence: string;
  /**
   * The condition the choice was made under (e.g. `under input noise of 1 std`), present only
   * when the fold metrics were corrupted ones (see `SearchOptions.robustness`).
   */
  condition?: string;
}

/**
 * Per-fold scores of one setting in every metric of the task.
 *
 * @example
 * ```ts
 * import type { FoldMetrics } from '@tfjs-noise/tune/blocks';
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
  /** A plain regularizer to compare with: reported, never recommended. */
  peer?: boolean;
}

/**
 * Options of {@link recommend}.
 *
 * @example
 * ```ts
 * import type { RecommendOptions } from '@tfjs-noise/tune/blocks';
 *
 * const options: RecommendOptions = {
 *   task: 'regression',
 *   metric: 'mse',
 *   rule: 'paired',
 *   threshold: 1,
 *   folds: 5,
 * };
 * ```
 */
export interface RecommendOptions {
  /** The task. */
  task: Task;
  /** The user's metric (default: accuracy for classification, MSE for regression). */
  metric?: MetricName;
  /** The metric of the paired test (default: {@link CRITERION_OF} the metric). */
  criterion?: MetricName;
  /** Selection rule. */
  rule: SelectionRule;
  /** Standard errors a paired gain must exceed (rule `'paired'`). */
  threshold: number;
  /** Folds k of the cross-validation (for the correction of the standard error). */
  folds: number;
  /**
   * Among the qualifying settings, recommend the one with the largest mean gain in the
   * `'metric'` (default) or in the `'criterion'`.
   */
  pick?: 'metric' | 'criterion';
  /** The chance baseline's fold scores, for the comparison with the model (optional). */
  chance?: ChanceScores | null;
  /** Class names for the words (classification), in index order. */
  classNames?: readonly string[] | null;
  /**
   * How the paired test (rule `'paired'`) compares MSE fold scores, when the criterion is `mse`:
   * `'difference'` (default: the setting's MSE minus no noise's, fold by fold), or
   * `'log-ratio'`: `log(no noise's MSE / the setting's MSE)` fold by fold, so that one fold
   * whose error is many times the others' (corrupted inputs far outside the training range)
   * does not swamp the standard error. searchNoise uses `'log-ratio'` with `robustness`. The
   * gains reported stay percent lower MSE; a fold MSE that is not > 0 falls back to
   * `'difference'`.
   */
  mseTest?: 'difference' | 'log-ratio';
  /**
   * The condition the fold metrics were measured under (e.g. `under input noise of 1 std`, see
   * `robustnessCondition`): the sentence starts with it. Omitted: clean held-out rows.
   */
  condition?: string;
}

/**
 * Chooses the setting to recommend from per-fold scores, `rows[baselineIndex]` being no noise
 * (every setting of amount 0 is no noise and never a candidate; rows marked `peer` are
 * compared, never recommended), and says what it found in one paragraph (see
 * `verdictSentence`).
 *
 * @example
 * ```ts
 * import { type FoldMetrics, recommend } from '@tfjs-noise/tune/blocks';
 *
 * const none = { kind: 'input', amount: 0 };
 * const input = { kind: 'input', amount: 0.1 };
 * const rows: FoldMetrics[] = [
 *   { setting: none, metrics: { accuracy: [0.8, 0.9], logLoss: [0.45, 0.3] } },
 *   { setting: input, metrics: { accuracy: [0.85, 0.9], logLoss: [0.4, 0.28] } },
 * ];
 * const recommendation = recommend(rows, 0, {
 *   task: 'classification',
 *   metric: 'accuracy',
 *   rule: 'paired',
 *   threshold: 1,
 *   folds: 2,
 * });
 * console.log(recommendation.verdict, recommendation.sentence);
 * ```
 */
export function recommend(
  rows: readonly FoldMetrics[],
  baselineIndex: number,
  options: RecommendOptions,
): Recommendation {
  const { task, rule, threshold, folds } = options;
  const metric = options.metric ?? (task === 'classification' ? 'accuracy' : 'mse');
  const criterion = options.criterion ?? CRITERION_OF[metric];
  const base = rows[baselineIndex]!;
  const logRatio = criterion === 'mse' && options.mseTest === 'log-ratio';
  const candidates = rows
    .filter((r) => r.setting.amount !== 0 && !r.peer)
    .map((r) => {
      const inCriterion = pairedGain(
        r.metrics[criterion]!,
        base.metrics[criterion]!,
        folds,
        higherIsBetter(criterion),
      );
      return {
        r,
        inCriterion,
        // What the paired test reads in the criterion (see `RecommendOptions.mseTest`).
        tested: (logRatio && logRatioGain(r.metrics.mse!, base.metrics.mse!, folds)) || inCriterion,
        inMetric: userGain(metric, r.metrics[metric]!, base.metrics[metric]!, folds),
      };
    });
  type Candidate = (typeof candidates)[number];
  // Never trade a loss in the user's metric for a gain in another.
  const keeps = (c: Candidate) => !!c.inMetric && c.inMetric.mean > 0;
  const largest = (list: Candidate[], by: (c: Candidate) => number) =>
    list.reduce<Candidate | null>((a, c) => (a === null || by(c) > by(a) ? c : a), null);
  const qualifying =
    rule === 'best-mean'
      ? candidates.filter((c) => keeps(c) && c.inCriterion.mean > 0)
      : candidates.filter(
          (c) => keeps(c) && (beyond(c.tested, threshold) || beyond(c.inMetric, threshold)),
        );
  const chosen =
    (options.pick ?? 'metric') === 'metric'
      ? largest(qualifying, (c) => c.inMetric!.mean)
      : largest(qualifying, (c) => c.inCriterion.mean);
  let verdict: Verdict = chosen ? 'helps' : 'no-help';
  let contender = chosen;
  if (!contender && task === 'classification') {
    // A gain in the other kind of score, beyond chance, that the user's metric did not share.
    const other: MetricName =
      metric !== 'accuracy'
        ? 'accuracy'
        : criterion !== 'accuracy'
          ? criterion
          : base.metrics.logLoss
            ? 'logLoss'
            : 'brier';
    const inOther = (c: Candidate) =>
      userGain(other, c.r.metrics[other] ?? [], base.metrics[other] ?? [], folds);
    const elsewhere = candidates.filter((c) => beyond(inOther(c), threshold));
    contender = largest(elsewhere, (c) => inOther(c)!.mean);
    if (contender) {
      verdict = other === 'accuracy' ? 'more-right-answers-only' : 'better-probabilities-only';
    }
  }
  contender ??= largest(candidates, (c) => c.inMetric?.mean ?? Number.NEGATIVE_INFINITY);
  const setting = chosen ? chosen.r.setting : base.setting;
  const chosenRow = chosen ? chosen.r : base;
  const peers: PeerComparison[] = rows
    .filter((r) => r.peer)
    .map((r) => {
      const gain = userGain(metric, r.metrics[metric]!, base.metrics[metric]!, folds);
      const versusChoice = userGain(metric, r.metrics[metric]!, chosenRow.metrics[metric]!, folds);
      const standing = beyond(versusChoice, threshold)
        ? 'better'
        : versusChoice && beyond({ ...versusChoice, mean: -versusChoice.mean }, threshold)
          ? 'worse'
          : 'as good';
      return { setting: r.setting, gain, versusChoice, standing };
    });
  const chance = options.chance
    ? compareWithChance(options.chance, base, chosen?.r ?? null, metric, folds)
    : null;
  const gains = contender ? userGains(contender.r.metrics, base.metrics, folds) : {};
  const recommendation: Omit<Recommendation, 'sentence'> = {
    setting,
    helps: chosen !== null,
    verdict,
    baseline: base.setting,
    rule,
    metric,
    criterion,
    threshold,
    gain: contender?.inCriterion ?? null,
    contender: contender?.r.setting ?? null,
    headline: contender?.inMetric ?? null,
    gains,
    chance,
    peers,
  };
  const sentence = verdictSentence({
    task,
    metric,
    criterion,
    verdict,
    setting: recommendation.contender,
    gains,
    chance,
    classNames: options.classNames ?? null,
    peers,
    evidence: `paired over ${base.metrics[metric]?.length ?? 0} cross-validation folds, +- one standard error`,
    ...(options.condition && { condition: options.condition }),
  });
  return {
    ...recommendation,
    sentence,
    ...(options.condition && { condition: options.condition }),
  };
}

/**
 * The paired gain in `log(baseline MSE / MSE)` per fold (positive: lower error), or null when a
 * fold's MSE is not a finite number > 0.
 */
function logRatioGain(
  scores: readonly number[],
  baseline: readonly number[],
  folds: number,
): PairedGain | null {
  const ok = (v: number) => Number.isFinite(v) && v > 0;
  if (!scores.every(ok) || !baseline.every(ok)) return null;
  return pairedGain(baseline.map(Math.log), scores.map(Math.log), folds, true);
}

/**
 * The no-noise model, and the recommended noise setting if any, against the chance baseline
 * (scores in the headline metric).
 */
function compareWithChance(
  chance: ChanceScores,
  base: FoldMetrics,
  chosen: FoldMetrics | null,
  metric: MetricName,
  folds: number,
): ChanceComparison {
  const headline: MetricName = chance.predictor === 'majority' ? 'accuracy' : 'mse';
  const mean = (v: readonly number[] | undefined) =>
    v?.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  const against = (row: FoldMetrics) => {
    const gain = userGain(metric, row.metrics[metric]!, chance.metrics[metric]!, folds);
    return { score: mean(row.metrics[headline]), gain, beaten: beyond(gain, CHANCE_THRESHOLD) };
  };
  const model = against(base);
  return {
    predictor: chance.predictor,
    classIndex: chance.classIndex,
    score: mean(chance.metrics[headline]),
    modelScore: model.score,
    gain: model.gain,
    beaten: model.beaten,
    ...(chosen && { choice: against(chosen) }),
  };
}
