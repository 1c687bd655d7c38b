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
 * The 70 test points are the rest of the same 100-point set, whose angles are evenly spaced (as
 * in scikit-learn): a region over-sampled by the 30 training points is under-sampled by the 70,
 * so the two are negatively dependent. With `--fresh N` (default 2000) every model is also
 * scored on N fresh points from the same distribution (another seed), which measures the
 * generalization that cross-validation estimates, with a much smaller sampling error.
 *
 *   tsx circles_search/main.ts                  # 10 seeds, 1000 epochs (10-15 minutes)
 *   options: --seeds N --first-seed S (1000) --epochs N --folds K --repeats R --workers N
 *            --backend wasm|cpu --grid 0,0.05,0.1 --hidden N --learning-rate X --fresh N (0: off)
 *            --out results.json
 *
 * Model: the demo's MLP (2 -> 500 ReLU -> 1 sigmoid), Adam(0.001), full batch, 1000 epochs (the
 * demo's quick setting; its full run uses 4000), inputs standardized on the training points.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {
  BACKEND_FLAG,
  checkFlag,
  FlagError,
  parseFlags,
  readFlagsOrExit,
} from '@tfjs-noise/support/flags';
import { type BackendName, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
import { modelSeed, summarize, trainAndScore } from '@tfjs-noise/tune/blocks';
import { buildMlp } from '@tfjs-noise/tune/mlp';
import { makeCircles, split } from '../data/circles';

/**
 * The command line, read before anything runs or is written: a bad flag is one line on stderr
 * and exit code 2.
 */
const { values, seeds, firstSeed, fresh, epochs, folds, repeats, workers, grid, builderOptions } =
  readFlagsOrExit('circles_search', () => {
    const flags = parseFlags({
      seeds: { type: 'int', default: 10, min: 1 },
      'first-seed': { type: 'int', default: 1000, min: 0 },
      epochs: { type: 'int', default: 1000, min: 1 },
      folds: { type: 'int', default: 5, min: 2 },
      repeats: { type: 'int', default: 1, min: 1 },
      workers: { type: 'int', default: 2, min: 0 },
      backend: BACKEND_FLAG,
      grid: { type: 'string', default: '0,0.02,0.05,0.1,0.2,0.3,0.5' },
      hidden: { type: 'int', default: 500, min: 1 },
      'learning-rate': { type: 'number', default: 0.001, min: 0, exclusive: true },
      fresh: { type: 'int', default: 2000, min: 0 },
      out: { type: 'string' },
    });
    const stddev = { type: 'number', default: 0, min: 0 } as const;
    const grid = flags.grid.split(',').map((a) => checkFlag('--grid', stddev, a.trim()));
    if (new Set(grid).size !== grid.length) {
      throw new FlagError(`--grid lists a value twice: '${flags.grid}'.`);
    }
    if (flags.out !== undefined) {
      const out = resolve(flags.out);
      if (flags.out.trim() === '' || (existsSync(out) && statSync(out).isDirectory())) {
        throw new FlagError(`--out must be a file path (results.json), but got '${flags.out}'.`);
      }
      if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
        throw new FlagError(`--out ${flags.out}: the folder ${dirname(out)} does not exist.`);
      }
    }
    return {
      values: flags,
      seeds: flags.seeds,
      firstSeed: flags['first-seed'],
      fresh: flags.fresh,
      epochs: flags.epochs,
      folds: flags.folds,
      repeats: flags.repeats,
      workers: flags.workers,
      grid,
      builderOptions: { hiddenUnits: flags.hidden, learningRate: flags['learning-rate'] },
    };
  });
const backend = values.backend as BackendName;

interface SeedResult {
  seed: number;
  /** CV accuracy (mean over folds) per grid stddev. */
  cv: number[];
  /** CV accuracy of every fold (repeat-major) per grid stddev. */
  cvScores: number[][];
  /** Test accuracy per grid stddev (trained on all 30 points). */
  test: number[];
  /** Accuracy on the fresh points per grid stddev (empty without --fresh). */
  fresh: number[];
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
    const seed = firstSeed + s;
    const data = split(makeCircles({ n: 100, noise: 0.1, seed }), 30);
    // Another seed of the same generator: the noise and the shuffle are independent of the data's.
    const freshData = fresh > 0 ? makeCircles({ n: fresh, noise: 0.1, seed: seed + 1e6 }) : null;
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
    // Every stddev's model is trained on all 30 points from the same initial weights, and scored
    // on the test points and on the fresh ones.
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
    const trainOptions = { epochs, batchSize: null, standardize: true };
    const heldOut = freshData ? [data.test, freshData] : [data.test];
    const test: number[] = [];
    const freshAcc: number[] = [];
    for (const amount of grid) {
      const setting = { kind: 'input', amount };
      const [testScore, freshScore] = await trainAndScore(
        buildMlp,
        setting,
        context,
        data.train,
        heldOut,
        trainOptions,
      );
      test.push(testScore!);
      if (freshScore !== undefined) freshAcc.push(freshScore);
    }
    const r: SeedResult = {
      seed,
      cv: search.rows.map((row) => row.mean),
      cvScores: search.rows.map((row) => row.scores),
      test,
      fresh: freshAcc,
      chosen: search.best.amount,
    };
    results.push(r);
    const best = Math.max(...test);
    console.log(
      `seed ${seed}: CV picks ${r.chosen} -> test ${pct(test[grid.indexOf(r.chosen)]!)}%; ` +
        `best on test ${pct(best)}% (${grid.filter((_, i) => test[i] === best).join('/')}); ` +
        `CV ${r.cv.map(pct).join(' ')}; test ${test.map(pct).join(' ')}; ` +
        (freshData ? `fresh ${freshAcc.map(pct).join(' ')} ` : '') +
        `(${((performance.now() - start) / 1000).toFixed(0)} s)`,
    );
  }
  const summary = (key: 'test' | 'fresh', rs = results) => {
    const chosenAcc = mean(rs.map((r) => r[key][grid.indexOf(r.chosen)]!));
    const perGrid = grid.map((_, g) => mean(rs.map((r) => r[key][g]!)));
    const bestFixed = Math.max(...perGrid);
    const oracle = mean(rs.map((r) => Math.max(...r[key])));
    const g = perGrid.indexOf(bestFixed);
    // The gap is the mean of the per-seed differences; its standard error over the seeds.
    const diffs = rs.map((r) => 100 * (r[key][g]! - r[key][grid.indexOf(r.chosen)]!));
    const { std } = summarize(diffs);
    return {
      chosenMean: chosenAcc,
      perGrid,
      bestFixed,
      bestStddev: grid[g]!,
      oracle,
      gapFixed: 100 * (bestFixed - chosenAcc),
      gapSE: std / Math.sqrt(diffs.length),
      gapOracle: 100 * (oracle - chosenAcc),
    };
  };
  const onTest = summary('test');
  const onFresh = fresh > 0 ? summary('fresh') : null;
  console.log('');
  console.log(`stddev  mean test acc${onFresh ? '  on fresh data' : ''}  times chosen by CV`);
  grid.forEach((a, g) => {
    const times = results.filter((r) => r.chosen === a).length;
    const freshCell = onFresh ? `  ${pct(onFresh.perGrid[g]!).padStart(12)}%` : '';
    console.log(
      `${String(a).padEnd(6)}  ${pct(onTest.perGrid[g]!).padStart(12)}%${freshCell}  ${times}`,
    );
  });
  const report = (s: ReturnType<typeof summary>, on: string) => {
    console.log(
      `CV-chosen stddev:                       ${pct(s.chosenMean)}% mean ${on} accuracy`,
    );
    console.log(
      `best single stddev of the grid on ${on}: ${pct(s.bestFixed)}% (stddev ${s.bestStddev}); gap ${s.gapFixed.toFixed(1)} points (SE ${s.gapSE.toFixed(1)} over the seeds)`,
    );
    console.log(
      `per-seed best of the grid on ${on}:      ${pct(s.oracle)}% (an oracle); gap ${s.gapOracle.toFixed(1)} points`,
    );
  };
  const verdict = (gap: number) => (gap <= 2 ? 'holds' : 'does NOT hold');
  report(onTest, 'test');
  console.log(
    `claim (CV choice within 2 points of the best stddev of the grid on test, mean over ${results.length} seeds): ${verdict(onTest.gapFixed)}`,
  );
  if (onFresh) {
    console.log(`the same on ${fresh} fresh points per seed:`);
    report(onFresh, 'fresh');
  }
  // With more than 10 seeds, the claim for each set of 10 consecutive seeds: how much a 10-seed
  // mean varies.
  if (results.length > 10) {
    console.log('each set of 10 seeds (the best stddev chosen on that set):');
    for (let i = 0; i + 10 <= results.length; i += 10) {
      const block = results.slice(i, i + 10);
      const t = summary('test', block);
      const f = onFresh ? summary('fresh', block) : null;
      console.log(
        `seeds ${block[0]!.seed}-${block[9]!.seed}: gap on test ${t.gapFixed.toFixed(1)} points ` +
          `(SE ${t.gapSE.toFixed(1)}): ${verdict(t.gapFixed)}` +
          (f ? `; on fresh data ${f.gapFixed.toFixed(1)} (SE ${f.gapSE.toFixed(1)})` : ''),
      );
    }
  }
  if (values.out) {
    writeFileSync(
      values.out,
      `${JSON.stringify({ grid, epochs, folds, repeats, builderOptions, backend, fresh, results, onTest, onFresh }, null, 2)}\n`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
