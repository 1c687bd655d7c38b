/**
 * Layer factories in the style of `tf.layers.*`: `tfn.layers.gaussianJitter(args)`.
 */
export { gaussianJitter } from './gaussian_jitter';
export { weightNoise } from './weight_noise';
