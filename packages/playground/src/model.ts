/**
 * The two networks of the playground: the same MLP with the same seeded initial weights, once
 * clean and once with the chosen tfjs-noise components.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import type { Task } from './data';

/** Noise amounts; 0 turns a kind off. */
export interface NoiseSettings {
  /** GaussianJitter std on the inputs. */
  inputJitter: number;
  /** GaussianJitter std after every hidden activation. */
  activationJitter: number;
  /** WeightNoise std on every Dense layer. */
  weightNoise: number;
  /** Plain-mode NoisyActivation std (noise on the pre-activation of every hidden layer). */
  noisyActivation: number;
  /** Annealed gradient noise: the variance `eta` at step 0 (gamma 0.55). */
  gradientNoise: number;
}

export const NO_NOISE: NoiseSettings = {
  inputJitter: 0,
  activationJitter: 0,
  weightNoise: 0,
  noisyActivation: 0,
  gradientNoise: 0,
};

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
  const dense = (units: number, activation: 'relu' | 'tanh' | 'linear' | 'sigmoid', i: number) =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 100 + i }),
      biasInitializer: 'zeros',
    });
  const maybeWeightNoise = (layer: tf.layers.Layer): tf.layers.Layer =>
    noise.weightNoise > 0
      ? tfn.layers.weightNoise({ layer, stddev: noise.weightNoise, seed: nextNoiseSeed() })
      : layer;

  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [spec.inputDim] }));
  if (noise.inputJitter > 0) {
    model.add(tfn.layers.gaussianJitter({ stddev: noise.inputJitter, seed: nextNoiseSeed() }));
  }
  for (let i = 0; i < spec.hiddenLayers; i++) {
    if (noise.noisyActivation > 0) {
      model.add(maybeWeightNoise(dense(spec.units, 'linear', i)));
      model.add(
        tfn.layers.noisyActivation({
          activation: spec.activation,
          stddev: noise.noisyActivation,
          seed: nextNoiseSeed(),
        }),
      );
    } else {
      model.add(maybeWeightNoise(dense(spec.units, spec.activation, i)));
    }
    if (noise.activationJitter > 0) {
      model.add(
        tfn.layers.gaussianJitter({ stddev: noise.activationJitter, seed: nextNoiseSeed() }),
      );
    }
  }
  const classification = spec.task === 'classification';
  model.add(maybeWeightNoise(dense(1, classification ? 'sigmoid' : 'linear', spec.hiddenLayers)));

  let optimizer: tf.Optimizer = tf.train.adam(spec.learningRate);
  if (noise.gradientNoise > 0) {
    optimizer = tfn.train.annealedGradientNoise(optimizer, {
      eta: noise.gradientNoise,
      gamma: 0.55,
      seed: nextNoiseSeed(),
    });
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
      const inner = tfn.noiseComponentOf(layer)?.wrapped?.(layer);
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
