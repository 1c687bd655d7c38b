/**
 * One side-by-side training run: its data, tensors and the two models (clean and noisy).
 */
import * as tf from '@tensorflow/tfjs';
import { type Dataset, gridPoints, makeDataset } from './data';
import type { LossPoint } from './draw';
import { buildModel, NO_NOISE } from './model';
import { type Settings, specOf } from './settings';

/** Grid resolution of the boundary pictures (2-D) and of the regression curves (1-D). */
export const GRID_2D = 64;
export const GRID_1D = 200;
const TEST_POINTS = 500;

/** Grid size for a model with `inputDim` inputs. */
export const gridSize = (inputDim: 1 | 2): number => (inputDim === 2 ? GRID_2D : GRID_1D);

export class Run {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly grid: number;
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor2D;
  readonly xTest: tf.Tensor2D;
  readonly xGrid: tf.Tensor2D;
  readonly clean: tf.Sequential;
  readonly noisy: tf.Sequential;
  epoch = 0;
  /** Epochs in the next chunk of training (adapted to the time one epoch takes). */
  chunkEpochs = 1;
  readonly history: LossPoint[] = [];

  constructor(readonly settings: Settings) {
    const { dataset: name, nTrain, labelNoise, seed } = settings;
    this.train = makeDataset({ name, n: nTrain, labelNoise, seed, part: 'train' });
    // The test set has clean labels: it measures how well each network learned the true rule.
    this.test = makeDataset({ name, n: TEST_POINTS, labelNoise: 0, seed, part: 'test' });
    const spec = specOf(settings);
    this.grid = gridSize(spec.inputDim);
    this.xTrain = tf.tensor2d(this.train.x, [nTrain, spec.inputDim]);
    this.yTrain = tf.tensor2d(this.train.y, [nTrain, 1]);
    this.xTest = tf.tensor2d(this.test.x, [TEST_POINTS, spec.inputDim]);
    const g = gridPoints(spec.inputDim, this.grid);
    this.xGrid = tf.tensor2d(g, [g.length, spec.inputDim]);
    this.clean = buildModel(spec, NO_NOISE);
    this.noisy = buildModel(spec, settings.noise);
  }

  dispose(): void {
    for (const model of [this.clean, this.noisy]) {
      model.optimizer?.dispose();
      model.dispose();
    }
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.xGrid]);
  }
}

/** A model's predictions on `x`, read asynchronously (a GPU backend is not blocked). */
export async function predict(model: tf.LayersModel, x: tf.Tensor): Promise<Float32Array> {
  const y = model.predict(x, { batchSize: 4096 }) as tf.Tensor;
  try {
    return (await y.data()) as Float32Array;
  } finally {
    y.dispose();
  }
}
