/**
 * Non-finite inputs, weights and targets: every component propagates NaN and Infinity (never
 * hides them behind noise), in training and at inference. What each one does is documented in
 * SECURITY.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;
const values = (t: unknown) => Array.from((t as tf.Tensor).dataSync());

describe('non-finite values propagate', () => {
  const x = tf.tensor2d([
    [1, NAN, 0.5],
    [INF, 2, -0.5],
    [0.3, 0.1, 0.2],
  ]);

  it('GaussianJitter: NaN stays NaN and Infinity stays infinite where they are', () => {
    for (const mode of ['additive', 'multiplicative'] as const) {
      const layer = tfn.layers.gaussianJitter({ stddev: 0.1, mode, seed: 1 });
      for (const training of [false, true]) {
        const y = values(layer.apply(x, { training }));
        expect(Number.isNaN(y[1])).toBe(true);
        expect(y[3]).toBe(INF);
        expect(y.filter((_v, i) => i !== 1 && i !== 3).every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('GaussianJitter multiplicative: +-Infinity stays infinite for every one of 50 seeds', () => {
    // x * (1 + noise), not x + x * noise (Infinity - Infinity = NaN when the noise is negative).
    const input = tf.tensor2d([
      [INF, -INF, 1],
      [-INF, INF, -1],
    ]);
    let infinities = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const layer = tfn.layers.gaussianJitter({ stddev: 0.1, mode: 'multiplicative', seed });
      const y = tf.tidy(() => values(layer.apply(input, { training: true })));
      expect(y.map((v) => Math.abs(v) === INF)).toEqual([true, true, false, true, true, false]);
      infinities += 4;
    }
    expect(infinities).toBe(200);
  });

  it('GaussianJitter relative: a non-finite value makes its whole feature non-finite in that batch', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 0.1, relative: true, seed: 1 });
    const y = layer.apply(x, { training: true }) as tf.Tensor2D;
    const cols = (tf.transpose(y).arraySync() as number[][]).map((c) => c.every(Number.isFinite));
    expect(cols).toEqual([false, false, true]);
  });

  it('WeightNoise: a NaN weight gives NaN outputs in training and at inference', () => {
    const layer = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 2, useBias: false }),
      stddev: 0.1,
      seed: 1,
    });
    const input = tf.ones([2, 3]);
    layer.apply(input);
    layer.layer.setWeights([tf.tensor2d([1, NAN, 1, 1, 1, 1], [3, 2])]);
    for (const training of [false, true]) {
      const y = values(layer.apply(input, { training }));
      expect([Number.isNaN(y[0]), Number.isNaN(y[1])]).toEqual([false, true]);
    }
  });

  it('WeightNoise multiplicative: an infinite weight gives an infinite output for every one of 50 seeds', () => {
    const input = tf.ones([1, 3]);
    for (const factorized of [false, true]) {
      for (let seed = 1; seed <= 50; seed++) {
        const layer = tfn.layers.weightNoise({
          layer: tfl.layers.dense({ units: 2, useBias: false }),
          stddev: 0.1,
          mode: 'multiplicative',
          factorized,
          seed,
        });
        layer.apply(input);
        const kernel = tf.tensor2d([INF, 1, 1, 1, 1, 1], [3, 2]);
        layer.layer.setWeights([kernel]);
        kernel.dispose();
        const y = tf.tidy(() => values(layer.apply(input, { training: true })));
        expect([Math.abs(y[0] as number) === INF, Number.isFinite(y[1])]).toEqual([true, true]);
        layer.dispose();
      }
    }
  });

  it('NoisyActivation: NaN stays NaN; +-Infinity follow the formula (alpha > 1 gives -+Infinity)', () => {
    const layer = tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 1 });
    const input = tf.tensor2d([[NAN, INF, -INF, 0.5]]);
    for (const training of [false, true]) {
      const y = values(layer.apply(input, { training }));
      expect(Number.isNaN(y[0])).toBe(true);
      // alpha h(x) + (1 - alpha) x with alpha = 1.15: -0.15 * Infinity.
      expect(y[1]).toBe(-INF);
      expect(y[2]).toBe(INF);
      expect(y[3]).toBeCloseTo(0.5, 6);
    }
    const relu = tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1, seed: 2 });
    const r = values(relu.apply(input, { training: true }));
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBe(INF);
  });

  it('target noise: NaN targets give a NaN training loss', () => {
    const loss = tfn.targets.gaussian({ stddev: 0.1, seed: 1 }).loss('meanSquaredError');
    const yTrue = tf.tensor2d([[NAN], [1]]);
    const yPred = tf.tensor2d([[0], [1]]);
    const inTape = tf.variableGrads(() => {
      const v = tf.sum(loss(yTrue, tf.add(yPred, dummy))) as tf.Scalar;
      return v;
    }, [dummy]);
    expect(Number.isNaN(inTape.value.dataSync()[0])).toBe(true);
    expect(Number.isNaN(tf.sum(loss(yTrue, yPred)).dataSync()[0])).toBe(true);
  });
  const dummy = tf.variable(tf.scalar(0));
});
