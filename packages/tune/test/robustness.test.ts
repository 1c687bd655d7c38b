import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import {
  corruptedCopies,
  corruptionSeed,
  corruptRows,
  type FoldMetrics,
  recommend,
  trainAndEvaluate,
} from '../src/blocks';
import {
  type BuildContext,
  formatTable,
  MLP_BUILDER,
  type ModelBuilder,
  type SearchOptions,
  Standardizer,
  searchNoise,
  verdictSentence,
} from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const data = circles(40, 1);

/** 2 settings x 3 folds = 6 fits of a small MLP, every fold also scored under noise. */
const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0, 0.3] },
  builder: MLP_BUILDER,
  builderOptions: { hiddenUnits: 16, learningRate: 0.05 },
  folds: 3,
  repeats: 1,
  epochs: 30,
  seed: 3,
  progress: 'none',
  peers: [],
  robustness: { stddev: 0.5 },
};

describe('corruptRows', () => {
  it('adds seeded Gaussian noise, then sets a share of the entries to the fill value', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 7, -(i % 5)]);
    const copy = rows.map((r) => r.slice());
    const noisy = corruptRows(rows, { stddev: 2, missing: 0, seed: 5 }, [0, 0]);
    expect(rows).toEqual(copy); // unchanged
    expect(corruptRows(rows, { stddev: 2, missing: 0, seed: 5 }, [0, 0])).toEqual(noisy);
    expect(corruptRows(rows, { stddev: 2, missing: 0, seed: 6 }, [0, 0])).not.toEqual(noisy);
    const diffs = noisy.flatMap((r, i) => r.map((v, j) => v - rows[i]![j]!));
    const std = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length);
    expect(std).toBeGreaterThan(1.7);
    expect(std).toBeLessThan(2.3);
    const missing = corruptRows(rows, { stddev: 0, missing: 0.25, seed: 5 }, [9, -9]);
    const filled = missing.flatMap((r, i) => r.filter((v, j) => v !== rows[i]![j]));
    expect(filled.every((v) => v === 9 || v === -9)).toBe(true);
    expect(filled.length / 400).toBeGreaterThan(0.18);
    expect(filled.length / 400).toBeLessThan(0.32);
    // A missing entry carries no noise: the fill value itself.
    const both = corruptRows(rows, { stddev: 2, missing: 0.25, seed: 5 }, [9, -9]);
    both.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBe(missing[i]![j] !== rows[i]![j] ? [9, -9][j] : noisy[i]![j]);
      });
    });
  });
});

describe('corruptedCopies', () => {
  it("stacks `draws` copies: the first is corruptRows's, each other one a draw of its own", () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i % 7, -(i % 5), i / 10]);
    const one = { stddev: 1, missing: 0.2, seed: 5 };
    expect(corruptedCopies(rows, one, [0, 0, 0])).toEqual(corruptRows(rows, one, [0, 0, 0]));
    const copies = corruptedCopies(rows, { ...one, draws: 4 }, [0, 0, 0], [2]);
    expect(copies).toHaveLength(200);
    expect(copies.slice(0, 50)).toEqual(corruptRows(rows, one, [0, 0, 0], [2]));
    for (let k = 1; k < 4; k++) {
      const copy = copies.slice(50 * k, 50 * (k + 1));
      expect(copy).not.toEqual(copies.slice(0, 50));
      // A clean (categorical) column stays clean in every copy.
      expect(copy.map((r) => r[2])).toEqual(rows.map((r) => r[2]));
    }
    expect(corruptedCopies(rows, { ...one, draws: 4 }, [0, 0, 0], [2])).toEqual(copies);
    expect(() => corruptedCopies(rows, { ...one, draws: 0 }, [0, 0, 0])).toThrow(
      'corruption.draws must be an integer >= 1, but got 0.',
    );
  });
});

describe('corruptedCopies with a correlation length (images)', () => {
  it('draws a correlated field of the std asked: lag-1 correlation exp(-1/8) for l = 2', () => {
    // 64 images of 24x24x1: 36,864 entries; lag-1 pairs along a row: 64 x 24 x 23.
    const [h, w] = [24, 24];
    const rows = Array.from({ length: 64 }, () => new Array<number>(h * w).fill(0));
    const corruption = { stddev: 2, missing: 0, seed: 5, correlationLength: 2, shape: [h, w, 1] };
    const [noisy] = [corruptedCopies(rows, corruption, new Array(h * w).fill(0))];
    const all = noisy.flat();
    const std = Math.sqrt(all.reduce((a, v) => a + v * v, 0) / all.length);
    // The field's std within 5% of 2 (the entries are correlated: fewer effective draws).
    expect(Math.abs(std / 2 - 1)).toBeLessThan(0.05);
    let num = 0;
    let den = 0;
    for (const r of noisy) {
      for (let i = 0; i < h; i++) {
        for (let j = 0; j + 1 < w; j++) {
          num += r[i * w + j]! * r[i * w + j + 1]!;
          den += r[i * w + j]! ** 2;
        }
      }
    }
    // Lag-1 correlation within 0.05 of exp(-1 / (2 * 2^2)) = 0.8825 (i.i.d. noise: 0).
    expect(Math.abs(num / den - Math.exp(-1 / 8))).toBeLessThan(0.05);
    // Seeded: the same draw again; a second copy is a draw of its own.
    expect(corruptedCopies(rows, corruption, new Array(h * w).fill(0))).toEqual(noisy);
    const two = corruptedCopies(
      rows.slice(0, 2),
      { ...corruption, draws: 2 },
      new Array(h * w).fill(0),
    );
    expect(two.slice(0, 2)).toEqual(noisy.slice(0, 2));
    expect(two[2]).not.toEqual(two[0]);
  });

  it('is refused on flat rows and without a stddev, naming the field', async () => {
    await expect(
      searchNoise(data, { ...base, robustness: { stddev: 0.5, correlationLength: 2 } }),
    ).rejects.toThrow(
      'searchNoise: `robustness.correlationLength` must be omitted: correlated noise needs rows with a spatial axis ([h, w, c] or [t, c]), but the rows have shape [2], but got 2.',
    );
    await expect(
      searchNoise(data, { ...base, robustness: { missing: 0.1, correlationLength: 2 } }),
    ).rejects.toThrow(
      'searchNoise: `robustness.correlationLength` must be a number in (0, 64], beside a `stddev`, but got 2.',
    );
  });
});

describe('trainAndEvaluate with a corrupted held-out split', () => {
  it("corrupts the inputs the model sees, after the training rows' standardization", async () => {
    // A model that predicts its first (standardized) input and does not learn (SGD, rate 0).
    const identity: ModelBuilder = (_s, c) => {
      const net = tf.sequential();
      net.add(
        tf.layers.dense({
          units: 1,
          inputShape: [c.inputDim],
          kernelInitializer: tf.initializers.constant({ value: 0 }),
          biasInitializer: 'zeros',
        }),
      );
      net.setWeights([tf.tensor2d([[1], [0]]), tf.tensor1d([0])]);
      net.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
      return net;
    };
    const x = Array.from({ length: 30 }, (_, i) => [100 * Math.sin(i) + 500, 3 * Math.cos(i)]);
    const y = x.map(() => 0);
    const train = { x: x.slice(0, 20), y: y.slice(0, 20) };
    const test = { x: x.slice(20), y: y.slice(20) };
    const corruption = { stddev: 1, missing: 0.2, seed: 11 };
    const context: BuildContext = {
      inputDim: 2,
      outputUnits: 1,
      task: 'regression',
      numClasses: null,
      seed: 1,
      fold: 0,
      repeat: 0,
      options: {},
    };
    const options = { epochs: 1, batchSize: null, standardize: true };
    const setting = { kind: 'none', amount: 0 };
    const [clean, noisy] = await trainAndEvaluate(
      identity,
      setting,
      context,
      train,
      [test, { ...test, corruption }],
      options,
    );
    const s = Standardizer.fit(train.x);
    const seen = s.transform(test.x);
    const mse = (rows: number[][]) => rows.reduce((a, r) => a + r[0]! ** 2, 0) / rows.length;
    expect(clean!.mse).toBeCloseTo(mse(seen), 4);
    // Missing values are the training mean as the model sees it: 0 after standardization.
    expect(noisy!.mse).toBeCloseTo(mse(corruptRows(seen, corruption, [0, 0])), 4);
    expect(noisy!.mse).not.toBeCloseTo(clean!.mse!, 2);
    // With draws, the score is the mean of the scores of the single copies.
    const draws = { ...corruption, draws: 5 };
    const [averaged] = await trainAndEvaluate(
      identity,
      setting,
      context,
      train,
      [{ ...test, corruption: draws }],
      options,
    );
    const copies = corruptedCopies(seen, draws, [0, 0]);
    const perCopy = [0, 1, 2, 3, 4].map((k) => mse(copies.slice(10 * k, 10 * (k + 1))));
    expect(averaged!.mse).toBeCloseTo(perCopy.reduce((a, m) => a + m, 0) / 5, 4);
    expect(perCopy[0]).toBeCloseTo(noisy!.mse!, 4);
  });
});

describe('searchNoise with robustness', () => {
  it('scores every fold also under noise: different from clean, reproducible, and the choice uses it', async () => {
    const before = tf.memory().numTensors;
    const a = await searchNoise(data, { ...base, workers: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.robustness).toEqual({ stddev: 0.5, missing: 0, draws: 32 });
    for (const r of a.rows) {
      expect(r.corrupted!.scores).toHaveLength(3);
      expect(r.corrupted!.metrics.logLoss).toHaveLength(3);
      expect(r.corrupted!.scores).toEqual(r.corrupted!.metrics.accuracy);
      // The same models on noisy inputs: worse probabilities than on the clean rows.
      expect(r.corrupted!.metrics.logLoss).not.toEqual(r.metrics.logLoss);
      const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
      expect(mean(r.corrupted!.metrics.logLoss!)).toBeGreaterThan(mean(r.metrics.logLoss!));
    }
    const b = await searchNoise(data, { ...base, workers: 0, builder: buildMlp });
    expect(b.rows).toEqual(a.rows);
    expect(b.recommendation).toEqual(a.recommendation);
    // Another seed, other noise (and other folds).
    const c = await searchNoise(data, { ...base, workers: 0, seed: 4 });
    expect(c.rows[0]!.corrupted!.metrics.logLoss).not.toEqual(
      a.rows[0]!.corrupted!.metrics.logLoss,
    );
    // The choice: recommend() on the corrupted fold metrics, the chance baseline unchanged.
    const options = {
      task: 'classification' as const,
      metric: 'accuracy' as const,
      rule: 'max-t' as const,
      threshold: 1,
      level: 0.05,
      seed: a.seed,
      folds: 3,
      chance: a.chance,
    };
    const on = (which: 'clean' | 'corrupted') =>
      a.rows.map((r) => ({
        setting: { kind: r.kind, amount: r.amount },
        metrics: which === 'clean' ? r.metrics : r.corrupted!.metrics,
      }));
    const condition = 'under input noise of 0.5 std';
    expect(a.recommendation).toEqual(recommend(on('corrupted'), 0, { ...options, condition }));
    expect(a.recommendation.gains).not.toEqual(recommend(on('clean'), 0, options).gains);
    expect(a.recommendation.condition).toBe(condition);
    expect(a.recommendation.sentence).toMatch(/^(Warning: )?under input noise of 0\.5 std: /);
    // The table: clean and corrupted columns, gains on the corrupted scores, the condition named.
    const lines = formatTable(a);
    expect(lines[0]).toMatch(
      /^kind\s+amount\s+accuracy \(mean \+- std, 3 folds\)\s+accuracy corrupted \(mean \+- std\)\s+accuracy gain, corrupted \(points, \+- se\)\s+logLoss gain, corrupted \(lower by, \+- se\)$/,
    );
    const noise = a.rows[1]!;
    const fixed = (s: { mean: number; std: number }) =>
      `${s.mean.toFixed(4)} +- ${s.std.toFixed(4)}`;
    const line = lines.find((l) => l.startsWith('input   0.3'))!;
    expect(line).toContain(fixed(noise));
    expect(line.indexOf(fixed(noise.corrupted!))).toBeGreaterThan(line.indexOf(fixed(noise)));
    expect(lines).toContain(
      'corrupted: the held-out rows under input noise of 0.5 std; the gains and the choice use these scores',
    );
  });

  it('gives the same scores on 2 worker threads as in-process (cpu), and missing values work', async () => {
    const options = { ...base, robustness: { stddev: 0.5, missing: 0.2 }, backend: 'cpu' as const };
    const inProcess = await searchNoise(data, { ...options, workers: 0 });
    const threads = await searchNoise(data, { ...options, workers: 2 });
    expect(threads.workers).toBe(2);
    expect(threads.rows).toEqual(inProcess.rows);
    expect(threads.recommendation).toEqual(inProcess.recommendation);
    expect(inProcess.recommendation.sentence).toMatch(
      /^(Warning: )?under input noise of 0\.5 std and with 20% of input values missing \(set to the training mean\): /,
    );
    const noiseOnly = await searchNoise(data, { ...base, workers: 0 });
    expect(noiseOnly.rows[0]!.metrics).toEqual(inProcess.rows[0]!.metrics);
    expect(noiseOnly.rows[0]!.corrupted!.metrics).not.toEqual(
      inProcess.rows[0]!.corrupted!.metrics,
    );
  });

  it('corrupts what a custom builder sees, the same for every setting of a fold', async () => {
    const seen: number[][][] = [];
    const build: ModelBuilder = (setting, context) => {
      const net = buildMlp(setting, context);
      const predict = net.predict.bind(net);
      net.predict = ((x: tf.Tensor) => {
        seen.push(x.arraySync() as number[][]);
        return predict(x);
      }) as typeof net.predict;
      return net;
    };
    const r = await searchNoise(data, { ...base, builder: build, workers: 0, folds: 2 });
    // Per job: clean rows, then corrupted rows; 2 settings x 2 folds.
    expect(seen).toHaveLength(8);
    const [clean, copies] = [seen[0]!, seen[1]!];
    // The default 32 corrupted copies of the held-out rows, one after the other.
    expect(copies).toHaveLength(32 * clean.length);
    const noisy = copies.slice(0, clean.length);
    const diffs = noisy.flatMap((row, i) => row.map((v, j) => v - clean[i]![j]!));
    const std = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length);
    expect(std).toBeGreaterThan(0.3);
    expect(std).toBeLessThan(0.7);
    // Standardized units: the clean rows are the fold's standardized held-out rows.
    const seed = corruptionSeed(3, 2, 0, 0);
    const expected = corruptRows(clean, { stddev: 0.5, missing: 0, seed }, [0, 0]);
    noisy.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(expected[i]![j]!, 5);
      });
    });
    // The second setting, fold 0, sees the same corrupted rows as the first.
    expect(seen[5]).toEqual(copies);
    expect(r.rows[1]!.corrupted).toBeDefined();
  });

  it('rejects a bad robustness before any training, naming the field and the value', async () => {
    const build = vi.fn(buildMlp);
    const bad: [unknown, string][] = [
      [{ stddev: -1 }, 'searchNoise: `robustness.stddev` must be a finite number > 0, but got -1.'],
      [{ stddev: 0 }, 'searchNoise: `robustness.stddev` must be a finite number > 0, but got 0.'],
      [
        { stddev: Number.POSITIVE_INFINITY },
        'searchNoise: `robustness.stddev` must be a finite number > 0, but got Infinity.',
      ],
      [
        { stddev: Number.NaN },
        'searchNoise: `robustness.stddev` must be a finite number > 0, but got NaN.',
      ],
      [
        { stddev: '1' },
        'searchNoise: `robustness.stddev` must be a finite number > 0, but got "1".',
      ],
      [{ missing: 1 }, 'searchNoise: `robustness.missing` must be a number in (0, 1), but got 1.'],
      [
        {},
        'searchNoise: `robustness` must be null or {stddev, missing} with at least one of them, but got {}.',
      ],
      [
        1,
        'searchNoise: `robustness` must be null or {stddev, missing} with at least one of them, but got 1.',
      ],
    ];
    for (const [robustness, message] of bad) {
      await expect(
        searchNoise(data, { ...base, builder: build, workers: 0, robustness } as SearchOptions),
      ).rejects.toThrow(message);
    }
    expect(build).not.toHaveBeenCalled();
  });
});

describe('recommend on corrupted fold metrics', () => {
  it('can choose another setting than on clean rows, and says under which condition', () => {
    const none = { kind: 'input', amount: 0 };
    const small = { kind: 'input', amount: 0.1 };
    const large = { kind: 'input', amount: 0.4 };
    const rows = (m: [number[], number[], number[]]): FoldMetrics[] =>
      [none, small, large].map((setting, i) => ({
        setting,
        metrics: { mse: m[i]! },
      }));
    // Clean: the small amount is better; under noise, the large one is.
    const clean = rows([
      [1, 1.1, 0.9, 1.05, 0.95],
      [0.8, 0.9, 0.7, 0.85, 0.75],
      [0.95, 1.05, 0.85, 1, 0.9],
    ]);
    const corrupted = rows([
      [2, 2.2, 1.8, 2.1, 1.9],
      [1.9, 2.1, 1.7, 2, 1.8],
      [1.2, 1.4, 1, 1.3, 1.1],
    ]);
    const options = {
      task: 'regression' as const,
      rule: 'paired' as const,
      threshold: 1,
      folds: 5,
    };
    const onClean = recommend(clean, 0, options);
    const condition = 'under input noise of 1 std';
    const onNoisy = recommend(corrupted, 0, { ...options, condition });
    expect(onClean.setting).toEqual(small);
    expect(onNoisy.setting).toEqual(large);
    expect(onNoisy.sentence).toMatch(
      /^under input noise of 1 std: noise helps here: input noise 0\.4 gave lower error \([\d.]+ \+- [\d.]+% lower MSE\)/,
    );
    expect(onClean.sentence).toMatch(/^noise helps here: input noise 0\.1/);
    expect(onClean.condition).toBeUndefined();
  });

  it('verdictSentence: the condition is said once, first (in the chance warning when there is one)', () => {
    const input = {
      task: 'regression' as const,
      metric: 'mse' as const,
      verdict: 'no-help' as const,
      setting: { kind: 'input', amount: 0.1 },
      gains: { mse: { mean: -2, se: 1.5, n: 10 } },
      chance: {
        predictor: 'mean' as const,
        classIndex: null,
        score: 1,
        modelScore: 0.98,
        gain: { mean: 2, se: 3, n: 10 },
        beaten: false,
      },
      evidence: 'paired over 10 cross-validation folds, +- one standard error',
    };
    const plain = verdictSentence(input);
    const under = verdictSentence({ ...input, condition: 'under input noise of 1 std' });
    expect(under).toBe(
      plain
        .replace(/^Warning: /, 'Warning: under input noise of 1 std: ')
        .replace('no noise setting beat', 'No noise setting beat')
        // Under a condition, "learned little" is not known: the clean rows may tell.
        .replace(
          '; it has learned little from these features, so',
          '; on clean rows it may (see the clean scores), so',
        ),
    );
    expect(under.match(/under input noise of 1 std/g)).toHaveLength(1);
    // Without the warning, the condition opens the claim.
    const beaten = { ...input, chance: { ...input.chance, beaten: true } };
    expect(verdictSentence({ ...beaten, condition: 'under input noise of 1 std' })).toBe(
      `under input noise of 1 std: ${verdictSentence(beaten)}`,
    );
  });
});
