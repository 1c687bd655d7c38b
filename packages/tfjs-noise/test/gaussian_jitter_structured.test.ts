/**
 * GaussianJitter's structured amounts and shapes: `noiseShape` (shared draws), `correlationLength`
 * (a stationary correlated field) and `snrDb` (the amount as a signal-to-noise ratio), their
 * combination rules, and the layer's promises with them (seeded, resumable, identity at
 * inference, saved, stripped, scheduled, leak-free).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { edgeRms, lagCorrelation } from '@tfjs-noise/support/samples';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { layerStream } from '../src/layers/noise_layer';
import { snrKey } from '../src/layers/snr';
import { fieldKernel } from '../src/random/gaussian_field';
import { roundTrip, weightValues } from './helpers';

const jitter = (args: tfn.GaussianJitterArgs) => tfn.layers.gaussianJitter(args);

/** The noise a fresh layer adds to zeros of `shape` at its first training step. */
function noiseOf(args: tfn.GaussianJitterArgs, shape: number[]): Float32Array {
  const layer = jitter(args);
  const x = tf.zeros(shape);
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const values = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe('GaussianJitter structured: argument rules', () => {
  it.each([
    [
      { seed: 1 },
      /`stddev` must be given \(a number >= 0, or one per feature\) unless `snrDb` is, but got undefined/,
    ],
    [{ snrDb: null, stddev: null }, /`stddev` must be given .*but got null/],
    [{ snrDb: 20, stddev: 0.1 }, /`stddev` must be omitted when `snrDb` gives the amount.*got 0.1/],
    [{ snrDb: 20, relative: true }, /`relative` must be false when `snrDb`.*got true/],
    [
      { snrDb: 20, mode: 'multiplicative' },
      /`mode` must be 'additive' when `snrDb`.*got "multiplicative"/,
    ],
    [{ snrDb: [30, 10] }, /`snrDb` must be a finite number \(dB\) or a pair.*got \[30,10\]/],
    [{ snrDb: Number.NaN }, /`snrDb` must be .*got NaN/],
    [{ snrDb: [1, 2, 3] }, /`snrDb` must be .*got \[1,2,3\]/],
    [{ stddev: 0.1, snrCentered: true }, /`snrCentered` must be false unless `snrDb`.*got true/],
    [{ snrDb: 20, snrCentered: 'yes' }, /`snrCentered` must be a boolean, but got "yes"/],
    [{ stddev: 0.1, noiseShape: [] }, /`noiseShape` must be a non-empty array.*got \[\]/],
    [
      { stddev: 0.1, noiseShape: [null, 0] },
      /`noiseShape\[1\]` must be null or an integer >= 1.*got 0/,
    ],
    [{ stddev: 0.1, noiseShape: 3 }, /`noiseShape` must be a non-empty array.*got 3/],
    [
      { stddev: 0.1, correlationLength: -1 },
      /`correlationLength` must be a finite number >= 0.*got -1/,
    ],
    [
      { stddev: 0.1, correlationLength: [1, Number.NaN] },
      /`correlationLength\[1\]` must be .*got NaN/,
    ],
    [
      { stddev: 0.1, noiseShape: [null, 1], inputShape: [4, 3] },
      /`noiseShape` must be an array of 3 entries, one per axis of the input.*\[null,4,3\].*got \[null,1\]/,
    ],
    [
      { stddev: 0.1, noiseShape: [null, 2, null], inputShape: [4, 3] },
      /`noiseShape\[1\]` must be null, 1 or 4 \(the input's size on axis 1\), but got 2/,
    ],
    [
      { stddev: 0.1, correlationLength: 2, inputShape: [5] },
      /`correlationLength` must be 0 or omitted on an input with no axis between the batch axis and the last \(input shape \[null,5\]\), but got 2/,
    ],
    [
      { stddev: 0.1, correlationLength: [1, 2, 3], inputShape: [8, 8, 1] },
      /`correlationLength` must be a number or an array of 2 .*got \[1,2,3\]/,
    ],
    [
      {
        stddev: 0.1,
        correlationLength: [1, 2],
        noiseShape: [null, 1, null, null],
        inputShape: [8, 8, 1],
      },
      /`correlationLength\[0\]` must be 0 on axis 1, which `noiseShape` shares \(1 there\), but got 1/,
    ],
    [
      { stddev: 0.1, correlationLength: 2, noiseShape: [null, 1, null], inputShape: [8, 3] },
      /`correlationLength` must be 0 when `noiseShape` shares every axis .*got 2/,
    ],
  ])('rejects %j, naming the argument and the value', (args, message) => {
    expect(() => jitter(args as unknown as tfn.GaussianJitterArgs)).toThrow(message);
  });

  it('checks noiseShape and correlationLength when the model is built (shape unknown before)', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 3, inputShape: [2] }));
    expect(() => model.add(jitter({ stddev: 0.1, correlationLength: 1 }))).toThrow(
      /GaussianJitter: `correlationLength` must be 0 or omitted on an input with no axis between/,
    );
    const conv = tfl.sequential();
    conv.add(tfl.layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [8, 8, 1] }));
    expect(() => conv.add(jitter({ stddev: 0.1, noiseShape: [null, 1, 1] }))).toThrow(
      /`noiseShape` must be an array of 4 entries.*\[null,6,6,2\]/,
    );
    // On concrete tensors (apply without a model), at the call.
    const layer = jitter({ stddev: 0.1, noiseShape: [null, 1] });
    const x = tf.zeros([2, 3, 4]);
    expect(() => layer.apply(x, { training: true })).toThrow(/`noiseShape` must be an array of 3/);
    x.dispose();
  });

  it('correlationLength 0 is i.i.d. noise and allowed on any rank', () => {
    const a = noiseOf({ stddev: 1, seed: 5, correlationLength: 0 }, [4, 6]);
    const b = noiseOf({ stddev: 1, seed: 5 }, [4, 6]);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('the amount properties: snrDb settable on an SNR layer only, stddev on a stddev layer only', () => {
    const snr = jitter({ snrDb: [10, 20] });
    expect(snr.stddev).toBeNull();
    expect(snr.snrDb).toEqual([10, 20]);
    snr.snrDb = 15;
    expect(snr.snrDb).toBe(15);
    expect(() => {
      snr.stddev = 0.1;
    }).toThrow(/`stddev` must be left unset on a layer whose amount is `snrDb`, but got 0.1/);
    expect(() => {
      snr.snrDb = [5, 1];
    }).toThrow(/`snrDb` must be .*got \[5,1\]/);
    const plain = jitter({ stddev: 0.1 });
    expect(plain.snrDb).toBeNull();
    expect(() => {
      plain.snrDb = 10;
    }).toThrow(/`snrDb` must be left unset on a layer whose amount is `stddev`, but got 10/);
    expect(tfn.GaussianJitter.amountDirection).toEqual({
      stddev: 'more-noise',
      snrDb: 'less-noise',
    });
  });
});

describe('GaussianJitter structured: noiseShape', () => {
  it('[null, 1, 1, null] on [batch, h, w, c]: one value per example and channel, exactly', () => {
    const [b, h, w, c] = [3, 5, 4, 2];
    const v = noiseOf({ stddev: 1, seed: 1, noiseShape: [null, 1, 1, null] }, [b, h, w, c]);
    const at = (i: number, y: number, x: number, k: number) => v[((i * h + y) * w + x) * c + k];
    for (let i = 0; i < b; i++) {
      for (let k = 0; k < c; k++) {
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) expect(at(i, y, x, k)).toBe(at(i, 0, 0, k));
      }
    }
    const distinct = new Set(Array.from(v));
    expect(distinct.size).toBe(b * c); // independent across examples and channels
  });

  it('[null, null, null, 1]: one field shared by the channels; a size equal to the input is null', () => {
    const [b, h, w, c] = [2, 4, 4, 3];
    const v = noiseOf({ stddev: 1, seed: 2, noiseShape: [null, 4, null, 1] }, [b, h, w, c]);
    for (let p = 0; p < b * h * w; p++) {
      expect(v[p * c + 1]).toBe(v[p * c]);
      expect(v[p * c + 2]).toBe(v[p * c]);
    }
    expect(new Set(Array.from(v)).size).toBe(b * h * w);
  });

  it('with a per-feature stddev on a shared last axis: one draw scaled per feature', () => {
    const stddev = [0.5, 2];
    const v = noiseOf({ stddev, seed: 3, noiseShape: [null, 1] }, [50, 2]);
    for (let i = 0; i < 50; i++)
      expect((v[2 * i + 1] as number) / 2).toBeCloseTo((v[2 * i] as number) / 0.5, 5);
  });

  it('correlated and shared: a scalar correlationLength skips the shared axes', () => {
    const [b, h, w, c] = [2, 6, 10, 2];
    const v = noiseOf(
      { stddev: 1, seed: 4, correlationLength: 2, noiseShape: [null, 1, null, null] },
      [b, h, w, c],
    );
    const at = (i: number, y: number, x: number, k: number) => v[((i * h + y) * w + x) * c + k];
    for (let i = 0; i < b; i++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let k = 0; k < c; k++) expect(at(i, y, x, k)).toBe(at(i, 0, x, k));
    const shared = noiseOf(
      { stddev: 1, seed: 4, correlationLength: [2, 0], noiseShape: [null, null, null, 1] },
      [b, h, w, c],
    );
    for (let p = 0; p < b * h * w; p++) expect(shared[p * c + 1]).toBe(shared[p * c]);
  });
});

/**
 * Statistics of the correlated field, from F fields of 64 x 64 (stddev 0.5), per length l: the
 * correlation at lags 1 and 2 along h and along w, pooled over the fields (sum ab / sqrt(sum a^2
 * sum b^2), the mean being 0), from pairs at least 3 l from every edge; its standard error by the
 * jackknife over fields. With F = 100 the standard errors measured are 0.0006 to 0.004 (the test
 * requires < 0.01, a third of the tolerance 0.03, so a miss of the tolerance is > 3 standard
 * errors away from a correct field). The per-entry std: within 2% of stddev (over 409,600 entries,
 * correlated: standard error <= 0.6% for l = 4), and in the outermost ring of the fields within 4%
 * (fewer entries: 25,200, standard error ~1% for l = 4), which shows the edges are not damped.
 */
describe('GaussianJitter structured: with the other options', () => {
  it("multiplicative mode: x * (1 + field), the field's std as given", () => {
    const layer = jitter({ stddev: 0.2, mode: 'multiplicative', correlationLength: 2, seed: 5 });
    const x = tf.ones([20, 32, 32, 1]);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const v = y.dataSync();
    let squares = 0;
    for (const value of v) squares += (value - 1) ** 2;
    // 20,480 entries, correlated (~1/(4 pi) as many independent): standard error ~2.5% of std.
    expect(Math.abs(Math.sqrt(squares / v.length) / 0.2 - 1)).toBeLessThan(0.1);
    const zero = layer.apply(tf.zeros([2, 8, 8, 1]), { training: true }) as tf.Tensor;
    expect(Array.from(zero.dataSync()).every((value) => value === 0)).toBe(true);
    tf.dispose([x, y, zero]);
  });

  it('relative mode: shared along the channels, scaled by each channel batch std', () => {
    const layer = jitter({ stddev: 0.5, relative: true, noiseShape: [null, null, 1, 1], seed: 6 });
    const x = tf.tidy(() =>
      tf.mul(tfn.random.uniform([400, 10, 2, 2], { seed: 2, stream: 3, step: 0 }, -1, 1), [1, 10]),
    );
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const n = tf.sub(y, x);
    const v = n.dataSync();
    // The draw is shared along axes 2 and 3 (y - x recovers it to float32 rounding), scaled by
    // each channel's batch std (channel 1 has ~10x that of channel 0).
    const std = tf.tidy(() => Array.from(tf.sqrt(tf.moments(x, [0, 1, 2]).variance).dataSync()));
    const ratio = (std[1] as number) / (std[0] as number);
    expect(ratio).toBeGreaterThan(9);
    for (let p = 0; p < v.length; p += 4) {
      const [a, b, c, d] = [v[p], v[p + 1], v[p + 2], v[p + 3]] as number[];
      expect(Math.abs((c as number) - (a as number))).toBeLessThan(1e-5);
      expect(Math.abs((d as number) - (b as number))).toBeLessThan(1e-4);
      if (Math.abs(a as number) > 0.01) {
        expect(Math.abs((b as number) / (a as number) / ratio - 1)).toBeLessThan(1e-2);
      }
    }
    tf.dispose([x, y, n]);
  });
});

describe('GaussianJitter structured: correlation statistics (fixed seeds)', () => {
  const N = 64;
  const F = 100;
  const STDDEV = 0.5;

  for (const l of [1, 2, 4]) {
    it(`l = ${l}: lag-1 and lag-2 correlations within 0.03 of exp(-d^2 / (2 l^2)), std within 2%`, () => {
      const v = noiseOf({ stddev: STDDEV, seed: 100 + l, correlationLength: l }, [F, N, N, 1]);
      for (const axis of ['rows', 'columns'] as const) {
        for (const d of [1, 2]) {
          const { r, se } = lagCorrelation(v, F, N, d, axis, Math.ceil(3 * l));
          const target = Math.exp(-(d * d) / (2 * l * l));
          expect(se, `l ${l} lag ${d} ${axis}: standard error`).toBeLessThan(0.01);
          expect(Math.abs(r - target), `l ${l} lag ${d} ${axis}: ${r} vs ${target}`).toBeLessThan(
            0.03,
          );
        }
      }
      let squares = 0;
      for (const x of v) squares += x * x;
      expect(Math.abs(Math.sqrt(squares / v.length) / STDDEV - 1)).toBeLessThan(0.02);
      expect(Math.abs(edgeRms(v, F, N) / STDDEV - 1), 'std on the edges').toBeLessThan(0.04);
    });
  }

  it('time series [batch, t, c]: correlated along t, independent across channels and examples', () => {
    const [b, t, c] = [200, 128, 2];
    const l = 3;
    const v = noiseOf({ stddev: 1, seed: 7, correlationLength: l }, [b, t, c]);
    let ab = 0;
    let aa = 0;
    let bb = 0;
    let cross = 0;
    for (let i = 0; i < b; i++) {
      for (let s = 3 * l; s + 1 < t - 3 * l; s++) {
        const a = v[(i * t + s) * c] as number;
        const n = v[(i * t + s + 1) * c] as number;
        ab += a * n;
        aa += a * a;
        bb += n * n;
        cross += a * (v[(i * t + s) * c + 1] as number);
      }
    }
    // 200 series of ~110 entries: standard error of the lag-1 estimate ~0.003.
    expect(Math.abs(ab / Math.sqrt(aa * bb) - Math.exp(-1 / (2 * l * l)))).toBeLessThan(0.03);
    // Across channels: correlation 0, standard error ~ sqrt(sum of rho^2 over lags / n) ~ 0.02.
    expect(Math.abs(cross / aa)).toBeLessThan(0.1);
  });

  it('the kernel keeps the std (sum of squares 1) and matches the target correlation for short lengths', () => {
    for (const l of [0.3, 0.5, 1, 1.5, 2.5, 3, 6]) {
      const g = fieldKernel(l);
      expect(g.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 12);
      for (let d = 1; d <= 3; d++) {
        let c = 0;
        for (let i = 0; i + d < g.length; i++) c += (g[i] as number) * (g[i + d] as number);
        expect(Math.abs(c - Math.exp(-(d * d) / (2 * l * l))), `l ${l} lag ${d}`).toBeLessThan(
          1e-3,
        );
      }
    }
  });
});

/**
 * SNR: 200 examples of 32 x 32 x 1, each a signal of its own scale (0.1 to 20). The measured SNR
 * of an example, 10 log10(mean x^2 / mean n^2), has a standard error of ~0.19 dB (1024 noise
 * entries: relative standard error of mean n^2 sqrt(2 / 1024) = 4.4%); averaged over 200 examples,
 * ~0.013 dB, so the tolerance of 0.2 dB is > 10 standard errors. With correlation length 2 the
 * noise has fewer independent entries per example (~1024 / (pi l^2)): ~0.05 dB, 4 standard errors.
 * The average over examples is taken of the noise-to-signal ratio, then in dB (unbiased; the mean
 * of the logarithms is not, by ~0.1 dB for the correlated noise).
 */
describe('GaussianJitter structured: snrDb', () => {
  const B = 200;
  const shape = [B, 32, 32, 1];
  const signal = () =>
    tf.tidy(() => {
      const scales = tf.reshape(tf.linspace(0.1, 20, B), [B, 1, 1, 1]);
      const base = tfn.random.uniform(shape, { seed: 9, stream: 1, step: 0 }, -1, 1);
      return tf.mul(tf.add(base, 0.3), scales); // mean not 0: the RMS counts it
    });

  /** Per example: 10 log10(mean x^2 / mean (y - x)^2). */
  function measured(x: tf.Tensor, y: tf.Tensor): number[] {
    return tf.tidy(() => {
      const p = tf.mean(tf.square(x), [1, 2, 3]);
      const n = tf.mean(tf.square(tf.sub(y, x)), [1, 2, 3]);
      return Array.from(tf.mul(10, tf.div(tf.log(tf.div(p, n)), Math.log(10))).dataSync());
    });
  }

  it('a fixed snrDb: the SNR of each example is snrDb (within 0.2 dB averaged over examples)', () => {
    const x = signal();
    const cases: [number, Partial<tfn.GaussianJitterArgs>][] = [
      [20, {}],
      [6, { correlationLength: 2 }],
      [-3, { noiseShape: [null, null, null, 1] }],
    ];
    for (const [snrDb, extra] of cases) {
      const layer = jitter({ snrDb, seed: 3, ...extra });
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const db = measured(x, y);
      // The average in dB of the ratio (mean n^2 / mean x^2 is unbiased; its log is not).
      const ratio = db.reduce((a, v) => a + 10 ** (-v / 10), 0) / B;
      const mean = -10 * Math.log10(ratio);
      expect(Math.abs(mean - snrDb), `${snrDb} dB ${JSON.stringify(extra)}: ${mean}`).toBeLessThan(
        0.2,
      );
      // i.i.d. noise: every example, whatever its scale, within 5 standard errors (~1 dB).
      if (!('correlationLength' in extra)) {
        for (const v of db) expect(Math.abs(v - snrDb)).toBeLessThan(1);
      }
      y.dispose();
      layer.dispose();
    }
    x.dispose();
  });

  it('a range: each example its SNR drawn uniformly in dB, from a stream derived from the key', () => {
    const x = signal();
    const layer = jitter({ snrDb: [0, 30], seed: 12 });
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const db = measured(x, y);
    const key = { seed: 12, stream: layerStream('GaussianJitter', layer.streamIndex, 0), step: 0 };
    const drawn = tfn.random.uniform([B], snrKey(key), 0, 30);
    const expected = Array.from(drawn.dataSync());
    for (const [i, v] of db.entries())
      expect(Math.abs(v - (expected[i] as number))).toBeLessThan(1);
    const mean = db.reduce((a, b) => a + b, 0) / B;
    // Uniform(0, 30): mean 15, standard error 30 / sqrt(12 * 200) = 0.6 dB.
    expect(Math.abs(mean - 15)).toBeLessThan(3);
    expect(Math.min(...expected)).toBeLessThan(3);
    expect(Math.max(...expected)).toBeGreaterThan(27);
    tf.dispose([x, y, drawn]);
  });

  it('snrCentered: the RMS is taken after removing each example mean', () => {
    const x = tf.tidy(() => tf.add(tf.mul(signal(), 0.01), 100)); // large offset, small signal
    const layer = jitter({ snrDb: 0, snrCentered: true, seed: 4 });
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const ratio = tf.tidy(() => {
      const centered = tf.sub(x, tf.mean(x, [1, 2, 3], true));
      const s = tf.sqrt(tf.mean(tf.square(centered), [1, 2, 3]));
      const n = tf.sqrt(tf.mean(tf.square(tf.sub(y, x)), [1, 2, 3]));
      return tf.mean(tf.div(n, s)).dataSync()[0] as number;
    });
    expect(Math.abs(ratio - 1)).toBeLessThan(0.02);
    tf.dispose([x, y]);
  });

  it('masked positions get no noise and are left out of the RMS', () => {
    const x = tf.tidy(() => tf.concat([tf.fill([4, 6, 2], 2), tf.fill([4, 2, 2], 50)], 1));
    const mask = tf.tidy(() => tf.cast(tf.concat([tf.ones([4, 6]), tf.zeros([4, 2])], 1), 'bool'));
    const layer = jitter({ snrDb: 0, seed: 6 });
    const y = layer.apply(x, { training: true, mask }) as tf.Tensor;
    const tail = tf.slice(tf.sub(y, x), [0, 6, 0], [4, 2, 2]);
    expect(Array.from(tail.dataSync()).every((v) => v === 0)).toBe(true);
    const head = tf.slice(tf.sub(y, x), [0, 0, 0], [4, 6, 2]);
    const std = Math.sqrt(tf.mean(tf.square(head)).dataSync()[0] as number);
    expect(std).toBeGreaterThan(1); // RMS 2 at 0 dB: std 2, not ~20 as with the masked 50s
    expect(std).toBeLessThan(3);
    tf.dispose([x, mask, y, tail, head]);
  });

  it('the RMS is not trained through: the gradient of sum(y) is 1 everywhere', () => {
    const layer = jitter({ snrDb: 10, seed: 8 });
    const x = tf.tidy(() =>
      tf.add(tfn.random.uniform([3, 5, 2], { seed: 1, stream: 2, step: 0 }), 1),
    );
    const g = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t, { training: true }) as tf.Tensor))(x);
    expect(Array.from(g.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([x, g]);
  });
});

describe('GaussianJitter structured: the layer promises', () => {
  const OPTIONS: tfn.GaussianJitterArgs[] = [
    { stddev: 0.2, correlationLength: [1.5, 3], noiseShape: [null, null, null, 1] },
    { snrDb: [5, 25], correlationLength: 1 },
    { snrDb: 12, snrCentered: true, noiseShape: [null, 1, 1, null] },
  ];
  const xs = tf.tidy(() =>
    tf.add(tfn.random.uniform([16, 8, 8, 2], { seed: 3, stream: 4, step: 0 }, -1, 1), 0.5),
  );
  const ys = tf.tidy(() => tf.mean(xs, [1, 2, 3]).reshape([16, 1]));

  const build = (options: tfn.GaussianJitterArgs, seed: number) => {
    const model = tfl.sequential();
    model.add(jitter({ ...options, seed, inputShape: [8, 8, 2] }));
    model.add(tfl.layers.flatten());
    model.add(
      tfl.layers.dense({
        units: 1,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    return model;
  };
  const train = (model: tfl.LayersModel, epochs: number) =>
    model.fit(xs, ys, { epochs, batchSize: 8, shuffle: false, verbose: 0 });

  for (const [i, options] of OPTIONS.entries()) {
    it(`${JSON.stringify(options)}: seeded, saved, reloaded and resumed bit for bit`, async () => {
      const straight = build(options, 21);
      await train(straight, 4);
      const again = build(options, 21);
      await train(again, 4);
      expect(weightValues(again)).toEqual(weightValues(straight));
      const other = build(options, 22);
      await train(other, 4);
      expect(weightValues(other)).not.toEqual(weightValues(straight));

      const first = build(options, 21);
      await train(first, 2);
      const reloaded = await roundTrip(first);
      const config = reloaded.layers[0]?.getConfig();
      expect(config).toEqual(first.layers[0]?.getConfig());
      expect(config).toMatchObject({
        stddev: options.stddev ?? null,
        snrDb: options.snrDb ?? null,
        noiseShape: options.noiseShape ?? null,
        correlationLength: options.correlationLength ?? null,
        snrCentered: options.snrCentered ?? false,
      });
      await train(reloaded, 2);
      expect(weightValues(reloaded)).toEqual(weightValues(straight));
      for (const m of [straight, again, other, first, reloaded]) m.dispose();
    });

    it(`${JSON.stringify(options)}: identity at inference, dropped by stripNoise`, () => {
      const layer = jitter({ ...options, seed: i });
      const y = layer.apply(xs) as tf.Tensor;
      expect(Array.from(y.dataSync())).toEqual(Array.from(xs.dataSync()));
      const model = build(options, 3);
      const stripped = tfn.stripNoise(model);
      expect(stripped.layers.map((l) => l.getClassName())).toEqual(['Flatten', 'Dense']);
      const a = model.predict(xs) as tf.Tensor;
      const b = stripped.predict(xs) as tf.Tensor;
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      tf.dispose([y, a, b]);
      model.dispose();
      stripped.dispose();
    });
  }

  it('the same key gives the same noise; the next step other noise', () => {
    const args = { snrDb: [0, 10] as [number, number], correlationLength: 2, seed: 31 };
    const a = jitter(args);
    const b = jitter(args);
    const x = tf.ones([4, 16, 16, 1]);
    const ya = a.apply(x, { training: true }) as tf.Tensor;
    const yb = b.apply(x, { training: true }) as tf.Tensor;
    const yc = a.apply(x, { training: true }) as tf.Tensor;
    expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
    expect(Array.from(yc.dataSync())).not.toEqual(Array.from(ya.dataSync()));
    tf.dispose([x, ya, yb, yc]);
  });

  it('leaks no tensors: the same count after 40 training steps as after 4; none after dispose', async () => {
    const before = tf.memory().numTensors;
    const model = build({ snrDb: [5, 15], correlationLength: [1, 2.5] }, 5);
    await train(model, 2);
    const after4 = tf.memory().numTensors;
    await train(model, 20);
    expect(tf.memory().numTensors).toBe(after4);
    model.optimizer.dispose(); // tfjs's SGD keeps its learning rate as a tensor
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('noiseSchedule drives a correlated stddev layer; an SNR layer is left alone, and naming it is an error', async () => {
    const model = tfl.sequential();
    model.add(
      jitter({ stddev: 0.5, correlationLength: 1, seed: 1, inputShape: [8, 8, 2], name: 'field' }),
    );
    model.add(jitter({ snrDb: 20, seed: 2, name: 'snr' }));
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const schedule = tfn.schedules.linear({ from: 0.4, to: 0.1, steps: 3 });
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      callbacks: [tfn.callbacks.noiseSchedule({ schedule })],
    });
    expect((model.layers[0] as tfn.GaussianJitter).stddev).toBeCloseTo(schedule(3), 12);
    expect((model.layers[1] as tfn.GaussianJitter).snrDb).toBe(20);
    await expect(
      model.fit(xs, ys, {
        epochs: 1,
        verbose: 0,
        callbacks: [tfn.callbacks.noiseSchedule({ schedule, target: ['snr'] })],
      }),
    ).rejects.toThrow(
      /noiseSchedule: `target` must be noise layers whose stddev is a single number, but got "snr"/,
    );
    model.dispose();
  });
});
