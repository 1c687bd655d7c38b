/**
 * searchNoise's checks of its data and options before any training: a constant regression
 * target (predicted exactly by its mean, so no verdict about noise means anything), class names
 * of the wrong length, typed-array rows, early stopping on training parts too small to split,
 * and a robustness stddev beyond float32. Each is an `Error` naming the field and the value.
 */
import { describe, expect, it, vi } from 'vitest';
import { MLP_BUILDER, type SearchOptions, searchNoise } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const data = circles(12, 1);

/** A tiny in-process search: one setting, 2 folds, 2 epochs. */
const quick: SearchOptions = {
  task: 'classification',
  grid: [{ kind: 'input', amount: 0.1 }],
  builder: MLP_BUILDER,
  builderOptions: { hiddenUnits: 4 },
  folds: 2,
  repeats: 1,
  epochs: 2,
  workers: 0,
  progress: 'none',
  peers: [],
};

describe('searchNoise: a constant regression target', () => {
  it('is refused as a single-class target is, before any model is built', async () => {
    const build = vi.fn(buildMlp);
    const constant = { x: data.x, y: data.x.map(() => 2.5) };
    await expect(
      searchNoise(constant, { ...quick, task: 'regression', builder: build }),
    ).rejects.toThrow(
      'searchNoise: `data.y` must be targets of at least 2 distinct values (always predicting ' +
        'the one value would be exact, so noise has nothing to improve), but got [2.5].',
    );
    await expect(
      searchNoise({ x: data.x, y: data.x.map(() => 1) }, { ...quick, builder: build }),
    ).rejects.toThrow('searchNoise: `data.y` must be labels of at least 2 classes, but got [1].');
    expect(build).not.toHaveBeenCalled();
  });
});

describe('searchNoise: classNames', () => {
  it('must name every class, in index order', async () => {
    await expect(searchNoise(data, { ...quick, classNames: ['outer'] })).rejects.toThrow(
      'searchNoise: `classNames` must be an array of 2 strings (one per class, in index order), ' +
        'but got ["outer"].',
    );
    await expect(searchNoise(data, { ...quick, classNames: ['a', 'b', 'c'] })).rejects.toThrow(
      /`classNames` must be an array of 2 strings .*, but got \["a","b","c"\]\./,
    );
    await expect(
      searchNoise(data, { ...quick, classNames: ['a', 7] as unknown as string[] }),
    ).rejects.toThrow(/`classNames` must be an array of 2 strings/);
    const named = await searchNoise(data, { ...quick, classNames: ['outer', 'inner'] });
    expect(named.rows).toHaveLength(2);
  });
});

describe('searchNoise: typed-array rows', () => {
  it('accepts Float64Array and Float32Array rows, as arrays of the same numbers', async () => {
    const plain = await searchNoise(data, quick);
    const f64 = await searchNoise({ x: data.x.map((r) => Float64Array.from(r)), y: data.y }, quick);
    expect(f64.rows.map((r) => r.scores)).toEqual(plain.rows.map((r) => r.scores));
    const f32 = { x: data.x.map((r) => Float32Array.from(r)), y: data.y };
    const asArrays = { x: f32.x.map((r) => Array.from(r)), y: data.y };
    expect((await searchNoise(f32, quick)).rows.map((r) => r.scores)).toEqual(
      (await searchNoise(asArrays, quick)).rows.map((r) => r.scores),
    );
  });

  it('names the type of a row that is neither', async () => {
    const x = data.x.map((r, i) => (i === 3 ? new Set(r) : r)) as unknown as number[][];
    await expect(searchNoise({ x, y: data.y }, quick)).rejects.toThrow(
      'searchNoise: `data.x[3]` must be an array of 2 numbers (or a Float32Array or ' +
        'Float64Array), but got a Set.',
    );
  });
});

describe('searchNoise: early stopping on a small table', () => {
  it('names the training part too small to split and the smallest table that works', async () => {
    const build = vi.fn(buildMlp);
    const three = { x: [[0], [1], [2]], y: [0.5, 1.5, 1] };
    const earlyStopping = { validationFraction: 0.2, patience: 10 };
    await expect(
      searchNoise(three, { ...quick, task: 'regression', builder: build, earlyStopping }),
    ).rejects.toThrow(
      'searchNoise: `earlyStopping` needs at least 2 training rows in every fold (1 to fit, 1 ' +
        'to validate), but with 3 rows and 2 folds a fold trains on 1 row: give at least 4 ' +
        'rows, or no early stopping.',
    );
    expect(build).not.toHaveBeenCalled();
    const four = { x: [[0], [1], [2], [3]], y: [0.5, 1.5, 1, 2] };
    const r = await searchNoise(four, { ...quick, task: 'regression', earlyStopping });
    expect(r.rows).toHaveLength(2);
  });
});

describe('searchNoise: robustness within float32', () => {
  it('refuses robustness.stddev above 1000 standardized units before any training', async () => {
    const build = vi.fn(buildMlp);
    for (const stddev of [1e39, 1000.5]) {
      await expect(
        searchNoise(data, { ...quick, builder: build, robustness: { stddev } }),
      ).rejects.toThrow(
        `searchNoise: \`robustness.stddev\` must be at most 1000 (standardized units), but got ${stddev}.`,
      );
    }
    expect(build).not.toHaveBeenCalled();
  });
});
