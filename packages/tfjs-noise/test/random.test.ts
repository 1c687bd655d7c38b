import * as tf from '@tensorflow/tfjs-core';
import {
  correlation,
  ksCritical,
  ksStatistic,
  moments,
  normalCdf,
} from '@tfjs-noise/support/samples';
import { describe, expect, it } from 'vitest';
import {
  fillNormal,
  fillUniform,
  normal,
  randomSeed,
  streamId,
  uniform,
} from '../src/random/index';

// Statistical tolerances. With n = 2e6 standard normal samples the standard error of the mean is
// 1/sqrt(n) = 7.1e-4 and of the variance sqrt(2/n) = 1.0e-3. We allow 5 standard errors
// (a false alarm about once in 1.7 million runs; the seeds are fixed anyway), so the mean must be
// within 3.5e-3 and the variance within 5e-3 of 1: a sampler whose std is off by 0.5% fails.
const N = 2_000_000;
const SE_MEAN = 1 / Math.sqrt(N);
const SE_VAR = Math.sqrt(2 / N);

describe('fillNormal', () => {
  const xs = fillNormal(new Float64Array(N), { seed: 42, stream: 7, step: 3 });

  it('has mean 0 and variance 1 within 5 standard errors', () => {
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5 * SE_MEAN);
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * SE_VAR);
  });

  it('passes a Kolmogorov-Smirnov test against N(0, 1) at alpha = 1e-4', () => {
    const d = ksStatistic(xs, normalCdf);
    expect(d).toBeLessThan(ksCritical(N));
  });

  it('the KS test is sharp enough to reject a slightly wrong distribution', () => {
    // Same samples scaled by 1.01: a 1% error in the std must be detected.
    const wrong = xs.map((x) => x * 1.01);
    expect(ksStatistic(wrong, normalCdf)).toBeGreaterThan(ksCritical(N));
  });

  it('has Gaussian skewness, kurtosis and tails', () => {
    let s3 = 0;
    let s4 = 0;
    let beyond3 = 0;
    let beyond4 = 0;
    for (const x of xs) {
      s3 += x ** 3;
      s4 += x ** 4;
      if (Math.abs(x) > 3) beyond3++;
      if (Math.abs(x) > 4) beyond4++;
    }
    // Standard errors: skewness sqrt(6/n) = 1.7e-3, kurtosis sqrt(24/n) = 3.5e-3.
    expect(Math.abs(s3 / N)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(s4 / N - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
    // Tail counts are binomial: expected n*p, standard deviation sqrt(n*p*(1-p)).
    for (const [count, t] of [
      [beyond3, 3],
      [beyond4, 4],
    ] as const) {
      const p = 2 * (1 - normalCdf(t));
      expect(Math.abs(count - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
    }
  });

  it('applies mean and stddev', () => {
    const ys = fillNormal(new Float64Array(200_000), { seed: 1, stream: 0, step: 0 }, 3, 0.5);
    const m = moments(ys);
    expect(Math.abs(m.mean - 3)).toBeLessThan((5 * 0.5) / Math.sqrt(ys.length));
    expect(Math.abs(Math.sqrt(m.variance) - 0.5)).toBeLessThan(0.005);
  });

  it('is a pure function of the key, whatever was drawn before', () => {
    const key = { seed: 5, stream: 1, step: 10 };
    const a = fillNormal(new Float32Array(1000), key);
    fillNormal(new Float32Array(12345), { seed: 5, stream: 1, step: 9 });
    const b = fillNormal(new Float32Array(1000), key);
    expect(Array.from(b)).toEqual(Array.from(a));
    // A shorter draw is a prefix of a longer one.
    const c = fillNormal(new Float32Array(10), key);
    expect(Array.from(c)).toEqual(Array.from(a.subarray(0, 10)));
  });

  it('different seeds, streams and steps give uncorrelated samples', () => {
    const n = 200_000;
    const base = fillNormal(new Float64Array(n), { seed: 1, stream: 0, step: 0 });
    const others = [
      { seed: 2, stream: 0, step: 0 },
      { seed: -1, stream: 0, step: 0 },
      { seed: 2 ** 40 + 1, stream: 0, step: 0 },
      { seed: 1, stream: 1, step: 0 },
      { seed: 1, stream: 0, step: 1 },
      { seed: 1, stream: 0, step: 2 ** 32 },
    ];
    // Correlation of independent samples has standard error 1/sqrt(n) = 2.2e-3.
    for (const key of others) {
      const other = fillNormal(new Float64Array(n), key);
      expect(Math.abs(correlation(base, other))).toBeLessThan(5 / Math.sqrt(n));
    }
    // Neighbouring samples within one draw are uncorrelated too (lag-1 autocorrelation).
    expect(Math.abs(correlation(base.subarray(1), base.subarray(0, n - 1)))).toBeLessThan(
      5 / Math.sqrt(n),
    );
  });

  it('rejects malformed keys with a message naming the field', () => {
    expect(() => fillNormal(new Float32Array(1), { seed: 1.5, stream: 0, step: 0 })).toThrow(
      /NoiseKey.seed.*1.5/,
    );
    expect(() => fillNormal(new Float32Array(1), { seed: 1, stream: -1, step: 0 })).toThrow(
      /NoiseKey.stream.*-1/,
    );
    expect(() => fillNormal(new Float32Array(1), { seed: 1, stream: 0, step: -2 })).toThrow(
      /NoiseKey.step.*-2/,
    );
    expect(() => fillNormal(new Float32Array(1), { seed: 1, stream: 0, step: Number.NaN })).toThrow(
      /NoiseKey.step.*NaN/,
    );
  });
});

describe('fillUniform', () => {
  const us = fillUniform(new Float64Array(N), { seed: 3, stream: 0, step: 0 });

  it('has mean 1/2, variance 1/12 and passes a KS test', () => {
    const m = moments(us);
    // Standard errors: mean sqrt(1/12/n) = 2.0e-4; variance sqrt(1/180/n) = 5.3e-5.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
    expect(ksStatistic(us, (x) => Math.min(1, Math.max(0, x)))).toBeLessThan(ksCritical(N));
  });

  it('respects [low, high) in float32', () => {
    const f = fillUniform(new Float32Array(100_000), { seed: 3, stream: 0, step: 1 }, -2, 2);
    expect(Math.min(...f)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...f)).toBeLessThan(2);
  });
});

describe('tensor API', () => {
  it('normal() and uniform() return float32 tensors of the shape, equal to the fill functions', () => {
    const key = { seed: 9, stream: streamId('test'), step: 4 };
    const t = normal([3, 4, 5], key, 1, 2);
    expect(t.shape).toEqual([3, 4, 5]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual(
      Array.from(fillNormal(new Float32Array(60), key, 1, 2)),
    );
    const u = uniform([7], key, 0, 3);
    expect(Array.from(u.dataSync())).toEqual(
      Array.from(fillUniform(new Float32Array(7), key, 0, 3)),
    );
    tf.dispose([t, u]);
  });

  it('a new draw never changes the values of tensors drawn before it (buffer reuse is safe)', () => {
    // On wasm the samples go through one reused buffer; on cpu every tensor keeps its own array.
    // Either way, earlier tensors must keep their values, whatever size comes next.
    const sizes = [1000, 10, 5000, 1000, 0, 3];
    const drawn = sizes.map((n, step) => {
      const key = { seed: 3, stream: 1, step };
      const t = step % 2 ? uniform([n], key, -1, 1) : normal([n], key, 0, 2);
      return { t, expected: Array.from(t.dataSync()) };
    });
    for (const [step, { t, expected }] of drawn.entries()) {
      const n = sizes[step] as number;
      const key = { seed: 3, stream: 1, step };
      const fresh =
        step % 2
          ? fillUniform(new Float32Array(n), key, -1, 1)
          : fillNormal(new Float32Array(n), key, 0, 2);
      expect(Array.from(t.dataSync())).toEqual(expected);
      expect(expected).toEqual(Array.from(fresh));
    }
    // Also when the buffer grows while an earlier tensor is alive and used in a kernel.
    const small = normal([4], { seed: 8, stream: 0, step: 0 });
    const before = Array.from(small.dataSync());
    const big = normal([100_000], { seed: 8, stream: 0, step: 1 });
    const sum = tf.add(small, tf.zeros([4]));
    expect(Array.from(sum.dataSync())).toEqual(before);
    tf.dispose([...drawn.map((d) => d.t), small, big, sum]);
  });

  it('rejects bad shapes', () => {
    expect(() => normal([2, -1], { seed: 1, stream: 0, step: 0 })).toThrow(/shape.*-1/);
  });

  it('randomSeed() gives distinct safe integers; streamId() is stable and distinct', () => {
    const seeds = new Set(Array.from({ length: 100 }, () => randomSeed()));
    expect(seeds.size).toBe(100);
    for (const s of seeds) expect(Number.isSafeInteger(s)).toBe(true);
    expect(streamId('GaussianJitter')).toBe(streamId('GaussianJitter'));
    expect(streamId('GaussianJitter')).not.toBe(streamId('WeightNoise'));
    expect(streamId('WeightNoise', 0)).not.toBe(streamId('WeightNoise', 1));
  });
});
