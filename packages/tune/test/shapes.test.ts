/**
 * Inputs of any shape: nested rows (`[n][h][w][c]`, `[n][t][c]`) or a tensor of `[n, ...shape]`
 * are checked (one shape, finite numbers), flattened for the folds, given back their shape in
 * the model's input tensor and in `BuildContext.inputShape`, standardized per channel on the
 * training rows only, corrupted per entry, and refitted by `fitBest`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fitInputStandardizer } from '../src/blocks';
import { Standardizer } from '../src/data/standardize';
import { fitBest, type SearchOptions, searchNoise } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { checkData } from '../src/search/check_options';
import { assignFolds, foldSplit } from '../src/search/folds';
import type { BuildContext, ModelBuilder } from '../src/types';
import { stripes, waves } from './helpers';

const images = stripes(12, 3, 4, 2); // 12 images of 4x4x2
/** The images as a float32 tensor holds them (a tensor's values are rounded to float32). */
const images32 = {
  x: images.x.map((image) => image.map((row) => row.map((px) => px.map(Math.fround)))),
  y: images.y,
};

const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0, 0.2] },
  builder: buildMlp,
  builderOptions: { hiddenUnits: 4 },
  peers: [],
  folds: 2,
  repeats: 1,
  epochs: 2,
  seed: 5,
  workers: 0,
  progress: 'none',
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('checkData on rows of any shape', () => {
  it('flattens nested rows row-major and reports their shape; flat rows are [d]', () => {
    const nested = checkData(
      {
        x: [
          [[1], [2]],
          [[3], [4]],
        ] as number[][][],
        y: [0, 1],
      },
      'classification',
      2,
    );
    expect(nested.inputShape).toEqual([2, 1]);
    expect(nested.x).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const flat = checkData(
      {
        x: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        y: [0, 1],
      },
      'classification',
      2,
    );
    expect(flat.inputShape).toEqual([3]);
    const typed = checkData(
      { x: [[new Float32Array([1, 2])], [new Float64Array([3, 4])]], y: [0, 1] },
      'classification',
      2,
    );
    expect(typed.inputShape).toEqual([1, 2]);
    expect(typed.x).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('reads a tensor of [n, ...shape] as its nested rows', () => {
    const x = tf.tensor(images.x);
    const fromTensor = checkData({ x, y: images.y }, 'classification', 2);
    x.dispose();
    expect(fromTensor).toEqual(checkData(images32, 'classification', 2));
    expect(fromTensor.inputShape).toEqual([4, 4, 2]);
  });

  it('refuses ragged rows, naming the row, the shape found and the shape expected', () => {
    const x = images.x.map((image) => image.map((row) => row.map((px) => [...px])));
    x[5]![2]!.pop(); // row 5, line 2: 3 pixels instead of 4
    expect(() => checkData({ x, y: images.y }, 'classification', 2)).toThrow(
      'searchNoise: `data.x[5]` must have the shape [4, 4, 2] of every row, but got shape ' +
        '[4, 4, 2] (`data.x[5][2]` has 3 entries, not 4 entries).',
    );
    const short = images.x.slice();
    short[3] = images.x[3]!.slice(0, 3);
    expect(() => checkData({ x: short, y: images.y }, 'classification', 2)).toThrow(
      'searchNoise: `data.x[3]` must have the shape [4, 4, 2] of every row, but got shape [3, 4, 2].',
    );
    const flat = [...images.x] as unknown[];
    flat[1] = [1, 2, 3];
    expect(() => checkData({ x: flat as number[][], y: images.y }, 'classification', 2)).toThrow(
      /`data\.x\[1\]` must have the shape \[4, 4, 2\] of every row, but got shape \[3\]/,
    );
  });

  it('refuses a non-finite entry, naming it', () => {
    const x = images.x.map((image) => image.map((row) => row.map((px) => [...px])));
    x[2]![1]![3]![0] = Number.NaN;
    expect(() => checkData({ x, y: images.y }, 'classification', 2)).toThrow(
      'searchNoise: `data.x[2][1][3][0]` must be a finite number, but got NaN.',
    );
  });

  it('refuses one-hot columns on rows of rank 2 or more', async () => {
    await expect(searchNoise(images, { ...base, categorical: [0] })).rejects.toThrow(
      /`categorical` must be omitted: one-hot columns are for flat rows, but the rows have shape \[4, 4, 2\]/,
    );
  });
});

describe('per-channel standardization', () => {
  it('pools each channel over examples and positions (the last axis is the channel)', () => {
    // Two examples of shape [1, 2, 2]: channel 0 holds 0, 2, 4, 6 and channel 1 holds 10..70.
    const rows = [
      [0, 10, 2, 30],
      [4, 50, 6, 70],
    ];
    const s = fitInputStandardizer(rows, { inputDim: 4, inputShape: [1, 2, 2] });
    const std0 = Math.sqrt(5); // population std of 0, 2, 4, 6
    expect(s.mean).toEqual([3, 40, 3, 40]);
    expect(s.std[0]).toBeCloseTo(std0, 12);
    expect(s.std[1]).toBeCloseTo(10 * std0, 12);
    expect(s.std[2]).toBe(s.std[0]);
    // A flat row is standardized per column, as before.
    const flat = fitInputStandardizer(rows, { inputDim: 4 });
    expect(flat.mean).toEqual([2, 30, 4, 50]);
    expect(() => Standardizer.fit(rows, { channels: 3 })).toThrow(
      'Standardizer.fit: `options.channels` must be an integer >= 1 dividing the row length 4, but got 3.',
    );
  });

  it('is fitted on each fold’s training rows only (never on its held-out rows)', async () => {
    const fits: number[][][] = [];
    const realFit = Standardizer.fit.bind(Standardizer);
    vi.spyOn(Standardizer, 'fit').mockImplementation((rows, options) => {
      expect(options).toEqual({ channels: 2 });
      fits.push(rows.map((r) => [...r]));
      return realFit(rows, options);
    });
    const { x } = checkData(images, 'classification', 2);
    await searchNoise(images, { ...base, grid: [{ kind: 'input', amount: 0 }] });
    const folds = assignFolds(12, 2, { seed: 5, repeat: 0, stratify: images.y });
    expect(fits.length).toBe(2); // one fit per fold
    fits.forEach((rows, f) => {
      const { train } = foldSplit(folds, f);
      expect(rows).toEqual(train.map((i) => x[i]));
    });
  });
});

describe('searchNoise and fitBest on images and signals', () => {
  it('tells the builder the shape, trains on [n, ...shape] tensors, and leaks nothing', async () => {
    const contexts: BuildContext[] = [];
    const shapes: number[][] = [];
    const spy: ModelBuilder = (setting, context) => {
      contexts.push(context);
      const model = buildMlp(setting, context);
      shapes.push(model.inputs[0]!.shape.slice(1) as number[]);
      return model;
    };
    const before = tf.memory().numTensors;
    const result = await searchNoise(images, { ...base, builder: spy });
    expect(tf.memory().numTensors).toBe(before);
    expect(contexts.every((c) => c.inputDim === 32)).toBe(true);
    expect(contexts.every((c) => c.inputShape?.join() === '4,4,2')).toBe(true);
    expect(shapes.every((s) => s.join() === '4,4,2')).toBe(true);
    expect(result.searched.inputShape).toEqual([4, 4, 2]);
    expect(result.searched.features).toBe(32);
    expect(result.rows.every((r) => !r.failed)).toBe(true);
  });

  it('gives the same result for nested rows and for a tensor of them', async () => {
    const nested = await searchNoise(images32, base);
    const x = tf.tensor(images.x);
    const fromTensor = await searchNoise({ x, y: images.y }, base);
    x.dispose();
    expect(fromTensor.rows).toEqual(nested.rows);
  });

  it('scores robustness on corrupted rows of any shape (noise per entry)', async () => {
    const signals = waves(12, 4, 8, 2);
    const result = await searchNoise(signals, {
      ...base,
      robustness: { stddev: 0.5, missing: 0.1, draws: 2 },
    });
    expect(result.searched.inputShape).toEqual([8, 2]);
    const clean = result.baseline.scores;
    const corrupted = result.baseline.corrupted!.scores;
    expect(corrupted.every(Number.isFinite)).toBe(true);
    expect(corrupted).not.toEqual(clean);
  });

  it('fitBest(data, result) refits on image rows and refuses rows of another shape', async () => {
    const result = await searchNoise(images, base);
    const before = tf.memory().numTensors;
    const final = await fitBest(images, result, { builder: buildMlp });
    expect(final.model.inputs[0]!.shape).toEqual([null, 4, 4, 2]);
    expect(final.standardizer?.mean.slice(0, 2)).toEqual(
      Standardizer.fit(checkData(images, 'classification', 1).x, { channels: 2 }).mean.slice(0, 2),
    );
    const rows = final.standardizer!.transform(checkData(images, 'classification', 1).x);
    const p = tf.tidy(() =>
      Array.from(
        (final.plain.predict(tf.tensor(rows.flat(), [12, 4, 4, 2])) as tf.Tensor).dataSync(),
      ),
    );
    expect(p.every(Number.isFinite)).toBe(true);
    final.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const other = stripes(12, 3, 4, 1);
    await expect(fitBest(other, result, { builder: buildMlp })).rejects.toThrow(
      'fitBest: `data.x` must be rows of shape [4, 4, 2], as searched, but got "rows of shape [4, 4, 1]".',
    );
  });
});
