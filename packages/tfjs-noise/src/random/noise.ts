/**
 * Tensor-level access to the shared noise source. Every noise component in tfjs-noise draws its
 * samples here; the samples are produced on the CPU in plain JavaScript (see `sampler.ts`) and
 * uploaded once, which is several times faster than `tf.randomNormal` on every backend.
 */
import { type Tensor, tensor } from '@tensorflow/tfjs-core';
import type { NoiseKey } from './noise_key';
import { fillNormal, fillUniform } from './sampler';

function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`shape must hold non-negative integers, but got [${shape.join(', ')}].`);
    }
    size *= d;
  }
  return size;
}

/**
 * A float32 tensor of Gaussian samples N(mean, stddev^2), a pure function of `key`.
 *
 * ```ts
 * const eps = tfn.random.normal([32, 10], {seed: 1, stream: 0, step: 7});
 * ```
 *
 * @param shape Shape of the result.
 * @param key Seed, stream and step of the noise (see {@link NoiseKey}).
 * @param mean Mean. Default 0.
 * @param stddev Standard deviation. Default 1.
 */
export function normal(shape: readonly number[], key: NoiseKey, mean = 0, stddev = 1): Tensor {
  const values = fillNormal(new Float32Array(sizeOf(shape)), key, mean, stddev);
  return tensor(values, shape.slice(), 'float32');
}

/**
 * A float32 tensor of uniform samples in [low, high), a pure function of `key`.
 *
 * @param shape Shape of the result.
 * @param key Seed, stream and step of the noise (see {@link NoiseKey}).
 * @param low Lower bound (inclusive). Default 0.
 * @param high Upper bound (exclusive). Default 1.
 */
export function uniform(shape: readonly number[], key: NoiseKey, low = 0, high = 1): Tensor {
  const values = fillUniform(new Float32Array(sizeOf(shape)), key, low, high);
  return tensor(values, shape.slice(), 'float32');
}
