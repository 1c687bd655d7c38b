/**
 * The filter gradient of conv2d on wasm (the kernel tfjs-noise registers there, built from
 * wasm's own Conv2D) against cpu's kernel, on the conv net's shapes of the benchmarks
 * (bench/models.ts), measured in one run and one process:
 *
 *   pnpm bench:conv            # about 2 minutes on 2 cores
 *   pnpm bench:conv --quick    # smoke run used by the tests: the first convolution and the
 *                              # step, one sample each (no assertions on time)
 *   pnpm bench:conv --jitter   # the second table only (a few seconds: for a quiet moment)
 *
 * For each convolution: cpu's filter-gradient time, wasm's, their ratio, and wasm's forward
 * convolution of the same shapes beside it; then one training step of the whole conv net on each
 * backend. A second table: the conv net's training step on wasm with GaussianJitter on its input
 * `[32, 28, 28, 1]` drawn i.i.d., as a correlated field (`correlationLength` 1, 2, 4), shared
 * across the spatial axes (`noiseShape [null, 1, 1, null]`) and at an SNR (`snrDb` 10), each
 * against the i.i.d. step, measured in turn in one run. Medians of samples taken in turn (cpu,
 * wasm, cpu, ...), each sample long enough (>= 20 ms) that the timer's resolution does not
 * matter. Nothing is written. An unknown flag is a one-line error (exit 2) before anything runs.
 */
import { availableParallelism, cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { parseFlagsOrExit, runScript } from '@tfjs-noise/support/flags';
import '@tensorflow/tfjs-backend-wasm';
import * as tfn from 'tfjs-noise';
import { batch, convnet } from './models';
import { median, stepTimes } from './timing';

const { quick, jitter: jitterOnly } = parseFlagsOrExit('bench:conv', {
  quick: { type: 'boolean' },
  jitter: { type: 'boolean' },
});
const ROUNDS = quick ? 1 : 15;
const MIN_SAMPLE_MS = quick ? 1 : 20;
const BACKENDS = ['cpu', 'wasm'] as const;

type Shape4 = [number, number, number, number];

interface Conv {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number;
  pad: 'same' | 'valid';
}

/** The conv net's two convolutions (bench/models.ts, batch 32), and a strided one. */
const CONVS: Conv[] = [
  {
    name: '[32,28,28,1] -> 8 3x3 valid',
    x: [32, 28, 28, 1],
    filter: [3, 3, 1, 8],
    strides: 1,
    pad: 'valid',
  },
  {
    name: '[32,13,13,8] -> 16 3x3 valid',
    x: [32, 13, 13, 8],
    filter: [3, 3, 8, 16],
    strides: 1,
    pad: 'valid',
  },
  {
    name: '[32,28,28,8] -> 16 3x3 same s2',
    x: [32, 28, 28, 8],
    filter: [3, 3, 8, 16],
    strides: 2,
    pad: 'same',
  },
];

/** Milliseconds per call of `f` (which returns a tensor it made), over `k` calls. */
function perCall(f: () => tf.Tensor, k: number): number {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) f().dispose();
  return (performance.now() - t0) / k;
}

/**
 * Median ms per call of each `(backend, f)` pair, sampled in turn round after round; `k` calls
 * per sample, chosen after a warm-up so that a sample lasts at least MIN_SAMPLE_MS.
 */
async function interleaved(jobs: [backend: string, f: () => tf.Tensor][]): Promise<number[]> {
  const ks: number[] = [];
  for (const [backend, f] of jobs) {
    await tf.setBackend(backend);
    perCall(f, 2);
    ks.push(Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(perCall(f, 1), 1e-3))));
  }
  const samples: number[][] = jobs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [backend, f]] of jobs.entries()) {
      await tf.setBackend(backend);
      (samples[i] as number[]).push(perCall(f, ks[i] as number));
    }
  }
  return samples.map(median);
}

/** Deterministic inputs, made on the current backend. */
const uniform = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

async function convRow(c: Conv): Promise<string[]> {
  const made: Record<string, { x: tf.Tensor4D; w: tf.Tensor4D; dy: tf.Tensor4D }> = {};
  for (const backend of BACKENDS) {
    await tf.setBackend(backend);
    const x = uniform(c.x, 1) as tf.Tensor4D;
    const w = uniform(c.filter, 2) as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.strides, c.pad);
    const dy = uniform(y.shape, 3) as tf.Tensor4D;
    y.dispose();
    made[backend] = { x, w, dy };
  }
  // What the gradient of conv2d runs for the filter (tfjs exports no op for it).
  const filterGrad = (backend: string) => () => {
    const { x, dy } = made[backend] as { x: tf.Tensor4D; dy: tf.Tensor4D };
    return tf
      .engine()
      .runKernel(
        'Conv2DBackpropFilter',
        { x, dy },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter },
      ) as tf.Tensor;
  };
  const forward = () => {
    const { x, w } = made.wasm as { x: tf.Tensor4D; w: tf.Tensor4D };
    return tf.conv2d(x, w, c.strides, c.pad);
  };
  const [cpu, wasm, wasmForward] = (await interleaved([
    ['cpu', filterGrad('cpu')],
    ['wasm', filterGrad('wasm')],
    ['wasm', forward],
  ])) as [number, number, number];
  for (const t of Object.values(made)) tf.dispose([t.x, t.w, t.dy]);
  return [
    c.name,
    cpu.toFixed(2),
    wasm.toFixed(2),
    `${(cpu / wasm).toFixed(1)} x`,
    wasmForward.toFixed(2),
    `${(wasm / wasmForward).toFixed(1)} x`,
  ];
}

/** One training step (trainOnBatch, batch 32) of the clean conv net on each backend. */
async function stepRow(): Promise<string[]> {
  const ms: number[] = [];
  for (const backend of BACKENDS) {
    await tf.setBackend(backend);
    const model = convnet('none');
    const [x, y] = batch([32, 28, 28, 1], 10);
    const [t] = await stepTimes([model], x, y, quick ? 1 : 5, { warmup: 1 });
    ms.push(t as number);
    model.dispose();
    tf.dispose([x, y]);
  }
  const [cpu, wasm] = ms as [number, number];
  return [
    'conv net training step (b32)',
    cpu.toFixed(2),
    wasm.toFixed(2),
    `${(cpu / wasm).toFixed(1)} x`,
    '',
    '',
  ];
}

/** The conv net of bench/models.ts with a GaussianJitter of `args` on its input. */
function jitteredConvnet(args: Partial<tfn.GaussianJitterArgs>): tf.Sequential {
  const model = tf.sequential();
  model.add(tfn.layers.gaussianJitter({ inputShape: [28, 28, 1], seed: 1, ...args }));
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** Training steps on wasm with structured input noise, each against the i.i.d. jitter's step. */
async function jitterRows(): Promise<string[][]> {
  await tf.setBackend('wasm');
  const arms: [string, Partial<tfn.GaussianJitterArgs>][] = [
    ['i.i.d. stddev 0.1', { stddev: 0.1 }],
    ['correlationLength 1', { stddev: 0.1, correlationLength: 1 }],
    ['correlationLength 2', { stddev: 0.1, correlationLength: 2 }],
    ['correlationLength 4', { stddev: 0.1, correlationLength: 4 }],
    ['noiseShape [null,1,1,null]', { stddev: 0.1, noiseShape: [null, 1, 1, null] }],
    ['snrDb 10', { snrDb: 10 }],
  ];
  const models = arms.map(([, args]) => jitteredConvnet(args));
  const [x, y] = batch([32, 28, 28, 1], 10);
  const ms = await stepTimes(models, x, y, ROUNDS, { warmup: 2 });
  for (const m of models) m.dispose();
  tf.dispose([x, y]);
  const iid = ms[0] as number;
  return arms.map(([name], i) => [
    name,
    (ms[i] as number).toFixed(2),
    `${((ms[i] as number) / iid).toFixed(2)} x`,
  ]);
}

function table(
  rows: string[][],
  header = [
    'conv2d filter gradient',
    'cpu ms',
    'wasm ms',
    'cpu/wasm',
    'wasm fwd ms',
    'wasm grad/fwd',
  ],
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] as string).length)));
  return all.map((r) =>
    r
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number),
      )
      .join('  ')
      .trimEnd(),
  );
}

async function main() {
  console.log(
    `tfjs-noise conv gradient bench${quick ? ' (quick)' : ''}: node ${process.version}, ` +
      `${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), tfjs ${tf.version.tfjs}; ` +
      `medians of ${ROUNDS} samples per cell`,
  );
  if (!jitterOnly) {
    const rows: string[][] = [];
    for (const c of quick ? CONVS.slice(0, 1) : CONVS) rows.push(await convRow(c));
    rows.push(await stepRow());
    for (const line of table(rows)) console.log(line);
    console.log('');
  }
  const jitter = await jitterRows();
  for (const line of table(jitter, ['wasm conv net step, input jitter (b32)', 'ms', 'vs i.i.d.'])) {
    console.log(line);
  }
}

runScript('bench:conv', main);
