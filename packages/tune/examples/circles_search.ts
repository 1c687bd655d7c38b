/**
 * Choosing the input-noise stddev by cross-validation on a small data set (Holmstrom and
 * Koistinen, 1992), and checking the choice on held-out data.
 *
 * For each seed: two circles (make_circles, n = 100, noise 0.1; the demo's data sets), 30 points
 * for training and 70 for testing. searchNoise runs 5-fold CV on the 30 training points over a
 * grid of input-jitter stddevs and picks the best; then every stddev of the grid is trained on
 * all 30 points and scored on the 70 test points. The claim: the CV-chosen stddev's test accuracy
 * is within 2 points of the best of the grid measured on the test set (mean over the seeds).
 *
 *   tsx examples/circles_search.ts                  # 10 seeds, 1000 epochs (10-15 minutes)
 *   options: --seeds N --epochs N --folds K --repeats R --workers N --backend wasm|cpu
 *            --grid 0,0.05,0.1 --hidden N --learning-rate X --out results.json
 *
 * Model: the demo's MLP (2 -> 500 ReLU -> 1 sigmoid), Adam(0.001), full batch, 1000 epochs (the
 * demo's quick setting; its full run uses 4000), inputs standardized on the training points.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeCircles, split } from '../../../examples/data/circles';
import {
  type BackendName,
  buildMlp,
  MLP_BUILDER,
  modelSeed,
  searchNoise,
  trainAndScore,
} from '../src/index';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    epochs: { type: 'string', default: '1000' },
    folds: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '1' },
    workers: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'wasm' },
    grid: { type: 'string', default: '0,0.02,0.05,0.1,0.2,0.3,0.5' },
    hidden: { type: 'string', default: '500' },
    'learning-rate': { type: 'string', default: '0.001' },
    out: { type: 'string' },
  },
});
const seeds = Number(values.seeds);
const epochs = Number(values.epochs);
const folds = Number(values.folds);
const repeats = Number(values.repeats);
const workers = Number(values.workers);
const backend = values.backend as BackendName;
const grid = values.grid.split(',').map(Number);
const builderOptions = {
  hiddenUnits: Number(values.hidden),
  learningRate: Number(values['learning-rate']),
};

interface SeedResult {
  seed: number;
  /** CV accuracy (mean over folds) per grid stddev. */
  cv: number[];
  /** Test accuracy per grid stddev (trained on all 30 points). */
  test: number[];
  chosen: number;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}`;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

async function main(): Promise<void> {
  await tf.setBackend(backend);
  await tf.ready();
  tf.env().set('PROD', true);
  console.log(
    `circles (n=100, noise 0.1): 30 train / 70 test; input-jitter stddev grid ${grid.join(', ')}; ` +
      `${folds}-fold CV${repeats > 1 ? ` repeated ${repeats} times` : ''} on the 30 training points; ` +
      `MLP 2-${builderOptions.hiddenUnits}-1, ` +
      `Adam(${builderOptions.learningRate}), ${epochs} full-batch epochs; ${seeds} seeds; ` +
      `backend ${backend}, ${workers} workers`,
  );
  const results: SeedResult[] = [];
  const start = performance.now();
  for (let s = 0; s < seeds; s++) {
    const seed = 1000 + s;
    const data = split(makeCircles({ n: 100, noise: 0.1, seed }), 30);
    const search = await searchNoise(data.train, {
      task: 'classification',
      grid: { kinds: ['input'], amounts: grid },
      builder: MLP_BUILDER,
      builderOptions,
      folds,
      repeats,
      epochs,
      seed,
      workers,
      backend,
      progress: 'none',
    });
    const test: number[] = [];
    for (const amount of grid) {
      const context = {
        inputDim: 2,
        outputUnits: 1,
        task: 'classification' as const,
        numClasses: 2,
        seed: modelSeed(seed, folds, 0, -1),
        fold: -1,
        repeat: 0,
        options: builderOptions,
      };
      test.push(
        await trainAndScore(buildMlp, { kind: 'input', amount }, context, data.train, data.test, {
          epochs,
          batchSize: null,
          standardize: true,
        }),
      );
    }
    const r: SeedResult = {
      seed,
      cv: search.rows.map((row) => row.mean),
      test,
      chosen: search.best.amount,
    };
    results.push(r);
    const best = Math.max(...test);
    console.log(
      `seed ${seed}: CV picks ${r.chosen} -> test ${pct(test[grid.indexOf(r.chosen)]!)}%; ` +
        `best on test ${pct(best)}% (${grid.filter((_, i) => test[i] === best).join('/')}); ` +
        `CV ${r.cv.map(pct).join(' ')}; test ${test.map(pct).join(' ')} ` +
        `(${((performance.now() - start) / 1000).toFixed(0)} s)`,
    );
  }
  const chosenAcc = results.map((r) => r.test[grid.indexOf(r.chosen)]!);
  const perGrid = grid.map((_, g) => mean(results.map((r) => r.test[g]!)));
  const bestFixed = Math.max(...perGrid);
  const oracle = mean(results.map((r) => Math.max(...r.test)));
  const gapFixed = 100 * (bestFixed - mean(chosenAcc));
  const gapOracle = 100 * (oracle - mean(chosenAcc));
  console.log('');
  console.log('stddev  mean test acc  times chosen by CV');
  grid.forEach((a, g) => {
    const times = results.filter((r) => r.chosen === a).length;
    console.log(`${String(a).padEnd(6)}  ${pct(perGrid[g]!).padStart(12)}%  ${times}`);
  });
  console.log(
    `CV-chosen stddev:                       ${pct(mean(chosenAcc))}% mean test accuracy`,
  );
  console.log(
    `best single stddev of the grid on test: ${pct(bestFixed)}% (stddev ${grid[perGrid.indexOf(bestFixed)]}); gap ${gapFixed.toFixed(1)} points`,
  );
  console.log(
    `per-seed best of the grid on test:      ${pct(oracle)}% (an oracle); gap ${gapOracle.toFixed(1)} points`,
  );
  console.log(
    `claim (CV choice within 2 points of the best stddev of the grid on test): ${gapFixed <= 2 ? 'holds' : 'does NOT hold'}`,
  );
  if (values.out) {
    writeFileSync(
      values.out,
      `${JSON.stringify({ grid, epochs, folds, builderOptions, backend, results, perGrid, bestFixed, oracle, chosenMean: mean(chosenAcc), gapFixed, gapOracle }, null, 2)}\n`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
