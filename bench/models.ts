/**
 * The benchmark models, each buildable clean or with one kind of noise at the same places:
 * 'jitter' / 'tfjs' put GaussianJitter / tf.layers.gaussianNoise on the input and after every
 * hidden layer; 'weight' / 'factorized' wrap every weight layer in WeightNoise; 'gradient' wraps
 * the optimizer in AnnealedGradientNoise. Browser-safe (tfjs and tfjs-noise only): the browser
 * benchmark (bench/gpu) builds the same models.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import type { Placement } from './placements';

export type { Placement } from './placements';

/** Adds layers to a Sequential with the noise of `placement`. */
class Builder {
  readonly model = tf.sequential();
  private seed = 1;
  constructor(readonly placement: Placement) {}

  /** Noise on activations (or on the input, with `inputShape`). */
  noise(inputShape?: number[]): this {
    const shape = inputShape ? { inputShape } : {};
    if (this.placement === 'jitter') {
      this.model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: this.seed++, ...shape }));
    } else if (this.placement === 'tfjs') {
      this.model.add(tf.layers.gaussianNoise({ stddev: 0.1, ...shape }));
    }
    return this;
  }

  /** A weight layer, wrapped in WeightNoise for 'weight' and 'factorized'. */
  weights(layer: tf.layers.Layer, inputShape?: number[]): this {
    if (this.placement === 'weight' || this.placement === 'factorized') {
      const factorized = this.placement === 'factorized';
      this.model.add(
        tfn.layers.weightNoise({ layer, stddev: 0.05, factorized, seed: this.seed++, inputShape }),
      );
    } else {
      this.model.add(layer);
    }
    return this;
  }

  add(layer: tf.layers.Layer): this {
    this.model.add(layer);
    return this;
  }

  compile(loss: string): tf.Sequential {
    const sgd = tf.train.sgd(0.01);
    const optimizer =
      this.placement === 'gradient'
        ? tfn.train.annealedGradientNoise(sgd, { eta: 0.01, seed: 7 })
        : sgd;
    this.model.compile({ optimizer, loss });
    return this.model;
  }
}

/** The 784-256-256-10 MLP. */
export function mlp(placement: Placement): tf.Sequential {
  const b = new Builder(placement).noise([784]);
  b.weights(tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }), [784]).noise();
  b.weights(tf.layers.dense({ units: 256, activation: 'relu' })).noise();
  b.weights(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return b.compile('categoricalCrossentropy');
}

/** A small conv net on 28x28x1: two conv layers, then a Dense classifier. */
export function convnet(placement: Placement): tf.Sequential {
  const b = new Builder(placement).noise([28, 28, 1]);
  b.weights(
    tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    [28, 28, 1],
  ).noise();
  b.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  b.weights(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' })).noise();
  b.add(tf.layers.flatten());
  b.weights(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return b.compile('categoricalCrossentropy');
}

/** An LSTM (128 units) over sequences of 50 steps of 8 features, then a Dense regressor. */
export function lstm(placement: Placement): tf.Sequential {
  const b = new Builder(placement).noise([50, 8]);
  b.weights(tf.layers.lstm({ units: 128, inputShape: [50, 8] }), [50, 8]).noise();
  b.weights(tf.layers.dense({ units: 1 }));
  return b.compile('meanSquaredError');
}

/** One Dense layer n x n (n^2 parameters), for the scaling table. */
export function dense(placement: Placement, n: number): tf.Sequential {
  const b = new Builder(placement).noise([n]);
  b.weights(tf.layers.dense({ units: n, inputShape: [n] }), [n]);
  return b.compile('meanSquaredError');
}

/**
 * Random inputs and targets from the noise source (`classes` > 0: one-hot targets, else
 * `outputs` regression targets).
 */
export function batch(shape: number[], classes: number, outputs = 1): [tf.Tensor, tf.Tensor] {
  const x = tfn.random.uniform(shape, { seed: 5, stream: 0, step: 0 }, -1, 1);
  const n = shape[0] as number;
  const y = tf.tidy(() =>
    classes > 0
      ? tf.oneHot(tf.cast(tf.mod(tf.range(0, n), classes), 'int32'), classes)
      : tfn.random.normal([n, outputs], { seed: 6, stream: 0, step: 0 }),
  );
  return [x, y];
}

/** A benchmark model: its name in the tables, its builder, and the batch it trains on. */
export interface BenchModel {
  name: string;
  build: (placement: Placement) => tf.Sequential;
  /** The input batch's shape, and the number of classes (0: one regression target). */
  input: number[];
  classes: number;
}

/** The MLP, the conv net and the LSTM of the benchmarks, with their batches. */
export const MODELS = {
  mlp: { name: 'MLP 784-256-256-10 b128', build: mlp, input: [128, 784], classes: 10 },
  convnet: { name: 'conv 28x28x1 b32', build: convnet, input: [32, 28, 28, 1], classes: 10 },
  lstm: { name: 'LSTM 128 seq50 b32', build: lstm, input: [32, 50, 8], classes: 0 },
} satisfies Record<string, BenchModel>;
