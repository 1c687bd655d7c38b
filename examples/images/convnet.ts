/**
 * A small convnet for 28x28 grayscale digits (examples/images and bench/claims' images study):
 * conv 3x3 (8 filters, ReLU) - max-pool 2 - conv 3x3 (16, ReLU) - max-pool 2 - dense softmax,
 * with one kind of regularization, placed where it acts:
 * - on the input image: i.i.d. pixel noise (`GaussianJitter` stddev), correlated noise
 *   (`correlationLength`), per-image noise (`noiseShape [null, 1, 1, 1]`: one value per image);
 * - on the first conv layer's feature maps: per-channel multiplicative noise (`noiseShape
 *   [null, 1, 1, null]`, a Gaussian spatial dropout) and spatial dropout (`seededDropout` with
 *   the same noiseShape);
 * - on the conv kernels: `WeightNoise`;
 * - before the dense head: dropout (`seededDropout`); L2 on every kernel.
 * Pixels are fed as they are ([0, 1] for the `mnist` package's digits), so amounts are in pixel
 * units.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { fitShuffled } from '../data/shuffled_fit';

/** One kind of regularization and its amount (see the module comment). */
export type DigitVariant =
  | { kind: 'none' }
  | { kind: 'pixel'; stddev: number }
  | { kind: 'correlated'; stddev: number; length: number }
  | { kind: 'per-image'; stddev: number }
  | { kind: 'per-channel'; stddev: number }
  | { kind: 'weight-noise'; stddev: number }
  | { kind: 'dropout'; rate: number }
  | { kind: 'spatial-dropout'; rate: number }
  | { kind: 'l2'; l2: number };

/** Hyperparameters shared by every variant. */
export const CONVNET = { filters: [8, 16], learningRate: 0.005, batchSize: 32 } as const;

/** The convnet with `variant`, initial weights from `seed` (the same for every variant). */
export function buildDigitNet(variant: DigitVariant, seed: number, side = 28): tf.Sequential {
  const v = variant;
  const regularizer = v.kind === 'l2' ? tf.regularizers.l2({ l2: v.l2 }) : undefined;
  const conv = (filters: number, s: number, inputShape?: number[]) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: s }),
      kernelRegularizer: regularizer,
      ...(inputShape && { inputShape }),
    });
  const inputShape = [side, side, 1];
  const model = tf.sequential();
  const inputNoise =
    v.kind === 'pixel'
      ? { stddev: v.stddev }
      : v.kind === 'correlated'
        ? { stddev: v.stddev, correlationLength: v.length }
        : v.kind === 'per-image'
          ? { stddev: v.stddev, noiseShape: [null, 1, 1, 1] }
          : null;
  if (inputNoise) {
    model.add(tfn.layers.gaussianJitter({ ...inputNoise, seed: seed + 10, inputShape }));
  }
  const first = inputNoise
    ? conv(CONVNET.filters[0], seed)
    : conv(CONVNET.filters[0], seed, inputShape);
  const second = conv(CONVNET.filters[1], seed + 1);
  if (v.kind === 'weight-noise') {
    model.add(
      tfn.layers.weightNoise({
        layer: first,
        stddev: v.stddev,
        seed: seed + 11,
        ...(!inputNoise && { inputShape }),
      }),
    );
  } else {
    model.add(first);
  }
  if (v.kind === 'per-channel') {
    model.add(
      tfn.layers.gaussianJitter({
        stddev: v.stddev,
        mode: 'multiplicative',
        noiseShape: [null, 1, 1, null],
        seed: seed + 12,
      }),
    );
  }
  if (v.kind === 'spatial-dropout') {
    model.add(
      tfn.layers.seededDropout({ rate: v.rate, noiseShape: [null, 1, 1, null], seed: seed + 13 }),
    );
  }
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    v.kind === 'weight-noise'
      ? tfn.layers.weightNoise({ layer: second, stddev: v.stddev, seed: seed + 14 })
      : second,
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  if (v.kind === 'dropout') model.add(tfn.layers.seededDropout({ rate: v.rate, seed: seed + 15 }));
  model.add(
    tf.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      kernelRegularizer: regularizer,
    }),
  );
  model.compile({
    optimizer: tf.train.adam(CONVNET.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** Trains `model` on (x, y) for `epochs` epochs, each in a new order drawn from `seed`. */
export async function trainDigitNet(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  epochs: number,
  seed: number,
): Promise<void> {
  await fitShuffled(model, x, y, { epochs, batchSize: CONVNET.batchSize, seed });
}

/** Accuracy of `model` on (x, y) (`y` one-hot). */
export function accuracy(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => {
    const p = model.predict(x, { batchSize: 256 }) as tf.Tensor;
    return tf.mean(tf.equal(tf.argMax(p, -1), tf.argMax(y, -1)).toFloat()).dataSync()[0] as number;
  });
}

/**
 * `x` plus Gaussian noise of std `stddev` (correlated with length `length`, or i.i.d. for 0),
 * drawn by a GaussianJitter layer applied in training mode: a seeded corruption of test data.
 */
export function corrupt(x: tf.Tensor, stddev: number, length: number, seed: number): tf.Tensor {
  const layer = tfn.layers.gaussianJitter({
    stddev,
    seed,
    ...(length > 0 && { correlationLength: length }),
  });
  const out = layer.apply(x, { training: true }) as tf.Tensor;
  layer.dispose();
  return out;
}
