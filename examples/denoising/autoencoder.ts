/**
 * A denoising autoencoder in miniature (Vincent et al. 2008): signals on a low-dimensional
 * manifold (sums of two sine waves, sampled at 32 points), an overcomplete autoencoder
 * (32 -> 64 ReLU -> 32), and its score on corrupted inputs: how close its output for a test
 * signal plus Gaussian noise comes to the clean signal. Trained plain, with a GaussianJitter
 * input layer (the denoising autoencoder: noisy input, clean target), or with a peer (tfjs's
 * `gaussianNoise` or tfjs-noise's `seededDropout` on the inputs, or L2 on the weights).
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';

/** Samples per signal. */
export const DIM = 32;
/** Hidden units (more than DIM: the plain autoencoder can learn the identity). */
export const HIDDEN = 64;

/** How an autoencoder is trained. */
export type Variant =
  | { kind: 'none' }
  | { kind: 'jitter' | 'gaussianNoise' | 'dropout'; amount: number }
  | { kind: 'l2'; amount: number };

/** Clean signals and corrupted copies of them. */
export interface Signals {
  clean: tf.Tensor2D;
  corrupted: tf.Tensor2D;
}

/**
 * n signals x_j = sum_k a_k sin(2 pi f_k j / DIM + phi_k), k = 1, 2, with a_k ~ U(0.5, 1),
 * f_k ~ U(1, 3), phi_k ~ U(0, 2 pi); and each plus N(0, corruption^2) noise. `step` picks
 * disjoint draws of the same seed (training and test sets).
 */
export function makeSignals(n: number, corruption: number, seed: number, step: number): Signals {
  const u = tfn.random.fillUniform(new Float64Array(n * 6), { seed, stream: 21, step });
  const eps = tfn.random.fillNormal(
    new Float32Array(n * DIM),
    { seed, stream: 22, step },
    0,
    corruption,
  );
  const x = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      const a = 0.5 + 0.5 * (u[i * 6 + 3 * k] as number);
      const f = 1 + 2 * (u[i * 6 + 3 * k + 1] as number);
      const phi = 2 * Math.PI * (u[i * 6 + 3 * k + 2] as number);
      for (let j = 0; j < DIM; j++) {
        x[i * DIM + j] =
          (x[i * DIM + j] as number) + a * Math.sin((2 * Math.PI * f * j) / DIM + phi);
      }
    }
  }
  const noisy = x.map((v, i) => v + (eps[i] as number));
  return { clean: tf.tensor2d(x, [n, DIM]), corrupted: tf.tensor2d(noisy, [n, DIM]) };
}

/** The autoencoder of a variant, compiled (mean squared error, Adam). */
export function buildAutoencoder(variant: Variant, seed: number, lr = 0.005): tf.Sequential {
  const model = tf.sequential();
  const input = { inputShape: [DIM] };
  if (variant.kind === 'jitter') {
    model.add(tfn.layers.gaussianJitter({ stddev: variant.amount, seed, ...input }));
  } else if (variant.kind === 'gaussianNoise') {
    model.add(tf.layers.gaussianNoise({ stddev: variant.amount, ...input }));
  } else if (variant.kind === 'dropout') {
    // A new seeded mask per step (tfjs's dropout with a seed keeps one mask for every step).
    model.add(tfn.layers.seededDropout({ rate: variant.amount, seed, ...input }));
  }
  const l2 =
    variant.kind === 'l2' ? { kernelRegularizer: tf.regularizers.l2({ l2: variant.amount }) } : {};
  model.add(
    tf.layers.dense({
      units: HIDDEN,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      ...(model.layers.length === 0 ? input : {}),
      ...l2,
    }),
  );
  model.add(
    tf.layers.dense({
      units: DIM,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      ...l2,
    }),
  );
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}

/** Reconstruction errors of a trained autoencoder on a test set. */
export interface Reconstruction {
  /** MSE between the output for the corrupted signals and the clean signals. */
  corrupted: number;
  /** MSE between the output for the clean signals and the clean signals. */
  clean: number;
}

/** Trains `model` to reproduce the clean training signals; scores it on `test`. */
export async function trainAndScore(
  model: tf.Sequential,
  train: Signals,
  test: Signals,
  epochs: number,
  batchSize = 32,
): Promise<Reconstruction> {
  await model.fit(train.clean, train.clean, { epochs, batchSize, shuffle: false, verbose: 0 });
  const mse = (x: tf.Tensor2D) =>
    tf.tidy(
      () =>
        tf.losses
          .meanSquaredError(test.clean, model.predict(x) as tf.Tensor2D)
          .dataSync()[0] as number,
    );
  return { corrupted: mse(test.corrupted), clean: mse(test.clean) };
}

/** Disposes a set of signals. */
export function disposeSignals(s: Signals): void {
  tf.dispose([s.clean, s.corrupted]);
}
