/**
 * `model.fit` with a seeded shuffle: tfjs's `fit({ shuffle: true })` draws its order from
 * `Math.random`, so two runs of the same seed would see other batches. Here each epoch's order is
 * a permutation drawn from tfjs-noise's seeded source (seed, stream, step = epoch), and each
 * epoch is one `fit` call without shuffling: paired arms see the same batches.
 */
import * as tf from '@tensorflow/tfjs';
import { random } from 'tfjs-noise';

/** A seeded permutation of 0..n-1 (Fisher-Yates on uniforms from the seeded source). */
export function permutation(n: number, key: random.NoiseKey): number[] {
  const u = random.fillUniform(new Float32Array(n), key);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor((u[i] as number) * (i + 1)));
    [p[i], p[j]] = [p[j] as number, p[i] as number];
  }
  return p;
}

/** Trains `model` for `epochs` epochs, each in a new seeded order of the examples. */
export async function fitShuffled(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  opts: { epochs: number; batchSize: number; seed: number },
): Promise<void> {
  const n = x.shape[0] as number;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = tf.tensor1d(
      permutation(n, { seed: opts.seed, stream: 77, step: epoch }),
      'int32',
    );
    const [xs, ys] = [tf.gather(x, order), tf.gather(y, order)];
    await model.fit(xs, ys, { epochs: 1, batchSize: opts.batchSize, shuffle: false, verbose: 0 });
    tf.dispose([order, xs, ys]);
  }
}
