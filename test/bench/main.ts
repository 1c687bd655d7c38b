/**
 * Benchmarks of tfjs-noise against tfjs's own noise, measured in one run on each backend.
 *
 *   pnpm bench            # full run
 *   pnpm bench --quick    # CI smoke: fewer repetitions (no assertions on time)
 *   pnpm bench --out other/results.json
 *
 * Prints one table and writes bench/results.json at the repository root (or `--out`).
 * Every number is a median over repetitions; ratios compare runs made in the same process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tfn from 'tfjs-noise';

const quick = process.argv.includes('--quick');
const REPS = quick ? 5 : 15;
const STEPS = quick ? 5 : 20;
const SAMPLES = 1_000_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Milliseconds of one call of `f` (which returns a tensor it made), read back and disposed. */
function timeTensor(f: () => tf.Tensor): number {
  const t0 = performance.now();
  const x = f();
  x.dataSync();
  const ms = performance.now() - t0;
  x.dispose();
  return ms;
}

interface Row {
  backend: string;
  measure: string;
  value: number;
  unit: string;
}

function samplerRows(backend: string): Row[] {
  let step = 0;
  const ours = () => tfn.random.normal([SAMPLES], { seed: 1, stream: 0, step: step++ });
  const theirs = () => tf.randomNormal([SAMPLES]);
  for (let i = 0; i < 10; i++) {
    timeTensor(ours);
    timeTensor(theirs);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < REPS; i++) {
    a.push(timeTensor(ours));
    b.push(timeTensor(theirs));
  }
  const raw: number[] = [];
  const buf = new Float32Array(SAMPLES);
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    tfn.random.fillNormal(buf, { seed: 2, stream: 0, step: i });
    raw.push(performance.now() - t0);
  }
  const ms = median(a);
  const msTf = median(b);
  return [
    { backend, measure: 'tf.randomNormal 1M samples', value: msTf, unit: 'ms' },
    { backend, measure: 'tfn.random.normal 1M samples (tensor)', value: ms, unit: 'ms' },
    {
      backend,
      measure: 'tfn.random.fillNormal throughput',
      value: SAMPLES / median(raw) / 1e3,
      unit: 'M/s',
    },
    { backend, measure: 'sampler speed-up vs tf.randomNormal', value: msTf / ms, unit: 'x' },
  ];
}

type Placement = 'none' | 'jitter' | 'tfjs' | 'weight' | 'factorized';

/**
 * The 784-256-256-10 MLP. 'jitter' and 'tfjs': noise layers on the input and after both hidden
 * layers; 'weight' and 'factorized': WeightNoise on all three Dense layers.
 */
function mlp(noise: Placement): tf.Sequential {
  const model = tf.sequential();
  const addNoise = (inputShape?: number[]) => {
    const shape = inputShape ? { inputShape } : {};
    if (noise === 'jitter')
      model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1, ...shape }));
    if (noise === 'tfjs') model.add(tf.layers.gaussianNoise({ stddev: 0.1, ...shape }));
  };
  const dense = (args: Parameters<typeof tf.layers.dense>[0], seed: number) => {
    const layer = tf.layers.dense(args);
    if (noise !== 'weight' && noise !== 'factorized') return layer;
    const factorized = noise === 'factorized';
    return tfn.layers.weightNoise({
      layer,
      stddev: 0.05,
      factorized,
      seed,
      inputShape: args.inputShape,
    });
  };
  addNoise([784]);
  model.add(dense({ units: 256, activation: 'relu', inputShape: [784] }, 1));
  addNoise();
  model.add(dense({ units: 256, activation: 'relu' }, 2));
  addNoise();
  model.add(dense({ units: 10, activation: 'softmax' }, 3));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

async function stepRows(backend: string): Promise<Row[]> {
  const x = tfn.random.uniform([128, 784], { seed: 5, stream: 0, step: 0 });
  const y = tf.tidy(() => tf.oneHot(tf.cast(tf.mod(tf.range(0, 128), 10), 'int32'), 10));
  const placements: Placement[] = ['none', 'jitter', 'tfjs', 'weight', 'factorized'];
  const models = placements.map(mlp);
  const times: number[][] = placements.map(() => []);
  for (const m of models) for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
  // Interleave the variants so that drift in machine speed hits all of them alike.
  for (let round = 0; round < STEPS; round++) {
    for (const [i, m] of models.entries()) {
      const t0 = performance.now();
      await m.trainOnBatch(x, y);
      (times[i] as number[]).push(performance.now() - t0);
    }
  }
  const [clean, jitter, theirs, weight, factorized] = times.map(median) as number[] as [
    number,
    number,
    number,
    number,
    number,
  ];
  tf.dispose([x, y]);
  for (const m of models) m.dispose();
  return [
    { backend, measure: 'MLP 784-256-256-10 step, batch 128, clean', value: clean, unit: 'ms' },
    { backend, measure: 'step ratio GaussianJitter x3 / clean', value: jitter / clean, unit: 'x' },
    {
      backend,
      measure: 'step ratio tf.layers.gaussianNoise x3 / clean',
      value: theirs / clean,
      unit: 'x',
    },
    {
      backend,
      measure: 'step ratio WeightNoise on 3 Dense / clean',
      value: weight / clean,
      unit: 'x',
    },
    {
      backend,
      measure: 'step ratio WeightNoise factorized on 3 Dense / clean',
      value: factorized / clean,
      unit: 'x',
    },
  ];
}

async function main() {
  const rows: Row[] = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    rows.push(...samplerRows(backend), ...(await stepRows(backend)));
  }
  const header = `tfjs-noise bench${quick ? ' (quick)' : ''}: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), tfjs ${tf.version.tfjs}, medians of ${REPS} samples / ${STEPS} steps`;
  console.log(header);
  const w = Math.max(...rows.map((r) => r.measure.length));
  console.log(`${'backend'.padEnd(8)}${'measure'.padEnd(w + 2)}value`);
  for (const r of rows) {
    console.log(`${r.backend.padEnd(8)}${r.measure.padEnd(w + 2)}${r.value.toFixed(2)} ${r.unit}`);
  }
  const outFlag = process.argv.indexOf('--out');
  const out =
    outFlag >= 0
      ? resolve(process.argv[outFlag + 1] as string)
      : join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ header, quick, node: process.version, cores: availableParallelism(), rows }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
