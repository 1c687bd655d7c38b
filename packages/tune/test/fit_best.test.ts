import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fitBest, searchNoise } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const data = circles(30, 4);
const options = {
  task: 'classification' as const,
  grid: { kinds: ['input'], amounts: [0, 0.1] },
  builder: buildMlp,
  builderOptions: { hiddenUnits: 8, learningRate: 0.05 },
  folds: 3,
  repeats: 1,
  epochs: 10,
  seed: 2,
  workers: 0,
  progress: 'none' as const,
};

describe('fitBest', () => {
  it('trains the recommended setting on all rows; the plain copy predicts the same; no leaks', async () => {
    const result = await searchNoise(data, options);
    const before = tf.memory().numTensors;
    const final = await fitBest(data, result, options);
    expect(final.setting).toEqual({ kind: result.best.kind, amount: result.best.amount });
    expect(final.standardizer!.mean).toHaveLength(2);
    const x = tf.tensor2d(final.standardizer!.transform(data.x.slice(0, 6)));
    const a = tf.tidy(() => (final.model.predict(x) as tf.Tensor).dataSync());
    const b = tf.tidy(() => (final.plain.predict(x) as tf.Tensor).dataSync());
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(JSON.stringify(final.plain.toJSON(null, false))).not.toMatch(/GaussianJitter/);
    x.dispose();
    // Deterministic: the same final model twice.
    const again = await fitBest(data, result, options);
    const y = tf.tensor2d(final.standardizer!.transform(data.x.slice(0, 6)));
    const c = tf.tidy(() => (again.model.predict(y) as tf.Tensor).dataSync());
    expect(Array.from(c)).toEqual(Array.from(a));
    y.dispose();
    final.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a setting to override the recommendation, and validates it', async () => {
    const result = await searchNoise(data, options);
    const final = await fitBest(data, result, {
      ...options,
      setting: { kind: 'input', amount: 0.1 },
    });
    expect(final.setting).toEqual({ kind: 'input', amount: 0.1 });
    expect(final.model.layers.some((l) => l.getClassName() === 'GaussianJitter')).toBe(true);
    final.dispose();
    await expect(
      fitBest(data, result, { ...options, setting: { kind: 'input', amount: -1 } }),
    ).rejects.toThrow(
      'fitBest: `options.setting` must be {kind, amount} with an amount >= 0, but got {"kind":"input","amount":-1}.',
    );
    await expect(fitBest(data, {} as never, options)).rejects.toThrow(
      'fitBest: `result` must be the result of searchNoise, but got {}.',
    );
  });
});
