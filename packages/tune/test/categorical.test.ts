/**
 * One-hot columns (`categorical`) through the search's pipeline: not standardized, left clean
 * by the robustness corruption, no input noise in the built-in MLP, checked by searchNoise.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { corruptRows } from '../src/blocks';
import { MLP_BUILDER, Standardizer, searchNoise } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

describe('Standardizer.fit with skip', () => {
  it('leaves the skipped columns unchanged (mean 0, std 1) and scales the others', () => {
    const rows = [
      [1, 0, 10],
      [3, 1, 20],
      [5, 1, 30],
    ];
    const s = Standardizer.fit(rows, { skip: [1] });
    expect(s.mean[1]).toBe(0);
    expect(s.std[1]).toBe(1);
    expect(s.mean[0]).toBe(3);
    const z = s.transform(rows);
    expect(z.map((r) => r[1])).toEqual([0, 1, 1]);
    expect(z[0]![0]).toBeCloseTo(-Math.sqrt(1.5), 12);
  });

  it('refuses a skip list that is not distinct column indices', () => {
    expect(() => Standardizer.fit([[1, 2]], { skip: [2] })).toThrow(/options\.skip.*\[0, 2\)/);
    expect(() => Standardizer.fit([[1, 2]], { skip: [0, 0] })).toThrow(/options\.skip/);
  });
});

describe('corruptRows with clean columns', () => {
  it('leaves the clean columns as they are and the others as without the list', () => {
    const rows = [
      [0.5, 1, -1],
      [1.5, 0, 2],
    ];
    const c = { stddev: 1, missing: 0.3, seed: 4 };
    const all = corruptRows(rows, c, [0, 0, 0]);
    const some = corruptRows(rows, c, [0, 0, 0], [1]);
    expect(some.map((r) => r[1])).toEqual([1, 0]);
    expect(some.map((r) => [r[0], r[2]])).toEqual(all.map((r) => [r[0], r[2]]));
  });
});

describe('buildMlp with one-hot columns', () => {
  it('puts input noise only on the columns that are not one-hot', () => {
    const context = {
      inputDim: 3,
      outputUnits: 1,
      task: 'classification',
      numClasses: 2,
      seed: 1,
      fold: 0,
      repeat: 0,
      options: {},
      categorical: [1, 2],
    } as const;
    const model = buildMlp({ kind: 'input', amount: 0.2 }, context);
    const jitter = model.layers.find((l) => l.getClassName() === 'GaussianJitter')!;
    expect(jitter.getConfig().stddev).toEqual([0.2, 0, 0]);
    model.dispose();
    const plain = buildMlp({ kind: 'input', amount: 0.2 }, { ...context, categorical: [] });
    const jitter0 = plain.layers.find((l) => l.getClassName() === 'GaussianJitter')!;
    expect(jitter0.getConfig().stddev).toBe(0.2);
    plain.dispose();
  });
});

describe('searchNoise with categorical', () => {
  const { x, y } = circles(24, 2);
  const base = {
    task: 'classification',
    grid: { kinds: ['input'], amounts: [0, 0.1] },
    builder: MLP_BUILDER,
    builderOptions: { hiddenUnits: 4 },
    folds: 2,
    repeats: 1,
    epochs: 2,
    workers: 0,
    progress: 'none',
    peers: [],
  } as const;

  it('refuses indices out of range and columns that are not 0/1', async () => {
    await expect(searchNoise({ x, y }, { ...base, categorical: [2] })).rejects.toThrow(
      /searchNoise: `categorical` must be an array of distinct column indices in \[0, 2\)/,
    );
    await expect(searchNoise({ x, y }, { ...base, categorical: [0] })).rejects.toThrow(
      /searchNoise: `x\[0\]\[0\]` must be 0 or 1/,
    );
  });

  it('runs with a one-hot column', async () => {
    const withCode = x.map((r, i) => [...r, i % 3 === 0 ? 1 : 0]);
    const r = await searchNoise({ x: withCode, y }, { ...base, categorical: [2] });
    expect(r.rows.every((row) => Number.isFinite(row.mean))).toBe(true);
  });
});

describe('categories a fold did not train on', () => {
  it('are scored as an unknown category (all zeros), as a saved model scores them', async () => {
    const { trainAndEvaluate } = await import('../src/blocks');
    // Predicts the sum of its inputs times 1, and does not learn (SGD, rate 0).
    const sum: import('../src/index').ModelBuilder = (_s, c) => {
      const net = tf.sequential();
      net.add(
        tf.layers.dense({
          units: 1,
          inputShape: [c.inputDim],
          kernelInitializer: 'ones',
          biasInitializer: 'zeros',
        }),
      );
      net.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
      return net;
    };
    // Columns: a numeric one (0 after standardization at its mean), then categories a, b, c.
    const train = {
      x: [
        [1, 1, 0, 0],
        [3, 0, 1, 0],
        [1, 1, 0, 0],
        [3, 0, 1, 0],
      ],
      y: [0, 0, 0, 0],
    };
    const test = {
      x: [
        [2, 0, 0, 1],
        [2, 1, 0, 0],
      ],
      y: [0, 0],
    };
    const context = {
      inputDim: 4,
      outputUnits: 1,
      task: 'regression' as const,
      numClasses: null,
      seed: 1,
      fold: 0,
      repeat: 0,
      options: {},
      categorical: [1, 2, 3],
    };
    const options = { epochs: 1, batchSize: null, standardize: true, categorical: [1, 2, 3] };
    const [scores] = await trainAndEvaluate(
      sum,
      { kind: 'none', amount: 0 },
      context,
      train,
      [test],
      options,
    );
    // Row 1 (category c, never in training): its input is all zeros, prediction 0; row 2
    // (category a): prediction 1. MSE = (0 + 1) / 2.
    expect(scores!.mse).toBeCloseTo(0.5, 6);
  });
});
