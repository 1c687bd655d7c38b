/**
 * Trains one model and scores it on held-out rows: the unit of work of the search, run the same
 * way in-process and on worker threads (so both give the same numbers).
 */
import {
  cast,
  dispose,
  oneHot,
  type Tensor,
  tensor1d,
  tensor2d,
  tidy,
} from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { abortError } from './abort';
import { score } from './metrics';
import { Standardizer } from './standardize';
import type { BuildContext, ModelBuilder, NoiseSetting, Task } from './types';

/** Rows and targets (class indices 0..k-1, or numbers for regression). */
export interface Split {
  /** Feature rows. */
  x: readonly (readonly number[])[];
  /** One target per row. */
  y: readonly number[];
}

/** How models are trained. */
export interface TrainOptions {
  /** Training epochs. */
  epochs: number;
  /** Batch size; null: the whole training split (full batch). */
  batchSize: number | null;
  /** Standardize with mean and std fitted on the training split only. */
  standardize: boolean;
}

/** Output units for a task and number of classes: 1 (sigmoid / linear) or k (softmax). */
export function outputUnitsOf(task: Task, numClasses: number | null): number {
  return task === 'classification' && numClasses !== null && numClasses > 2 ? numClasses : 1;
}

/**
 * Builds the model for `setting`, trains it on `train` (`fit` with `shuffle: false`: the rows'
 * order is already random, and tfjs's own shuffle would use `Math.random`) and returns its
 * metric on `test`: accuracy (classification) or mean squared error (regression), computed from
 * `predict`, so without noise. Every tensor and the model are disposed.
 *
 * Given an array of held-out splits, the one trained model is scored on each of them and the
 * metrics come back in the same order.
 *
 * @param build The model builder.
 * @param setting Noise kind and amount.
 * @param context What the builder is told (`inputDim` and `outputUnits` must match the data).
 * @param train Training rows.
 * @param test Held-out rows, or a non-empty array of held-out splits.
 * @param options Epochs, batch size, standardization.
 * @param signal Stops training at the next batch and rejects with the abort reason.
 */
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: Split,
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number>;
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: readonly Split[],
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number[]>;
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: Split | readonly Split[],
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number | number[]> {
  const tests = Array.isArray(test) ? (test as readonly Split[]) : [test as Split];
  if (tests.length === 0) {
    throw new Error(
      'trainAndScore: `test` must be a split or a non-empty array of splits, but got [].',
    );
  }
  let xTrain = train.x;
  let xTests = tests.map((t) => t.x);
  if (options.standardize) {
    const s = Standardizer.fit(xTrain);
    xTrain = s.transform(xTrain);
    xTests = xTests.map((x) => s.transform(x));
  }
  const model = await build(setting, context);
  checkModel(model, setting);
  const tensors: Tensor[] = [];
  try {
    const x = tensor2d(xTrain as number[][], [xTrain.length, context.inputDim]);
    const y = targets(train.y, context);
    tensors.push(x, y);
    await model.fit(x, y, {
      epochs: options.epochs,
      batchSize: options.batchSize ?? xTrain.length,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onBatchEnd: async () => {
          if (signal?.aborted) model.stopTraining = true;
        },
      },
    });
    if (signal?.aborted) throw abortError(signal);
    const scores = tests.map((t, i) => {
      const xTest = xTests[i]!;
      const predicted = tidy(() => {
        const xt = tensor2d(xTest as number[][], [xTest.length, context.inputDim]);
        return (model.predict(xt) as Tensor).dataSync() as Float32Array;
      });
      return score(context.task, predicted, t.y, context.outputUnits);
    });
    return Array.isArray(test) ? scores : scores[0]!;
  } finally {
    dispose(tensors);
    const optimizer = model.optimizer;
    model.dispose();
    optimizer?.dispose();
  }
}

/** Targets as a float tensor: [n, 1] (regression, binary) or one-hot [n, k]. */
function targets(y: readonly number[], context: BuildContext): Tensor {
  if (context.outputUnits === 1) return tensor2d(y as number[], [y.length, 1]);
  return tidy(() => cast(oneHot(tensor1d(y as number[], 'int32'), context.outputUnits), 'float32'));
}

function checkModel(model: LayersModel, setting: NoiseSetting): void {
  const ok =
    model !== null &&
    typeof model === 'object' &&
    typeof (model as LayersModel).fit === 'function' &&
    (model as LayersModel).optimizer != null;
  if (!ok) {
    throw new Error(
      `the model builder must return a compiled tf.LayersModel (call model.compile), but for ` +
        `setting ${JSON.stringify(setting)} it returned ${ok ? 'a model' : describe(model)}.`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return typeof (value as LayersModel).fit === 'function'
    ? 'a model that is not compiled'
    : `an object (${ctor ?? 'Object'})`;
}
