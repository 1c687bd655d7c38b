import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { moments } from '@tfjs-noise/support/samples';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { NoisyActivation } from '../src/index';
import { fixedInputs, roundTrip } from './helpers';

const HALF_NORMAL_MEAN = Math.sqrt(2 / Math.PI);

/** The paper's formula in double precision: [mean part, d(x) sigma(x)]. */
function formula(
  activation: 'hardTanh' | 'hardSigmoid',
  x: number,
  { alpha = 1.15, c = 0.5, p = 1 } = {},
): { mean: number; dSigma: number } {
  const clip = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const [h, u] =
    activation === 'hardTanh' ? [clip(x, -1, 1), x] : [clip(0.25 * x + 0.5, 0, 1), 0.25 * x + 0.5];
  const delta = h - u;
  const sigma = c * (1 / (1 + Math.exp(-p * delta)) - 0.5) ** 2;
  const d = -Math.sign(x) * Math.sign(1 - alpha);
  return { mean: alpha * h + (1 - alpha) * u, dSigma: d * sigma };
}

const POINTS = [-6, -3, -2.5, -1.5, -1, -0.7, -0.2, 0, 0.3, 0.99, 1.2, 2, 2.2, 3.5, 8];

describe('NoisyActivation: validation', () => {
  it.each([
    [
      { activation: 'hardTanhh' },
      /`activation` must be 'hardTanh', 'hardSigmoid' or the name of a tfjs activation .* but got "hardTanhh"/,
    ],
    [{ activation: 3 }, /`activation` must be a string .* but got 3/],
    [{ activation: 'hardTanh', alpha: Number.NaN }, /`alpha` must be a finite number, but got NaN/],
    [{ activation: 'hardTanh', c: -1 }, /`c` must be a finite number >= 0, but got -1/],
    [
      { activation: 'hardTanh', p: Number.POSITIVE_INFINITY },
      /`p` must be a finite number, but got Infinity/,
    ],
    [{ activation: 'hardTanh', stddev: 0.1 }, /`stddev` must be omitted for hardTanh/],
    [{ activation: 'relu' }, /`stddev` must be a finite number >= 0, but got undefined/],
    [
      { activation: 'relu', stddev: 0.1, noiseAt: 'middle' },
      /`noiseAt` must be one of 'input', 'output', but got "middle"/,
    ],
    [{ activation: 'hardSigmoid', halfNormal: 'yes' }, /`halfNormal` must be a boolean/],
  ])('rejects %j', (args, message) => {
    expect(() => tfn.layers.noisyActivation(args as unknown as tfn.NoisyActivationArgs)).toThrow(
      message,
    );
  });
});

describe('NoisyActivation: one class per mode', () => {
  it.each([
    [{ activation: 'relu', stddev: 0.1, alpha: 1.2 }, 'alpha', 1.2],
    [{ activation: 'tanh', stddev: 0.1, c: 0.3 }, 'c', 0.3],
    [{ activation: 'sigmoid', stddev: 0.1, p: 2 }, 'p', 2],
    [{ activation: 'elu', stddev: 0.1, halfNormal: true }, 'halfNormal', true],
  ])('the plain mode rejects %j, naming the argument and the mode', (args, field, value) => {
    const message = new RegExp(
      `^NoisyActivation: \`${field}\` must be omitted for ${args.activation} \\(the plain mode.*but got ${value}`,
    );
    expect(() => tfn.layers.noisyActivation(args)).toThrow(message);
    expect(() => new NoisyActivation(args)).toThrow(message);
  });

  it.each([
    [{ activation: 'hardTanh', noiseAt: 'output' as const }, 'noiseAt', '"output"'],
    [{ activation: 'hardSigmoid', stddev: 0.2 }, 'stddev', '0.2'],
  ])(
    'the Gulcehre et al. mode rejects %j, naming the argument and the mode',
    (args, field, value) => {
      expect(() => tfn.layers.noisyActivation(args)).toThrow(
        new RegExp(
          `^NoisyActivation: \`${field}\` must be omitted for ${args.activation} \\(the Gulcehre et al. mode.*but got ${value}`,
        ),
      );
    },
  );

  it('new NoisyActivation and noisyActivation make the class of the mode, saved as NoisyActivation', () => {
    const paper = new NoisyActivation({ activation: 'hardSigmoid', seed: 1 });
    const plain = tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1, seed: 1 });
    expect(paper).toBeInstanceOf(tfn.SaturatingNoisyActivation);
    expect(paper).toBeInstanceOf(NoisyActivation);
    expect(plain).toBeInstanceOf(tfn.PlainNoisyActivation);
    expect(plain).toBeInstanceOf(NoisyActivation);
    expect([paper.saturating, plain.saturating]).toEqual([true, false]);
    expect([paper.getClassName(), plain.getClassName()]).toEqual([
      'NoisyActivation',
      'NoisyActivation',
    ]);
    expect(() => new tfn.SaturatingNoisyActivation({ activation: 'relu' as 'hardTanh' })).toThrow(
      /NoisyActivation: `activation` must be 'hardTanh' or 'hardSigmoid'.*but got "relu"/,
    );
  });

  it('configs saved before the split (every field of both modes) load into the mode of their activation', () => {
    const old = {
      name: 'act',
      trainable: true,
      alpha: 1.3, // saved by a plain-mode layer, which ignored it
      c: 0.5,
      p: 1,
      halfNormal: false,
      stddev: 0.25,
      noiseAt: 'output',
      seed: 7,
    };
    const cases = [
      { ...old, activation: 'relu' },
      { ...old, activation: 'hardTanh', stddev: null, noiseAt: 'input' },
    ];
    // What tf.loadLayersModel does with a layer of class name 'NoisyActivation'.
    const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap
      .NoisyActivation as [
      tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
      typeof NoisyActivation.fromConfig,
    ];
    const [plain, paper] = cases.map((config) => fromConfig(cls, config));
    expect(plain).toBeInstanceOf(tfn.PlainNoisyActivation);
    expect((plain as tfn.PlainNoisyActivation).stddev).toBe(0.25);
    expect((plain as tfn.PlainNoisyActivation).noiseAt).toBe('output');
    expect(paper).toBeInstanceOf(tfn.SaturatingNoisyActivation);
    expect((paper as tfn.SaturatingNoisyActivation).alpha).toBe(1.3);
  });
});

describe.each(['hardTanh', 'hardSigmoid'] as const)('NoisyActivation(%s)', (activation) => {
  it.each([false, true])(
    'inference equals the formula at many points (halfNormal %s)',
    (halfNormal) => {
      const layer = tfn.layers.noisyActivation({ activation, halfNormal, seed: 1 });
      const x = tf.tensor2d(POINTS, [POINTS.length, 1]);
      layer.apply(x); // build
      for (const p of [1, 0.3, 4]) {
        layer.setWeights([tf.tensor1d([p]), tf.scalar(0, 'int32')]);
        const y = (layer.apply(x) as tf.Tensor).dataSync();
        POINTS.forEach((v, i) => {
          const f = formula(activation, v, { p });
          const expected = f.mean + (halfNormal ? f.dSigma * HALF_NORMAL_MEAN : 0);
          expect(y[i]).toBeCloseTo(expected, 6);
        });
      }
      // Deterministic: predict twice gives the same values.
      const again = (layer.apply(x) as tf.Tensor).dataSync();
      expect(Array.from(again)).toEqual(Array.from((layer.apply(x) as tf.Tensor).dataSync()));
    },
  );

  it.each([false, true])(
    "training noise has the paper's mean and std at fixed x (halfNormal %s)",
    (halfNormal) => {
      // 20,000 samples per point: the mean has a standard error of std/141 and the std a relative
      // standard error of 0.5%. We allow 5 standard errors for the mean and 3% for the std.
      const n = 20_000;
      const layer = tfn.layers.noisyActivation({ activation, halfNormal, seed: 7 });
      const x = tf.tile(tf.tensor2d(POINTS, [1, POINTS.length]), [n, 1]);
      const y = (layer.apply(x, { training: true }) as tf.Tensor2D).arraySync();
      POINTS.forEach((v, j) => {
        const column = y.map((row) => row[j] as number);
        const m = moments(column);
        const f = formula(activation, v);
        const scale = Math.abs(f.dSigma);
        if (scale === 0) {
          // Linear regime: no noise at all.
          expect(new Set(column).size).toBe(1);
          expect(column[0]).toBeCloseTo(f.mean, 6);
          return;
        }
        const xiMean = halfNormal ? HALF_NORMAL_MEAN : 0;
        const xiStd = halfNormal ? Math.sqrt(1 - 2 / Math.PI) : 1;
        const std = scale * xiStd;
        expect(Math.abs(m.mean - (f.mean + f.dSigma * xiMean))).toBeLessThan(
          5 * (std / Math.sqrt(n)) + 1e-6,
        );
        expect(Math.abs(Math.sqrt(m.variance) / std - 1)).toBeLessThan(0.03);
      });
    },
  );

  it('analytic gradients match finite differences in the linear and saturated regimes', () => {
    // halfNormal at inference keeps the d(x) sigma(x) term, so p and x both matter.
    const layer = tfn.layers.noisyActivation({ activation, halfNormal: true, p: 2, seed: 1 });
    const pts = [-3.3, -0.4, 0.6, 2.7, 5.1]; // away from the kinks at |x| = 1 (tanh) or 2 (sigmoid)
    const x = tf.tensor2d(pts, [pts.length, 1]);
    layer.apply(x);
    const f = (t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor) as tf.Scalar;
    const gx = tf.grad(f)(x).dataSync();
    const h = 1e-2;
    pts.forEach((v, i) => {
      const plus = f(
        tf.tensor2d(
          pts.map((q, k) => (k === i ? v + h : q)),
          [pts.length, 1],
        ),
      ).dataSync()[0] as number;
      const minus = f(
        tf.tensor2d(
          pts.map((q, k) => (k === i ? v - h : q)),
          [pts.length, 1],
        ),
      ).dataSync()[0] as number;
      expect(gx[i]).toBeCloseTo((plus - minus) / (2 * h), 3);
    });
    // d/dp, by finite differences on the weight.
    const pVar = layer.trainableWeights[0]?.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => f(x), [pVar]);
    const gp = (grads[pVar.name] as tf.Tensor).dataSync()[0] as number;
    const at = (p: number) => {
      layer.setWeights([tf.tensor1d([p]), tf.scalar(0, 'int32')]);
      return f(x).dataSync()[0] as number;
    };
    const numeric = (at(2 + h) - at(2 - h)) / (2 * h);
    expect(gp).toBeCloseTo(numeric, 3);
    expect(Math.abs(gp)).toBeGreaterThan(1e-4);
  });
});

describe('NoisyActivation: plain mode', () => {
  it('is the tfjs activation at inference and adds noise of std stddev in training', () => {
    const x = tf.mul(fixedInputs(20_000, 5, 1), 2);
    const relu = tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.3, seed: 2 });
    expect(Array.from((relu.apply(x) as tf.Tensor).dataSync())).toEqual(
      Array.from(tf.relu(x).dataSync()),
    );
    const linear = tfn.layers.noisyActivation({
      activation: 'linear',
      stddev: 0.3,
      noiseAt: 'output',
      seed: 3,
    });
    const diff = tf.sub(linear.apply(x, { training: true }) as tf.Tensor, x).dataSync();
    // 100,000 samples: relative standard error of the std 0.22%; we allow 1%.
    expect(Math.abs(Math.sqrt(moments(diff).variance) / 0.3 - 1)).toBeLessThan(0.01);
    const tanh = tfn.layers.noisyActivation({ activation: 'tanh', stddev: 0.3, seed: 4 });
    const y = (tanh.apply(x, { training: true }) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(y).map(Math.abs))).toBeLessThanOrEqual(1); // noise before tanh
  });
});

describe('NoisyActivation in models', () => {
  const build = (activation: string, extra: Partial<tfn.NoisyActivationArgs> = {}) => {
    const model = tfl.sequential();
    model.add(
      tfl.layers.dense({
        units: 6,
        inputShape: [3],
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    model.add(tfn.layers.noisyActivation({ activation, seed: 5, ...extra }));
    model.add(
      tfl.layers.dense({
        units: 1,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    );
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    return model;
  };
  const x = tf.mul(fixedInputs(32, 3, 9), 3);
  const y = tf.sum(x, 1, true);

  it('trains p, saves and reloads with identical predictions and config', async () => {
    const model = build('hardTanh', { halfNormal: true });
    const p0 = model.layers[1]?.getWeights()[0]?.dataSync().slice();
    await model.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    const p1 = model.layers[1]?.getWeights()[0]?.dataSync();
    expect(Array.from(p1 ?? [])).not.toEqual(Array.from(p0 ?? []));
    const reloaded = await roundTrip(model);
    expect(reloaded.layers[1]).toBeInstanceOf(NoisyActivation);
    expect(reloaded.layers[1]?.getConfig()).toEqual(model.layers[1]?.getConfig());
    expect(Array.from((reloaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('stripNoise turns the plain mode into a tfjs Activation and keeps the paper mode', () => {
    const plain = build('tanh', { stddev: 0.2 });
    const strippedPlain = tfn.stripNoise(plain);
    expect(strippedPlain.layers.map((l) => l.getClassName())).toEqual([
      'Dense',
      'Activation',
      'Dense',
    ]);
    expect(Array.from((strippedPlain.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((plain.predict(x) as tf.Tensor).dataSync()),
    );
    const paper = build('hardSigmoid');
    const strippedPaper = tfn.stripNoise(paper);
    expect(strippedPaper.layers.map((l) => l.getClassName())).toEqual([
      'Dense',
      'NoisyActivation',
      'Dense',
    ]);
    expect(Array.from((strippedPaper.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((paper.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('leaks no tensors over 100 training steps', async () => {
    const model = build('hardTanh');
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    const after = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 25, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(after);
  });
});
