/**
 * Spatially correlated Gaussian noise: a stationary field of unit variance whose entries d apart
 * along an axis have correlation exp(-d^2 / (2 l^2)), made from white noise with tf ops only, so
 * that it runs on every backend (on webgl and webgpu without uploading any noise).
 *
 * Construction: white noise N(0, 1) is drawn from the seeded source on a field padded by R
 * entries on both sides of each correlated axis, then blurred along each correlated axis in turn
 * by a kernel g of 2R + 1 taps (a `conv2d` with 'valid' padding, so the result has the requested
 * shape). With sum(g^2) = 1 every entry keeps variance 1, and the correlation at lag d is the
 * kernel's autocorrelation sum_j g[j] g[j + d]. Each output entry is a full window of white
 * noise, so the field is stationary up to its edges: no entry near an edge is treated
 * differently.
 *
 * The kernel is the square root of the target correlation in the frequency domain: with
 * r[d] = exp(-d^2 / (2 l^2)) and S its spectrum (a positive function), g is the inverse
 * transform of sqrt(S), truncated at R = ceil(3 l) + 3 taps and renormalised to sum(g^2) = 1.
 * For l >= 2 it is the sampled Gaussian of std l / sqrt(2) (to 1e-6); for shorter lengths the
 * sampled Gaussian's autocorrelation misses the target (0.589 instead of 0.607 at lag 1 for
 * l = 1) while this kernel's matches it (to 3e-4 from the truncation).
 */
import { conv2d, keep, reshape, type Tensor, type Tensor4D, tensor4d } from '@tensorflow/tfjs-core';
import { normal } from './noise';
import type { NoiseKey } from './noise_key';

/** Taps on each side of the kernel for correlation length `length` (> 0). */
export function fieldRadius(length: number): number {
  return Math.ceil(3 * length) + 3;
}

/** Above this length the kernel is the sampled Gaussian of std l / sqrt(2) (it matches there). */
const SPECTRAL_BELOW = 3;

/**
 * The 2R + 1 taps of the blur for correlation length `length` > 0 (R = {@link fieldRadius}),
 * normalised to a sum of squares of 1 (see the module comment).
 */
export function fieldKernel(length: number): Float64Array {
  const radius = fieldRadius(length);
  const taps = new Float64Array(2 * radius + 1);
  if (length >= SPECTRAL_BELOW) {
    const s = length / Math.SQRT2;
    for (let j = -radius; j <= radius; j++) taps[j + radius] = Math.exp(-(j * j) / (2 * s * s));
  } else {
    // The target correlation r[d] (negligible beyond `lags`), its spectrum on n frequencies
    // (an even function: a cosine sum), and the inverse transform of the spectrum's square root.
    const lags = Math.ceil(10 * length) + 1;
    const n = 4 * (radius + lags) + 64;
    const root = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const w = (2 * Math.PI * k) / n;
      let s = 1;
      for (let d = 1; d <= lags; d++)
        s += 2 * Math.exp(-(d * d) / (2 * length * length)) * Math.cos(w * d);
      root[k] = Math.sqrt(Math.max(s, 0));
    }
    for (let j = -radius; j <= radius; j++) {
      let g = 0;
      for (let k = 0; k < n; k++) g += (root[k] as number) * Math.cos((2 * Math.PI * k * j) / n);
      taps[j + radius] = g / n;
    }
  }
  let squares = 0;
  for (const t of taps) squares += t * t;
  const norm = Math.sqrt(squares);
  return taps.map((t) => t / norm);
}

/**
 * The blur kernels of one layer, as `conv2d` filters of shape [2R + 1, 1, 1, 1], made once per
 * length and kept out of `tidy` until {@link dispose}.
 */
export class FieldKernels {
  private readonly byLength = new Map<number, Tensor4D>();

  /** The filter for correlation length `length` > 0 (made on first use). */
  get(length: number): Tensor4D {
    let filter = this.byLength.get(length);
    if (filter === undefined || filter.isDisposed) {
      const taps = fieldKernel(length);
      filter = keep(tensor4d(Float32Array.from(taps), [taps.length, 1, 1, 1]));
      this.byLength.set(length, filter);
    }
    return filter;
  }

  /** Number of filters held. */
  get size(): number {
    return this.byLength.size;
  }

  /** Disposes every filter (a later `get` makes them again). */
  dispose(): void {
    for (const filter of this.byLength.values()) if (!filter.isDisposed) filter.dispose();
    this.byLength.clear();
  }
}

/**
 * A float32 field of N(0, 1) entries of shape `shape`, correlated along each axis i with
 * `lengths[i]` > 0 (correlation exp(-d^2 / (2 l^2)) at lag d), independent along the axes with
 * 0: a pure function of `key` on a given backend. Call it inside `tidy` (intermediate tensors
 * are not disposed here).
 *
 * @param shape Shape of the field.
 * @param key The key of the white noise it is made from.
 * @param lengths One correlation length >= 0 per axis of `shape`.
 * @param kernels Where the blur filters are cached.
 */
export function gaussianField(
  shape: readonly number[],
  key: NoiseKey,
  lengths: readonly number[],
  kernels: FieldKernels,
): Tensor {
  if (shape.some((d) => d === 0)) return normal(shape, key);
  const radii = shape.map((_, i) =>
    (lengths[i] ?? 0) > 0 ? fieldRadius(lengths[i] as number) : 0,
  );
  const padded = shape.map((d, i) => d + 2 * (radii[i] as number));
  let field = normal(padded, key);
  const current = padded.slice();
  for (let axis = 0; axis < shape.length; axis++) {
    const length = lengths[axis] ?? 0;
    if (length <= 0) continue;
    // [before, along, after, 1]: a conv2d with a [2R + 1, 1] filter blurs along `axis` only.
    const before = current.slice(0, axis).reduce((a, b) => a * b, 1);
    const after = current.slice(axis + 1).reduce((a, b) => a * b, 1);
    const along = current[axis] as number;
    const columns = reshape(field, [before, along, after, 1]) as Tensor4D;
    const blurred = conv2d(columns, kernels.get(length), 1, 'valid');
    current[axis] = shape[axis] as number;
    field = reshape(blurred, current);
  }
  return field;
}
