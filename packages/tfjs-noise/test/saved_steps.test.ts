/**
 * The saved step counters: the noise layers' `noise_step` weights and AnnealedGradientNoise's
 * step (and the wrapped optimizer's `iter`). Bad values are rejected when the model loads, with
 * the layer and the weight named; at the int32 limit training stops with an error instead of
 * wrapping the counter to -2^31 (which made a save that could not be loaded).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { fixedInputs, saveArtifacts, weightValues, withWeight } from './helpers';

const MAX = 2 ** 31 - 1;
const x = fixedInputs(8, 3);
const y = tf.tidy(() => tf.sum(x, 1, true));
afterAll(() => tf.dispose([x, y]));

/** One noise layer of each kind, with fixed names, then a Dense head; sgd under the wrapper. */
function model(): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1, inputShape: [3], name: 'jitter' }));
  m.add(
    tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 4, name: 'dense' }),
      stddev: 0.1,
      seed: 2,
      name: 'wn',
    }),
  );
  m.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 3, name: 'act' }));
  m.add(tfl.layers.dense({ units: 1, name: 'head' }));
  m.compile({
    optimizer: tfn.train.annealedGradientNoise(tf.train.sgd(0.01), { eta: 0.01, seed: 4 }),
    loss: 'meanSquaredError',
  });
  return m;
}

const load = (artifacts: tf.io.ModelArtifacts) => tfl.loadLayersModel(tf.io.fromMemory(artifacts));

const LAYERS: [string, string][] = [
  ['GaussianJitter', 'jitter/noise_step'],
  ['WeightNoise', 'wn/noise_step'],
  ['NoisyActivation', 'act/noise_step'],
];
const OPTIMIZER: [string, string][] = [
  ['AnnealedGradientNoise', 'AnnealedGradientNoise/step'],
  ['AnnealedGradientNoise', 'iter'],
];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('saved step counters: bad values are rejected at load, naming layer and weight', () => {
  const bad: [string, () => tf.Tensor, string][] = [
    ['-5 (int32)', () => tf.scalar(-5, 'int32'), '-5 (int32)'],
    [
      '-2^31 (int32, a wrapped counter)',
      () => tf.scalar(-(2 ** 31), 'int32'),
      '-2147483648 (int32)',
    ],
    ['3 (float32)', () => tf.scalar(3, 'float32'), '3 (float32)'],
    ['2.5 (float32)', () => tf.scalar(2.5, 'float32'), '2.5 (float32)'],
  ];
  for (const [owner, weight] of [...LAYERS, ...OPTIMIZER]) {
    it.each(bad)(`${weight}: %s`, async (_, make, got) => {
      const m = model();
      await m.trainOnBatch(x, y);
      const value = make();
      const artifacts = await withWeight(await saveArtifacts(m), weight, value);
      const before = tf.memory().numTensors;
      await expect(load(artifacts)).rejects.toThrow(
        new RegExp(
          `^${owner}: \`${esc(weight)}\` must be an int32 scalar holding an integer in ` +
            `\\[0, 2147483647\\], but got ${esc(got)}\\.$`,
        ),
      );
      // A failed load may leave the half-built model's weights; nothing of ours accumulates.
      expect(tf.memory().numTensors).toBeGreaterThanOrEqual(before);
      value.dispose();
      m.optimizer.dispose();
      m.dispose();
    });
  }

  it('setWeights of a layer checks the same way', () => {
    const m = model();
    const jitter = m.getLayer('jitter');
    const bad = tf.scalar(-1, 'int32');
    expect(() => jitter.setWeights([bad])).toThrow(
      /^GaussianJitter: `jitter\/noise_step` must be an int32 scalar .*but got -1 \(int32\)\.$/,
    );
    expect((jitter as tfn.GaussianJitter).step).toBe(0);
    bad.dispose();
    m.optimizer.dispose();
    m.dispose();
  });
});

describe('saved step counters at the int32 limit', () => {
  /** A saved model whose counters (every layer's and the optimizer's) all hold `value`. */
  async function savedAt(value: number): Promise<tf.io.ModelArtifacts> {
    const m = model();
    await m.trainOnBatch(x, y);
    let artifacts = await saveArtifacts(m);
    const v = tf.scalar(value, 'int32');
    for (const [, weight] of [...LAYERS, ...OPTIMIZER]) {
      artifacts = await withWeight(artifacts, weight, v);
    }
    v.dispose();
    m.optimizer.dispose();
    m.dispose();
    return artifacts;
  }

  it('2^31 - 2 trains one more step; the resave (2^31 - 1) loads; the next step throws', async () => {
    const m = await load(await savedAt(MAX - 1));
    await m.trainOnBatch(x, y);
    const optimizer = m.optimizer as tfn.AnnealedGradientNoise;
    expect(optimizer.iterations).toBe(MAX);
    for (const [, weight] of LAYERS) {
      expect((m.getLayer(weight.split('/')[0] as string) as tfn.GaussianJitter).step).toBe(MAX);
    }
    const reloaded = await load(await saveArtifacts(m));
    expect((reloaded.optimizer as tfn.AnnealedGradientNoise).iterations).toBe(MAX);
    expect((reloaded.getLayer('jitter') as tfn.GaussianJitter).step).toBe(MAX);
    const weights = weightValues(reloaded);
    await expect(reloaded.trainOnBatch(x, y)).rejects.toThrow(
      /^GaussianJitter: `jitter\/noise_step` is 2147483647, the largest step its int32 weight can hold; refusing another training step/,
    );
    // Inference is unaffected, and nothing was trained.
    tf.tidy(() => {
      (reloaded.predict(x) as tf.Tensor).dataSync();
    });
    expect(weightValues(reloaded)).toEqual(weights);
    for (const mm of [m, reloaded]) {
      mm.optimizer.dispose();
      mm.dispose();
    }
  });

  it.each(LAYERS)('%s alone at 2^31 - 1: training throws, naming %s', async (owner, weight) => {
    const m = model();
    const layer = m.getLayer(weight.split('/')[0] as string);
    const at = tf.scalar(MAX, 'int32');
    layer.setWeights(
      layer.getWeights().map((w, i) => (i === layer.getWeights().length - 1 ? at : w)),
    );
    at.dispose();
    await expect(m.trainOnBatch(x, y)).rejects.toThrow(
      new RegExp(`^${owner}: \`${esc(weight)}\` is 2147483647, the largest step`),
    );
    m.optimizer.dispose();
    m.dispose();
  });

  it('the optimizer alone at 2^31 - 1: its next step throws before changing anything', async () => {
    for (const name of ['AnnealedGradientNoise/step', 'iter']) {
      const optimizer = tfn.train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.3, seed: 1 });
      const at = tf.scalar(MAX, 'int32');
      const zero = tf.scalar(0, 'int32');
      await optimizer.setWeights([
        { name: 'AnnealedGradientNoise/step', tensor: name === 'iter' ? zero : at },
        { name: 'iter', tensor: name === 'iter' ? at : zero },
      ]);
      const w = tf.variable(tf.ones([3]));
      expect(() => optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w])).toThrow(
        new RegExp(`^AnnealedGradientNoise: \`${esc(name)}.*\` is 2147483647, the largest step`),
      );
      expect(Array.from(w.dataSync())).toEqual([1, 1, 1]);
      tf.dispose([at, zero, w]);
      optimizer.dispose();
    }
  });
});
