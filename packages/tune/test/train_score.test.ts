import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { disposeModel, trainAndEvaluate, trainAndScore, trainModel } from '../src/blocks';
import type { ModelBuilder } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const train = circles(40, 1);
const testA = circles(60, 2);
const testB = circles(50, 3, 0.3);
const context = {
  inputDim: 2,
  outputUnits: 1,
  task: 'classification' as const,
  numClasses: 2,
  seed: 7,
  fold: -1,
  repeat: 0,
  options: { hiddenUnits: 16, learningRate: 0.05 },
};
const options = { epochs: 40, batchSize: null, standardize: true };
const setting = { kind: 'input', amount: 0.1 };

describe('trainAndScore', () => {
  it('scores one trained model on several held-out splits, as separate calls would', async () => {
    const before = tf.memory().numTensors;
    const a = await trainAndScore(buildMlp, setting, context, train, testA, options);
    const b = await trainAndScore(buildMlp, setting, context, train, testB, options);
    const both = await trainAndScore(buildMlp, setting, context, train, [testA, testB], options);
    expect(tf.memory().numTensors).toBe(before);
    expect(both).toEqual([a, b]);
    // The two splits differ (noise 0.1 vs 0.3), so a swapped order would show.
    expect(a).not.toBe(b);
    const one = await trainAndScore(buildMlp, setting, context, train, [testB], options);
    expect(one).toEqual([b]);
  });

  it('rejects an empty array of held-out splits with a clear error', async () => {
    await expect(trainAndScore(buildMlp, setting, context, train, [], options)).rejects.toThrow(
      'trainAndScore: `test` must be a split or a non-empty array of splits, but got [].',
    );
  });
});

describe('trainAndEvaluate', () => {
  it('returns accuracy, log-loss and Brier score from one model, consistent with trainAndScore', async () => {
    const [s] = await trainAndEvaluate(buildMlp, setting, context, train, [testA], options);
    const accuracy = await trainAndScore(buildMlp, setting, context, train, testA, options);
    expect(s!.accuracy).toBe(accuracy);
    expect(s!.logLoss).toBeGreaterThan(0);
    expect(s!.brier).toBeGreaterThanOrEqual(0);
    expect(s!.brier).toBeLessThanOrEqual(2);
  });
});

describe('early stopping', () => {
  it('stops `patience` epochs after the lowest validation loss, restores those weights, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    let history: { epoch: number[]; history: { val_loss?: unknown[] } } | null = null;
    // A builder whose model reports its fit history (epochs run, validation losses).
    const build: ModelBuilder = (s, c) => {
      const model = buildMlp(s, c);
      const original = model.fit.bind(model);
      model.fit = async (...args: Parameters<typeof original>) => {
        const h = await original(...args);
        history = h as never;
        return h;
      };
      return model;
    };
    const patience = 5;
    const es = { ...options, epochs: 400, earlyStopping: { validationFraction: 0.25, patience } };
    const model = await trainModel(build, setting, context, train, es);
    const losses = (history!.history.val_loss as number[]).map(Number);
    const best = losses.indexOf(Math.min(...losses));
    expect(losses.length).toBeLessThan(400);
    expect(losses.length).toBe(best + patience + 1);
    // Inference is deterministic on the returned (restored) model.
    const x = tf.tensor2d(testA.x.slice(0, 5));
    const p1 = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync().slice());
    const p2 = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync().slice());
    expect(Array.from(p1)).toEqual(Array.from(p2));
    tf.dispose(x);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is validated by searchNoise with the field and the value', async () => {
    const { searchNoise, MLP_BUILDER } = await import('../src/index');
    const base = {
      task: 'classification' as const,
      grid: [{ kind: 'input', amount: 0.1 }],
      builder: MLP_BUILDER,
    };
    await expect(
      searchNoise(train, { ...base, earlyStopping: { validationFraction: 0.9, patience: 3 } }),
    ).rejects.toThrow(
      'searchNoise: `earlyStopping.validationFraction` must be a number in (0, 0.5], but got 0.9.',
    );
    await expect(
      searchNoise(train, { ...base, earlyStopping: { validationFraction: 0.2, patience: 0 } }),
    ).rejects.toThrow('searchNoise: `earlyStopping.patience` must be an integer >= 1, but got 0.');
    await expect(searchNoise(train, { ...base, criterion: 'mse' })).rejects.toThrow(
      "searchNoise: `criterion` must be one of 'accuracy', 'logLoss', 'brier', but got \"mse\".",
    );
    await expect(searchNoise(train, { ...base, threshold: -1 })).rejects.toThrow(
      'searchNoise: `threshold` must be a finite number >= 0, but got -1.',
    );
    await expect(searchNoise(train, { ...base, rule: 'vote' as never })).rejects.toThrow(
      "searchNoise: `rule` must be one of 'max-t', 'paired', 'best-mean', but got \"vote\".",
    );
    await expect(searchNoise(train, { ...base, level: 0.5 })).rejects.toThrow(
      'searchNoise: `level` must be a number > 0 and < 0.5 (e.g. 0.05), but got 0.5.',
    );
  });
});

describe('trainModel', () => {
  it('refuses early stopping on 1 training row (nothing left to validate on), naming it', async () => {
    const one = { x: train.x.slice(0, 1), y: train.y.slice(0, 1) };
    await expect(
      trainModel(buildMlp, setting, context, one, {
        ...options,
        earlyStopping: { validationFraction: 0.2, patience: 2 },
      }),
    ).rejects.toThrow(
      'trainModel: `earlyStopping` needs at least 2 training rows (1 to fit, 1 to validate), but got 1.',
    );
  });

  it('validates earlyStopping with the field and the value', async () => {
    await expect(
      trainModel(buildMlp, setting, context, train, {
        ...options,
        earlyStopping: { validationFraction: 0, patience: 2 },
      }),
    ).rejects.toThrow(
      'trainModel: `earlyStopping.validationFraction` must be a number in (0, 0.5], but got 0.',
    );
  });
});
