import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildMlp, trainAndScore } from '../src/index';
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
