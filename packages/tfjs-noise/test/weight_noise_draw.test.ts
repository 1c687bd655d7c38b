/**
 * WeightNoise's drawing functions, on their own: pure functions of key, shapes and scale.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { factorizedNoise, fanIn, independentNoise, perturb } from '../src/layers/weight_noise_draw';

const keyOf = (i: number) => ({ seed: 7, stream: 100 + i, step: 3 });
const weights = [
  { shape: [3, 4], isBias: false },
  { shape: [4], isBias: true },
];

describe('weight noise drawing', () => {
  it('fan-in is the product of all but the last dimension', () => {
    expect(fanIn([3, 4])).toBe(3);
    expect(fanIn([2, 2, 5, 8])).toBe(20);
    expect(fanIn([4])).toBe(1);
  });

  it('independent: one tensor per weight, the same key gives the same bits, scale multiplies', () => {
    const a = independentNoise(weights, keyOf, 1);
    const b = independentNoise(weights, keyOf, 1);
    const c = independentNoise(weights, keyOf, 0.5);
    expect(a.map((t) => t.shape)).toEqual([[3, 4], [4]]);
    for (const [i, t] of a.entries()) {
      const x = Array.from(t.dataSync());
      expect(Array.from((b[i] as tf.Tensor).dataSync())).toEqual(x);
      const half = Array.from((c[i] as tf.Tensor).dataSync());
      for (const [j, v] of half.entries()) expect(v).toBeCloseTo((x[j] as number) * 0.5, 6);
    }
    tf.dispose([...a, ...b, ...c]);
  });

  it('factorized: the kernel is outer(f(e_in), f(e_out)) and the bias is f(e_out)', () => {
    const [kernel, bias] = factorizedNoise(weights, keyOf, 0.2) as [tf.Tensor, tf.Tensor];
    expect(kernel.shape).toEqual([3, 4]);
    const k = kernel.arraySync() as number[][];
    const out = Array.from(bias.dataSync());
    // Rank one: each row of the kernel is a multiple of the bias vector.
    for (const row of k) {
      const ratio = (row[0] as number) / (out[0] as number);
      for (const [j, v] of row.entries()) expect(v).toBeCloseTo(ratio * (out[j] as number), 5);
    }
    tf.dispose([kernel, bias]);
  });

  it('perturb: additive adds, multiplicative keeps infinities', () => {
    const w = tf.tensor1d([1, Number.POSITIVE_INFINITY, -2]);
    const d = tf.tensor1d([0.5, -0.5, 0.25]);
    expect(Array.from(perturb(w, d, 'additive').dataSync())).toEqual([1.5, Infinity, -1.75]);
    expect(Array.from(perturb(w, d, 'multiplicative').dataSync())).toEqual([1.5, Infinity, -2.5]);
    tf.dispose([w, d]);
  });
});
