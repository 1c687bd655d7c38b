/**
 * Layer factories in the style of `tf.layers.*`: `tfn.layers.gaussianJitter(args)`.
 */
export { gaussianJitter } from './gaussian_jitter';
export { noisyActivation } from './noisy_activation';
export { seededDropout } from './seeded_dropout';
export { weightNoise } from './weight_noise';
