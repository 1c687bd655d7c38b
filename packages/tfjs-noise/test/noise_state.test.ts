/**
 * NoiseState, the one noise state (seed, stream, step) of every component: its own behaviour,
 * that every component keeps its state in one, and that every component resumes bit-identically
 * from where its state is saved: the layers from `noise_step`, AnnealedGradientNoise from the
 * optimizer's weights, and the target noise (a loss wrapper) from the model's metadata.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

const MAX = 2 ** 31 - 1;

describe('NoiseState', () => {
  const make = (step?: number) =>
    new tfx.NoiseState({ owner: 'Mine', seed: 3, stream: 'mine', ...(step ? { step } : {}) });

  it('advance: the key of the step, then the next step; key() changes nothing', () => {
    const state = make();
    expect(state.key()).toEqual({ seed: 3, stream: tfn.random.streamId('mine'), step: 0 });
    expect(state.step).toBe(0);
    expect(state.advance()).toEqual({ seed: 3, stream: tfn.random.streamId('mine'), step: 0 });
    expect(state.advance().step).toBe(1);
    expect(state.step).toBe(2);
    expect(state.key(4, 7)).toEqual({ seed: 3, stream: tfn.random.streamId('mine', 4), step: 7 });
    expect(state.step).toBe(2);
  });

  it('restore: a saved step resumes the keys; a bad step throws, naming owner and step', () => {
    const state = make(5);
    expect(state.advance().step).toBe(5);
    for (const bad of [-1, 2.5, MAX + 1, Number.NaN]) {
      expect(() => state.restore(bad)).toThrow(
        /^Mine: `Mine\/step` must be an integer in \[0, 2147483647\]/,
      );
    }
    expect(state.step).toBe(6);
    state.restore(MAX);
    expect(() => state.advance()).toThrow(
      /^Mine: `Mine\/step` is 2147483647, the largest step its int32 weight can hold/,
    );
    expect(state.step).toBe(MAX);
  });

  it('next: outside a gradient tape every call is a step; inside one, calls share the step', () => {
    const state = make();
    expect(state.next()).toMatchObject({ step: 0, call: 0 });
    expect(state.next()).toMatchObject({ step: 1, call: 0 });
    const draws: (tfn.random.NoiseKey & tfx.NoiseDraw)[] = [];
    const w = tf.variable(tf.ones([2]));
    const f = () => {
      for (let i = 0; i < 3; i++) draws.push(state.next());
      return tf.sum(w) as tf.Scalar;
    };
    const optimizer = tf.train.sgd(0.1);
    optimizer.minimize(f, false, [w]);
    optimizer.minimize(f, false, [w]);
    expect(draws.map((d) => [d.step, d.call])).toEqual([
      [2, 0],
      [2, 1],
      [2, 2],
      [3, 0],
      [3, 1],
      [3, 2],
    ]);
    expect(draws[1]?.stream).toBe(tfn.random.streamId('mine', 1));
    expect(state.step).toBe(4);
    tf.dispose(w);
    optimizer.dispose();
  });

  it('a seed left out is an error at the first draw', () => {
    const state = new tfx.NoiseState({ owner: 'Mine', stream: 'mine' });
    expect(() => state.advance()).toThrow(/^Mine: `seed` must be given before the first draw/);
    expect(state.step).toBe(0);
  });
});

describe('every component keeps its noise in one NoiseState', () => {
  it('layers: the state is saved in noise_step; setWeights and a reload give it the value', async () => {
    const jitter = tfn.layers.gaussianJitter({ stddev: 0.1, seed: 4, inputShape: [3] });
    const model = tfl.sequential({ layers: [jitter, tfl.layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = fixedInputs(8, 3);
    const y = tf.ones([8, 1]);
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    expect(jitter.step).toBe(6);
    const stepWeight = jitter.weights.find((w) => w.name.endsWith(tfx.NOISE_STEP_WEIGHT));
    expect(stepWeight?.read().dataSync()[0]).toBe(6);
    const loaded = await roundTrip(model);
    expect((loaded.layers[0] as tfn.GaussianJitter).step).toBe(6);
    const nine = tf.scalar(9, 'int32');
    jitter.setWeights([nine]);
    expect(jitter.step).toBe(9);
    tf.dispose([x, y, nine]);
    for (const m of [model, loaded]) {
      m.optimizer.dispose();
      m.dispose();
    }
  });

  it('AnnealedGradientNoise: iterations is the state step; the seed is the state seed', async () => {
    const optimizer = tfn.train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.1, seed: 8 });
    expect(optimizer.state.seed).toBe(8);
    const w = tf.variable(tf.ones([2]));
    for (let i = 0; i < 3; i++)
      optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
    expect(optimizer.iterations).toBe(3);
    expect(optimizer.state.step).toBe(3);
    const [step] = await optimizer.getWeights();
    expect(step?.tensor.dataSync()[0]).toBe(3);
    const copy = tfn.train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.1, seed: 8 });
    await copy.setWeights(await optimizer.getWeights());
    expect(copy.state.step).toBe(3);
    tf.dispose(w);
    optimizer.dispose();
    copy.dispose();
  });
});

describe('target noise resumes bit-identically from the state saved with the model', () => {
  const x = fixedInputs(32, 3);
  const y = tf.tidy(() => tf.sum(x, 1, true));
  afterAll(() => tf.dispose([x, y]));

  function model(): tfl.Sequential {
    const m = tfl.sequential();
    m.add(
      tfl.layers.dense({
        units: 4,
        inputShape: [3],
        activation: 'tanh',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    m.add(
      tfl.layers.dense({
        units: 1,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    );
    return m;
  }
  const train = (m: tfl.LayersModel, epochs: number) =>
    m.fit(x, y, { epochs, batchSize: 8, shuffle: false, verbose: 0 });

  for (const [name, makeNoise] of [
    ['seeded', () => tfn.targets.gaussian({ stddev: 0.5, seed: 11 })],
    ['unseeded (the seed is saved too)', () => tfn.targets.gaussian({ stddev: 0.5 })],
  ] as const) {
    it(`${name}: 2 epochs, saveTo, save, load, restoreFrom a new noise, 2 more = 4 straight`, async () => {
      const first = makeNoise();
      const m = model();
      m.compile({ optimizer: tf.train.sgd(0.05), loss: first.loss('meanSquaredError') });
      await train(m, 2);
      expect(first.step).toBe(8);
      first.saveTo(m);
      const loaded = await roundTrip(m);
      const resumed = makeNoise();
      resumed.restoreFrom(loaded);
      expect([resumed.seed, resumed.step]).toEqual([first.seed, 8]);
      loaded.compile({ optimizer: tf.train.sgd(0.05), loss: resumed.loss('meanSquaredError') });
      await train(loaded, 2);
      expect(resumed.step).toBe(16);

      // The uninterrupted run, with the same seed.
      const straight = model();
      const straightNoise = tfn.targets.gaussian({ stddev: 0.5, seed: first.seed });
      straight.compile({
        optimizer: tf.train.sgd(0.05),
        loss: straightNoise.loss('meanSquaredError'),
      });
      await train(straight, 4);
      expect(weightValues(loaded)).toEqual(weightValues(straight));

      // Not restored, the noise starts again at step 0 and the weights differ.
      const fresh = model();
      fresh.setWeights(m.getWeights());
      const again = tfn.targets.gaussian({ stddev: 0.5, seed: first.seed });
      fresh.compile({ optimizer: tf.train.sgd(0.05), loss: again.loss('meanSquaredError') });
      await train(fresh, 2);
      expect(weightValues(fresh)).not.toEqual(weightValues(straight));
      for (const mm of [straight, m, loaded, fresh]) {
        mm.optimizer.dispose();
        mm.dispose();
      }
    });
  }

  it('every component at once (three layers, the optimizer around Adam, target noise): bit-identical', async () => {
    const build = (noise: tfn.targets.TargetNoise) => {
      const m = tfl.sequential();
      m.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1, inputShape: [3] }));
      m.add(
        tfn.layers.weightNoise({
          layer: tfl.layers.dense({
            units: 4,
            kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
          }),
          stddev: 0.1,
          seed: 2,
        }),
      );
      m.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 3 }));
      m.add(
        tfl.layers.dense({
          units: 1,
          kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
        }),
      );
      const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.01), {
        eta: 0.01,
        seed: 4,
      });
      m.compile({ optimizer, loss: noise.loss('meanSquaredError') });
      return m;
    };
    const straight = build(tfn.targets.gaussian({ stddev: 0.3, seed: 5 }));
    await train(straight, 4);
    const noise = tfn.targets.gaussian({ stddev: 0.3, seed: 5 });
    const m = build(noise);
    await train(m, 2);
    noise.saveTo(m);
    const loaded = await roundTrip(m);
    const resumed = tfn.targets.gaussian({ stddev: 0.3, seed: 5 });
    resumed.restoreFrom(loaded);
    loaded.compile({ optimizer: loaded.optimizer, loss: resumed.loss('meanSquaredError') });
    await train(loaded, 2);
    expect(weightValues(loaded)).toEqual(weightValues(straight));
    for (const mm of [straight, m, loaded]) {
      mm.optimizer.dispose();
      mm.dispose();
    }
  });

  it('saveTo keeps the other metadata; restoreFrom without a saved state names the noise', () => {
    const m = model();
    m.setUserDefinedMetadata({ mine: 1 });
    const smoothing = tfn.targets.labelSmoothing({ eps: 0.1, seed: 3 });
    smoothing.step = 5;
    smoothing.saveTo(m);
    tfn.targets.gaussian({ stddev: 0.2, seed: 4 }).saveTo(m);
    expect(m.getUserDefinedMetadata()).toEqual({
      mine: 1,
      tfjsNoise: {
        targets: {
          'targets.labelSmoothing(0.1)': { seed: 3, step: 5 },
          'targets.gaussian(0.2)': { seed: 4, step: 0 },
        },
      },
    });
    const other = tfn.targets.labelFlip({ rate: 0.1, numClasses: 3, seed: 1 });
    expect(() => other.restoreFrom(m)).toThrow(
      /^targets\.labelFlip\(0\.1\): `model` must be a model whose metadata holds this noise's state, saved by `saveTo`/,
    );
    m.setUserDefinedMetadata({
      tfjsNoise: { targets: { 'targets.labelFlip(0.1)': { seed: 1, step: -2 } } },
    });
    expect(() => other.restoreFrom(m)).toThrow(
      /^targets\.labelFlip\(0\.1\): `targets\.labelFlip\(0\.1\)\/step` must be an integer in \[0, 2147483647\], but got -2\.$/,
    );
    expect(other.step).toBe(0);
    m.dispose();
  });
});
