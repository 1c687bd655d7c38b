import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { moments } from '@tfjs-noise/support/samples';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { fixedInputs } from './helpers';

const oneHot = (n: number, k: number) =>
  tf.oneHot(
    tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % k),
      'int32',
    ),
    k,
  );

describe('target noise', () => {
  it('labelSmoothing: y (1 - eps) + eps / K; rows still sum to 1', () => {
    const y = oneHot(6, 4);
    const smoothed = tfn.targets.labelSmoothing({ eps: 0.2 }).apply(y);
    const rows = smoothed.arraySync() as number[][];
    for (const [i, row] of rows.entries()) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(j === i % 4 ? 0.8 + 0.05 : 0.05, 6);
      });
    }
  });

  it('labelFlip: flips at the given rate, always to another class', () => {
    // 40,000 labels: the flip count is binomial, sd sqrt(n p (1 - p)) = 80 for p = 0.2; we allow 5 sd.
    const n = 40_000;
    const y = oneHot(n, 5);
    const flipped = tfn.targets.labelFlip({ rate: 0.2, numClasses: 5, seed: 3 }).apply(y);
    expect(flipped.shape).toEqual([n, 5]);
    const a = tf.argMax(y, -1).dataSync();
    const b = tf.argMax(flipped, -1).dataSync();
    const sums = tf.sum(flipped, -1).dataSync();
    let changed = 0;
    const to = new Array(5).fill(0);
    for (let i = 0; i < n; i++) {
      expect(sums[i]).toBe(1);
      if (a[i] !== b[i]) {
        changed++;
        if (a[i] === 0) to[b[i] as number]++;
      }
    }
    expect(Math.abs(changed - 0.2 * n)).toBeLessThan(5 * Math.sqrt(n * 0.2 * 0.8));
    // From class 0 the new class is uniform over the 4 others (each ~ n/5 * 0.2 / 4 = 400).
    expect(to[0]).toBe(0);
    for (const c of to.slice(1)) expect(Math.abs(c - 400)).toBeLessThan(5 * Math.sqrt(400));
    // A binary column flips 0 <-> 1.
    const bin = tf.tensor2d(
      Array.from({ length: n }, (_, i) => i % 2),
      [n, 1],
    );
    const fb = tfn.targets.labelFlip({ rate: 0.1, numClasses: 2, seed: 4 }).apply(bin).dataSync();
    const binChanged = Array.from(bin.dataSync()).filter((v, i) => v !== fb[i]).length;
    expect(Math.abs(binChanged - 0.1 * n)).toBeLessThan(5 * Math.sqrt(n * 0.1 * 0.9));
  });

  it('gaussian: y + N(0, stddev^2)', () => {
    const y = tf.fill([100_000, 1], 2);
    const noisy = tfn.targets.gaussian({ stddev: 0.5, seed: 1 }).apply(y);
    const m = moments(noisy.dataSync());
    expect(Math.abs(m.mean - 2)).toBeLessThan(5 * (0.5 / Math.sqrt(100_000)));
    expect(Math.abs(Math.sqrt(m.variance) / 0.5 - 1)).toBeLessThan(0.01);
  });

  it('validates its arguments', () => {
    expect(() => tfn.targets.labelSmoothing({ eps: 1.5 })).toThrow(
      /labelSmoothing: `eps` must be a number in \[0, 1\], but got 1.5/,
    );
    expect(() => tfn.targets.labelFlip({ rate: 0.1, numClasses: 1 })).toThrow(
      /`numClasses` must be an integer >= 2, but got 1/,
    );
    expect(() => tfn.targets.gaussian({ stddev: -1 })).toThrow(
      /`stddev` must be a finite number >= 0, but got -1/,
    );
    expect(() => tfn.targets.labelFlip({ rate: 0.1, numClasses: 3 }).apply(oneHot(4, 5))).toThrow(
      /`numClasses` must be the size of the targets' last axis \(5\)/,
    );
  });

  it('takes one args object, and names the field and the value it refuses', () => {
    const positional = <A extends unknown[]>(fn: unknown) => fn as (...args: A) => unknown;
    // The positional form of earlier versions: the args object is named.
    expect(() => positional<[number, number]>(tfn.targets.labelFlip)(0.1, 3)).toThrow(
      'targets.labelFlip: `args` must be an object of arguments, but got 0.1.',
    );
    expect(() => positional<[number]>(tfn.targets.labelSmoothing)(0.1)).toThrow(
      'targets.labelSmoothing: `args` must be an object of arguments, but got 0.1.',
    );
    expect(() => positional<[null]>(tfn.targets.gaussian)(null)).toThrow(
      'targets.gaussian: `args` must be an object of arguments, but got null.',
    );
    const loose = <T>(args: unknown) => args as T;
    expect(() =>
      tfn.targets.labelFlip(loose<tfn.targets.LabelFlipArgs>({ rate: '0.1', numClasses: 3 })),
    ).toThrow('targets.labelFlip: `rate` must be a number in [0, 1], but got "0.1".');
    expect(() =>
      tfn.targets.labelFlip(loose<tfn.targets.LabelFlipArgs>({ rate: 0.1, numClasses: 2.5 })),
    ).toThrow('targets.labelFlip: `numClasses` must be an integer >= 2, but got 2.5.');
    expect(() => tfn.targets.labelFlip(loose<tfn.targets.LabelFlipArgs>({ rate: 0.1 }))).toThrow(
      'targets.labelFlip: `numClasses` must be an integer >= 2, but got undefined.',
    );
    expect(() => tfn.targets.gaussian({ stddev: 0.1, seed: 1.5 })).toThrow(
      'targets.gaussian(0.1): `seed` must be a safe integer (or omitted), but got 1.5.',
    );
    expect(() =>
      tfn.targets.labelSmoothing(loose<tfn.targets.LabelSmoothingArgs>({ epsilon: 0.1 })),
    ).toThrow('targets.labelSmoothing: `eps` must be a number in [0, 1], but got undefined.');
  });

  it('TargetNoise takes an args object: a target noise of your own', () => {
    const scale = new tfn.targets.TargetNoise({
      description: 'scale(0.1)',
      transform: (y, stream, step, seed) =>
        tf.mul(y, tf.add(1, tfn.random.normal(y.shape, { seed, stream, step }, 0, 0.1))),
      seed: 2,
    });
    expect(scale.seed).toBe(2);
    expect(scale.state.owner).toBe('targets.scale(0.1)');
    const y = tf.ones([1000, 1]);
    const m = moments(scale.apply(y, 0).dataSync());
    expect(Math.abs(m.mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(m.variance) / 0.1 - 1)).toBeLessThan(0.1);
    const loose = (args: unknown) => args as tfn.targets.TargetNoiseArgs;
    expect(
      () => new tfn.targets.TargetNoise(loose({ description: '', transform: () => y })),
    ).toThrow('TargetNoise: `description` must be a non-empty string, but got "".');
    expect(() => new tfn.targets.TargetNoise(loose({ description: 'x', transform: 1 }))).toThrow(
      'TargetNoise: `transform` must be a function (yTrue, stream, step, seed) => Tensor, but got 1.',
    );
    expect(() => new tfn.targets.TargetNoise(loose('x'))).toThrow(
      'TargetNoise: `args` must be an object of arguments, but got "x".',
    );
  });

  it('the wrapped loss sees noisy targets in fit, clean ones in evaluate and predict', async () => {
    const x = fixedInputs(64, 3);
    const y = tf.zeros([64, 1]);
    const noise = tfn.targets.gaussian({ stddev: 10, seed: 5 });
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 1, inputShape: [3], kernelInitializer: 'zeros' }));
    model.compile({ optimizer: tf.train.sgd(0), loss: noise.loss('meanSquaredError') });
    // The model predicts 0 = y exactly, so the clean loss is 0; with noise of std 10 the
    // training loss is about 100.
    const history = await model.fit(x, y, { epochs: 2, batchSize: 64, verbose: 0 });
    expect(history.history.loss?.[0]).toBeGreaterThan(50);
    expect(noise.step).toBe(2);
    const evaluated = model.evaluate(x, y) as tf.Scalar;
    expect(evaluated.dataSync()[0]).toBe(0);
    expect(noise.step).toBe(2);
  });
});
