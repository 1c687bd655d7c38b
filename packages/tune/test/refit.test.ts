/**
 * The search owns its refit: `fitBest(data, result)` trains from what the result records
 * (`result.searched`) and gives the model the caller got before by re-supplying the builder,
 * its options, the standardization and a scaled target (bit for bit, every kind of the MLP).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fitTargetScale, modelSeed, scaleTarget, trainModel } from '../src/blocks';
import { fitBest, MLP_BUILDER, type SearchOptions, Standardizer, searchNoise } from '../src/index';
import { MLP_KINDS } from '../src/model/kinds';
import { buildMlp } from '../src/model/mlp';
import { assembleResult, planSearch, runSearch } from '../src/search/search';
import { circles } from './helpers';

const data = circles(24, 5);
/** A regression target in other units than the inputs: a scale of hundreds around 1000. */
const regression = { x: data.x, y: data.x.map(([a, b]) => 1000 + 300 * a! - 120 * b!) };

const base = {
  builderOptions: { hiddenUnits: 6, learningRate: 0.05 },
  folds: 2,
  repeats: 1,
  epochs: 4,
  seed: 7,
  workers: 0,
  progress: 'none',
  peers: [],
} as const;

/** The weights of a model, flat, as plain numbers. */
function weightsOf(model: { getWeights(): tf.Tensor[] }): number[][] {
  return model.getWeights().map((w: tf.Tensor) => Array.from(w.dataSync()));
}

describe('fitBest(data, result) from the result alone', () => {
  it('records what the search was made with, as JSON', async () => {
    const result = await searchNoise(regression, {
      ...base,
      task: 'regression',
      grid: { kinds: ['input'], amounts: [0, 0.1] },
      builder: MLP_BUILDER,
      scaleTarget: true,
    });
    const s = result.searched;
    expect(s.builder).toEqual({ module: MLP_BUILDER.module, export: 'buildMlp' });
    expect(s.builderOptions).toEqual(base.builderOptions);
    expect(s.standardize).toBe(true);
    expect(s.features).toBe(2);
    expect(s.categorical).toEqual([]);
    expect(s.targetScale).toEqual(fitTargetScale(regression.y));
    expect(JSON.parse(JSON.stringify(result)).searched).toEqual(s);
    // The scores are in the target's standard units: no-noise MSE of order 1, not 1e4.
    expect(result.baseline.mean).toBeLessThan(5);
  });

  it('gives, for every kind, the model the caller built before by re-supplying everything', async () => {
    for (const kind of MLP_KINDS) {
      for (const task of ['classification', 'regression'] as const) {
        const rows = task === 'regression' ? regression : data;
        const options: SearchOptions = {
          ...base,
          task,
          grid: { kinds: [kind], amounts: [0] },
          builder: MLP_BUILDER,
          ...(task === 'regression' && { scaleTarget: true }),
        };
        const result = await searchNoise(rows, options);
        const amount = kind === 'gradient' ? 0.01 : 0.1;
        const setting = { kind, amount };
        // From the JSON of the result, as a later process would read it.
        const final = await fitBest(rows, JSON.parse(JSON.stringify(result)), { setting });
        // Before: the caller standardized, scaled the target and called the training itself.
        const standardizer = Standardizer.fit(rows.x);
        const y = task === 'regression' ? scaleTarget(rows.y, fitTargetScale(rows.y)) : rows.y;
        const model = await trainModel(
          buildMlp,
          setting,
          {
            inputDim: 2,
            outputUnits: 1,
            task,
            numClasses: task === 'classification' ? 2 : null,
            seed: modelSeed(base.seed, base.folds, 0, -1),
            fold: -1,
            repeat: 0,
            options: base.builderOptions,
          },
          { x: standardizer.transform(rows.x), y },
          { epochs: base.epochs, batchSize: null, standardize: false, earlyStopping: null },
        );
        expect(weightsOf(final.model), `${kind}, ${task}`).toEqual(weightsOf(model));
        expect(final.targetScale).toEqual(task === 'regression' ? fitTargetScale(rows.y) : null);
        final.dispose();
        model.dispose();
      }
    }
  });

  it('needs the builder again after a search given a function, and says so; refuses other columns', async () => {
    const result = await searchNoise(data, {
      ...base,
      task: 'classification',
      grid: { kinds: ['input'], amounts: [0, 0.1] },
      builder: buildMlp,
    });
    expect(result.searched.builder).toBeNull();
    await expect(fitBest(data, result)).rejects.toThrow(
      'fitBest: `options.builder` must be the builder function the search ran with (a function is not kept in its result), but got null.',
    );
    const final = await fitBest(data, result, { builder: buildMlp });
    final.dispose();
    const wider = { x: data.x.map((r) => [...r, 0]), y: data.y };
    await expect(fitBest(wider, result, { builder: buildMlp })).rejects.toThrow(
      'fitBest: `data.x` must be rows of 2 features, as searched, but got "rows of 3".',
    );
  });

  it('scaleTarget is for regression only, a boolean', async () => {
    const options = {
      ...base,
      task: 'classification' as const,
      grid: { kinds: ['input'], amounts: [0] },
      builder: MLP_BUILDER,
    };
    await expect(searchNoise(data, { ...options, scaleTarget: true })).rejects.toThrow(
      "searchNoise: `scaleTarget` must be false or omitted for task 'classification', but got true.",
    );
    await expect(
      searchNoise(regression, { ...options, task: 'regression', scaleTarget: 1 as never }),
    ).rejects.toThrow('searchNoise: `scaleTarget` must be true or false, but got 1.');
  });
});

describe('searchNoise: plan, run, assemble', () => {
  const options: SearchOptions = {
    ...base,
    task: 'classification',
    grid: { kinds: ['input', 'weight'], amounts: [0, 0.1] },
    builder: MLP_BUILDER,
    peers: [{ kind: 'l2', amount: 0.01 }],
  };

  it('plans one job per setting that trains, repeat and fold: amount 0 is trained once', () => {
    const plan = planSearch(data, options);
    expect(plan.settings.map((s) => `${s.kind} ${s.amount}`)).toEqual([
      'input 0',
      'input 0.1',
      'weight 0',
      'weight 0.1',
      'l2 0.01',
    ]);
    expect(plan.candidates).toBe(4);
    expect(plan.baseline).toBe(0);
    expect(plan.runs).toEqual([0, 1, 0, 3, 4]);
    // 4 settings that train (weight 0 shares input 0's models) x 2 folds.
    expect(plan.jobs).toHaveLength(8);
    expect(new Set(plan.jobs.map((j) => j.settingIndex))).toEqual(new Set([0, 1, 3, 4]));
    expect(plan.splits).toHaveLength(1);
    expect(plan.splits[0]).toHaveLength(2);
  });

  it('assembles a result from scores alone (no training), sharing amount 0 scores', () => {
    const plan = planSearch(data, options);
    const scores = (v: number) => ({
      accuracy: [v, v + 0.1],
      logLoss: [0.5, 0.4],
      brier: [0.2, 0.2],
    });
    const run = {
      metrics: [scores(0.5), scores(0.6), scores(0.5), scores(0.55), scores(0.52)],
      corrupted: plan.settings.map(() => ({})),
      workers: 0,
      backend: 'cpu',
    };
    const result = assembleResult(plan, run, 1.5);
    expect(result.rows.map((r) => r.mean.toFixed(4))).toEqual([
      '0.5500',
      '0.6500',
      '0.5500',
      '0.6000',
      '0.5700',
    ]);
    expect(result.rows[4]!.peer).toBe(true);
    expect(result.baseline).toBe(result.rows[0]);
    expect(result.seconds).toBe(1.5);
    expect(result.searched).toBe(plan.searched);
  });

  it('runs the plan: the same result as searchNoise', async () => {
    const plan = planSearch(data, options);
    const run = await runSearch(plan, options);
    expect(run.metrics).toHaveLength(5);
    expect(run.metrics[2]).toEqual(run.metrics[0]); // weight 0 is input 0's models
    const assembled = assembleResult(plan, run, 0);
    const searched = await searchNoise(data, options);
    expect(assembled.rows).toEqual(searched.rows);
    expect(assembled.recommendation).toEqual(searched.recommendation);
  });
});
