/**
 * A small sequence-regression task (the weight-noise example's and bench/claims' sequences
 * study): sequences of `steps` values x_t ~ N(0, 1), one feature; the target is
 * tanh(sum_t x_t cos(t) / 2) plus N(0, noise^2). Generated from tfjs-noise's seeded noise source:
 * the values from stream `stream` of the seed, the target noise from stream `stream + 1`.
 */
import * as tf from '@tensorflow/tfjs';
import { random } from 'tfjs-noise';

/** Arguments of {@link makeSequences}. */
export interface SequenceArgs {
  /** Number of sequences. */
  n: number;
  /** Values per sequence. */
  steps: number;
  /** Std of the noise added to the target. */
  noise: number;
  seed: number;
  /** The stream of the values (the target noise uses the next one). */
  stream: number;
}

/** The sequences `[n, steps, 1]` and their targets `[n, 1]`. */
export function makeSequences({ n, steps, noise, seed, stream }: SequenceArgs): {
  x: tf.Tensor3D;
  y: tf.Tensor2D;
} {
  const x = random.fillNormal(new Float32Array(n * steps), { seed, stream, step: 0 });
  const key = { seed, stream: stream + 1, step: 0 };
  const eps = random.fillNormal(new Float32Array(n), key, 0, noise);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < steps; t++) s += (x[i * steps + t] as number) * Math.cos(t);
    y[i] = Math.tanh(s / 2) + (eps[i] as number);
  }
  return { x: tf.tensor3d(x, [n, steps, 1]), y: tf.tensor2d(y, [n, 1]) };
}
