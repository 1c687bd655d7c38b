/** One training run of the circles experiment: a setting and a seed. */
import * as tf from '@tensorflow/tfjs';
import { type Dataset, makeCircles, split } from '../data/circles';
import type { Setting } from './kinds';

/** The data of one seed: make_circles(n=100, noise=0.1), 30 train / 70 test. */
export function dataFor(seed: number): { train: Dataset; test: Dataset } {
  return split(makeCircles({ n: 100, noise: 0.1, seed: 1000 + seed }), 30);
}

export interface RunResult {
  setting: string;
  seed: number;
  trainAcc: number;
  testAcc: number;
  trainLoss: number;
  testLoss: number;
  seconds: number;
  /** Clean train and test loss every `every` epochs: [epoch, train, test]. */
  curve: [number, number, number][];
}

interface Tensors {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

function tensors(d: Dataset): Tensors {
  return { x: tf.tensor2d(d.x), y: tf.tensor2d(d.y, [d.y.length, 1]) };
}

/** [loss, accuracy] of the model on a split, without noise (inference mode). */
function measure(model: tf.LayersModel, t: Tensors): [number, number] {
  return tf.tidy(() => {
    const p = model.predict(t.x) as tf.Tensor;
    const loss = tf.metrics.binaryCrossentropy(t.y, p).mean().dataSync()[0] as number;
    const acc = tf.metrics.binaryAccuracy(t.y, p).mean().dataSync()[0] as number;
    return [loss, acc];
  });
}

/**
 * Trains `setting` on the seed's data for `epochs` full-batch epochs; if `keep` is true the
 * model is returned (for decision-boundary plots) and the caller disposes it.
 */
export async function runOne(
  setting: Setting,
  seed: number,
  epochs: number,
  every: number,
  keep = false,
): Promise<{ result: RunResult; model: tf.LayersModel | null }> {
  const data = dataFor(seed);
  const train = tensors(data.train);
  const test = tensors(data.test);
  const model = setting.build(seed);
  const curve: [number, number, number][] = [];
  const start = performance.now();
  await model.fit(train.x, train.y, {
    epochs,
    batchSize: data.train.x.length,
    shuffle: false,
    verbose: 0,
    callbacks: {
      onEpochEnd: async (epoch) => {
        if ((epoch + 1) % every === 0)
          curve.push([epoch + 1, measure(model, train)[0], measure(model, test)[0]]);
      },
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const [trainLoss, trainAcc] = measure(model, train);
  const [testLoss, testAcc] = measure(model, test);
  tf.dispose([train.x, train.y, test.x, test.y]);
  const result = {
    setting: setting.name,
    seed,
    trainAcc,
    testAcc,
    trainLoss,
    testLoss,
    seconds,
    curve,
  };
  if (keep) return { result, model };
  model.dispose();
  return { result, model: null };
}

/** The model's probability of class 1 on a grid over [-1.5, 1.5]^2: rows of [x, y, p]. */
export function boundary(model: tf.LayersModel, steps = 30): [number, number, number][] {
  const points: number[][] = [];
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      points.push([-1.5 + (3 * (i + 0.5)) / steps, -1.5 + (3 * (j + 0.5)) / steps]);
    }
  }
  const p = tf.tidy(() => (model.predict(tf.tensor2d(points)) as tf.Tensor).dataSync());
  return points.map(([x, y], k) => [x as number, y as number, p[k] as number]);
}
