/**
 * A training that diverges (a non-finite loss or weight) is never a score and never a saved
 * model: in the search its setting is marked failed (shown so in the table, never recommended;
 * a diverged no-noise baseline fails the search), and fitBest refuses it, naming the setting.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { trainModel } from '../src/blocks';
import {
  fitBest,
  formatTable,
  type SearchOptions,
  searchNoise,
  TrainingDivergedError,
} from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { divergesAt03 } from './fixtures/diverging_builders';
import { circles } from './helpers';

const fixture = new URL('./fixtures/diverging_builders.ts', import.meta.url).href;
const data = circles(24, 2);

const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0, 0.1, 0.3] },
  builder: divergesAt03,
  folds: 3,
  repeats: 1,
  epochs: 5,
  seed: 1,
  workers: 0,
  progress: 'none',
};

describe('a diverged training in the search', () => {
  it('marks its setting failed, shows it so in the table and never recommends it', async () => {
    const before = tf.memory().numTensors;
    // threshold 0 and best-mean: any finite setting would be taken over no noise.
    const result = await searchNoise(data, { ...base, rule: 'best-mean' });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.rows.map((r) => r.failed)).toEqual([false, false, true]);
    expect(result.rows[2]!.scores.every(Number.isNaN)).toBe(true);
    expect(result.best.amount).not.toBe(0.3);
    const table = formatTable(result);
    expect(table[4]).toMatch(/^input\s+0\.3\s+failed: training diverged on 3 of 3 folds$/);
    expect(table.join('\n')).not.toMatch(/-?NaN/);
  });

  it('the same on 2 worker threads', async () => {
    const result = await searchNoise(data, {
      ...base,
      builder: { module: fixture, export: 'divergesAt03' },
      workers: 2,
      backend: 'cpu',
    });
    expect(result.rows.map((r) => r.failed)).toEqual([false, false, true]);
    expect(result.best.amount).not.toBe(0.3);
  });

  it('a diverged no-noise baseline fails the search, naming it', async () => {
    await expect(
      searchNoise(data, { ...base, builderOptions: { divergeAll: true } }),
    ).rejects.toThrow(
      "searchNoise: the training of no noise {kind: 'input', amount: 0} diverged (a non-finite " +
        'loss or weight) on 3 of 3 folds: there is nothing to compare the noise with; lower the ' +
        'learning rate.',
    );
  });
});

describe('a diverged training is never returned or saved', () => {
  it('trainModel throws a TrainingDivergedError naming the setting and the weight', async () => {
    const before = tf.memory().numTensors;
    const context = {
      inputDim: 2,
      outputUnits: 1,
      task: 'classification' as const,
      numClasses: 2,
      seed: 1,
      fold: -1,
      repeat: 0,
      options: { hiddenUnits: 4, learningRate: 1e308 },
    };
    const train = trainModel(buildMlp, { kind: 'input', amount: 0.1 }, context, data, {
      epochs: 3,
      batchSize: null,
      standardize: true,
    });
    await expect(train).rejects.toThrow(TrainingDivergedError);
    await expect(train).rejects.toThrow(
      /^trainModel: the training of setting \{kind: 'input', amount: 0\.1\} diverged: weight '[^']+' holds NaN \(training loss NaN at epoch \d\); lower the learning rate\.$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fitBest refuses a diverged final fit, naming the setting', async () => {
    const result = await searchNoise(data, base);
    const before = tf.memory().numTensors;
    await expect(
      fitBest(data, result, {
        builder: divergesAt03,
        setting: { kind: 'input', amount: 0.3 },
      }),
    ).rejects.toThrow(
      /^fitBest: the training of setting \{kind: 'input', amount: 0\.3\} diverged: weight '[^']+' holds NaN/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
