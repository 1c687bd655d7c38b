// The placeholders of the JSDoc examples made concrete, for the examples that are run
// (test/docs/jsdoc_prints.test.ts): small, fixed data and a small model, fresh for each example.
// The typecheck (test/docs/jsdoc_examples.test.ts) declares the same names with the same types.

import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';

/** Rows of the fixed data: two features in [-1, 1], not in order. */
const ROWS = 40;

/**
 * `x`: 40 feature rows of 2 features; `y`: 0 or 1 per row (1 when the features' sum is > 0);
 * `xs`, `ys`: the same as tensors ([40, 2] and [40, 1]); `model`: a Sequential of a
 * GaussianJitter (stddev 0.1, 2 inputs) and a Dense layer (1 output), seeded, compiled with SGD
 * and the mean squared error.
 */
export function placeholders() {
  const x = Array.from({ length: ROWS }, (_, i) => [
    ((i * 7) % ROWS) / (ROWS / 2) - 1,
    ((i * 13 + 5) % ROWS) / (ROWS / 2) - 1,
  ]);
  const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));
  const xs = tf.tensor2d(x);
  const ys = tf.tensor2d(y, [ROWS, 1]);
  const model = tf.sequential({
    layers: [
      tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [2], seed: 2 }),
      tf.layers.dense({
        units: 1,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
    ],
  });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return { x, y, xs, ys, model };
}
