import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { SeededDropout } from '../src/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** Values of a training call of `layer` on `x` (the output disposed). */
function trainingValues(layer: tfl.layers.Layer, x: tf.Tensor): Float32Array {
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const values = y.dataSync() as Float32Array;
  y.dispose();
  return values;
}

/** input [d] -> SeededDropout -> Dense(1), seeded weights, compiled. */
function dropoutModel(d: number, args: Partial<tfn.SeededDropoutArgs> = {}) {
  const model = tfl.sequential();
  model.add(tfn.layers.seededDropout({ rate: 0.3, seed: 7, inputShape: [d], ...args }));
  model.add(tfl.layers.dense({ units: 1, kernelInitializer: init(1) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

describe('SeededDropout: construction and validation', () => {
  it('is exposed as a factory and a registered class', () => {
    const layer = tfn.layers.seededDropout({ rate: 0.1 });
    expect(layer).toBeInstanceOf(SeededDropout);
    expect(SeededDropout.className).toBe('SeededDropout');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.SeededDropout?.[0]).toBe(
      SeededDropout,
    );
  });

  it.each([
    [{ rate: -0.1 }, 'SeededDropout: `rate` must be a number in [0, 1), but got -0.1.'],
    [{ rate: 1 }, 'SeededDropout: `rate` must be a number in [0, 1), but got 1.'],
    [{ rate: Number.NaN }, 'SeededDropout: `rate` must be a number in [0, 1), but got NaN.'],
    [{ rate: '0.3' }, 'SeededDropout: `rate` must be a number in [0, 1), but got "0.3".'],
    [{}, 'SeededDropout: `rate` must be a number in [0, 1), but got undefined.'],
    [{ rate: 0.1, seed: 1.5 }, /SeededDropout: `seed` must be a safe integer.*got 1.5/],
    [{ rate: 0.1, noiseShape: [] }, /SeededDropout: `noiseShape` must be a non-empty array/],
    [{ rate: 0.1, noiseShape: [null, 0] }, /SeededDropout: `noiseShape\[1\]` must be .*got 0/],
    [
      { rate: 0.1, noiseShape: [null, 1], inputShape: [3, 4] },
      /SeededDropout: `noiseShape` must be an array of 3 entries.*got \[null,1\]/,
    ],
    [
      { rate: 0.1, noiseShape: [null, 2], inputShape: [3] },
      /SeededDropout: `noiseShape\[1\]` must be null, 1 or 3.*got 2/,
    ],
  ])('rejects %j', (args, message) => {
    expect(() => tfn.layers.seededDropout(args as unknown as tfn.SeededDropoutArgs)).toThrow(
      message,
    );
  });

  it('rejects a missing argument object', () => {
    expect(() => tfn.layers.seededDropout(undefined as unknown as tfn.SeededDropoutArgs)).toThrow(
      /SeededDropout: `args` must be an object/,
    );
  });

  it('checks noiseShape against the input when the model is built', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 3, inputShape: [2] }));
    expect(() =>
      model.add(tfn.layers.seededDropout({ rate: 0.1, noiseShape: [null, 1, null] })),
    ).toThrow(/`noiseShape` must be an array of 2 entries/);
  });

  it('getConfig -> fromConfig -> getConfig is unchanged; an unseeded layer gets a seed', () => {
    const layer = tfn.layers.seededDropout({ rate: 0.25, noiseShape: [null, 1], seed: 9 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ rate: 0.25, noiseShape: [null, 1], seed: 9 });
    const copy = SeededDropout.fromConfig(
      SeededDropout,
      JSON.parse(JSON.stringify(config)),
    ) as SeededDropout;
    expect(copy.getConfig()).toEqual(config);
    const a = tfn.layers.seededDropout({ rate: 0.1 });
    const b = tfn.layers.seededDropout({ rate: 0.1 });
    expect(Number.isSafeInteger(a.seed)).toBe(true);
    expect(a.seed).not.toBe(b.seed);
  });

  it('is dropped by stripNoise', () => {
    const model = dropoutModel(4);
    const stripped = tfn.stripNoise(model);
    expect(stripped.layers.map((l) => l.getClassName())).toEqual(['Dense']);
    expect(tfx.noiseComponentOf(model.layers[0] as tfl.layers.Layer)?.amount).toBeUndefined();
  });
});

describe('SeededDropout: masks', () => {
  const ones = () => tf.ones([8, 50]);

  it('draws a new mask at every training step (tfjs seeded dropout does not)', () => {
    const x = ones();
    const layer = tfn.layers.seededDropout({ rate: 0.5, seed: 3 });
    const masks = [0, 1, 2].map(() => Array.from(trainingValues(layer, x)));
    expect(layer.step).toBe(3);
    expect(masks[1]).not.toEqual(masks[0]);
    expect(masks[2]).not.toEqual(masks[1]);
    // The defect this layer exists for: tfjs's seeded dropout repeats its mask.
    const tfjs = tfl.layers.dropout({ rate: 0.5, seed: 3 });
    expect(Array.from(trainingValues(tfjs, x))).toEqual(Array.from(trainingValues(tfjs, x)));
    x.dispose();
  });

  it('the same seed gives the same sequence of masks, bit for bit; another seed another', () => {
    const x = fixedInputs(8, 50);
    const run = (seed: number) => {
      const layer = tfn.layers.seededDropout({ rate: 0.3, seed });
      return [0, 1, 2, 3].map(() => Array.from(trainingValues(layer, x)));
    };
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)[0]).not.toEqual(a[0]);
    x.dispose();
  });

  it('keeps 1 - rate of the units (100k units, rate 0.3, within 4 standard errors) and the expected value', () => {
    const n = 100_000;
    const rate = 0.3;
    const x = tf.ones([1, n]);
    const values = trainingValues(tfn.layers.seededDropout({ rate, seed: 5 }), x);
    const scale = Math.fround(1 / (1 - rate));
    let dropped = 0;
    let otherValues = 0; // kept units are scaled by 1 / (1 - rate), exactly
    let sum = 0;
    for (const v of values) {
      if (v === 0) dropped++;
      else if (v !== scale) otherValues++;
      sum += v;
    }
    expect(otherValues).toBe(0);
    // Dropped fraction: binomial, standard error sqrt(rate (1 - rate) / n) ~ 0.00145.
    expect(Math.abs(dropped / n - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / n));
    // Mean output (expected value 1): standard error sqrt(rate / (1 - rate) / n) ~ 0.00207.
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 * Math.sqrt(rate / (1 - rate) / n));
    x.dispose();
  });

  it('shares one mask value along the axes noiseShape marks 1: images and sequences', () => {
    const images = tf.ones([4, 5, 6, 8]);
    const layer = tfn.layers.seededDropout({ rate: 0.5, noiseShape: [null, 1, 1, null], seed: 2 });
    const v = trainingValues(layer, images);
    let droppedChannels = 0;
    for (let b = 0; b < 4; b++) {
      for (let c = 0; c < 8; c++) {
        const first = v[b * 240 + c] as number;
        if (first === 0) droppedChannels++;
        for (let i = 0; i < 30; i++) expect(v[b * 240 + i * 8 + c]).toBe(first);
      }
    }
    expect(droppedChannels).toBeGreaterThan(0);
    expect(droppedChannels).toBeLessThan(32);

    const sequences = tf.ones([3, 7, 5]);
    const seq = trainingValues(
      tfn.layers.seededDropout({ rate: 0.5, noiseShape: [null, 1, null], seed: 4 }),
      sequences,
    );
    for (let b = 0; b < 3; b++) {
      for (let c = 0; c < 5; c++) {
        for (let t = 0; t < 7; t++) expect(seq[b * 35 + t * 5 + c]).toBe(seq[b * 35 + c]);
      }
    }
    tf.dispose([images, sequences]);
  });

  it('is the identity at inference (apply, predict) and with rate 0', () => {
    const x = fixedInputs(8, 4);
    const layer = tfn.layers.seededDropout({ rate: 0.5, seed: 1 });
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    const zero = tfn.layers.seededDropout({ rate: 0, seed: 1 });
    expect(Array.from(trainingValues(zero, x))).toEqual(Array.from(x.dataSync()));
    const model = tfl.sequential();
    model.add(tfn.layers.seededDropout({ rate: 0.9, seed: 1, inputShape: [4] }));
    const p = model.predict(x) as tf.Tensor;
    expect(Array.from(p.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y, p]);
  });
});

describe('SeededDropout: save and resume', () => {
  it('a reloaded layer resumes the masks it would have drawn', async () => {
    const x = tf.ones([4, 40]);
    const straight = dropoutModel(40);
    const expected = [0, 1, 2, 3, 4].map(() =>
      Array.from(trainingValues(straight.layers[0] as tfl.layers.Layer, x)),
    );
    const first = dropoutModel(40);
    for (let i = 0; i < 2; i++) trainingValues(first.layers[0] as tfl.layers.Layer, x);
    const reloaded = await roundTrip(first);
    const layer = reloaded.layers[0] as SeededDropout;
    expect(layer).toBeInstanceOf(SeededDropout);
    expect(layer.getConfig()).toEqual(first.layers[0]?.getConfig());
    expect(layer.step).toBe(2);
    const resumed = [0, 1, 2].map(() => Array.from(trainingValues(layer, x)));
    expect(resumed).toEqual(expected.slice(2));
    x.dispose();
  });

  it('training resumes bit-identically after a save and reload', async () => {
    const xs = fixedInputs(32, 6);
    const ys = tf.tidy(() => tf.sum(xs, 1, true));
    const train = (model: tfl.LayersModel, epochs: number) =>
      model.fit(xs, ys, { epochs, batchSize: 8, shuffle: false, verbose: 0 });
    const straight = dropoutModel(6);
    await train(straight, 3);
    const first = dropoutModel(6);
    await train(first, 1);
    const reloaded = await roundTrip(first);
    expect((reloaded.layers[0] as SeededDropout).step).toBe(4);
    await train(reloaded, 2);
    expect(weightValues(reloaded)).toEqual(weightValues(straight));
    // Dropout changed the training: a model without it ends elsewhere.
    const plain = dropoutModel(6, { rate: 0 });
    await train(plain, 3);
    expect(weightValues(plain)).not.toEqual(weightValues(straight));
    tf.dispose([xs, ys]);
  });
});

describe('SeededDropout: memory', () => {
  it('leaks no tensors: as many tensors after 100 training steps as after 12', async () => {
    const xs = fixedInputs(16, 4);
    const ys = tf.tidy(() => tf.sum(xs, 1, true));
    const model = dropoutModel(4, { noiseShape: [null, null] });
    const fitSteps = (n: number) =>
      model.fit(xs, ys, { epochs: n / 4, batchSize: 4, shuffle: false, verbose: 0 });
    await fitSteps(12);
    const after12 = tf.memory().numTensors;
    await fitSteps(100);
    expect(tf.memory().numTensors).toBe(after12);
    const before = tf.memory().numTensors;
    trainingValues(model.layers[0] as tfl.layers.Layer, xs);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, ys]);
  });
});
