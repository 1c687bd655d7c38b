/**
 * One run of the playground in Node (cpu backend): its data, the clean and the noisy network
 * built from the settings, training, scores, and that disposing it frees every tensor. Importing
 * the run's modules touches no document: src/dom.ts looks elements up only when they are read.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../src/data';
import { buildModel, describeModel, NO_NOISE, PLAYGROUND_KINDS, score } from '../src/model';
import { GRID_1D, GRID_2D, predict, Run } from '../src/run';
import { type Settings, specOf } from '../src/settings';

beforeAll(async () => {
  tf.env().set('PROD', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
});

const settings = (over: Partial<Settings> = {}): Settings => ({
  dataset: 'circles',
  nTrain: 40,
  labelNoise: 0.1,
  seed: 3,
  units: 8,
  activation: 'relu',
  noise: { input: 0.15 },
  ...over,
});

/** Trains both networks of `r` for `epochs` as the page does (unshuffled, one chunk). */
async function train(r: Run, epochs: number): Promise<void> {
  for (const model of [r.clean, r.noisy]) {
    await model.fit(r.xTrain, r.yTrain, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
  }
}

describe('playground run (Node, cpu)', () => {
  it('imports without a document', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  });

  it('builds the data, tensors and both networks of every data set', () => {
    for (const dataset of DATASETS) {
      const before = tf.memory().numTensors;
      const r = new Run(settings({ dataset }));
      const dim = dataset === 'regression' ? 1 : 2;
      expect(r.train.x).toHaveLength(40);
      expect(r.xTrain.shape).toEqual([40, dim]);
      expect(r.xGrid.shape).toEqual([dim === 2 ? GRID_2D * GRID_2D : GRID_1D, dim]);
      expect(r.clean.inputs[0]?.shape).toEqual([null, dim]);
      r.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives the clean network no noise layer and the noisy one its noise', () => {
    const r = new Run(settings({ noise: { input: 0.15, weight: 0.05 } }));
    expect(describeModel(r.clean)).toBe('Dense(relu) › Dense(relu) › Dense(sigmoid)');
    expect(describeModel(r.noisy)).toBe(
      'GaussianJitter › WeightNoise(Dense) › WeightNoise(Dense) › WeightNoise(Dense)',
    );
    r.dispose();
  });

  it('starts both networks from the same weights, and one seed fixes the run', async () => {
    const a = new Run(settings());
    const b = new Run(settings());
    const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    // The Dense layers' kernels and biases (the noise layers add their step counters).
    const dense = (m: tf.LayersModel) =>
      m.layers
        .filter((l) => l.getClassName() === 'Dense')
        .flatMap((l) => l.getWeights().map((w) => Array.from(w.dataSync())));
    expect(dense(a.noisy)).toEqual(dense(a.clean));
    expect(b.train).toEqual(a.train);
    await train(a, 3);
    await train(b, 3);
    expect(weights(b.noisy)).toEqual(weights(a.noisy));
    expect(dense(a.noisy)).not.toEqual(dense(a.clean));
    a.dispose();
    b.dispose();
  });

  it('learns the circles, and scores accuracy and R²', async () => {
    const r = new Run(settings({ nTrain: 100, units: 16, noise: NO_NOISE, labelNoise: 0 }));
    await train(r, 150);
    const test = score('classification', await predict(r.clean, r.xTest), r.test.y);
    expect(test.metric).toBeGreaterThan(0.8);
    r.dispose();
    expect(score('classification', [0.9, 0.1, 0.6], [1, 0, 0]).metric).toBeCloseTo(2 / 3);
    expect(score('regression', [1, 2, 3], [1, 2, 3])).toEqual({ loss: 0, metric: 1 });
  });

  it('trains every noise kind of the page to finite weights', async () => {
    for (const kind of PLAYGROUND_KINDS) {
      const before = tf.memory().numTensors;
      const spec = specOf(settings());
      const model = buildModel(spec, { [kind]: 0.1 });
      const r = new Run(settings({ noise: { [kind]: 0.1 } }));
      await model.fit(r.xTrain, r.yTrain, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 });
      for (const w of model.getWeights()) {
        expect(Array.from(w.dataSync()).every(Number.isFinite), kind).toBe(true);
      }
      model.optimizer?.dispose();
      model.dispose();
      r.dispose();
      expect(tf.memory().numTensors, kind).toBe(before);
    }
  });
});
