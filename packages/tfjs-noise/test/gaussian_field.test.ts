/**
 * The correlated field's two ways to blur an axis (a banded matrix product on short axes, a
 * `conv2d` on long ones) give the same field, and the kernels' cache holds and frees its tensors.
 * The field's statistics are tested on the layer (gaussian_jitter_structured.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  blurAxis,
  FieldKernels,
  fieldRadius,
  gaussianField,
  MATMUL_UP_TO,
} from '../src/random/gaussian_field';
import { normal } from '../src/random/noise';

/** Largest absolute difference between two tensors' values. */
function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

describe('gaussianField: matrix product and convolution', () => {
  // Float32 sums of up to ~100 products of unit-size terms: rounding differences ~1e-6.
  const TOLERANCE = 1e-4;

  it.each([
    // [before, along, after], length: axis last (after 1), in the middle, short and long.
    [[4, 40, 1], 1],
    [[3, 46, 5], 2],
    [[2, 58, 3], 4],
    [[1, 200, 2], 0.7],
  ] as const)('blurAxis %j (length %d) is the same by both methods', (dims, length) => {
    const kernels = new FieldKernels();
    const size = dims[0] * dims[1] * dims[2];
    const x = normal([size], { seed: 3, stream: 0, step: 0 });
    const byProduct = blurAxis(x, dims, length, kernels, 'matmul');
    const byConv = blurAxis(x, dims, length, kernels, 'conv');
    const out = dims[1] - 2 * fieldRadius(length);
    expect(byProduct.shape).toEqual([dims[0], out, dims[2]]);
    expect(byConv.shape).toEqual([dims[0], out, dims[2]]);
    expect(maxDiff(byProduct, byConv)).toBeLessThan(TOLERANCE);
    tf.dispose([x, byProduct, byConv]);
    kernels.dispose();
  });

  it('a field of images is the same by both methods, and auto picks by the axis length', () => {
    const kernels = new FieldKernels();
    const key = { seed: 5, stream: 2, step: 7 };
    const before = tf.memory().numTensors;
    const shape = [3, 28, 20, 2];
    const lengths = [0, 2, 1, 0];
    // gaussianField is called inside tidy (its intermediate tensors are not disposed).
    const [auto, product, conv] = tf.tidy(() => [
      gaussianField(shape, key, lengths, kernels),
      gaussianField(shape, key, lengths, kernels, 'matmul'),
      gaussianField(shape, key, lengths, kernels, 'conv'),
    ]) as [tf.Tensor, tf.Tensor, tf.Tensor];
    expect(auto.shape).toEqual(shape);
    expect(maxDiff(auto, product)).toBeLessThan(TOLERANCE);
    expect(maxDiff(auto, conv)).toBeLessThan(TOLERANCE);
    // 28 + 2 * 9 = 46 <= 6 * 19 taps: the product (bit-identical to forcing it).
    expect(maxDiff(auto, product)).toBe(0);
    tf.dispose([auto, product, conv]);
    // Two filters and two matrices cached, freed by dispose; nothing else left behind.
    expect(kernels.size).toBe(4);
    kernels.dispose();
    expect(kernels.size).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a long axis is blurred by the convolution', () => {
    const kernels = new FieldKernels();
    const key = { seed: 1, stream: 0, step: 0 };
    const along = 6 * 13 + 1; // l = 1: 13 taps; one more than MATMUL_UP_TO x taps
    expect(along).toBe(MATMUL_UP_TO * 13 + 1);
    const shape = [2, along - 12, 1];
    const auto = gaussianField(shape, key, [0, 1, 0], kernels);
    const conv = gaussianField(shape, key, [0, 1, 0], kernels, 'conv');
    expect(maxDiff(auto, conv)).toBe(0);
    tf.dispose([auto, conv]);
    kernels.dispose();
  });
});
