/**
 * The model with all four noise components that the resume tests train (in Node on cpu,
 * e2e/resume.test.ts, and in the browser on webgl and webgpu, support/browser/pages/gpu.ts):
 * GaussianJitter on the input, WeightNoise (independent and factorized), a noisy hardTanh, and
 * gradient noise around Adam. Seeded throughout, so that two builds train identically.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';

/** Inputs per sample. */
export const FEATURES = 4;

/** The four-component model, compiled (mean squared error). */
export function buildFourComponents(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential();
  model.add(tfn.layers.gaussianJitter({ stddev: 0.2, seed: 1, inputShape: [FEATURES] }));
  model.add(
    tfn.layers.weightNoise({
      layer: tf.layers.dense({ units: 8, kernelInitializer: init(2) }),
      stddev: 0.2,
      seed: 3,
    }),
  );
  model.add(tfn.layers.noisyActivation({ activation: 'hardTanh', halfNormal: true, seed: 4 }));
  model.add(
    tfn.layers.weightNoise({
      layer: tf.layers.dense({ units: 1, kernelInitializer: init(5) }),
      stddev: 0.2,
      factorized: true,
      seed: 6,
    }),
  );
  const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.01, seed: 7 });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
