/**
 * The GPU sampler page (`window.gpu`): draws from `tfn.random` on one backend and reports what the
 * test checks, in headless Chromium: the statistics of >= 1e6 samples, raw bits for comparison
 * with the reference generator, repeatability, training and resuming, and the bytes moved from the
 * CPU to the GPU, counted at the WebGL2 and WebGPU API calls that upload data.
 */
import * as tf from '@tensorflow/tfjs';
import {
  type BackendInfo,
  type BackendName,
  useBackend,
} from '@tfjs-noise/support/browser/pages/common';
import { installUploadCounter, uploadedBytes } from '@tfjs-noise/support/browser/pages/uploads';
import {
  correlation,
  edgeRms,
  ksStatistic,
  lagCorrelation,
  moments,
  normalCdf,
} from '@tfjs-noise/support/samples';
import * as tfn from 'tfjs-noise';
import { buildFourComponents, FEATURES } from '../../models/four_components';

installUploadCounter();

// ---------------------------------------------------------------------------------------------

const KEY = { seed: 12345, stream: 7, step: 3 };

async function floats(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Statistics of one GPU draw of n normals and n uniforms. */
export interface DistributionReport {
  n: number;
  normal: { mean: number; variance: number; ks: number; lag1: number; maxAbs: number };
  uniform: { mean: number; variance: number; ks: number; lag1: number; min: number; max: number };
  /** Correlation of the normal draw with the draw of the next step, stream, and seed. */
  nextStep: number;
  nextStream: number;
  nextSeed: number;
  /** Correlation between the uniform and the normal draw of the same key. */
  uniformVsNormal: number;
  /** A 2-D draw equals the flat one, reshaped. */
  shapedEqualsFlat: boolean;
  /** Tensors left over after all draws. */
  leaked: number;
}

function lag1(xs: Float32Array): number {
  return correlation(xs.subarray(0, xs.length - 1), xs.subarray(1));
}

async function distribution(n: number): Promise<DistributionReport> {
  const before = tf.memory().numTensors;
  const z = await floats(tfn.random.normal([n], KEY));
  const u = await floats(tfn.random.uniform([n], KEY));
  const zStep = await floats(tfn.random.normal([n], { ...KEY, step: KEY.step + 1 }));
  const zStream = await floats(tfn.random.normal([n], { ...KEY, stream: KEY.stream + 1 }));
  const zSeed = await floats(tfn.random.normal([n], { ...KEY, seed: KEY.seed + 1 }));
  const shaped = await floats(tfn.random.normal([n / 1000, 1000], KEY));
  const mz = moments(z);
  const mu = moments(u);
  let maxAbs = 0;
  for (const v of z) maxAbs = Math.max(maxAbs, Math.abs(v));
  return {
    n,
    normal: { ...mz, ks: ksStatistic(z, normalCdf), lag1: lag1(z), maxAbs },
    uniform: {
      ...mu,
      ks: ksStatistic(u, (x) => Math.min(1, Math.max(0, x))),
      lag1: lag1(u),
      min: u.reduce((a, b) => Math.min(a, b), 1),
      max: u.reduce((a, b) => Math.max(a, b), 0),
    },
    nextStep: correlation(z, zStep),
    nextStream: correlation(z, zStream),
    nextSeed: correlation(z, zSeed),
    uniformVsNormal: correlation(z, u),
    shapedEqualsFlat: shaped.every((v, i) => Object.is(v, z[i])),
    leaked: tf.memory().numTensors - before,
  };
}

/** The first n samples of a draw, as float32 bits (for comparison with the reference). */
async function bits(
  kind: 'normal' | 'uniform',
  n: number,
  key: tfn.random.NoiseKey,
  a?: number,
  b?: number,
): Promise<number[]> {
  const t =
    kind === 'normal' ? tfn.random.normal([n], key, a, b) : tfn.random.uniform([n], key, a, b);
  const data = await floats(t);
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

// ---------------------------------------------------------------------------------------------
// Training: the four components in one model (as test/e2e/resume.test.ts in Node on cpu).

const SAMPLES = 24;

function data(): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const x = tf.div(tf.reshape(tf.range(0, SAMPLES * FEATURES), [SAMPLES, FEATURES]), 96);
    return { x, y: tf.sin(tf.sum(x, 1, true)) };
  });
}

async function weightBits(model: tf.LayersModel): Promise<number[][]> {
  const out: number[][] = [];
  for (const w of model.getWeights()) {
    const d = (await w.data()) as Float32Array;
    out.push(Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length)));
  }
  return out;
}

/** One training run of `epochs` epochs from `initialEpoch`, with tensor counts per epoch. */
async function train(model: tf.LayersModel, epochs: number, initialEpoch = 0) {
  const { x, y } = data();
  const losses: number[] = [];
  const tensors: number[] = [];
  try {
    await model.fit(x, y, {
      epochs: initialEpoch + epochs,
      initialEpoch,
      batchSize: 8,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (_e, logs) => {
          losses.push(logs?.loss ?? Number.NaN);
          tensors.push(tf.memory().numTensors);
        },
      },
    });
  } finally {
    tf.dispose([x, y]);
  }
  return { losses, tensors };
}

const RESUME_URL = 'indexeddb://tfjs-noise-gpu-resume';

// ---------------------------------------------------------------------------------------------
// Uploads per training step, for one component at a time, with noise of 65,536 samples a step.

const WIDE = 1024;
const BATCH = 64;
const STEPS = 4;

type Component = 'gaussianJitter' | 'weightNoise' | 'noisyActivation' | 'annealedGradientNoise';

function buildWide(component: Component | 'clean'): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [WIDE] }));
  const kernelInitializer = tf.initializers.glorotUniform({ seed: 1 });
  if (component === 'gaussianJitter')
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1 }));
  if (component === 'noisyActivation') {
    model.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 1 }));
  }
  // 1024 x 64 = 65,536 weights: the weight noise and the gradient noise are that size.
  const dense = tf.layers.dense({ units: 64, kernelInitializer, useBias: false });
  model.add(
    component === 'weightNoise'
      ? tfn.layers.weightNoise({ layer: dense, stddev: 0.05, seed: 1 })
      : dense,
  );
  model.add(tf.layers.dense({ units: 1, kernelInitializer }));
  const sgd = tf.train.sgd(0.01);
  const optimizer =
    component === 'annealedGradientNoise'
      ? tfn.train.annealedGradientNoise(sgd, { eta: 0.01, seed: 1 })
      : sgd;
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** Bytes uploaded per training step of a model around `component` (after a warm-up epoch). */
async function uploadsPerStep(component: Component | 'clean'): Promise<number> {
  const model = buildWide(component);
  const x = tf.tidy(() =>
    tf.sin(tf.reshape(tf.range(0, BATCH * STEPS * WIDE), [BATCH * STEPS, WIDE])),
  );
  const y = tf.tidy(() => tf.mean(x, 1, true));
  const options = { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 as const };
  try {
    await model.fit(x, y, options); // compiles the shaders, uploads anything made once
    const start = uploadedBytes();
    await model.fit(x, y, options);
    return (uploadedBytes() - start) / STEPS;
  } finally {
    model.optimizer?.dispose();
    model.dispose();
    tf.dispose([x, y]);
  }
}

// ---------------------------------------------------------------------------------------------
// GaussianJitter's structured noise (correlationLength, noiseShape, snrDb) on this backend.

const FIELD = 64;

/** Statistics of a correlated field of `fields` 64 x 64 fields (stddev 0.5) for one length. */
export interface FieldReport {
  length: number;
  /** Lag-1 and lag-2 correlations (pooled, jackknife standard errors) along rows and columns. */
  lags: { d: number; axis: 'rows' | 'columns'; r: number; se: number }[];
  /** Root mean square of every entry, and of the entries in each field's outermost ring. */
  rms: number;
  edgeRms: number;
  /** Bytes uploaded by a second training call of the layer (its filters were made by the first). */
  uploads: number;
  /** Tensors left after the layer is disposed. */
  leaked: number;
}

async function field(length: number, fields: number): Promise<FieldReport> {
  const before = tf.memory().numTensors;
  const layer = tfn.layers.gaussianJitter({ stddev: 0.5, correlationLength: length, seed: 100 });
  const x = tf.zeros([fields, FIELD, FIELD, 1]);
  const values = await floats(layer.apply(x, { training: true }) as tf.Tensor);
  const start = uploadedBytes();
  const again = layer.apply(x, { training: true }) as tf.Tensor;
  const uploads = uploadedBytes() - start;
  await floats(again);
  x.dispose();
  layer.dispose();
  const lags = [1, 2].flatMap((d) =>
    (['rows', 'columns'] as const).map((axis) => ({
      d,
      axis,
      ...lagCorrelation(values, fields, FIELD, d, axis, Math.ceil(3 * length)),
    })),
  );
  let squares = 0;
  for (const v of values) squares += v * v;
  return {
    length,
    lags,
    rms: Math.sqrt(squares / values.length),
    edgeRms: edgeRms(values, fields, FIELD),
    uploads,
    leaked: tf.memory().numTensors - before,
  };
}

/** noiseShape and snrDb on this backend. */
export interface SharedSnrReport {
  /** [null, 1, 1, null] on [4, 8, 8, 3]: every value equals its example's and channel's first. */
  sharedExact: boolean;
  /** Distinct values of that noise (4 x 3 expected). */
  distinct: number;
  /** snrDb 20 on 200 signals of 32 x 32: the SNR averaged over examples (of the ratio, in dB). */
  snrDb: number;
  leaked: number;
}

async function sharedAndSnr(): Promise<SharedSnrReport> {
  const before = tf.memory().numTensors;
  const shared = tfn.layers.gaussianJitter({ stddev: 1, noiseShape: [null, 1, 1, null], seed: 1 });
  const zeros = tf.zeros([4, 8, 8, 3]);
  const v = await floats(shared.apply(zeros, { training: true }) as tf.Tensor);
  let sharedExact = true;
  for (let i = 0; i < v.length; i++) {
    const example = Math.floor(i / 192);
    if (v[i] !== v[example * 192 + (i % 3)]) sharedExact = false;
  }
  zeros.dispose();
  shared.dispose();
  const b = 200;
  const x = tf.tidy(() =>
    tf.mul(
      tf.add(tfn.random.uniform([b, 32, 32, 1], { seed: 9, stream: 1, step: 0 }, -1, 1), 0.3),
      tf.reshape(tf.linspace(0.1, 20, b), [b, 1, 1, 1]),
    ),
  );
  const snr = tfn.layers.gaussianJitter({ snrDb: 20, seed: 3 });
  const y = snr.apply(x, { training: true }) as tf.Tensor;
  const ratios = await floats(
    tf.tidy(() =>
      tf.div(tf.mean(tf.square(tf.sub(y, x)), [1, 2, 3]), tf.mean(tf.square(x), [1, 2, 3])),
    ),
  );
  tf.dispose([x, y]);
  snr.dispose();
  const mean = ratios.reduce((a, r) => a + r, 0) / b;
  return {
    sharedExact,
    distinct: new Set(v).size,
    snrDb: -10 * Math.log10(mean),
    leaked: tf.memory().numTensors - before,
  };
}

// ---------------------------------------------------------------------------------------------

/** What the test reads as `window.gpu`. */
export interface GpuPage {
  /** Chooses the backend (optionally WebGL 1) before anything else. */
  init(backend: BackendName, webglVersion?: 1 | 2): Promise<BackendInfo & { sampler: string }>;
  distribution(n: number): Promise<DistributionReport>;
  bits(
    kind: 'normal' | 'uniform',
    n: number,
    key: tfn.random.NoiseKey,
    a?: number,
    b?: number,
  ): Promise<number[]>;
  /** Bytes uploaded while drawing `n` normals (the draw is read back after the count). */
  drawUploads(n: number): Promise<number>;
  /** Trains the four-component model for `epochs` epochs from scratch; its weights' bits. */
  trainAll(epochs: number): Promise<{ weights: number[][]; losses: number[]; tensors: number[] }>;
  /** Trains `epochs` epochs and saves the model (with its optimizer) to IndexedDB. */
  trainAndSave(epochs: number): Promise<void>;
  /** Loads the saved model, trains it `epochs` more epochs from `initialEpoch`; its weights. */
  loadAndContinue(initialEpoch: number, epochs: number): Promise<number[][]>;
  /** Upload bytes per step of each component's model and of the clean one. */
  uploadsPerStep(components: (Component | 'clean')[]): Promise<Record<string, number>>;
  useGpuSampler(on: boolean): string;
  /** GaussianJitter's correlated field for each length, from `fields` 64 x 64 fields. */
  fields(lengths: number[], fields: number): Promise<FieldReport[]>;
  /** GaussianJitter's noiseShape and snrDb. */
  sharedAndSnr(): Promise<SharedSnrReport>;
}

declare global {
  interface Window {
    gpu: GpuPage;
  }
}

window.gpu = {
  async init(backend, webglVersion) {
    if (webglVersion) tf.env().set('WEBGL_VERSION', webglVersion);
    const info = await useBackend(backend);
    return { ...info, sampler: tfn.random.activeSampler() };
  },
  distribution,
  bits,
  async drawUploads(n) {
    const start = uploadedBytes();
    const t = tfn.random.normal([n], KEY);
    const moved = uploadedBytes() - start;
    await floats(t);
    return moved;
  },
  async trainAll(epochs) {
    const model = buildFourComponents();
    try {
      const run = await train(model, epochs);
      return { ...run, weights: await weightBits(model) };
    } finally {
      model.optimizer?.dispose();
      model.dispose();
    }
  },
  async trainAndSave(epochs) {
    const model = buildFourComponents();
    try {
      await train(model, epochs);
      await model.save(RESUME_URL, { includeOptimizer: true });
    } finally {
      model.optimizer?.dispose();
      model.dispose();
    }
  },
  async loadAndContinue(initialEpoch, epochs) {
    const model = await tf.loadLayersModel(RESUME_URL);
    try {
      await train(model, epochs, initialEpoch);
      return await weightBits(model);
    } finally {
      model.optimizer?.dispose();
      model.dispose();
    }
  },
  async uploadsPerStep(components) {
    const out: Record<string, number> = {};
    for (const c of components) out[c] = await uploadsPerStep(c);
    return out;
  },
  useGpuSampler(on) {
    tfn.random.useGpuSampler(on);
    return tfn.random.activeSampler();
  },
  async fields(lengths, fields) {
    const out: FieldReport[] = [];
    for (const l of lengths) out.push(await field(l, fields));
    return out;
  },
  sharedAndSnr,
};
document.body.dataset.ready = 'true';
