/**
 * The chance baseline of a search: what a model that learned nothing from the features scores on
 * the same folds. Classification: always the training folds' most frequent class, with their
 * class frequencies as probabilities. Regression: always the training folds' mean target.
 */
import { evaluate, METRICS, type MetricName } from '../train/metrics';
import type { Task } from '../types';

/**
 * Per-fold scores of the chance baseline, in every metric of the task, on the same held-out
 * rows as the models (repeat-major, as `SettingResult.metrics`).
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type ChanceScores, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const result = await searchNoise({ x, y }, { task: 'classification', grid, builder: MLP_BUILDER });
 * const chance: ChanceScores = result.chance;
 * console.log(chance.predictor, chance.classIndex); // majority, and the index of the most frequent class
 * ```
 */
export interface ChanceScores {
  /** `'majority'` (classification) or `'mean'` (regression). */
  predictor: 'majority' | 'mean';
  /** The most frequent class over all rows (classification; ties: the lowest index), or null. */
  classIndex: number | null;
  /** Every metric of the task on each fold, repeat-major. */
  metrics: { [M in MetricName]?: number[] };
}

/**
 * Scores the chance predictor on each split: fitted on the split's training rows (class
 * frequencies, or the mean target) and scored with {@link evaluate} on its held-out rows, so
 * that its accuracy, log-loss, Brier score and MSE mean exactly what they mean for the models.
 *
 * @example
 * ```ts
 * import { assignFolds, chanceScores, foldSplit } from '@tfjs-noise/tune/blocks';
 *
 * const y = [0, 0, 0, 1, 0, 1, 0, 0, 1, 0];
 * const fold = assignFolds(y.length, 5, { seed: 1, stratify: y });
 * const splits = Array.from({ length: 5 }, (_, f) => foldSplit(fold, f));
 * const chance = chanceScores('classification', y, 2, splits);
 * console.log(chance.metrics.accuracy); // the share of class 0 in each held-out fold
 * ```
 */
export function chanceScores(
  task: Task,
  y: readonly number[],
  numClasses: number | null,
  splits: readonly { train: readonly number[]; test: readonly number[] }[],
): ChanceScores {
  const names = METRICS[task];
  const metrics = Object.fromEntries(names.map((m) => [m, [] as number[]])) as {
    [M in MetricName]?: number[];
  };
  for (const { train, test } of splits) {
    const labels = test.map((i) => y[i]!);
    const scores =
      task === 'regression'
        ? evaluate(task, constant(test.length, [mean(train.map((i) => y[i]!))]), labels, 1)
        : classFrequencies(train, y, numClasses ?? 2, labels);
    for (const m of names) metrics[m]!.push(scores[m]!);
  }
  return {
    predictor: task === 'regression' ? 'mean' : 'majority',
    classIndex: task === 'regression' ? null : mostFrequent(y),
    metrics,
  };
}

/** Scores of predicting the training rows' class frequencies for every held-out row. */
function classFrequencies(
  train: readonly number[],
  y: readonly number[],
  k: number,
  labels: number[],
) {
  const counts = new Array<number>(k).fill(0);
  for (const i of train) counts[y[i]!]!++;
  const p = counts.map((c) => c / train.length);
  // One sigmoid output (P(class 1)) for two classes, else a softmax row; a tie between the two
  // classes of a binary task predicts class 0, as a sigmoid output of exactly 0.5 does.
  const row = k === 2 ? [p[1]!] : p;
  return evaluate('classification', constant(labels.length, row), labels, row.length);
}

function constant(n: number, row: readonly number[]): Float64Array {
  const out = new Float64Array(n * row.length);
  for (let i = 0; i < n; i++) out.set(row, i * row.length);
  return out;
}

function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function mostFrequent(y: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = -1;
  let bestCount = -1;
  for (const [c, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
}
