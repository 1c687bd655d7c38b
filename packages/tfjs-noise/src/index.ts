/**
 * tfjs-noise: regularize TensorFlow.js networks by injecting noise during training.
 *
 * Importing this module registers every class with `tf.serialization.registerClass`, so models
 * that use them save and reload with `tf.loadLayersModel`. Noise is applied only in training:
 * `predict` and `evaluate` never add any.
 *
 * Guides: https://github.com/tfjs-noise/tfjs-noise/tree/main/docs. This entry point holds
 * what a model's author uses; writing a noise component of your own (a subclass of `NoiseLayer`,
 * its declaration, its saved state, the argument checks) uses `tfjs-noise/extend`, and saving to
 * files in Node `tfjs-noise/node`. Every public name, by entry point: docs/api-names.md.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import * as tfn from 'tfjs-noise';
 *
 * const model = tf.sequential();
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [2], seed: 1 }));
 * model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
 * ```
 *
 * @module tfjs-noise
 */

import { checkOneTfjsCore } from './one_tfjs';
// Registers the convolution gradients the wasm backend lacks (Conv2DBackpropFilter and the
// depthwise ones), so that conv nets train on wasm.
import './tfjs_internals/wasm_conv_backprop';

checkOneTfjsCore();

export * as callbacks from './callbacks/index';
export { type NoiseScheduleArgs, NoiseScheduleCallback } from './callbacks/noise_schedule';
export {
  type AmountDirection,
  GaussianJitter,
  type GaussianJitterArgs,
  type GaussianJitterConfig,
} from './layers/gaussian_jitter';
export * as layers from './layers/index';
export type { NoiseShape } from './layers/jitter_structure';
export { NOISE_MODES, type NoiseMode } from './layers/noise_mode';
export {
  type NoiseAt,
  NoisyActivation,
  type NoisyActivationArgs,
  type NoisyActivationConfig,
  PlainNoisyActivation,
  type PlainNoisyActivationArgs,
  type SaturatingActivation,
  SaturatingNoisyActivation,
  type SaturatingNoisyActivationArgs,
} from './layers/noisy_activation';
export {
  SeededDropout,
  type SeededDropoutArgs,
  type SeededDropoutConfig,
} from './layers/seeded_dropout';
export type { SnrDb } from './layers/snr';
export {
  WEIGHT_NOISE_TARGETS,
  WeightNoise,
  type WeightNoiseArgs,
  type WeightNoiseConfig,
} from './layers/weight_noise';
export {
  AnnealedGradientNoise,
  type AnnealedGradientNoiseArgs,
  type AnnealedGradientNoiseConfig,
} from './optimizers/annealed_gradient_noise';
export * as train from './optimizers/index';
export * as random from './random/index';
export * as schedules from './schedules/index';
export { stripNoise } from './strip_noise';
export * as targets from './targets/index';
export { version } from './version';
