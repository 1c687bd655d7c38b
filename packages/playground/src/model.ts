/**
 * The two networks of the playground: the same MLP with the same seeded initial weights, once
 * clean and once with the chosen tfjs-noise components.
 */
import * as tf from '@tensorflow/tfjs';
import { type MlpNoiseKind, NOISE_KINDS } from '@tfjs-noise/tune/kinds';
import * as tfn from 'tfjs-noise';
import { noiseComponentOf } from 'tfjs-noise/extend';
import type { Task } from './data';

/**
 * What a noise kind adds to the playground's MLP (each part optional, each given the amount and
 * a seed of its own): a layer after the input, a wrapper of every Dense layer, a layer that
 * applies every hidden activation (the Dense before it is then linear), a layer after every
 * hidden layer, a wrapper of the optimizer.
 */
interface KindParts {
  input?(amount: number, seed: number): tf.layers.Layer;
  dense?(dense: tf.layers.Layer, amount: number, seed: number): tf.layers.Layer;
  activation?(activation: 'relu' | 'tanh', amount: number, seed: number): tf.layers.Layer;
  afterHidden?(amount: number, seed: number): tf.layers.Layer;
  optimizer?(optimizer: tf.Optimizer, amount: number, seed: number): tf.Optimizer;
}

/**
 * How the playground applies each noise kind of the registry (`@tfjs-noise/tune/kinds`); the
 * page shows a slider for each kind that has an entry here, with the registry's name, tooltip
 * and range.
 */
const KIND_PARTS: { readonly [K in MlpNoiseKind]?: KindParts } = {
  input: { input: (stddev, seed) => tfn.layers.gaussianJitter({ stddev, seed }) },
  weight: { dense: (layer, stddev, seed) => tfn.layers.weightNoise({ layer, stddev, seed }) },
  activation: { afterHidden: (stddev, seed) => tfn.layers.gaussianJitter({ stddev, seed }) },
  preactivation: {
    activation: (activation, stddev, seed) =>
      tfn.layers.noisyActivation({ activation, stddev, seed }),
  },
  gradient: {
    optimizer: (optimizer, eta, seed) =>
      tfn.train.annealedGradientNoise(optimizer, { eta, gamma: 0.55, seed }),
  },
};

/** The noise kinds of the page: those of the registry that the playground applies, in its order. */
export const PLAYGROUND_KINDS: readonly MlpNoiseKind[] = NOISE_KINDS.filter(
  (kind) => KIND_PARTS[kind] !== undefined,
);

/** Noise amounts by kind; 0 (or a kind left out) turns a kind off. */
export type NoiseSettings = { [K in MlpNoiseKind]?: number };

/** Every kind of the page off. */
export const NO_NOISE: NoiseSettings = Object.fromEntries(PLAYGROUND_KINDS.map((k) => [k, 0]));

export interface ModelSpec {
  task: Task;
  inputDim: 1 | 2;
  hiddenLayers: number;
  units: number;
  activation: 'relu' | 'tanh';
  learningRate: number;
  seed: number;
}

/**
 * Builds and compiles the MLP. Every Dense layer gets a seeded Glorot initializer that depends
 * only on `spec.seed` and its position, so the clean and the noisy network start from the same
 * weights; each noise layer gets its own seed, so no two layers draw the same noise.
 */
export function buildModel(spec: ModelSpec, noise: NoiseSettings): tf.Sequential {
  const { seed } = spec;
  let noiseSeed = seed * 1000 + 1;
  const nextNoiseSeed = () => noiseSeed++;
  // The parts of the kinds turned on, with their amounts.
  const on = PLAYGROUND_KINDS.flatMap((kind) => {
    const amount = noise[kind] ?? 0;
    const parts = KIND_PARTS[kind];
    return amount > 0 && parts ? [{ parts, amount }] : [];
  });
  const dense = (units: number, activation: 'relu' | 'tanh' | 'linear' | 'sigmoid', i: number) => {
    let layer: tf.layers.Layer = tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 100 + i }),
      biasInitializer: 'zeros',
    });
    for (const { parts, amount } of on) {
      if (parts.dense) layer = parts.dense(layer, amount, nextNoiseSeed());
    }
    return layer;
  };

  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [spec.inputDim] }));
  for (const { parts, amount } of on) {
    if (parts.input) model.add(parts.input(amount, nextNoiseSeed()));
  }
  for (let i = 0; i < spec.hiddenLayers; i++) {
    const applies = on.find(({ parts }) => parts.activation);
    model.add(dense(spec.units, applies ? 'linear' : spec.activation, i));
    if (applies?.parts.activation) {
      model.add(applies.parts.activation(spec.activation, applies.amount, nextNoiseSeed()));
    }
    for (const { parts, amount } of on) {
      if (parts.afterHidden) model.add(parts.afterHidden(amount, nextNoiseSeed()));
    }
  }
  const classification = spec.task === 'classification';
  model.add(dense(1, classification ? 'sigmoid' : 'linear', spec.hiddenLayers));

  let optimizer: tf.Optimizer = tf.train.adam(spec.learningRate);
  for (const { parts, amount } of on) {
    if (parts.optimizer) optimizer = parts.optimizer(optimizer, amount, nextNoiseSeed());
  }
  model.compile({
    optimizer,
    loss: classification ? 'binaryCrossentropy' : 'meanSquaredError',
  });
  return model;
}

/** The layer classes of a model, for display: `GaussianJitter > Dense(relu) > ...`. */
export function describeModel(model: tf.LayersModel): string {
  return model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer')
    .map((layer) => {
      const name = layer.getClassName();
      // A wrapper (WeightNoise) is shown with the layer it wraps, read from its declaration.
      const inner = noiseComponentOf(layer)?.wrapped?.(layer);
      if (inner) return `${name}(${inner.getClassName()})`;
      const { activation } = layer.getConfig() as { activation?: string };
      return typeof activation === 'string' ? `${name}(${activation})` : name;
    })
    .join(' › ');
}

/** Mean loss (binary cross-entropy or squared error) and accuracy or R² of `p` against `y`. */
export function score(task: Task, p: ArrayLike<number>, y: readonly number[]) {
  const n = y.length;
  if (n === 0) return { loss: Number.NaN, metric: Number.NaN };
  if (task === 'classification') {
    const eps = 1e-7;
    let loss = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const q = Math.min(Math.max(p[i] as number, eps), 1 - eps);
      const t = y[i] as number;
      loss -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
      if ((q >= 0.5 ? 1 : 0) === t) correct++;
    }
    return { loss: loss / n, metric: correct / n };
  }
  let sse = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (y[i] as number) / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const t = y[i] as number;
    sse += ((p[i] as number) - t) ** 2;
    sst += (t - mean) ** 2;
  }
  return { loss: sse / n, metric: sst > 0 ? 1 - sse / sst : Number.NaN };
}
