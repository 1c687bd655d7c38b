/**
 * The cross-validation metric of each task, and summaries of fold scores.
 */
import type { Task } from './types';

/** Name of the metric scored for a task. */
export type MetricName = 'accuracy' | 'mse';

/** The metric of a task: accuracy for classification, mean squared error for regression. */
export function metricOf(task: Task): { name: MetricName; higherIsBetter: boolean } {
  return task === 'classification'
    ? { name: 'accuracy', higherIsBetter: true }
    : { name: 'mse', higherIsBetter: false };
}

/**
 * Scores predictions: the fraction of correct labels (classification; `predicted` holds
 * sigmoid outputs when `units` is 1, else softmax rows of `units` values) or the mean squared
 * error (regression).
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

/** Mean and sample standard deviation (n - 1; 0 for a single value). */
export interface Summary {
  /** Mean of the values. */
  mean: number;
  /** Sample standard deviation of the values. */
  std: number;
}

/** Mean and sample std of `values`. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std };
}
