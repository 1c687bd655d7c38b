/**
 * The matrix page: every tfjs-noise component trained on one backend (`window.matrix`).
 * The test calls `init(backend)` first, so the backend is chosen before any model is built
 * (tfjs-layers caches its epsilon from the first backend it asks).
 */
import * as tf from '@tensorflow/tfjs';
import {
  type BackendInfo,
  type BackendName,
  type InputKind,
  idbUrl,
  inputs,
  inputValues,
  layersEpsilon,
  N,
  predictionBits,
  useBackend,
} from '@tfjs-noise/support/browser/pages/common';
import * as tfn from 'tfjs-noise';

const EPOCHS = 4;
const BATCH_SIZE = 16;
const BATCHES = EPOCHS * (N / BATCH_SIZE);

/** One component under test: a small model built around it, and how to train it. */
interface Case {
  name: string;
  input: InputKind;
  task: 'classification' | 'regression';
  /** The model, compiled. */
  build(): { model: tf.LayersModel; extra?: () => Record<string, number | number[]> };
  /** Batch size (default BATCH_SIZE). */
  batchSize?: number;
  /** Callbacks for `fit` (the schedule case). */
  callbacks?: () => tf.CustomCallbackArgs | tf.Callback[];
  /**
   * Whether a training-mode forward pass must differ from `predict` (the noise is in the
   * layers); false when the noise is in the optimizer or the loss.
   */
  noisyForward: boolean;
  /** False for paper-mode NoisyActivation: `stripNoise` keeps it, so plain tfjs cannot load it. */
  strippable: boolean;
}

const dense = (units: number, activation: 'relu' | 'sigmoid' | 'linear' | 'tanh', seed: number) =>
  tf.layers.dense({
    units,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: 'zeros',
  });

/** A Sequential model: input, the given body, a sigmoid (or linear) output; Adam 0.03. */
function sequential(
  input: InputKind,
  body: tf.layers.Layer[],
  head: tf.layers.Layer,
  optimizer: tf.Optimizer | string = tf.train.adam(0.03),
  loss: string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) = 'binaryCrossentropy',
): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: input === 'flat' ? [2] : [6, 1] }));
  for (const layer of body) model.add(layer);
  model.add(head);
  model.compile({ optimizer, loss });
  return model;
}

const out = (activation: 'sigmoid' | 'linear' = 'sigmoid') => dense(1, activation, 99);

/**
 * The usual case: noise layers in a classifier (`body` between the input and the sigmoid
 * output), whose training-mode forward pass is noisy and which stripNoise can flatten.
 */
function layerCase(
  name: string,
  input: InputKind,
  body: () => tf.layers.Layer[],
  extra: Partial<Case> = {},
): Case {
  return {
    name,
    input,
    task: 'classification',
    noisyForward: true,
    strippable: true,
    build: () => ({ model: sequential(input, body(), out()) }),
    ...extra,
  };
}

/** Every component, each in its own small model. */
export const CASES: Case[] = [
  layerCase('gaussianJitter-additive', 'flat', () => [
    tfn.layers.gaussianJitter({ stddev: 0.2, seed: 1 }),
    dense(16, 'relu', 1),
  ]),
  layerCase('gaussianJitter-multiplicative', 'flat', () => [
    dense(16, 'relu', 2),
    tfn.layers.gaussianJitter({ stddev: 0.3, mode: 'multiplicative', seed: 2 }),
  ]),
  layerCase('weightNoise-dense-independent', 'flat', () => [
    tfn.layers.weightNoise({ layer: dense(16, 'relu', 3), stddev: 0.1, seed: 3 }),
  ]),
  layerCase('weightNoise-dense-factorized', 'flat', () => [
    tfn.layers.weightNoise({
      layer: dense(16, 'relu', 4),
      stddev: 0.1,
      factorized: true,
      perturbBias: true,
      seed: 4,
    }),
  ]),
  layerCase('weightNoise-dense-learnable', 'flat', () => [
    tfn.layers.weightNoise({
      layer: dense(16, 'relu', 5),
      factorized: true,
      learnableScale: true,
      seed: 5,
    }),
  ]),
  // One batch per epoch: tfjs's simpleRNN takes seconds per batch on SwiftShader's WebGPU.
  layerCase(
    'weightNoise-simpleRNN',
    'sequence',
    () => [
      tfn.layers.weightNoise({
        layer: tf.layers.simpleRNN({
          units: 8,
          kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }),
          recurrentInitializer: tf.initializers.glorotUniform({ seed: 7 }),
        }),
        stddev: 0.1,
        seed: 6,
      }),
    ],
    { batchSize: N },
  ),
  layerCase('weightNoise-conv1d', 'sequence', () => [
    tfn.layers.weightNoise({
      layer: tf.layers.conv1d({
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }),
      }),
      stddev: 0.1,
      seed: 8,
    }),
    tf.layers.flatten(),
  ]),
  layerCase('noisyActivation-plain', 'flat', () => [
    dense(16, 'linear', 9),
    tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.3, seed: 9 }),
  ]),
  {
    name: 'noisyActivation-paper',
    input: 'flat',
    task: 'classification',
    // Paper mode adds noise only where the unit saturates; the inputs are too small for that.
    noisyForward: false,
    strippable: false,
    build: () => ({
      model: sequential(
        'flat',
        [dense(16, 'linear', 10), tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 10 })],
        out(),
      ),
    }),
  },
  {
    name: 'annealedGradientNoise',
    input: 'flat',
    task: 'classification',
    noisyForward: false,
    strippable: true,
    build: () => {
      const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.03), {
        eta: 0.01,
        gamma: 0.55,
        seed: 11,
      });
      const model = sequential('flat', [dense(16, 'relu', 11)], out(), optimizer);
      return {
        model,
        extra: () => ({
          noiseStddev: optimizer.noiseStddev,
          expectedStddev: tfn.train.annealedStddev({ eta: 0.01, gamma: 0.55, step: BATCHES }),
          iterations: optimizer.iterations,
        }),
      };
    },
  },
  {
    name: 'noiseSchedule',
    input: 'flat',
    task: 'classification',
    noisyForward: true,
    strippable: true,
    build: () => {
      const model = sequential(
        'flat',
        [
          tfn.layers.gaussianJitter({ stddev: 0.3, seed: 12, name: 'jitter' }),
          tfn.layers.weightNoise({ layer: dense(16, 'relu', 12), stddev: 0.1, seed: 13 }),
        ],
        out(),
      );
      const jitter = model.getLayer('jitter') as tfn.GaussianJitter;
      return { model, extra: () => ({ jitterStddev: jitter.stddev as number }) };
    },
    callbacks: () => [
      tfn.callbacks.noiseSchedule({
        schedule: tfn.schedules.linear({ from: 0.3, to: 0, steps: BATCHES }),
        per: 'batch',
      }),
    ],
  },
  {
    name: 'targets-labelSmoothing',
    input: 'flat',
    task: 'classification',
    noisyForward: false,
    strippable: true,
    build: () => {
      const noise = tfn.targets.labelSmoothing({ eps: 0.1, seed: 14 });
      // 'adam' by name: tfjs-layers builds it with its (cached) epsilon.
      const model = sequential(
        'flat',
        [dense(16, 'relu', 14)],
        out(),
        'adam',
        noise.loss('binaryCrossentropy'),
      );
      return { model, extra: () => ({ targetSteps: noise.step }) };
    },
  },
  {
    name: 'targets-gaussian',
    input: 'flat',
    task: 'regression',
    noisyForward: false,
    strippable: true,
    build: () => {
      const noise = tfn.targets.gaussian({ stddev: 0.1, seed: 15 });
      const model = sequential(
        'flat',
        [dense(16, 'tanh', 15)],
        out('linear'),
        tf.train.adam(0.03),
        noise.loss('meanSquaredError'),
      );
      return { model, extra: () => ({ targetSteps: noise.step }) };
    },
  },
];

/** Targets of a case: a rule of the inputs (a linear boundary, or a linear function). */
function targets(c: Case): tf.Tensor2D {
  const { values } = inputValues(c.input);
  const width = values.length / N;
  const y = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const row = values.subarray(i * width, (i + 1) * width);
    const s =
      width === 2
        ? (row[0] as number) + 0.5 * (row[1] as number)
        : row.reduce((a, b, j) => a + b * (j + 1), 0);
    y[i] = c.task === 'classification' ? (s > 0 ? 1 : 0) : s;
  }
  return tf.tensor2d(y, [N, 1]);
}

/** What one case reports. */
export interface CaseResult {
  name: string;
  input: InputKind;
  strippable: boolean;
  /** Epochs and training batches. */
  epochs: number;
  batches: number;
  /** Loss at the end of each epoch. */
  losses: number[];
  /** `tf.memory().numTensors` at the end of each epoch. */
  tensors: number[];
  /** Bits of the predictions after training, and of the stripped copy's in this page. */
  predictions: number[];
  strippedPredictions: number[];
  /** Whether a training-mode forward pass differed from `predict` (null: not checked). */
  forwardDiffers: boolean | null;
  /** Layer classes of the model and of its stripped copy. */
  classes: string[];
  strippedClasses: string[];
  /** `noise_stddev` logged by the schedule callback, per epoch (schedule case). */
  scheduled?: number[];
  extra: Record<string, number | number[]>;
  /** Seconds from the start of the case to the end of each epoch, and to the end of the case. */
  epochSeconds: number[];
  seconds: number;
}

/** Trains, checks and saves one case. Everything it makes is disposed before it returns. */
async function runCase(c: Case): Promise<CaseResult> {
  const started = performance.now();
  const x = inputs(c.input);
  const y = targets(c);
  const { model, extra } = c.build();
  const losses: number[] = [];
  const tensors: number[] = [];
  const epochSeconds: number[] = [];
  try {
    const recorder = new tf.CustomCallback({
      onEpochEnd: async (_epoch, logs) => {
        losses.push(logs?.loss ?? Number.NaN);
        tensors.push(tf.memory().numTensors);
        epochSeconds.push((performance.now() - started) / 1000);
      },
    });
    const history = await model.fit(x, y, {
      epochs: EPOCHS,
      batchSize: c.batchSize ?? BATCH_SIZE,
      shuffle: false,
      verbose: 0,
      callbacks: [recorder, ...((c.callbacks?.() as tf.Callback[] | undefined) ?? [])],
    });
    let forwardDiffers: boolean | null = null;
    if (c.noisyForward) {
      const [a, b] = tf.tidy(() => [
        model.predict(x) as tf.Tensor,
        model.apply(x, { training: true }) as tf.Tensor,
      ]);
      const [pa, pb] = [await a!.data(), await b!.data()];
      forwardDiffers = pa.some((v, i) => v !== pb[i]);
      tf.dispose([a!, b!]);
    }
    const predictions = await predictionBits(model, x);
    await model.save(idbUrl(c.name, false));
    const stripped = tfn.stripNoise(model);
    let strippedPredictions: number[];
    try {
      strippedPredictions = await predictionBits(stripped, x);
      await stripped.save(idbUrl(c.name, true));
    } finally {
      stripped.dispose();
    }
    const scheduled = history.history.noise_stddev as number[] | undefined;
    return {
      name: c.name,
      input: c.input,
      epochs: EPOCHS,
      batches: EPOCHS * Math.ceil(N / (c.batchSize ?? BATCH_SIZE)),
      strippable: c.strippable,
      losses,
      tensors,
      predictions,
      strippedPredictions,
      forwardDiffers,
      classes: model.layers.map((l) => l.getClassName()),
      strippedClasses: [],
      ...(scheduled ? { scheduled } : {}),
      extra: extra?.() ?? {},
      epochSeconds,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.optimizer?.dispose();
    model.dispose();
    tf.dispose([x, y]);
  }
}

/** Layer classes of the stripped copy, read back from IndexedDB's model topology. */
async function strippedClasses(name: string): Promise<string[]> {
  const models = await tf.io.listModels();
  if (!(idbUrl(name, true) in models)) return [];
  const handler = tf.io.getLoadHandlers(idbUrl(name, true))[0];
  const artifacts = await handler?.load?.();
  const topology = artifacts?.modelTopology as
    | { config?: { layers?: { class_name: string }[] } }
    | undefined;
  return (topology?.config?.layers ?? []).map((l) => l.class_name);
}

/** What the test reads as `window.matrix`. */
export interface MatrixPage {
  /** Chooses the backend; call before anything else. Also says which sampler draws the noise. */
  init(backend: BackendName): Promise<BackendInfo & { sampler: tfn.random.SamplerKind }>;
  /** Names of the cases. */
  cases(): string[];
  /** Trains, checks and saves the named cases. */
  train(names: string[]): Promise<CaseResult[]>;
  /** Loads each named case's saved (noisy) model from IndexedDB and predicts. */
  reload(names: string[]): Promise<{ name: string; predictions: number[]; classes: string[] }[]>;
  /**
   * Switches to another backend after `init` (what a page should not do once it has used
   * tfjs-layers): the backend's epsilon and the one tfjs-layers keeps using.
   */
  switchBackend(backend: BackendName): Promise<{ epsilon: number; layersEpsilon: number }>;
}

declare global {
  interface Window {
    matrix: MatrixPage;
  }
}

window.matrix = {
  init: async (backend) => ({
    ...(await useBackend(backend)),
    sampler: tfn.random.activeSampler(),
  }),
  cases: () => CASES.map((c) => c.name),
  async train(names) {
    const results: CaseResult[] = [];
    for (const name of names) {
      const c = CASES.find((k) => k.name === name);
      if (!c) throw new Error(`no case ${name}`);
      const result = await runCase(c);
      result.strippedClasses = await strippedClasses(name);
      results.push(result);
    }
    return results;
  },
  async reload(names) {
    const results = [];
    for (const name of names) {
      const c = CASES.find((k) => k.name === name);
      if (!c) throw new Error(`no case ${name}`);
      const model = await tf.loadLayersModel(idbUrl(name, false));
      const x = inputs(c.input);
      try {
        results.push({
          name,
          predictions: await predictionBits(model, x),
          classes: model.layers.map((l) => l.getClassName()),
        });
      } finally {
        model.dispose();
        x.dispose();
      }
    }
    return results;
  },
  async switchBackend(backend) {
    if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
    return { epsilon: tf.backend().epsilon(), layersEpsilon: await layersEpsilon() };
  },
};
document.body.dataset.ready = 'true';
