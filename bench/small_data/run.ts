/**
 * One worker process of the suite: for each task and seed it is given, cross-validates every
 * noise setting (searchNoise, in-process), then trains every setting, the peers and the early
 * stopped variants on all training rows and scores them on the test rows. Writes one JSON line
 * per task and seed to `--out`. The cross-validation also scores every fold on corrupted held-out
 * rows (ROBUSTNESS), and every test-set score is also measured on corrupted copies of the test rows
 * (CORRUPTIONS); the combinations noise + L2 (COMBO_KINDS) are scored on test too.
 *
 *   node --import tsx run.ts --jobs circles:1,circles:2:large --out part.jsonl [--backend wasm]
 *     [--quick] [--repeats R] [--lean]
 *
 * A job is `task:seed` (the CLI's default model) or `task:seed:large` (200 units x 300 epochs).
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { type NoiseSetting, Standardizer, searchNoise } from '@tfjs-noise/tune';
import { kdeBandwidth, modelSeed, type Scores, trainAndEvaluate } from '@tfjs-noise/tune/blocks';
import { buildMlp } from '@tfjs-noise/tune/mlp';
import {
  COMBO_KINDS,
  COMBO_L2,
  CORRUPTIONS,
  CV,
  EARLY_STOPPING,
  LARGE_MODEL,
  MODEL,
  PEERS,
  QUICK,
  ROBUSTNESS,
  SETTINGS,
  testCorruptionSeed,
} from './grid';
import { type Table, taskNamed } from './tasks';

/** One test-set score of a setting trained on all training rows. */
export interface TestScore {
  kind: string;
  amount: number;
  earlyStopping: boolean;
  scores: Scores;
  /** The same model's scores on corrupted copies of the test rows, by label (CORRUPTIONS). */
  corrupted?: { [label: string]: Scores };
}

/** What a worker writes per task and seed. */
export interface RunRecord {
  task: string;
  seed: number;
  type: 'classification' | 'regression';
  trainRows: number;
  testRows: number;
  bandwidth: { silverman: number; likelihoodCv: number };
  folds: number;
  repeats: number;
  /** The model configuration (absent in records written before it was recorded: the default). */
  model?: { hiddenUnits: number; learningRate: number; epochs: number };
  cv: {
    kind: string;
    amount: number;
    metrics: { [m: string]: number[] };
    /** The same folds' models on corrupted held-out rows (`robustness`; absent before). */
    corrupted?: { [m: string]: number[] };
  }[];
  /** The corruption of the CV's corrupted scores (absent in records before it was run). */
  robustness?: { stddev: number; missing: number; draws?: number };
  /** Noise + L2 on the test set: kind `input+l2` / `weight+l2`, the noise's amount. */
  combos?: TestScore[];
  cvSeconds: number;
  test: TestScore[];
  seconds: number;
}

const { values } = parseArgs({
  options: {
    jobs: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    quick: { type: 'boolean', default: false },
    repeats: { type: 'string' },
    lean: { type: 'boolean', default: false },
  },
});
const quick = values.quick;
// --repeats R records R repeats of the CV (a rule is then analysed on the first r <= R repeats:
// repeat r's folds and models do not depend on how many repeats there are).
const cv = quick ? QUICK.cv : { ...CV, ...(values.repeats && { repeats: Number(values.repeats) }) };
// --lean: the test set scores the grid's settings only (no early-stopped variants, peers or
// combos): what the selection rules need, at a third of the cost.
const lean = values.lean;
const settings = quick ? QUICK.settings : SETTINGS;
const peers = quick ? QUICK.peers : PEERS;

tf.env().set('PROD', true);
if (!(await tf.setBackend(values.backend!))) throw new Error(`no backend ${values.backend}`);
await tf.ready();

for (const job of values.jobs!.split(',')) {
  const [name, seedText, size] = job.split(':');
  const model = quick ? QUICK.model : size === 'large' ? LARGE_MODEL : MODEL;
  const task = taskNamed(name!);
  const seed = Number(seedText);
  const start = performance.now();
  const { train, test } = task.resample(seed);
  const scaled = task.type === 'regression' ? scaleTargets(train, test) : { train, test };
  const numClasses = task.type === 'classification' ? Math.max(...train.y, ...test.y) + 1 : null;
  const result = await searchNoise(scaled.train, {
    task: task.type,
    grid: settings,
    // The suite's regularizers are in its grid (grid.ts), cross-validated and tested like noise.
    peers: [],
    builder: buildMlp,
    builderOptions: { hiddenUnits: model.hiddenUnits, learningRate: model.learningRate },
    folds: cv.folds,
    repeats: cv.repeats,
    epochs: model.epochs,
    seed,
    workers: 0,
    progress: 'none',
    robustness: ROBUSTNESS,
  });
  const cvSeconds = (performance.now() - start) / 1000;
  const context = {
    inputDim: train.x[0]!.length,
    outputUnits: numClasses !== null && numClasses > 2 ? numClasses : 1,
    task: task.type,
    numClasses,
    seed: modelSeed(seed, cv.folds, 0, -1),
    fold: -1,
    repeat: 0,
    options: { hiddenUnits: model.hiddenUnits, learningRate: model.learningRate },
  };
  // Every model is scored on the clean test rows and on the same corrupted copies (paired).
  const heldOut = [
    scaled.test,
    ...CORRUPTIONS.map((c) => ({
      ...scaled.test,
      corruption: {
        stddev: c.stddev,
        missing: c.missing,
        seed: testCorruptionSeed(task.name, seed, c.label),
      },
    })),
  ];
  const score = async (s: NoiseSetting, earlyStopping: boolean, l2 = 0): Promise<TestScore> => {
    const options = l2 > 0 ? { ...context.options, l2 } : context.options;
    const [scores, ...noisy] = await trainAndEvaluate(
      buildMlp,
      s,
      { ...context, options },
      scaled.train,
      heldOut,
      {
        epochs: model.epochs,
        batchSize: null,
        standardize: true,
        earlyStopping: earlyStopping ? EARLY_STOPPING : null,
      },
    );
    const corrupted = Object.fromEntries(CORRUPTIONS.map((c, i) => [c.label, noisy[i]!]));
    return { kind: s.kind, amount: s.amount, earlyStopping, scores: scores!, corrupted };
  };
  const testScores: TestScore[] = [];
  for (const s of settings) testScores.push(await score(s, false));
  for (const s of lean ? [] : settings) testScores.push(await score(s, true));
  for (const s of lean ? [] : peers) testScores.push(await score(s, false));
  const combos: TestScore[] = [];
  const comboSettings = lean ? [] : settings;
  for (const s of comboSettings.filter((s) => COMBO_KINDS.includes(s.kind) && s.amount > 0)) {
    const t = await score(s, false, COMBO_L2);
    combos.push({ ...t, kind: `${s.kind}+l2` });
  }
  const z = Standardizer.fit(train.x).transform(train.x);
  const record: RunRecord = {
    task: task.name,
    seed,
    type: task.type,
    trainRows: train.x.length,
    testRows: test.x.length,
    bandwidth: { silverman: kdeBandwidth(z, 'silverman'), likelihoodCv: kdeBandwidth(z) },
    folds: cv.folds,
    repeats: cv.repeats,
    model: { ...model },
    cv: result.rows.map((r) => ({
      kind: r.kind,
      amount: r.amount,
      metrics: r.metrics as never,
      ...(r.corrupted && { corrupted: r.corrupted.metrics as never }),
    })),
    robustness: { stddev: ROBUSTNESS.stddev, missing: 0, draws: result.robustness?.draws ?? 1 },
    cvSeconds,
    test: testScores,
    combos,
    seconds: (performance.now() - start) / 1000,
  };
  appendFileSync(values.out!, `${JSON.stringify(record)}\n`);
  process.stderr.write(`${task.name} seed ${seed}: ${record.seconds.toFixed(1)} s\n`);
}

/** Regression targets standardized with the training rows' mean and std (as the CLI does). */
function scaleTargets(train: Table, test: Table): { train: Table; test: Table } {
  const s = Standardizer.fit(train.y.map((v) => [v]));
  const f = (t: Table) => ({ x: t.x, y: s.transform(t.y.map((v) => [v])).map((r) => r[0]!) });
  return { train: f(train), test: f(test) };
}
