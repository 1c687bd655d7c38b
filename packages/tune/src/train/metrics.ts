/**
 * The cross-validation metric of each task, and summaries of fold scores.
 */
import type { Task } from '../types';

/**
 * Name of a metric: accuracy, log-loss (mean negative log-likelihood of the true class, natural
 * log) and Brier score (mean squared error of the predicted class probabilities, summed over
 * classes) for classification; mean squared error for regression.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type MetricName, searchNoise } from '@tfjs-noise/tune';
 *
 * const criterion: MetricName = 'brier';
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * await searchNoise({ x, y }, { task: 'classification', grid, builder: MLP_BUILDER, criterion });
 * ```
 */
export type MetricName = 'accuracy' | 'logLoss' | 'brier' | 'mse';

/**
 * Every metric of a task, as computed by {@link evaluate}.
 *
 * @example
 * ```ts
 * import { METRICS } from '@tfjs-noise/tune';
 *
 * console.log(METRICS.classification); // prints: ['accuracy', 'logLoss', 'brier']
 * console.log(METRICS.regression); // prints: ['mse']
 * ```
 */
export const METRICS: { readonly [T in Task]: readonly MetricName[] } = {
  classification: ['accuracy', 'logLoss', 'brier'],
  regression: ['mse'],
};

/**
 * The metrics of one model on one held-out set (those of its task).
 *
 * @example
 * ```ts
 * import { evaluate, type Scores } from '@tfjs-noise/tune/blocks';
 *
 * const scores: Scores = evaluate('regression', new Float32Array([1.1, 1.9]), [1, 2], 1);
 * // The predictions are float32, so the MSE is 0.01 to float32 precision:
 * console.log(scores.mse?.toFixed(3), scores.accuracy); // prints: 0.010 undefined
 * ```
 */
export type Scores = { [M in MetricName]?: number };

/**
 * True if a larger value of the metric is better (accuracy); false for the losses.
 *
 * @example
 * ```ts
 * import { higherIsBetter } from '@tfjs-noise/tune/blocks';
 *
 * console.log(higherIsBetter('accuracy')); // prints: true
 * console.log(higherIsBetter('logLoss')); // prints: false
 * ```
 */
export function higherIsBetter(metric: MetricName): boolean {
  return metric === 'accuracy';
}

/** Probabilities are clipped to [EPS, 1 - EPS] for the log-loss, as Keras does. */
const EPS = 1e-7;

/**
 * The headline metric of a task (reported next to the selection criterion): accuracy for
 * classification, mean squared error for regression.
 *
 * @example
 * ```ts
 * import { metricOf } from '@tfjs-noise/tune/blocks';
 *
 * console.log(metricOf('classification')); // prints: {name: 'accuracy', higherIsBetter: true}
 * console.log(metricOf('regression')); // prints: {name: 'mse', higherIsBetter: false}
 * ```
 */
export function metricOf(task: Task): { name: MetricName; higherIsBetter: boolean } {
  return task === 'classification'
    ? { name: 'accuracy', higherIsBetter: true }
    : { name: 'mse', higherIsBetter: false };
}

/**
 * Scores predictions: the fraction of correct labels (classification; `predicted` holds
 * sigmoid outputs when `units` is 1, else softmax rows of `units` values) or the mean squared
 * error (regression).
 *
 * @example
 * ```ts
 * import { score } from '@tfjs-noise/tune/blocks';
 *
 * score('classification', new Float32Array([0.9, 0.2, 0.6]), [1, 0, 0], 1); // 2/3 correct
 * score('classification', new Float32Array([0.7, 0.2, 0.1, 0.1, 0.1, 0.8]), [0, 1], 3); // 1/2
 * score('regression', new Float64Array([1.5, 2]), [1, 2], 1); // MSE 0.125
 * ```
 */
export function score(
  task: Task,
  predicted: Float32Array | Float64Array,
  labels: readonly number[],
  units: number,
): number {
  const n = labels.length;
  if (task === 'regression') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (predicted[i]! - labels[i]!) ** 2;
    return sum / n;
  }
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let label: number;
    if (units === 1) {
      label = predicted[i]! > 0.5 ? 1 : 0;
    } else {
      label = 0;
      for (let c = 1; c < units; c++) {
        if (predicted[i * units + c]! > predicted[i * units + label]!) label = c;
      }
    }
    if (label === labels[i]) correct++;
  }
  return correct / n;
}

/**
 * Every metric of the task ({@link METRICS}) for predictions `predicted` (sigmoid outputs when
 * `units` is 1, else softmax rows of `units` values; numbers for regression) of `labels`.
 *
 * @example
 * ```ts
 * import { evaluate } from '@tfjs-noise/tune/blocks';
 *
 * const { accuracy, logLoss, brier } = evaluate(
 *   'classification',
 *   new Float32Array([0.9, 0.2, 0.6]), // sigmoid outputs: P(class 1)
 *   [1, 0, 0],
 *   1,
 * );
 * ```
 */
export function evaluate(
  task: Task,
  predicted: Float32Array | Float64Array,
  labels: readonly number[],
  units: number,
): Scores {
  if (task === 'regression') return { mse: score(task, predicted, labels, units) };
  const n = labels.length;
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (units === 1) {
      const p = predicted[i]!;
      const pTrue = label === 1 ? p : 1 - p;
      logLoss -= Math.log(Math.min(1 - EPS, Math.max(EPS, pTrue)));
      // Two classes: (p1 - y1)^2 + (p0 - y0)^2 = 2 (p - y)^2.
      brier += 2 * (p - label) ** 2;
    } else {
      for (let c = 0; c < units; c++) {
        const p = predicted[i * units + c]!;
        const y = c === label ? 1 : 0;
        brier += (p - y) ** 2;
        if (y === 1) logLoss -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
      }
    }
  }
  return {
    accuracy: score(task, predicted, labels, units),
    logLoss: logLoss / n,
    brier: brier / n,
  };
}

/**
 * Mean and sample standard deviation (n - 1; 0 for a single value).
 *
 * @example
 * ```ts
 * import { type Summary, summarize } from '@tfjs-noise/tune/blocks';
 *
 * const { mean, std }: Summary = summarize([0.8, 0.85, 0.9]);
 * console.log(`${mean.toFixed(2)} +- ${std.toFixed(2)}`); // prints: 0.85 +- 0.05
 * ```
 */
export interface Summary {
  /** Mean of the values. */
  mean: number;
  /** Sample standard deviation of the values. */
  std: number;
}

/**
 * Mean and sample std of `values`.
 *
 * @example
 * ```ts
 * import { summarize } from '@tfjs-noise/tune/blocks';
 *
 * summarize([0.8, 0.85, 0.9]); // {mean: 0.85, std: 0.05}
 * summarize([0.7]); // {mean: 0.7, std: 0}
 * ```
 */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std };
}
