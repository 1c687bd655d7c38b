/**
 * The settings of the circles experiment: the baseline and one entry per noise kind and amount.
 * Each setting builds the seed's model (2 -> 500 ReLU -> 1 sigmoid) with its noise. The noise
 * kinds, their names and their order come from tune's kind registry (`@tfjs-noise/tune/kinds`).
 */
import * as tf from '@tensorflow/tfjs';
import { MLP_KIND_REGISTRY, type MlpNoiseKind, NOISE_KINDS } from '@tfjs-noise/tune/kinds';
import * as tfn from 'tfjs-noise';

/** One row of the experiment. */
export interface Setting {
  /** Row label. */
  name: string;
  /** Noise kind, for grouping in plots. */
  kind: string;
  /** Noise amount (0 for the baseline). */
  amount: number;
  /** Builds the compiled model for a seed. */
  build: (seed: number) => tf.LayersModel;
}

const LEARNING_RATE = 0.001; // Keras's Adam default, as in the tutorial

function hidden(seed: number, activation: 'relu' | 'linear' = 'relu'): tf.layers.Layer {
  return tf.layers.dense({
    units: 500,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
  });
}

function output(seed: number): tf.layers.Layer {
  return tf.layers.dense({
    units: 1,
    activation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
  });
}

function compile(
  model: tf.LayersModel,
  options: { optimizer?: tf.Optimizer; loss?: tfn.targets.LossFn } = {},
): tf.LayersModel {
  model.compile({
    optimizer: options.optimizer ?? tf.train.adam(LEARNING_RATE),
    loss: options.loss ?? 'binaryCrossentropy',
  });
  return model;
}

/** input -> [before] -> hidden -> [after] -> output. */
function mlp(
  seed: number,
  parts: { before?: tf.layers.Layer; hidden?: tf.layers.Layer[]; after?: tf.layers.Layer },
) {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [2] }));
  if (parts.before) model.add(parts.before);
  for (const layer of parts.hidden ?? [hidden(seed)]) model.add(layer);
  if (parts.after) model.add(parts.after);
  model.add(output(seed));
  return model;
}

/**
 * How the experiment applies each noise kind of the registry (`@tfjs-noise/tune/kinds`) to its
 * model, and the amounts it runs: the stddev grid, or one amount. A kind of the registry without
 * an entry here has no row.
 */
interface NoiseRow {
  amounts: 'grid' | readonly number[];
  /** The row's name; default: the kind's name in words and the amount. */
  name?: (amount: number) => string;
  build: (seed: number, amount: number) => tf.LayersModel;
}

const NOISE_ROWS: { readonly [K in MlpNoiseKind]?: NoiseRow } = {
  input: {
    amounts: 'grid',
    build: (seed, stddev) =>
      compile(mlp(seed, { before: tfn.layers.gaussianJitter({ stddev, seed }) })),
  },
  weight: {
    amounts: [0.05],
    build: (seed, stddev) =>
      compile(
        mlp(seed, { hidden: [tfn.layers.weightNoise({ layer: hidden(seed), stddev, seed })] }),
      ),
  },
  activation: {
    amounts: 'grid',
    build: (seed, stddev) =>
      compile(mlp(seed, { after: tfn.layers.gaussianJitter({ stddev, seed }) })),
  },
  preactivation: {
    amounts: [0.1],
    name: (stddev) => `noisy activation relu ${stddev}`,
    build: (seed, stddev) =>
      compile(
        mlp(seed, {
          hidden: [
            hidden(seed, 'linear'),
            tfn.layers.noisyActivation({ activation: 'relu', stddev, seed }),
          ],
        }),
      ),
  },
  gradient: {
    amounts: [0.01],
    name: (eta) => `gradient noise eta ${eta}`,
    build: (seed, eta) =>
      compile(mlp(seed, {}), {
        optimizer: tfn.train.annealedGradientNoise(tf.train.adam(LEARNING_RATE), { eta, seed }),
      }),
  },
};

/** The kinds (in words, as in the rows) whose rows run the stddev grid. */
export const GRID_KINDS: readonly string[] = NOISE_KINDS.filter(
  (kind) => NOISE_ROWS[kind]?.amounts === 'grid',
).map((kind) => MLP_KIND_REGISTRY[kind].label);

/**
 * The settings: the baseline, a row per amount of each noise kind of the registry that has an
 * entry in NOISE_ROWS (the stddev grid for input and activation jitter), then target noise and
 * tfjs's own gaussianNoise (a peer), which are not kinds of the registry.
 */
export function settings(grid: number[]): Setting[] {
  const list: Setting[] = [
    { name: 'baseline', kind: 'baseline', amount: 0, build: (seed) => compile(mlp(seed, {})) },
  ];
  for (const kind of NOISE_KINDS) {
    const row = NOISE_ROWS[kind];
    if (!row) continue;
    const { label } = MLP_KIND_REGISTRY[kind];
    for (const amount of row.amounts === 'grid' ? grid : row.amounts) {
      list.push({
        name: row.name?.(amount) ?? `${label} ${amount}`,
        kind: label,
        amount,
        build: (seed) => row.build(seed, amount),
      });
    }
  }
  list.push(
    {
      name: 'target noise: label smoothing 0.1',
      kind: 'target noise',
      amount: 0.1,
      build: (seed) =>
        compile(mlp(seed, {}), {
          loss: tfn.targets.labelSmoothing({ eps: 0.1, seed }).loss('binaryCrossentropy'),
        }),
    },
    {
      name: 'tf.layers.gaussianNoise 0.1 (peer)',
      kind: 'tfjs gaussianNoise',
      amount: 0.1,
      build: (seed) => compile(mlp(seed, { before: tf.layers.gaussianNoise({ stddev: 0.1 }) })),
    },
  );
  return list;
}
