/**
 * Optimizer wrappers in the style of `tf.train.*`:
 * `tfn.train.annealedGradientNoise(tf.train.adam(0.001), {eta: 0.3})`.
 */
export { annealedGradientNoise, annealedStddev } from './annealed_gradient_noise';
