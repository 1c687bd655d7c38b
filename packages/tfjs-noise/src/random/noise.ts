/**
 * Tensor-level access to the shared noise source. Every noise component in tfjs-noise draws its
 * samples here. On webgl and webgpu the samples are computed in a shader (`gpu_sampler.ts`);
 * elsewhere they are produced on the CPU (`sampler.ts`) and the tensor is made from them, which
 * is about ten times faster than `tf.randomNormal` on cpu and wasm.
 */
import { getBackend, reshape, type Tensor, tensor } from '@tensorflow/tfjs-core';
import { gpuDraw } from './gpu_sampler';
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
 * Whether each backend (by name) copies a tensor's values when the tensor is made, probed once
 * per backend: a tensor is made from a one-element array, the array is overwritten, and the
 * tensor is read back. The wasm backend copies (into its own heap); cpu and webgl keep the array.
 * The probe tensor never reaches a kernel, so even on webgl its read-back is served from the CPU
 * copy: this is not a GPU synchronisation, and it happens once per backend per process.
 */
const copiesValues = new Map<string, boolean>();

function backendCopiesValues(): boolean {
  const name = getBackend();
  let copies = copiesValues.get(name);
  if (copies === undefined) {
    const probe = new Float32Array([1]);
    const t = tensor(probe, [1], 'float32');
    probe[0] = 2;
    copies = t.dataSync()[0] === 1;
    t.dispose();
    copiesValues.set(name, copies);
  }
  return copies;
}

/** A flat GPU draw in `shape` (the flat tensor is released; a reshape copies nothing). */
function shaped(flat: Tensor, shape: readonly number[]): Tensor {
  if (shape.length === 1) return flat;
  const out = reshape(flat, shape.slice());
  flat.dispose();
  return out;
}

/** Reused sample buffer for backends that copy (grown to the largest request, never shrunk). */
let scratch = new Float32Array(0);

/**
 * An array of `size` floats to sample into before the tensor is made. On a backend that copies
 * the values (wasm) it is a view of one reused buffer: a fresh multi-megabyte array costs more in
 * first-touch page faults than the sampling itself (see docs/performance.md). Elsewhere the
 * tensor keeps the array, so it must be a fresh one.
 */
function sampleBuffer(size: number): Float32Array {
  if (!backendCopiesValues()) return new Float32Array(size);
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch.subarray(0, size);
}

/**
 * A float32 tensor of Gaussian samples N(mean, stddev^2), a pure function of `key` on a given
 * backend: webgl and webgpu draw in a shader, and their numbers differ from those of the CPU
 * sampler (cpu, wasm), with the same distribution (see `activeSampler`).
 *
 * @example
 * ```ts
 * const eps = tfn.random.normal([32, 10], { seed: 1, stream: 0, step: 7 });
 * const same = tfn.random.normal([32, 10], { seed: 1, stream: 0, step: 7 }); // equal to eps
 * const scaled = tfn.random.normal([100], { seed: 1, stream: 0, step: 8 }, 5, 0.1); // N(5, 0.01)
 * ```
 *
 * @param shape Shape of the result.
 * @param key Seed, stream and step of the noise (see {@link NoiseKey}).
 * @param mean Mean. Default 0.
 * @param stddev Standard deviation. Default 1.
 */
export function normal(shape: readonly number[], key: NoiseKey, mean = 0, stddev = 1): Tensor {
  const size = sizeOf(shape);
  const drawn = gpuDraw('normal', size, key, mean, stddev);
  if (drawn !== null) return shaped(drawn, shape);
  const values = fillNormal(sampleBuffer(size), key, mean, stddev);
  return tensor(values, shape.slice(), 'float32');
}

/**
 * A float32 tensor of uniform samples in [low, high), a pure function of `key` on a given
 * backend (as for {@link normal}).
 *
 * @example
 * ```ts
 * const key = { seed: 1, stream: tfn.random.streamId('dropout-mask'), step: 0 };
 * const keep = tfn.random.uniform([32, 10], key).greater(0.2); // a seeded mask
 * const angles = tfn.random.uniform([60], key, 0, 2 * Math.PI);
 * ```
 *
 * @param shape Shape of the result.
 * @param key Seed, stream and step of the noise (see {@link NoiseKey}).
 * @param low Lower bound (inclusive). Default 0.
 * @param high Upper bound (exclusive). Default 1.
 */
export function uniform(shape: readonly number[], key: NoiseKey, low = 0, high = 1): Tensor {
  const size = sizeOf(shape);
  const drawn = gpuDraw('uniform', size, key, low, high);
  if (drawn !== null) return shaped(drawn, shape);
  const values = fillUniform(sampleBuffer(size), key, low, high);
  return tensor(values, shape.slice(), 'float32');
}
