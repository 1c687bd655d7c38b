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
 * Two ways to apply the same blur, chosen per axis by size (the result is the same to float32
 * rounding; a test checks it): when the padded axis is short (at most {@link MATMUL_UP_TO} times
 * the kernel's taps, e.g. every correlation length on 28x28 images) the axis is moved last and
 * multiplied by the banded (Toeplitz) matrix of the kernel, one 2-D `matMul`; on longer axes a
 * `conv2d` with a [2R + 1, 1] filter and 'valid' padding. On wasm a 1-channel `conv2d` is several
 * times slower than the matrix product at image sizes (benchmarked in `pnpm bench:conv`), while
 * the product's work grows with the axis length times itself, not times the taps.
 *
 * The kernel is the square root of the target correlation in the frequency domain: with
 * r[d] = exp(-d^2 / (2 l^2)) and S its spectrum (a positive function), g is the inverse
 * transform of sqrt(S), truncated at R = ceil(3 l) + 3 taps and renormalised to sum(g^2) = 1.
 * For l >= 2 it is the sampled Gaussian of std l / sqrt(2) (to 1e-6); for shorter lengths the
 * sampled Gaussian's autocorrelation misses the target (0.589 instead of 0.607 at lag 1 for
 * l = 1) while this kernel's matches it (to 3e-4 from the truncation).
 */
import {
  conv2d,
  keep,
  matMul,
  reshape,
  type Tensor,
  type Tensor2D,
  type Tensor4D,
  tensor2d,
  tensor4d,
  transpose,
} from '@tensorflow/tfjs-core';
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
 * A padded axis of at most this many times the kernel's taps is blurred by a matrix product
 * instead of a convolution (see the module comment).
 */
export const MATMUL_UP_TO = 6;

/**
 * The blur kernels of one layer, made once per length (and padded size) and kept out of `tidy`
 * until {@link dispose}: `conv2d` filters of shape [2R + 1, 1, 1, 1], and the transposed banded
 * matrices [padded, padded - 2R] of the matrix-product path.
 */
export class FieldKernels {
  private readonly filters = new Map<number, Tensor4D>();
  private readonly matrices = new Map<string, Tensor2D>();

  /** The filter for correlation length `length` > 0 (made on first use). */
  get(length: number): Tensor4D {
    let filter = this.filters.get(length);
    if (filter === undefined || filter.isDisposed) {
      const taps = fieldKernel(length);
      filter = keep(tensor4d(Float32Array.from(taps), [taps.length, 1, 1, 1]));
      this.filters.set(length, filter);
    }
    return filter;
  }

  /**
   * The blur for length `length` > 0 on an axis padded to `along` entries, as a matrix M of
   * shape [along, along - 2R] with M[i + j, i] = g[j]: a row vector of `along` entries times M
   * is the 'valid' blur of that row.
   */
  matrix(length: number, along: number): Tensor2D {
    const name = `${length}:${along}`;
    let m = this.matrices.get(name);
    if (m === undefined || m.isDisposed) {
      const taps = fieldKernel(length);
      const out = along - taps.length + 1;
      const values = new Float32Array(along * out);
      for (let i = 0; i < out; i++) {
        for (let j = 0; j < taps.length; j++) values[(i + j) * out + i] = taps[j] as number;
      }
      m = keep(tensor2d(values, [along, out]));
      this.matrices.set(name, m);
    }
    return m;
  }

  /** Number of tensors held (filters and matrices). */
  get size(): number {
    return this.filters.size + this.matrices.size;
  }

  /** Disposes every filter and matrix (a later call makes them again). */
  dispose(): void {
    for (const t of [...this.filters.values(), ...this.matrices.values()]) {
      if (!t.isDisposed) t.dispose();
    }
    this.filters.clear();
    this.matrices.clear();
  }
}

/**
 * The 'valid' blur of `x` (viewed as [before, along, after]) along its middle axis for length
 * `length`, of shape [before, along - 2R, after]: a matrix product on short axes, a `conv2d` on
 * long ones, or as `method` forces (tests compare the two).
 */
export function blurAxis(
  x: Tensor,
  [before, along, after]: readonly [number, number, number],
  length: number,
  kernels: FieldKernels,
  method: 'auto' | 'matmul' | 'conv' = 'auto',
): Tensor {
  const taps = 2 * fieldRadius(length) + 1;
  const out = along - taps + 1;
  const useMatmul = method === 'matmul' || (method === 'auto' && along <= MATMUL_UP_TO * taps);
  if (!useMatmul) {
    const columns = reshape(x, [before, along, after, 1]) as Tensor4D;
    return reshape(conv2d(columns, kernels.get(length), 1, 'valid'), [before, out, after]);
  }
  const m = kernels.matrix(length, along);
  if (after === 1) return reshape(matMul(reshape(x, [before, along]), m), [before, out, after]);
  // Move the axis last, multiply, and move it back.
  const rows = reshape(transpose(reshape(x, [before, along, after]), [0, 2, 1]), [
    before * after,
    along,
  ]);
  const blurred = reshape(matMul(rows, m), [before, after, out]);
  return transpose(blurred, [0, 2, 1]);
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
 * @param method How each axis is blurred ({@link blurAxis}; 'auto' unless a test compares).
 */
export function gaussianField(
  shape: readonly number[],
  key: NoiseKey,
  lengths: readonly number[],
  kernels: FieldKernels,
  method: 'auto' | 'matmul' | 'conv' = 'auto',
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
    const before = current.slice(0, axis).reduce((a, b) => a * b, 1);
    const after = current.slice(axis + 1).reduce((a, b) => a * b, 1);
    const along = current[axis] as number;
    const blurred = blurAxis(field, [before, along, after], length, kernels, method);
    current[axis] = shape[axis] as number;
    field = reshape(blurred, current);
  }
  return field;
}
