/**
 * The browser benchmark page (`gpu.html`), on the webgl or webgpu backend. In one run it measures
 * (see docs/performance.md, "In the browser"):
 *
 * a. noisy / clean training-step time of the MLP, conv net and LSTM of `pnpm bench`
 *    (bench/models.ts), for each placement, from models stepped in turn in this page
 *    (interleaved rounds, medians; bench/timing.ts): one `trainOnBatch` per sample, which
 *    returns after reading the loss with `await loss.data()`. WebGL and WebGPU run queued work in
 *    order and the optimizer's update is queued before that read, so the read waits for the
 *    whole step;
 * b. the speed of the samplers for 1e6 and 1e7 normals: the GPU sampler, the CPU sampler (made on
 *    the CPU, then uploaded) and `tf.randomNormal` (also made on the CPU), in ms per draw until the
 *    tensor is usable on the GPU, from blocks of draws that end by reading one element of the
 *    last (see `block`). Wall clock, not `tf.time`: its kernel times need GPU timer queries,
 *    which SwiftShader and many browsers lack, and would leave out the CPU work and the upload;
 * c. bytes uploaded per training step (page/uploads.ts counts them at the WebGL2 / WebGPU calls)
 *    with the GPU sampler and with the CPU sampler, on the warm models of (a), and the bytes of
 *    noise drawn per step (from `tf.profile`);
 * d. the device, the tfjs version, the backend and its float precision.
 *
 * The runner (bench/gpu/main.ts) calls `window.gpuBench.run(backend, settings)` and gets the
 * results as JSON. Opened by hand, `gpu.html?backend=webgl` (or `webgpu`; `&quick` for the smoke
 * settings, `&models=mlp,lstm`, `&rounds=N`, `&reps=N` as the runner's flags) runs by itself.
 * Either way the page shows the table when it is done.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/browser/pages/common';
import { installUploadCounter, uploadedBytes } from '@tfjs-noise/support/browser/pages/uploads';
import * as tfn from 'tfjs-noise';
import { type BenchModel, batch, MODELS, type Placement } from '../models';
import { cellsOf, median, stepTimes } from '../timing';
import {
  deviceNote,
  GPU_BENCH_BACKENDS,
  type GpuBenchBackend,
  type GpuBenchResult,
  type GpuBenchSettings,
  headerOf,
  NOISY,
  parseOverrides,
  rowsOf,
  type SamplerResult,
  type StepResult,
  settingsFor,
  type UploadResult,
} from './results';

// Before tfjs uploads anything.
installUploadCounter();

const status = document.createElement('p');
document.body.append(status);

const loaded = performance.now();

/** Progress, with the seconds since the page loaded: on the page, and in the console. */
function progress(message: string): void {
  const line = `${((performance.now() - loaded) / 1000).toFixed(1)} s: ${message}`;
  status.textContent = line;
  console.log(`[gpu bench] ${line}`);
}

function disposeModel(model: tf.LayersModel): void {
  model.optimizer?.dispose();
  model.dispose();
}

// ---------------------------------------------------------------------------------------------
// a. Step times: the clean model twice (the second is the control), then each placement.

/** The variants of each model, in the order they are built, stepped and counted. */
const KINDS: Placement[] = ['none', 'none', ...NOISY];

/** A model of models.ts at another batch size (named after it). */
function atBatch(m: BenchModel, size: number): BenchModel {
  return { ...m, name: m.name.replace(/ b\d+$/, ` b${size}`), input: [size, ...m.input.slice(1)] };
}

/**
 * Builds the variants on the cpu backend, then makes `backend` current again: the initializers
 * run there (the LSTM's orthogonal initializer is a Gram-Schmidt loop of some 10^5 small ops,
 * over a minute per model under SwiftShader's WebGPU), and the weights move to the GPU backend in
 * the first warm-up step.
 */
async function buildOnCpu(m: BenchModel, backend: string): Promise<tf.LayersModel[]> {
  await tf.setBackend('cpu');
  try {
    return KINDS.map((k) => m.build(k));
  } finally {
    await tf.setBackend(backend);
  }
}

async function stepRatios(
  m: BenchModel,
  models: tf.LayersModel[],
  data: [tf.Tensor, tf.Tensor],
  rounds: number,
  warmup: number,
): Promise<StepResult> {
  // minSampleMs 0: one step per sample (each step ends with the read of its loss).
  const times = await stepTimes(models, data[0], data[1], rounds, { warmup, minSampleMs: 0 });
  return { model: m.name, ms: KINDS.map((placement, i) => ({ placement, ms: times[i]! })) };
}

// ---------------------------------------------------------------------------------------------
// b. Sampler speed: ms per draw, until the tensor is usable on the GPU.

/** A block lasts at least this long (the draws in it: doubled from 1, at most MAX_DRAWS). */
const MIN_BLOCK_MS = 50;
const MAX_DRAWS = 1024;

/**
 * Milliseconds of `k` draws in a row. Each tensor is sliced to its last element, which uploads a
 * tensor made on the CPU (tfjs uploads lazily, at the first GPU op that reads it) and queues that
 * op after the sampler's shader; the block ends when the last slice has been read with
 * `await data()` (one value back). WebGL and WebGPU run queued work in order, so then every
 * draw of the block is on the GPU.
 */
async function block(draw: () => tf.Tensor, k: number): Promise<number> {
  const t0 = performance.now();
  let last: tf.Tensor | undefined;
  for (let i = 0; i < k; i++) {
    const x = draw();
    const s = tf.slice(x, [x.size - 1], [1]);
    x.dispose();
    if (i < k - 1) s.dispose();
    else last = s;
  }
  await last?.data();
  const ms = performance.now() - t0;
  last?.dispose();
  return ms;
}

async function samplerSpeed(n: number, reps: number): Promise<SamplerResult> {
  let step = 0;
  const key = () => ({ seed: 1, stream: 0, step: step++ });
  const draws: [gpuSampler: boolean, draw: () => tf.Tensor][] = [
    [true, () => tfn.random.normal([n], key())],
    [false, () => tfn.random.normal([n], key())],
    [true, () => tf.randomNormal([n])],
  ];
  const ks = draws.map(() => 1);
  const times: number[][] = draws.map(() => []);
  try {
    // Warm-up (shader compilation, texture pools), and the draws per block of each sampler.
    for (const [i, [gpu, draw]] of draws.entries()) {
      tfn.random.useGpuSampler(gpu);
      await block(draw, 1);
      while ((await block(draw, ks[i]!)) < MIN_BLOCK_MS && ks[i]! < MAX_DRAWS) ks[i]! *= 2;
    }
    // `reps` rounds, the samplers in turn, in an order that rotates every round.
    for (let round = 0; round < reps; round++) {
      for (let o = 0; o < draws.length; o++) {
        const i = (o + round) % draws.length;
        const [gpu, draw] = draws[i]!;
        tfn.random.useGpuSampler(gpu);
        times[i]!.push((await block(draw, ks[i]!)) / ks[i]!);
      }
    }
  } finally {
    tfn.random.useGpuSampler(true);
  }
  const [gpu, cpu, tfRandomNormal] = times.map(median) as [number, number, number];
  const [kGpu, kCpu, kTf] = ks as [number, number, number];
  return {
    n,
    gpu,
    cpu,
    tfRandomNormal,
    drawsPerBlock: { gpu: kGpu, cpu: kCpu, tfRandomNormal: kTf },
  };
}

// ---------------------------------------------------------------------------------------------
// c. Uploads per training step, and the noise drawn per step, on the models of (a), warm.

/** Bytes of noise drawn in one step: the outputs of tfjs-noise's sampler kernels (GPU on). */
async function noiseBytes(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const info = await tf.profile(async () => {
    await model.trainOnBatch(x, y);
  });
  let elements = 0;
  for (const k of info.kernels) {
    if (k.name !== 'TfnRandomNormal' && k.name !== 'TfnRandomUniform') continue;
    for (const shape of k.outputShapes) elements += shape.reduce((a, b) => a * b, 1);
  }
  return elements * 4;
}

async function uploadsOf(
  m: BenchModel,
  models: tf.LayersModel[],
  [x, y]: [tf.Tensor, tf.Tensor],
  steps: number,
): Promise<UploadResult[]> {
  /** Bytes uploaded per step, over `steps` steps. */
  const count = async (model: tf.LayersModel) => {
    const start = uploadedBytes();
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
    return (uploadedBytes() - start) / steps;
  };
  const out: UploadResult[] = [];
  let jitterNoise: number | null = null;
  for (const [i, placement] of KINDS.entries()) {
    if (i === 1) continue; // the second clean copy
    const model = models[i]!;
    const result = { model: m.name, placement, gpuSampler: await count(model) };
    if (placement === 'none' || placement === 'tfjs') {
      // tf.layers.gaussianNoise draws with tf.randomNormal: no tfjs-noise sampler involved.
      out.push({ ...result, cpuSampler: null, noise: placement === 'tfjs' ? jitterNoise : null });
      continue;
    }
    const noise = await noiseBytes(model, x, y);
    if (placement === 'jitter') jitterNoise = noise;
    tfn.random.useGpuSampler(false);
    try {
      await model.trainOnBatch(x, y); // one warm-up step with the CPU sampler
      out.push({ ...result, cpuSampler: await count(model), noise });
    } finally {
      tfn.random.useGpuSampler(true);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function run(backend: GpuBenchBackend, settings: GpuBenchSettings): Promise<GpuBenchResult> {
  if (!GPU_BENCH_BACKENDS.includes(backend)) {
    throw new Error(`backend must be webgl or webgpu, but got '${backend}'`);
  }
  const t0 = performance.now();
  const found = await useBackend(backend);
  tfn.random.useGpuSampler(false);
  const cpuSampler = tfn.random.activeSampler();
  tfn.random.useGpuSampler(true);
  const info = {
    backend,
    device: found.device,
    tfjs: tf.version.tfjs,
    tfjsNoise: tfn.version,
    floatPrecision: found.floatPrecision,
    sampler: tfn.random.activeSampler(),
    cpuSampler,
    userAgent: navigator.userAgent,
  };
  progress(`${backend}: ${info.device}, sampler ${info.sampler}`);
  const steps: StepResult[] = [];
  const uploads: UploadResult[] = [];
  for (const spec of settings.models) {
    const m = atBatch(MODELS[spec.key], spec.batch);
    progress(`${backend}: ${m.name}: building ${KINDS.length} models`);
    const models = await buildOnCpu(m, backend);
    const data = batch(m.input, m.classes);
    try {
      progress(`${backend}: ${m.name}: step times, ${spec.rounds} rounds`);
      steps.push(await stepRatios(m, models, data, spec.rounds, settings.warmup));
      progress(`${backend}: ${m.name}: uploads`);
      uploads.push(...(await uploadsOf(m, models, data, settings.uploadSteps)));
    } finally {
      for (const model of models) disposeModel(model);
      tf.dispose(data);
    }
  }
  const sampler: SamplerResult[] = [];
  for (const n of settings.sizes) {
    progress(`${backend}: samplers, ${n} normals`);
    sampler.push(await samplerSpeed(n, settings.reps));
  }
  const seconds = (performance.now() - t0) / 1000;
  return { info, settings, steps, sampler, uploads, seconds };
}

/** Shows the results on the page: the header lines and the table. */
function render(result: GpuBenchResult): void {
  const header = document.createElement('pre');
  const note = deviceNote(result.info.device);
  header.textContent = [...headerOf(result), ...(note ? [note] : [])].join('\n');
  const table = document.createElement('table');
  table.style.borderSpacing = '16px 2px';
  table.style.textAlign = 'left';
  const row = (cells: string[], tag: 'th' | 'td') => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const cell = document.createElement(tag);
      cell.textContent = c;
      tr.append(cell);
    }
    return tr;
  };
  table.append(row(['backend', 'measure', 'value', 'target'], 'th'));
  for (const r of rowsOf(result)) table.append(row(cellsOf(r), 'td'));
  status.textContent = 'done';
  document.body.append(header, table);
}

/** What the runner reads as `window.gpuBench`. */
export interface GpuBenchPage {
  /** Measures everything on `backend` (once per page: a page keeps its first backend). */
  run(backend: GpuBenchBackend, settings: GpuBenchSettings): Promise<GpuBenchResult>;
}

declare global {
  interface Window {
    gpuBench: GpuBenchPage;
  }
}

let started = false;
window.gpuBench = {
  async run(backend, settings) {
    if (started) throw new Error('the benchmark runs once per page: reload it first');
    started = true;
    const result = await run(backend, settings);
    render(result);
    return result;
  },
};

document.title = 'tfjs-noise browser benchmark';
const params = new URLSearchParams(location.search);
const asked = params.get('backend');
if (asked) {
  // Opened by hand: ?backend=webgl|webgpu, and optionally &quick, &models=mlp,lstm, &rounds=N,
  // &reps=N (as the runner's flags).
  const start = async () => {
    const overrides = parseOverrides((name) => params.get(name) ?? undefined);
    return window.gpuBench.run(
      asked as GpuBenchBackend,
      settingsFor(params.has('quick'), overrides),
    );
  };
  start().catch((e: unknown) => {
    status.textContent = `failed: ${e instanceof Error ? e.message : String(e)}`;
    console.error(e);
  });
} else {
  status.textContent =
    'Add ?backend=webgl or ?backend=webgpu to the address to run the benchmark (&quick: a short run).';
}
document.body.dataset.ready = 'true';
