import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ksCritical, ksStatistic, moments, normalCdf } from '@tfjs-noise/support/samples';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AnnealedGradientNoise,
  type AnnealedGradientNoiseArgs,
  annealedGradientNoise,
  annealedStddev,
  GRADIENT_NOISE_BETA_POWER_WEIGHTS,
  GRADIENT_NOISE_STEP_WEIGHT,
} from '../src/optimizers/annealed_gradient_noise';
import * as train from '../src/optimizers/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

/** The seven tfjs optimizers, each with settings that train the small model below. */
const OPTIMIZERS: [string, () => tf.Optimizer][] = [
  ['sgd', () => tf.train.sgd(0.1)],
  ['momentum', () => tf.train.momentum(0.05, 0.9, true)],
  ['adam', () => tf.train.adam(0.01)],
  ['adamax', () => tf.train.adamax(0.01)],
  ['rmsprop', () => tf.train.rmsprop(0.01, 0.9, 0.1, undefined, true)],
  ['adagrad', () => tf.train.adagrad(0.1)],
  ['adadelta', () => tf.train.adadelta(1)],
];

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** input [4] -> Dense(8, relu) -> Dense(1, sigmoid), seeded weights, compiled with `optimizer`. */
function smallModel(optimizer: tf.Optimizer): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [4], kernelInitializer: init(1) }),
  );
  model.add(tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(2) }));
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  return model;
}

const xs = fixedInputs(64, 4);
const ys = tf.tidy(() => tf.cast(tf.greater(tf.sum(xs, 1, true), 0), 'float32'));
afterAll(() => tf.dispose([xs, ys]));

/** `epochs` epochs of 4 batches each (one optimizer step per batch). */
const fitEpochs = (model: tfl.LayersModel, epochs: number) =>
  model.fit(xs, ys, { epochs, batchSize: 16, shuffle: false, verbose: 0 });

describe('AnnealedGradientNoise: construction and validation', () => {
  it('is exposed as a factory (the train namespace) and a registered class', () => {
    const optimizer = train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3, seed: 1 });
    expect(optimizer).toBeInstanceOf(AnnealedGradientNoise);
    expect(optimizer).toBeInstanceOf(tf.Optimizer);
    expect(optimizer.getClassName()).toBe('AnnealedGradientNoise');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.AnnealedGradientNoise?.[0]).toBe(
      AnnealedGradientNoise,
    );
    expect(optimizer.gamma).toBe(0.55);
    expect(optimizer.clipNorm).toBeNull();
    optimizer.dispose();
  });

  it.each([
    [{ eta: -0.1 }, /AnnealedGradientNoise: `eta` must be a finite number >= 0, but got -0.1/],
    [{ eta: Number.NaN }, /`eta` must be .*got NaN/],
    [{ eta: Number.POSITIVE_INFINITY }, /`eta` must be .*got Infinity/],
    [{ eta: '0.3' }, /`eta` must be .*got "0.3"/],
    [{}, /`eta` must be .*got undefined/],
    [{ eta: 0.3, gamma: -0.55 }, /`gamma` must be a finite number >= 0, but got -0.55/],
    [{ eta: 0.3, gamma: Number.NaN }, /`gamma` must be .*got NaN/],
    [{ eta: 0.3, clipNorm: 0 }, /`clipNorm` must be a finite number > 0, but got 0/],
    [{ eta: 0.3, clipNorm: -1 }, /`clipNorm` must be .*got -1/],
    [{ eta: 0.3, clipNorm: Number.NaN }, /`clipNorm` must be .*got NaN/],
    [{ eta: 0.3, clipNorm: Number.POSITIVE_INFINITY }, /`clipNorm` must be .*got Infinity/],
    [{ eta: 0.3, clipNorm: '5' }, /`clipNorm` must be .*got "5"/],
    [{ eta: 0.3, seed: 1.5 }, /`seed` must be a safe integer.*got 1.5/],
    [{ eta: 0.3, seed: 'a' }, /`seed` must be a safe integer.*got "a"/],
  ])('rejects %j', (args, message) => {
    expect(() =>
      annealedGradientNoise(tf.train.sgd(0.1), args as unknown as AnnealedGradientNoiseArgs),
    ).toThrow(message);
  });

  it.each([
    ['adam', /AnnealedGradientNoise: `optimizer` must be a tf.Optimizer.*got "adam"/],
    [{}, /`optimizer` must be a tf.Optimizer.*got \{\}/],
    [null, /`optimizer` must be a tf.Optimizer.*got null/],
    [undefined, /`optimizer` must be a tf.Optimizer.*got undefined/],
    [5, /`optimizer` must be a tf.Optimizer.*got 5/],
  ])('rejects the optimizer %j', (optimizer, message) => {
    expect(() => annealedGradientNoise(optimizer as unknown as tf.Optimizer, { eta: 0.3 })).toThrow(
      message,
    );
  });

  it('instanceof AnnealedGradientNoise holds for the wrapper only, not for any tf.Optimizer', () => {
    const adam = tf.train.adam(0.01);
    const wrapper = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3, seed: 1 });
    expect(adam instanceof AnnealedGradientNoise).toBe(false); // tf.Optimizer's duck typing: true
    expect(wrapper instanceof AnnealedGradientNoise).toBe(true);
    expect(adam instanceof tf.Optimizer).toBe(true);
    adam.dispose();
    wrapper.dispose();
  });

  it('rejects a wrapper inside a wrapper and a missing argument object', () => {
    const inner = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3 });
    expect(() => annealedGradientNoise(inner, { eta: 0.3 })).toThrow(
      /`optimizer` must be an optimizer that is not itself an AnnealedGradientNoise/,
    );
    expect(() =>
      annealedGradientNoise(tf.train.sgd(0.1), undefined as unknown as AnnealedGradientNoiseArgs),
    ).toThrow(/AnnealedGradientNoise: `args` must be an object/);
  });

  it('annealedStddev is sqrt(eta / (1 + t)^gamma) and validates its arguments', () => {
    expect(annealedStddev({ eta: 0.3, gamma: 0.55, step: 0 })).toBe(Math.sqrt(0.3));
    expect(annealedStddev({ eta: 0.3, gamma: 0.55, step: 99 })).toBeCloseTo(
      Math.sqrt(0.3 / 100 ** 0.55),
      15,
    );
    // gamma defaults to the optimizer's 0.55.
    expect(annealedStddev({ eta: 0.3, step: 99 })).toBe(
      annealedStddev({ eta: 0.3, gamma: 0.55, step: 99 }),
    );
    expect(annealedStddev({ eta: 0, gamma: 0.55, step: 10 })).toBe(0);
    expect(annealedStddev({ eta: 1, gamma: 0, step: 1e6 })).toBe(1);
    expect(() => annealedStddev({ eta: -1, step: 0 })).toThrow(
      /annealedStddev: `eta` must be .*got -1/,
    );
    expect(() => annealedStddev({ eta: 1, gamma: Number.NaN, step: 0 })).toThrow(
      /`gamma` must be .*got NaN/,
    );
    expect(() => annealedStddev({ eta: 1, step: -1 })).toThrow(/`step` must be .*got -1/);
    // The positional form of earlier versions names the args object.
    expect(() => (annealedStddev as unknown as (e: number) => number)(0.3)).toThrow(
      /annealedStddev: `args` must be an object of arguments, but got 0.3/,
    );
  });
});

describe('AnnealedGradientNoise: the noise has the paper schedule', () => {
  // SGD with learning rate 1 on a loss whose gradient is zero: each weight's update is minus
  // the noise. With n = 200,000 weights the sample variance has a relative standard error of
  // sqrt(2 / n) = 0.32%; we allow 5 standard errors (1.6%). That rejects the likely mistakes:
  // eta used as the std (variance 0.09 instead of 0.3 for eta = 0.3: -70%), t counted from 1
  // (variance eta / 2^0.55 at the first step: -32%), gamma applied to the std (variance
  // eta / 100^1.1 at step 99: -92%).
  const n = 200_000;
  const tolerance = 5 * Math.sqrt(2 / n);

  it.each([0.3, 0.01])(
    'eta %f: the update variance is eta at step 0 and eta / 100^0.55 at step 99',
    (eta) => {
      const w = tf.variable(tf.zeros([n]));
      const optimizer = annealedGradientNoise(tf.train.sgd(1), { eta, seed: 3 });
      const zeroLoss = () => tf.sum(tf.mul(w, 0)) as tf.Scalar;
      const deltas = new Map<number, Float32Array>();
      for (let t = 0; t < 100; t++) {
        if (t === 0 || t === 99) {
          // w is zero here, so w after the step is exactly minus the noise.
          tf.tidy(() => w.assign(tf.zerosLike(w)));
          expect(optimizer.iterations).toBe(t);
          expect(optimizer.noiseStddev).toBe(annealedStddev({ eta, gamma: 0.55, step: t }));
          optimizer.minimize(zeroLoss, false, [w]);
          deltas.set(t, (w.dataSync() as Float32Array).slice());
        } else {
          optimizer.minimize(zeroLoss, false, [w]);
        }
      }
      for (const [t, delta] of deltas) {
        const expected = eta / (1 + t) ** 0.55;
        const m = moments(delta);
        expect(Math.abs(m.variance / expected - 1)).toBeLessThan(tolerance);
        // The mean's standard error is sqrt(expected / n); 5 of them.
        expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(expected / n));
        // Gaussian: KS test of the standardized updates at significance 1e-4.
        const z = delta.map((v) => v / Math.sqrt(expected));
        expect(ksStatistic(z, normalCdf)).toBeLessThan(ksCritical(n));
      }
      expect(optimizer.iterations).toBe(100);
      w.dispose();
      optimizer.dispose();
    },
  );

  it('every gradient gets its own independent noise', () => {
    const a = tf.variable(tf.zeros([50_000]));
    const b = tf.variable(tf.zeros([50_000]));
    const optimizer = annealedGradientNoise(tf.train.sgd(1), { eta: 1, seed: 4 });
    optimizer.minimize(() => tf.add(tf.sum(tf.mul(a, 0)), tf.sum(tf.mul(b, 0))), false, [a, b]);
    const da = a.dataSync();
    const db = b.dataSync();
    // 50,000 pairs: the correlation of independent samples has a standard error of 0.0045.
    let c = 0;
    for (let i = 0; i < da.length; i++) c += (da[i] as number) * (db[i] as number);
    expect(Math.abs(c / da.length)).toBeLessThan(5 / Math.sqrt(da.length));
    tf.dispose([a, b]);
    optimizer.dispose();
  });

  it('does not depend on variable names, only on the order of the gradients', () => {
    const run = (names: [string, string]) => {
      const vars = names.map((name, i) =>
        tf.variable(tf.fill([7, 3], i + 1), true, `${name}_${Math.random()}`),
      );
      const optimizer = annealedGradientNoise(tf.train.sgd(1), { eta: 0.5, seed: 8 });
      for (let s = 0; s < 3; s++) {
        optimizer.minimize(() => tf.sum(tf.square(tf.addN(vars))) as tf.Scalar, false, vars);
      }
      const out = vars.map((v) => Array.from(v.dataSync()));
      tf.dispose(vars);
      optimizer.dispose();
      return out;
    };
    expect(run(['zeta', 'alpha'])).toEqual(run(['kernel', 'bias']));
  });
});

describe('AnnealedGradientNoise: gradients by name', () => {
  it('applyGradients takes a name -> gradient map like a list in the same order', () => {
    const run = (asMap: boolean) => {
      const a = tf.variable(tf.zeros([4]));
      const b = tf.variable(tf.zeros([3]));
      const ga = tf.ones([4]);
      const gb = tf.fill([3], 2);
      const optimizer = annealedGradientNoise(tf.train.sgd(1), { eta: 0.2, seed: 6, clipNorm: 1 });
      optimizer.applyGradients(
        asMap
          ? { [a.name]: ga, [b.name]: gb }
          : [
              { name: a.name, tensor: ga },
              { name: b.name, tensor: gb },
            ],
      );
      const out = [Array.from(a.dataSync()), Array.from(b.dataSync())];
      tf.dispose([a, b, ga, gb]);
      optimizer.dispose();
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('AnnealedGradientNoise: eta = 0 is the bare optimizer', () => {
  it.each(OPTIMIZERS)('%s: bit-identical weights after 12 training steps', async (_, make) => {
    const bare = smallModel(make());
    const wrapped = smallModel(annealedGradientNoise(make(), { eta: 0, seed: 1 }));
    await fitEpochs(bare, 3);
    await fitEpochs(wrapped, 3);
    expect(weightValues(wrapped)).toEqual(weightValues(bare));
    expect(wrapped.optimizer.iterations).toBe(12);
    // The same with noise differs, so the comparison above is not vacuous.
    const noisy = smallModel(annealedGradientNoise(make(), { eta: 0.01, seed: 1 }));
    await fitEpochs(noisy, 3);
    expect(weightValues(noisy)).not.toEqual(weightValues(bare));
    for (const m of [bare, wrapped, noisy]) {
      m.optimizer.dispose();
      m.dispose();
    }
  });
});

describe('AnnealedGradientNoise: clipping by global norm', () => {
  // Two variables with constant gradients [3, 0, 0] and [0, 4]: global norm 5.
  const gradA = [3, 0, 0];
  const gradB = [0, 4];
  const step = (args: AnnealedGradientNoiseArgs, zeroGradient = false) => {
    const a = tf.variable(tf.zeros([3]));
    const b = tf.variable(tf.zeros([2]));
    const ca = tf.tensor1d(zeroGradient ? [0, 0, 0] : gradA);
    const cb = tf.tensor1d(zeroGradient ? [0, 0] : gradB);
    const optimizer = annealedGradientNoise(tf.train.sgd(1), args);
    optimizer.minimize(() => tf.add(tf.sum(tf.mul(a, ca)), tf.sum(tf.mul(b, cb))), false, [a, b]);
    const out = [...a.dataSync(), ...b.dataSync()];
    tf.dispose([a, b, ca, cb]);
    optimizer.dispose();
    return out;
  };

  it('rescales the gradients to the global norm clipNorm when they exceed it', () => {
    const out = step({ eta: 0, clipNorm: 1 });
    const expected = [-0.6, 0, 0, 0, -0.8];
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 6);
    });
  });

  it('leaves gradients within the bound bit-identical', () => {
    expect(step({ eta: 0, clipNorm: 5 })).toEqual([-3, 0, 0, 0, -4]);
    expect(step({ eta: 0, clipNorm: 10 })).toEqual([-3, 0, 0, 0, -4]);
  });

  it('adds the noise after clipping', () => {
    // Same seed and step: the noise is the same, so the difference is the clipped gradient.
    const clipped = step({ eta: 0.3, seed: 4, clipNorm: 1 });
    const noiseOnly = step({ eta: 0.3, seed: 4, clipNorm: 1 }, true);
    const expected = [-0.6, 0, 0, 0, -0.8];
    expect(noiseOnly.every((v) => v !== 0)).toBe(true);
    clipped.forEach((v, i) => {
      expect(v - (noiseOnly[i] as number)).toBeCloseTo(expected[i] as number, 5);
    });
  });
});

describe('AnnealedGradientNoise: seeds, config, save and resume', () => {
  const build = (make: () => tf.Optimizer, seed = 9) =>
    smallModel(annealedGradientNoise(make(), { eta: 0.3, seed }));

  it('same seed: bit-identical training; another seed: different weights', async () => {
    const a = build(() => tf.train.adam(0.01));
    const b = build(() => tf.train.adam(0.01));
    const other = build(() => tf.train.adam(0.01), 10);
    for (const m of [a, b, other]) await fitEpochs(m, 2);
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(other)).not.toEqual(weightValues(a));
  });

  it('unseeded wrappers draw different seeds and keep them in the config', () => {
    const a = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3 });
    const b = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3 });
    expect(a.seed).not.toBe(b.seed);
    expect(Number.isSafeInteger(a.seed)).toBe(true);
    expect(a.getConfig().seed).toBe(a.seed);
  });

  it.each(OPTIMIZERS)(
    'getConfig -> JSON -> fromConfig -> getConfig is unchanged (%s)',
    (_, make) => {
      for (const clipNorm of [undefined, 2.5]) {
        const original = annealedGradientNoise(make(), {
          eta: 0.01,
          gamma: 0.6,
          seed: 5,
          clipNorm,
        });
        const config = original.getConfig();
        expect(config).toMatchObject({
          eta: 0.01,
          gamma: 0.6,
          seed: 5,
          clipNorm: clipNorm ?? null,
        });
        const copy = AnnealedGradientNoise.fromConfig(
          AnnealedGradientNoise,
          JSON.parse(JSON.stringify(config)),
        ) as AnnealedGradientNoise;
        expect(copy).toBeInstanceOf(AnnealedGradientNoise);
        expect(copy.getConfig()).toEqual(config);
        expect(copy.optimizer.getClassName()).toBe(original.optimizer.getClassName());
        original.dispose();
        copy.dispose();
      }
    },
  );

  it.each([
    [{ className: 'Nope', config: {} }, /`optimizer.className` must be .*got "Nope"/],
    [{ className: 'Dense', config: { units: 1 } }, /`optimizer.className` must be .*got "Dense"/],
    [{ className: '__proto__', config: {} }, /`optimizer.className` must be .*got "__proto__"/],
    [
      { className: 'AnnealedGradientNoise', config: {} },
      /`optimizer.className` must be .*got "AnnealedGradientNoise"/,
    ],
    [{ className: 'Adam', config: [] }, /`optimizer.config` must be an object, but got \[\]/],
    [null, /`optimizer` must be an object \{className, config\}, but got null/],
  ])('fromConfig rejects the inner optimizer %j', (optimizer, message) => {
    const config = { eta: 0.3, gamma: 0.55, seed: 1, clipNorm: null, optimizer };
    expect(() => AnnealedGradientNoise.fromConfig(AnnealedGradientNoise, config)).toThrow(message);
  });

  it('fromConfig validates the wrapper arguments', () => {
    const config = {
      eta: -1,
      gamma: 0.55,
      seed: 1,
      clipNorm: null,
      optimizer: { className: 'SGD', config: { learningRate: 0.1 } },
    };
    expect(() => AnnealedGradientNoise.fromConfig(AnnealedGradientNoise, config)).toThrow(
      /`eta` must be .*got -1/,
    );
  });

  it('getWeights carries the step and the inner slots; setWeights restores them', async () => {
    const model = build(() => tf.train.adam(0.01));
    await fitEpochs(model, 2);
    const optimizer = model.optimizer as AnnealedGradientNoise;
    const weights = await optimizer.getWeights();
    expect(weights.map((w) => w.name)).toEqual([
      GRADIENT_NOISE_STEP_WEIGHT,
      'iter',
      ...model.trainableWeights.map((w) => `${w.originalName}/m`),
      ...model.trainableWeights.map((w) => `${w.originalName}/v`),
      ...GRADIENT_NOISE_BETA_POWER_WEIGHTS,
    ]);
    expect(weights[0]?.tensor.dataSync()[0]).toBe(8);
    const copy = annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, seed: 9 });
    await copy.setWeights(weights);
    expect(copy.iterations).toBe(8);
    expect(copy.optimizer.iterations).toBe(8);
    expect(copy.noiseStddev).toBe(optimizer.noiseStddev);
    copy.dispose();
  });

  it('setWeights rejects a list without the step, or a bad step', async () => {
    const optimizer = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3 });
    const iter = tf.scalar(3, 'int32');
    const bad = tf.scalar(-2, 'int32');
    await expect(optimizer.setWeights([{ name: 'iter', tensor: iter }])).rejects.toThrow(
      /`weights` must be a list that holds the wrapper's step .*got \["iter"\]/,
    );
    await expect(
      optimizer.setWeights([
        { name: GRADIENT_NOISE_STEP_WEIGHT, tensor: bad },
        { name: 'iter', tensor: iter },
      ]),
    ).rejects.toThrow(
      /`AnnealedGradientNoise\/step` must be an int32 scalar holding an integer in \[0, 2147483647\], but got -2 \(int32\)/,
    );
    tf.dispose([iter, bad]);
    optimizer.dispose();
  });

  it('saving an Adamax wrapper with its optimizer fails with a clear message (tfjs limit)', async () => {
    const model = build(() => tf.train.adamax(0.01));
    await fitEpochs(model, 1);
    await expect(roundTrip(model)).rejects.toThrow(
      /AnnealedGradientNoise: the wrapped optimizer \(Adamax\) cannot save its state/,
    );
  });

  const K = 2;
  const N = 3;
  it.each([
    ['adam', () => tf.train.adam(0.01)],
    ['sgd', () => tf.train.sgd(0.1)],
    ['rmsprop', () => tf.train.rmsprop(0.01, 0.9, 0.1, undefined, true)],
  ] as [string, () => tf.Optimizer][])(
    '%s: train k, save with optimizer, reload, train n == train k + n, bit for bit',
    async (_, make) => {
      const straight = build(make);
      await fitEpochs(straight, K + N);
      const first = build(make);
      await fitEpochs(first, K);
      const reloaded = await roundTrip(first);
      const optimizer = reloaded.optimizer as AnnealedGradientNoise;
      expect(optimizer).toBeInstanceOf(AnnealedGradientNoise);
      expect(optimizer.getConfig()).toEqual(first.optimizer.getConfig());
      expect(optimizer.iterations).toBe(4 * K);
      expect(optimizer.optimizer.iterations).toBe(4 * K);
      expect(optimizer.noiseStddev).toBe(annealedStddev({ eta: 0.3, gamma: 0.55, step: 4 * K }));
      // tfjs renamed the reloaded variables (unique names per process); the noise must not care.
      const names = (m: tfl.LayersModel) => m.trainableWeights.map((w) => w.name);
      expect(names(reloaded)).not.toEqual(names(first));
      await fitEpochs(reloaded, N);
      expect(optimizer.iterations).toBe(4 * (K + N));
      expect(weightValues(reloaded)).toEqual(weightValues(straight));
    },
  );
});

describe('AnnealedGradientNoise: memory', () => {
  it('leaks no tensors: as many tensors after 100 training steps as after 10', async () => {
    const optimizer = annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, clipNorm: 1 });
    const model = smallModel(optimizer);
    await fitEpochs(model, 3);
    const after10 = tf.memory().numTensors;
    await fitEpochs(model, 25);
    expect(tf.memory().numTensors).toBe(after10);
    expect(optimizer.iterations).toBe(112);
    model.dispose();
    optimizer.dispose();
  });

  it('minimize, getWeights (as model.save calls it) and dispose leave no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.ones([5])));
    const optimizer = annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, clipNorm: 1 });
    const loss = () => tf.sum(tf.square(w)) as tf.Scalar;
    optimizer.minimize(loss, false, [w]);
    await optimizer.getWeights();
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) optimizer.minimize(loss, false, [w]);
    await optimizer.getWeights();
    await optimizer.getWeights();
    expect(tf.memory().numTensors).toBe(after1);
    optimizer.dispose();
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('AnnealedGradientNoise: exact resume around Adam at every step', () => {
  // tfjs's Adam.setWeights recomputes its bias-correction powers as beta^(t+1) with `pow`,
  // which differs in the last bits from the running product the uninterrupted run keeps; the
  // wrapper saves the products themselves and restores them.
  const STEPS = 40;
  const MORE = 3;

  it(`save after step k (every k in 1..${STEPS}), reload, ${MORE} more steps: bit-identical`, async () => {
    const x = xs.slice([0, 0], [16, 4]);
    const y = ys.slice([0, 0], [16, 1]);
    const make = () =>
      smallModel(annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, seed: 9 }));
    const straight = make();
    const history: number[][][] = [];
    for (let step = 1; step <= STEPS + MORE; step++) {
      await straight.trainOnBatch(x, y);
      history[step] = weightValues(straight);
    }
    const model = make();
    const diverged: number[] = [];
    for (let k = 1; k <= STEPS; k++) {
      await model.trainOnBatch(x, y);
      const reloaded = await roundTrip(model);
      for (let i = 0; i < MORE; i++) await reloaded.trainOnBatch(x, y);
      if (JSON.stringify(weightValues(reloaded)) !== JSON.stringify(history[k + MORE])) {
        diverged.push(k);
      }
      reloaded.optimizer.dispose();
      reloaded.dispose();
    }

    expect(diverged).toEqual([]);
    for (const m of [straight, model]) {
      m.optimizer.dispose();
      m.dispose();
    }
    tf.dispose([x, y]);
  });

  it('checks the saved beta powers; a save without them still loads (tfjs recomputes them)', async () => {
    const model = smallModel(annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, seed: 9 }));
    await fitEpochs(model, 1);
    const weights = await (model.optimizer as AnnealedGradientNoise).getWeights();
    const [beta1Name] = GRADIENT_NOISE_BETA_POWER_WEIGHTS as [string];
    const bad = tf.scalar(2);
    const swap = (name: string, tensor: tf.Tensor) =>
      weights.map((w) => (w.name === name ? { name, tensor } : w));
    const copy = annealedGradientNoise(tf.train.adam(0.01), { eta: 0.3, seed: 9 });
    await expect(copy.setWeights(swap(beta1Name, bad))).rejects.toThrow(
      /^AnnealedGradientNoise: `AnnealedGradientNoise\/accBeta1` must be a float32 scalar in \[0, 1\], but got 2 \(float32\)\.$/,
    );
    expect(copy.iterations).toBe(0);
    const sgd = annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3, seed: 9 });
    await expect(sgd.setWeights(weights.slice(0, 2).concat(weights.slice(-1)))).rejects.toThrow(
      /`AnnealedGradientNoise\/accBeta2` must be absent for a wrapped SGD/,
    );
    const old = weights.filter((w) => !GRADIENT_NOISE_BETA_POWER_WEIGHTS.includes(w.name));
    await copy.setWeights(old);
    expect(copy.iterations).toBe(4);
    tf.dispose(bad);
    for (const o of [copy, sgd, model.optimizer]) o.dispose();
    model.dispose();
  });
});
