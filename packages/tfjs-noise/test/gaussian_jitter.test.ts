import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { moments } from '@tfjs-noise/support/samples';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { GaussianJitter } from '../src/index';
import { fixedInputs, Probe, roundTrip, weightValues } from './helpers';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** input [d] -> GaussianJitter -> Dense(8, relu) -> Dense(1, sigmoid), seeded weights. */
function jitterModel(d: number, jitter: Partial<tfn.GaussianJitterArgs> = {}, seed = 1) {
  const model = tfl.sequential();
  model.add(tfn.layers.gaussianJitter({ stddev: 0.3, seed: 11, inputShape: [d], ...jitter }));
  model.add(tfl.layers.dense({ units: 8, activation: 'relu', kernelInitializer: init(seed) }));
  model.add(
    tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(seed + 1) }),
  );
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy' });
  return model;
}

const xs = fixedInputs(64, 4);
const ys = tf.tidy(() => tf.cast(tf.greater(tf.sum(xs, 1, true), 0), 'float32'));
afterAll(() => tf.dispose([xs, ys]));

describe('GaussianJitter: construction and validation', () => {
  it('is exposed as a factory and a registered class', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 0.1 });
    expect(layer).toBeInstanceOf(GaussianJitter);
    expect(GaussianJitter.className).toBe('GaussianJitter');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.GaussianJitter?.[0]).toBe(
      GaussianJitter,
    );
  });

  it.each([
    [{ stddev: -0.1 }, /`stddev` must be .*got -0.1/],
    [{ stddev: Number.NaN }, /`stddev` must be .*got NaN/],
    [{ stddev: Number.POSITIVE_INFINITY }, /`stddev` must be .*got Infinity/],
    [{ stddev: '0.1' }, /`stddev` must be .*got "0.1"/],
    [{ stddev: [] }, /`stddev` must be a non-empty array, but got \[\]/],
    [{ stddev: [0.1, -1] }, /`stddev\[1\]` must be .*got -1/],
    [
      { stddev: [0.1, 0.2], inputShape: [3] },
      /`stddev` must be an array with one value per feature \(3 features.*got \[0.1,0.2\]/,
    ],
    [
      { stddev: 0.1, mode: 'additve' },
      /`mode` must be one of 'additive', 'multiplicative', but got "additve"/,
    ],
    [{ stddev: 0.1, relative: 1 }, /`relative` must be a boolean, but got 1/],
    [
      { stddev: 0.1, relative: true, mode: 'multiplicative' },
      /`relative` must be false when mode is 'multiplicative'/,
    ],
    [{ stddev: 0.1, seed: 1.5 }, /`seed` must be a safe integer.*got 1.5/],
  ])('rejects %j', (args, message) => {
    expect(() => tfn.layers.gaussianJitter(args as unknown as tfn.GaussianJitterArgs)).toThrow(
      message,
    );
  });

  it('rejects a missing argument object', () => {
    expect(() => tfn.layers.gaussianJitter(undefined as unknown as tfn.GaussianJitterArgs)).toThrow(
      /GaussianJitter: `args` must be an object/,
    );
  });

  it('checks a per-feature stddev against the input when the model is built', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 3, inputShape: [2] }));
    expect(() => model.add(tfn.layers.gaussianJitter({ stddev: [0.1, 0.2] }))).toThrow(
      /one value per feature \(3 features/,
    );
  });

  it('validates stddev set between batches', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: [0.1, 0.2] });
    layer.stddev = [0.3, 0.4];
    expect(layer.stddev).toEqual([0.3, 0.4]);
    expect(() => {
      layer.stddev = [0.3];
    }).toThrow(/array of length 2/);
    expect(() => {
      layer.stddev = -1;
    }).toThrow(/`stddev` must be .*got -1/);
  });
});

describe('GaussianJitter: inference is the identity', () => {
  it('predict and evaluate equal the same model without the layer, bit for bit', () => {
    const noisy = jitterModel(4, { stddev: 0.5 });
    const plain = tfl.sequential();
    plain.add(tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
    plain.add(tfl.layers.dense({ units: 1, activation: 'sigmoid' }));
    plain.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    plain.setWeights(noisy.getWeights().filter((w) => w.dtype === 'float32'));
    const a = noisy.predict(xs) as tf.Tensor;
    const b = plain.predict(xs) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const la = noisy.evaluate(xs, ys) as tf.Scalar;
    const lb = plain.evaluate(xs, ys) as tf.Scalar;
    expect(la.dataSync()[0]).toBe(lb.dataSync()[0]);
    tf.dispose([a, b, la, lb]);
  });

  it('apply without training returns the input tensor unchanged', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 1 });
    const y = layer.apply(xs) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(xs.dataSync()));
    expect(layer.step).toBe(0);
  });
});

describe('GaussianJitter: noise during training', () => {
  const big = tf.zeros([4000, 50]);
  const ones = tf.ones([4000, 50]);
  afterAll(() => tf.dispose([big, ones]));

  // 200,000 noise samples per check: the sample std has a standard error of
  // std / sqrt(2n) = 0.16% of std; we allow 1%, i.e. 6 standard errors.
  const stdOf = (t: tf.Tensor) => Math.sqrt(moments(t.dataSync()).variance);

  it('during fit, output minus input has the configured std', async () => {
    const model = tfl.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: 0.2, seed: 3, inputShape: [50] }));
    const probe = new Probe({});
    model.add(probe);
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = fixedInputs(4000, 50);
    await model.fit(x, tf.zeros([4000, 1]), { epochs: 1, batchSize: 4000, shuffle: false });
    expect(probe.seen).toHaveLength(1);
    const seen = probe.seen[0] as Float32Array;
    const input = x.dataSync();
    const diff = seen.map((v, i) => v - (input[i] as number));
    const m = moments(diff);
    expect(Math.abs(m.mean)).toBeLessThan(5 * (0.2 / Math.sqrt(diff.length)));
    expect(Math.abs(Math.sqrt(m.variance) / 0.2 - 1)).toBeLessThan(0.01);
    x.dispose();
  });

  it('a per-feature stddev gives each feature its own std', () => {
    const stddev = [0, 0.1, 0.5, 1, 2];
    const layer = tfn.layers.gaussianJitter({ stddev, seed: 1 });
    const y = layer.apply(tf.zeros([40_000, 5]), { training: true }) as tf.Tensor;
    const cols = tf.unstack(tf.transpose(y));
    cols.forEach((c, i) => {
      const s = stddev[i] as number;
      if (s === 0) expect(Array.from(c.dataSync()).every((v) => v === 0)).toBe(true);
      else expect(Math.abs(stdOf(c) / s - 1)).toBeLessThan(0.02); // 40k samples: SE 0.35%
    });
    tf.dispose([y, ...cols]);
  });

  it('relative mode scales the noise by each feature batch std', () => {
    const scales = [0.1, 10];
    const x = tf.tidy(() => tf.mul(fixedInputs(40_000, 2, 5), tf.tensor1d(scales)));
    const featureStd = scales.map((s) => s / Math.sqrt(3)); // uniform(-s, s)
    const layer = tfn.layers.gaussianJitter({ stddev: 0.5, relative: true, seed: 2 });
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const cols = tf.unstack(tf.transpose(tf.sub(y, x)));
    cols.forEach((c, i) => {
      expect(Math.abs(stdOf(c) / (0.5 * (featureStd[i] as number)) - 1)).toBeLessThan(0.03);
    });
    tf.dispose([x, y, ...cols]);
  });

  it('multiplicative mode gives x * (1 + stddev * eps)', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 0.3, mode: 'multiplicative', seed: 4 });
    const y = layer.apply(ones, { training: true }) as tf.Tensor;
    const m = moments(y.dataSync());
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 * (0.3 / Math.sqrt(200_000)));
    expect(Math.abs(Math.sqrt(m.variance) / 0.3 - 1)).toBeLessThan(0.01);
    const z = layer.apply(big, { training: true }) as tf.Tensor;
    expect(tf.max(tf.abs(z)).dataSync()[0]).toBe(0); // zero stays zero
    tf.dispose([y, z]);
  });

  it('the additive noise has the configured std and no mean', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 0.7, seed: 5 });
    const y = layer.apply(big, { training: true }) as tf.Tensor;
    expect(Math.abs(stdOf(y) / 0.7 - 1)).toBeLessThan(0.01);
    y.dispose();
  });

  it('masked positions get no noise and the mask passes through', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.masking({ maskValue: 0, inputShape: [6, 3] }));
    const jitter = tfn.layers.gaussianJitter({ stddev: 1, seed: 6 });
    model.add(jitter);
    const seq = tf.tidy(() => tf.concat([tf.ones([2, 4, 3]), tf.zeros([2, 2, 3])], 1));
    const mask = tf.tidy(() => tf.cast(tf.concat([tf.ones([2, 4]), tf.zeros([2, 2])], 1), 'bool'));
    const y = jitter.apply(seq, { training: true, mask }) as tf.Tensor;
    const tail = tf.slice(y, [0, 4, 0], [2, 2, 3]);
    expect(Array.from(tail.dataSync()).every((v) => v === 0)).toBe(true);
    const head = tf.slice(y, [0, 0, 0], [2, 4, 3]);
    expect(Array.from(head.dataSync()).some((v) => v !== 1)).toBe(true);
    expect(jitter.computeMask(seq, mask)).toBe(mask);
    tf.dispose([seq, mask, y, tail, head]);
  });

  it('stddev 0 is exactly the identity in training', () => {
    const layer = tfn.layers.gaussianJitter({ stddev: 0 });
    const y = layer.apply(xs, { training: true }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(xs.dataSync()));
  });
});

describe('GaussianJitter: seeds, steps and reproducibility', () => {
  const train = async (seed: number, epochs: number) => {
    const model = jitterModel(4, { seed });
    await model.fit(xs, ys, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
    return model;
  };

  it('two trainings with the same seeds give bit-identical weights; other seeds differ', async () => {
    const a = await train(123, 3);
    const b = await train(123, 3);
    const c = await train(124, 3);
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    expect((a.layers[0] as GaussianJitter).step).toBe(12); // 3 epochs x 4 batches
  });

  it('unseeded layers draw different seeds', () => {
    const a = tfn.layers.gaussianJitter({ stddev: 0.1 });
    const b = tfn.layers.gaussianJitter({ stddev: 0.1 });
    expect(a.seed).not.toBe(b.seed);
  });

  it('save, reload: same predictions, same config, same step; training resumes bit-identically', async () => {
    const straight = await train(7, 5);
    const first = await train(7, 2);
    const reloaded = await roundTrip(first);
    expect(reloaded.layers[0]).toBeInstanceOf(GaussianJitter);
    expect(reloaded.layers[0]?.getConfig()).toEqual(first.layers[0]?.getConfig());
    expect((reloaded.layers[0] as GaussianJitter).step).toBe(8);
    const pa = first.predict(xs) as tf.Tensor;
    const pb = reloaded.predict(xs) as tf.Tensor;
    expect(Array.from(pb.dataSync())).toEqual(Array.from(pa.dataSync()));
    await reloaded.fit(xs, ys, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0 });
    expect(weightValues(reloaded)).toEqual(weightValues(straight));
    tf.dispose([pa, pb]);
  });

  it('getConfig -> fromConfig -> getConfig is unchanged', () => {
    const layer = tfn.layers.gaussianJitter({
      stddev: [0.1, 0.2],
      relative: true,
      seed: 99,
      name: 'jit',
    });
    const config = layer.getConfig();
    const copy = GaussianJitter.fromConfig(GaussianJitter, config) as GaussianJitter;
    expect(copy.getConfig()).toEqual(config);
    expect(config).toMatchObject({
      stddev: [0.1, 0.2],
      relative: true,
      mode: 'additive',
      seed: 99,
    });
  });
});

describe('GaussianJitter: memory', () => {
  it('leaks no tensors: as many tensors after 100 training steps as after 10', async () => {
    const model = jitterModel(4, { relative: true });
    const fitSteps = (n: number) =>
      model.fit(xs, ys, { epochs: n / 4, batchSize: 16, shuffle: false, verbose: 0 });
    await fitSteps(12);
    const after10 = tf.memory().numTensors;
    await fitSteps(100);
    expect(tf.memory().numTensors).toBe(after10);
    const before = tf.memory().numTensors;
    const y = model.layers[0]?.apply(xs, { training: true }) as tf.Tensor;
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
