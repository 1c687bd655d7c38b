/**
 * The settings of the circles experiment: the baseline and one entry per noise kind and amount.
 * Each setting builds the seed's model (2 -> 500 ReLU -> 1 sigmoid) with its noise.
 */
import * as tf from '@tensorflow/tfjs';
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

/** The settings, with grids over stddev for input and activation jitter. */
export function settings(grid: number[]): Setting[] {
  const list: Setting[] = [
    { name: 'baseline', kind: 'baseline', amount: 0, build: (seed) => compile(mlp(seed, {})) },
  ];
  for (const s of grid) {
    list.push({
      name: `input jitter ${s}`,
      kind: 'input jitter',
      amount: s,
      build: (seed) =>
        compile(mlp(seed, { before: tfn.layers.gaussianJitter({ stddev: s, seed }) })),
    });
  }
  for (const s of grid) {
    list.push({
      name: `activation jitter ${s}`,
      kind: 'activation jitter',
      amount: s,
      build: (seed) =>
        compile(mlp(seed, { after: tfn.layers.gaussianJitter({ stddev: s, seed }) })),
    });
  }
  list.push(
    {
      name: 'weight noise 0.05',
      kind: 'weight noise',
      amount: 0.05,
      build: (seed) =>
        compile(
          mlp(seed, {
            hidden: [tfn.layers.weightNoise({ layer: hidden(seed), stddev: 0.05, seed })],
          }),
        ),
    },
    {
      name: 'noisy activation relu 0.1',
      kind: 'noisy activation',
      amount: 0.1,
      build: (seed) =>
        compile(
          mlp(seed, {
            hidden: [
              hidden(seed, 'linear'),
              tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1, seed }),
            ],
          }),
        ),
    },
    {
      name: 'target noise: label smoothing 0.1',
      kind: 'target noise',
      amount: 0.1,
      build: (seed) =>
        compile(mlp(seed, {}), {
          loss: tfn.targets.labelSmoothing(0.1, seed).loss('binaryCrossentropy'),
        }),
    },
    {
      name: 'tf.layers.gaussianNoise 0.1 (peer)',
      kind: 'tfjs gaussianNoise',
      amount: 0.1,
      build: (seed) => compile(mlp(seed, { before: tf.layers.gaussianNoise({ stddev: 0.1 }) })),
    },
  );
  list.push({
    name: 'gradient noise eta 0.01',
    kind: 'gradient noise',
    amount: 0.01,
    build: (seed) =>
      compile(mlp(seed, {}), {
        optimizer: tfn.train.annealedGradientNoise(tf.train.adam(LEARNING_RATE), {
          eta: 0.01,
          seed,
        }),
      }),
  });
  return list;
}
