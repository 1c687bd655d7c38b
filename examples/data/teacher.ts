/**
 * A synthetic classification task with a nonlinear but learnable boundary: points x ~ N(0, I)
 * labelled by the argmax of a fixed random two-layer tanh "teacher" network (features -> 16 ->
 * classes). Generated from tfjs-noise's seeded noise source, so a seed fixes the task.
 */
import * as tf from '@tensorflow/tfjs';
import { random } from 'tfjs-noise';

/** Arguments of {@link makeTeacherTask}. */
export interface TeacherArgs {
  /** Input features. */
  features: number;
  /** Classes. */
  classes: number;
  /** Training points. */
  train: number;
  /** Test points. */
  test: number;
  /** Seed of the teacher and the points. */
  seed: number;
}

/** Inputs and one-hot labels. */
export type Labelled = [tf.Tensor2D, tf.Tensor2D];

/** A training and a test set of the teacher task of `seed` (the caller disposes them). */
export function makeTeacherTask({ features, classes, train, test, seed }: TeacherArgs): {
  train: Labelled;
  test: Labelled;
} {
  const hidden = 16;
  const w1 = random.fillNormal(new Float64Array(features * hidden), { seed, stream: 11, step: 0 });
  const w2 = random.fillNormal(new Float64Array(hidden * classes), { seed, stream: 12, step: 0 });
  const sample = (n: number, step: number): Labelled => {
    const x = random.fillNormal(new Float32Array(n * features), { seed, stream: 13, step });
    const labels = new Int32Array(n);
    const h = new Float64Array(hidden);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < hidden; j++) {
        let s = 0;
        for (let k = 0; k < features; k++) {
          s += (x[i * features + k] as number) * (w1[k * hidden + j] as number);
        }
        h[j] = Math.tanh(s / Math.sqrt(features));
      }
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        let s = 0;
        for (let j = 0; j < hidden; j++) s += (h[j] as number) * (w2[j * classes + c] as number);
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      labels[i] = best;
    }
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat());
    return [tf.tensor2d(x, [n, features]), y as tf.Tensor2D];
  };
  return { train: sample(train, 0), test: sample(test, 1) };
}
