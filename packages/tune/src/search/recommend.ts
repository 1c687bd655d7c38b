/**
 * The recommendation of a search: noise only when it beats no noise on the same folds beyond
 * the fold-to-fold noise **and** does not lose in the metric the user cares about; else no
 * noise. Beside it: the chance baseline and the plain regularizers, each a paired comparison.
 */
import { higherIsBetter, type MetricName } from '../train/metrics';
import type { NoiseSetting, Task } from '../types';
import type { ChanceScores } from './chance';
import { atNoisyEdge, edgeSentence } from './edge';
import {
  beyond,
  type MetricGains,
  type PairedGain,
  pairedGain,
  userGain,
  userGains,
} from './gains';
import { maxTThreshold } from './max_t';
import {
  type ChanceComparison,
  type PeerComparison,
  type Verdict,
  verdictSentence,
} from './verdict';

/**
 * How the recommended setting is chosen from the cross-validation scores:
 * - `'max-t'` (the default): each setting's score on a fold minus no noise's score on the same
 *   fold, in the user's `metric` (an MSE under `mseTest: 'log-ratio'` as log ratios), gives a
 *   paired t statistic with the corrected standard error (see {@link pairedGain}). By default
 *   (`RecommendOptions.support: 'sequence'`) the kinds are tested one after the other in the
 *   grid's order: a kind passes when the statistic of its amounts pooled (the mean difference over
 *   them) exceeds Student's `1 - level` quantile, and testing stops at the first kind that does
 *   not (a fixed-sequence test: when no setting helps, the first kind passes with probability
 *   `level`, so noise is recommended on at most that share of such searches, however many kinds
 *   and amounts the grid has). In a kind that passed, an amount is admitted when its own
 *   statistic exceeds the same quantile. Other families (`'kinds'`, `'neighbours'`, `'none'`)
 *   compare statistics with the largest of them by chance instead (see {@link maxTThreshold}).
 *   Evidence in another metric (the log-loss, for accuracy) never admits a setting. Among the
 *   admitted settings whose own mean gain in the metric is positive, the largest mean gain is
 *   recommended; else no noise.
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
export type SelectionRule = 'max-t' | 'paired' | 'best-mean';

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
export const SELECTION_RULES: readonly SelectionRule[] = ['max-t', 'paired', 'best-mean'];

/**
 * What the family of the rule `'max-t'` tests (see `RecommendOptions.support`):
 * - `'sequence'` (the default): each kind's amounts pooled, kind after kind in the grid's order,
 *   each at Student's quantile, stopping at the first kind that fails; then each amount of a kind
 *   that passed at the same quantile.
 * - `'kinds'`: each kind's amounts pooled, all kinds against the largest of their statistics by
 *   chance (no order); then each amount of a kind that passed at Student's quantile.
 * - `'neighbours'`: every setting, and every setting pooled with the amounts beside it in its
 *   kind, against the largest of all these statistics by chance.
 * - `'none'`: every setting alone against the largest of their statistics by chance.
 *
 * @example
 * ```ts
 * import type { FamilySupport } from '@tfjs-noise/tune/blocks';
 *
 * const support: FamilySupport = 'kinds'; // no order among the kinds
 * ```
 */
export type FamilySupport = 'neighbours' | 'none' | 'kinds' | 'sequence';

/**
 * The familywise level of the rule `'max-t'`: the chance, when no setting truly helps, that the
 * search recommends noise anyway. 5%, so that the false-pick rate stays under 10% with room for
 * what the corrected standard error only approximates (measured on null tasks in
 * docs/choosing-noise.md).
 *
 * @example
 * ```ts
 * import { DEFAULT_LEVEL } from '@tfjs-noise/tune';
 *
 * console.log(DEFAULT_LEVEL); // prints: 0.05
 * ```
 */
export const DEFAULT_LEVEL = 0.05;

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
  /**
   * The threshold in standard errors: the option (rule `'paired'`), or the familywise threshold
   * computed from the folds (rule `'max-t'`, at `level`).
   */
  threshold: number;
  /** The familywise level (rule `'max-t'`), else null. */
  level: number | null;
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
  /**
   * True when the recommended amount is the one with the most noise of its kind in the grid (the
   * largest, or the smallest for a kind of `RecommendOptions.lessNoise`; and the kind has at
   * least two): a setting with more noise was not measured and might do better. The sentence says so;
   * the search does not extend the grid by itself (an amount added after seeing the scores would
   * sit outside the family whose false picks the rule controls).
   */
  atEdge: boolean;
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
  /** Familywise level of the rule `'max-t'` (default {@link DEFAULT_LEVEL}). */
  level?: number;
  /**
   * Rule `'max-t'`: what the family tests (see {@link FamilySupport}; default `'sequence'`: the
   * kinds in the grid's order, each pooled over its amounts, then its amounts).
   */
  support?: FamilySupport;
  /** Seed of the draws of the familywise threshold (rule `'max-t'`). Default 0. */
  seed?: number;
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
  /**
   * The kinds whose larger amounts are less noise (an SNR in dB; see `BuilderRef.lessNoise`):
   * for them the edge of the grid (`atEdge`) is the smallest amount. Default: none.
   */
  lessNoise?: readonly string[];
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
  const level = rule === 'max-t' ? (options.level ?? DEFAULT_LEVEL) : null;
  const support = options.support ?? 'sequence';
  const family =
    level === null
      ? null
      : familyTest(
          candidates.map((c) => foldDifferences(metric, c.r, base, logRatio)),
          candidates.map((c) => c.r.setting),
          { level, seed: options.seed ?? 0, folds, support },
        );
  const used = family ? family.threshold : threshold;
  const qualifying =
    rule === 'best-mean'
      ? candidates.filter((c) => keeps(c) && c.inCriterion.mean > 0)
      : family
        ? candidates.filter((c, i) => keeps(c) && family.admitted[i]!)
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
    const elsewhere = candidates.filter((c) => beyond(inOther(c), used));
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
      const standing = beyond(versusChoice, used)
        ? 'better'
        : versusChoice && beyond({ ...versusChoice, mean: -versusChoice.mean }, used)
          ? 'worse'
          : 'as good';
      return { setting: r.setting, gain, versusChoice, standing };
    });
  const chance = options.chance
    ? compareWithChance(options.chance, base, chosen?.r ?? null, metric, folds)
    : null;
  const gains = contender ? userGains(contender.r.metrics, base.metrics, folds) : {};
  const recommendation: Omit<Recommendation, 'sentence' | 'atEdge'> = {
    setting,
    helps: chosen !== null,
    verdict,
    baseline: base.setting,
    rule,
    metric,
    criterion,
    threshold: used,
    level,
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
    evidence:
      `paired over ${base.metrics[metric]?.length ?? 0} cross-validation folds, +- one standard error` +
      (family && candidates.length > 0
        ? `; noise only beyond ${used.toFixed(1)} standard errors, ` +
          `a ${+(100 * level!).toFixed(1)}% risk of noise when none helps`
        : ''),
    ...(options.condition && { condition: options.condition }),
  });
  const sameKind = candidates.filter((c) => chosen && c.r.setting.kind === chosen.r.setting.kind);
  const atEdge =
    chosen !== null &&
    atNoisyEdge(
      chosen.r.setting,
      sameKind.map((c) => c.r.setting.amount),
      options.lessNoise,
    );
  const edgeWords = atEdge ? ` ${edgeSentence(chosen!.r.setting, options.lessNoise)}` : '';
  return {
    ...recommendation,
    sentence: sentence + edgeWords,
    ...(options.condition && { condition: options.condition }),
    atEdge,
  };
}

/**
 * The per-fold paired differences of a setting over the baseline in `metric`, positive when
 * better: accuracy points, lower log-loss or Brier score, lower MSE, or `log(baseline MSE /
 * MSE)` with `logRatio` (when every fold's MSE is a finite number > 0).
 */
function foldDifferences(
  metric: MetricName,
  row: FoldMetrics,
  base: FoldMetrics,
  logRatio: boolean,
): number[] {
  const s = row.metrics[metric]!;
  const b = base.metrics[metric]!;
  const ok = (v: number) => Number.isFinite(v) && v > 0;
  if (metric === 'mse' && logRatio && s.every(ok) && b.every(ok)) {
    return s.map((v, j) => Math.log(b[j]!) - Math.log(v));
  }
  const sign = higherIsBetter(metric) ? 1 : -1;
  return s.map((v, j) => sign * (v - b[j]!));
}

/**
 * The familywise test of the rule `'max-t'`: each setting's paired t statistic (and, with
 * `support: 'neighbours'`, that of the mean difference of it and the amounts beside it in its
 * kind) against the threshold that the largest of all of them exceeds by chance with
 * probability `level`.
 */
function familyTest(
  differences: number[][],
  settings: NoiseSetting[],
  o: { level: number; seed: number; folds: number; support: FamilySupport },
): { threshold: number; admitted: boolean[] } {
  // No candidate (the grid holds no noise but no noise): nothing to admit.
  if (differences.length === 0) return { threshold: Number.POSITIVE_INFINITY, admitted: [] };
  const t = (d: readonly number[]) => {
    const g = pairedGain(d, new Array<number>(d.length).fill(0), o.folds, true);
    if (g.se > 0) return g.mean / g.se;
    return g.mean > 0 ? Number.POSITIVE_INFINITY : 0;
  };
  const mean = (rows: number[][]) =>
    rows[0]!.map((_, j) => rows.reduce((a, d) => a + d[j]!, 0) / rows.length);
  const kinds = [...new Set(settings.map((s) => s.kind))];
  const ofKind = (kind: string) =>
    settings
      .map((u, k) => ({ u, k }))
      .filter(({ u }) => u.kind === kind)
      .sort((a, b) => a.u.amount - b.u.amount)
      .map(({ k }) => k);
  // Student's t quantile (one statistic: any row with a spread gives it).
  const ramp = differences[0]!.map((_, j) => j);
  const single = maxTThreshold([ramp], { level: o.level, seed: o.seed });
  if (o.support === 'sequence' || o.support === 'kinds') {
    // Each kind's amounts pooled (the mean difference over them: one statistic per kind):
    // kind after kind in the grid's order at Student's quantile, stopping at the first kind
    // that fails ('sequence'), or all kinds against the largest of them by chance ('kinds').
    // In a kind that passed, an amount whose own statistic passes a single test is admitted.
    const pooled = kinds.map((kind) => mean(ofKind(kind).map((k) => differences[k]!)));
    const sequence = o.support === 'sequence';
    const threshold = sequence ? single : maxTThreshold(pooled, { level: o.level, seed: o.seed });
    const failed = pooled.findIndex((d) => !(t(d) > threshold));
    const passed = new Set(
      kinds.filter((_, i) => (sequence ? failed === -1 || i < failed : t(pooled[i]!) > threshold)),
    );
    const admitted = differences.map((d, i) => passed.has(settings[i]!.kind) && t(d) > single);
    return { threshold, admitted };
  }
  // Neighbourhoods: the amounts of a kind in order; each with the one below and above it.
  const pooled: (number[] | null)[] = settings.map((s, i) => {
    if (o.support === 'none') return null;
    const same = ofKind(s.kind);
    if (same.length < 2) return null;
    const at = same.indexOf(i);
    return mean(same.slice(Math.max(0, at - 1), at + 2).map((k) => differences[k]!));
  });
  const family = [...differences, ...pooled.filter((d): d is number[] => d !== null)];
  const threshold = maxTThreshold(family, { level: o.level, seed: o.seed });
  const admitted = differences.map(
    (d, i) => t(d) > threshold || (pooled[i] !== null && t(pooled[i]!) > threshold),
  );
  return { threshold, admitted };
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
