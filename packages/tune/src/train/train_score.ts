/**
 * Trains one model and scores it on held-out rows: the unit of work of the search, run the same
 * way in-process and on worker threads (so both give the same numbers).
 */
import {
  cast,
  dispose,
  oneHot,
  type Tensor,
  tensor,
  tensor1d,
  tensor2d,
  tidy,
} from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { random } from 'tfjs-noise';
import { abortError } from '../abort';
import { columnMeans, corruptedCopies, type InputCorruption } from '../data/corrupt';
import { Standardizer } from '../data/standardize';
import type { BuildContext, ModelBuilder, NoiseSetting, Task } from '../types';
import { checkConverged } from './diverged';
import { checkEarlyStopping, EARLY_STOPPING_MIN_ROWS, type EarlyStopping } from './early_stopping';
import { evaluate, metricOf, type Scores } from './metrics';

/**
 * Rows and targets (class indices 0..k-1, or numbers for regression).
 *
 * @example
 * ```ts
 * import type { Split } from '@tfjs-noise/tune/blocks';
 *
 * const train: Split = { x: x.slice(0, 40), y: y.slice(0, 40) };
 * const test: Split = { x: x.slice(40), y: y.slice(40) };
 * ```
 */
export interface Split {
  /** Feature rows. */
  x: readonly (readonly number[])[];
  /** One target per row. */
  y: readonly number[];
}

/**
 * Held-out rows to score a trained model on, optionally corrupted: the corruption is applied to
 * the rows the model sees (after standardization with the training rows' mean and std), its
 * missing entries set to the training rows' mean as the model sees them (0 when standardized).
 *
 * @example
 * ```ts
 * import type { HeldOutSplit } from '@tfjs-noise/tune/blocks';
 *
 * const clean: HeldOutSplit = { x: x.slice(40), y: y.slice(40) };
 * const noisy: HeldOutSplit = { ...clean, corruption: { stddev: 1, missing: 0, seed: 7 } };
 * ```
 */
export interface HeldOutSplit extends Split {
  /** Noise and missing values put into the rows before they are scored; omitted: clean. */
  corruption?: InputCorruption | null;
}

/**
 * How models are trained.
 *
 * @example
 * ```ts
 * import type { TrainOptions } from '@tfjs-noise/tune/blocks';
 *
 * const options: TrainOptions = {
 *   epochs: 200,
 *   batchSize: 32,
 *   standardize: true,
 *   earlyStopping: { validationFraction: 0.2, patience: 10 },
 * };
 * ```
 */
export interface TrainOptions {
  /** Training epochs. */
  epochs: number;
  /** Batch size; null: the whole training split (full batch). */
  batchSize: number | null;
  /** Standardize with mean and std fitted on the training split only. */
  standardize: boolean;
  /**
   * Early stopping on a validation split: a seeded random `validationFraction` of the training
   * rows is held out, the model is trained on the rest, and the weights of the epoch with the
   * lowest validation loss are restored once `patience` epochs pass without a new lowest loss (or
   * training ends). Omitted or null: no early stopping, every row trains.
   */
  earlyStopping?: EarlyStopping | null;
  /**
   * Indices of one-hot (0/1) columns of categorical features: never standardized, and left clean
   * in a corrupted held-out split (see `corruptRows`). Omitted: none.
   */
  categorical?: readonly number[] | null;
}

const VALIDATION_STREAM = random.streamId('tfjs-noise-tune/validation-split');

/**
 * Output units for a task and number of classes: 1 (sigmoid / linear) or k (softmax).
 *
 * @example
 * ```ts
 * import { outputUnitsOf } from '@tfjs-noise/tune/blocks';
 *
 * // One sigmoid unit:
 * console.log(outputUnitsOf('classification', 2)); // prints: 1
 * // Softmax over one-hot targets:
 * console.log(outputUnitsOf('classification', 4)); // prints: 4
 * console.log(outputUnitsOf('regression', null)); // prints: 1
 * ```
 */
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
 * metrics come back in the same order; a split with a `corruption` (see {@link HeldOutSplit}) is
 * corrupted after standardization. A training that diverged throws a
 * `TrainingDivergedError` (see {@link trainModel}).
 *
 * @param build The model builder.
 * @param setting Noise kind and amount.
 * @param context What the builder is told (`inputDim` and `outputUnits` must match the data;
 *   `inputShape`, when given, is the shape of one example, the rows being flattened row-major).
 * @param train Training rows.
 * @param test Held-out rows, or a non-empty array of held-out splits.
 * @param options Epochs, batch size, standardization.
 * @param signal Stops training at the next batch and rejects with the abort reason.
 *
 * @example
 * ```ts
 * import type { BuildContext } from '@tfjs-noise/tune';
 * import { outputUnitsOf, trainAndScore } from '@tfjs-noise/tune/blocks';
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * const context: BuildContext = {
 *   inputDim: x[0]!.length,
 *   outputUnits: outputUnitsOf('classification', 2),
 *   task: 'classification',
 *   numClasses: 2,
 *   seed: 1,
 *   fold: 0,
 *   repeat: 0,
 *   options: {},
 * };
 * const train = { x: x.slice(0, 40), y: y.slice(0, 40) };
 * const test = { x: x.slice(40), y: y.slice(40) };
 * const options = { epochs: 100, batchSize: null, standardize: true };
 * const setting = { kind: 'input', amount: 0.1 };
 * const accuracy = await trainAndScore(buildMlp, setting, context, train, test, options);
 * ```
 */
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: HeldOutSplit,
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number>;
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: readonly HeldOutSplit[],
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number[]>;
export async function trainAndScore(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  test: HeldOutSplit | readonly HeldOutSplit[],
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<number | number[]> {
  const tests = Array.isArray(test) ? (test as readonly HeldOutSplit[]) : [test as HeldOutSplit];
  const headline = metricOf(context.task).name;
  const all = await trainAndEvaluate(build, setting, context, train, tests, options, signal);
  const scores = all.map((s) => s[headline]!);
  return Array.isArray(test) ? scores : scores[0]!;
}

/**
 * As {@link trainAndScore}, but returns every metric of the task for each held-out split
 * (accuracy, log-loss and Brier score for classification; MSE for regression), from one
 * trained model.
 *
 * @param tests A non-empty array of held-out splits (each optionally corrupted, see
 *   {@link HeldOutSplit}).
 *
 * @example
 * ```ts
 * import type { BuildContext } from '@tfjs-noise/tune';
 * import { outputUnitsOf, trainAndEvaluate } from '@tfjs-noise/tune/blocks';
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * const context: BuildContext = {
 *   inputDim: x[0]!.length,
 *   outputUnits: outputUnitsOf('classification', 2),
 *   task: 'classification',
 *   numClasses: 2,
 *   seed: 1,
 *   fold: 0,
 *   repeat: 0,
 *   options: {},
 * };
 * const train = { x: x.slice(0, 40), y: y.slice(0, 40) };
 * const tests = [{ x: x.slice(40, 50), y: y.slice(40, 50) }, { x: x.slice(50), y: y.slice(50) }];
 * const options = { epochs: 100, batchSize: null, standardize: true };
 * const setting = { kind: 'weight', amount: 0.05 };
 * const scores = await trainAndEvaluate(buildMlp, setting, context, train, tests, options);
 * const [first, second] = scores; // one Scores per held-out split
 * console.log(first?.accuracy, first?.logLoss, second?.brier);
 * ```
 */
export async function trainAndEvaluate(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  tests: readonly HeldOutSplit[],
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<Scores[]> {
  if (!Array.isArray(tests) || tests.length === 0) {
    throw new Error(
      'trainAndScore: `test` must be a split or a non-empty array of splits, but got [].',
    );
  }
  // Standardized here once, so the held-out rows use the training rows' mean and std.
  const categorical = options.categorical ?? [];
  const s = options.standardize ? fitInputStandardizer(train.x, context, categorical) : null;
  const fitRows = s ? { x: s.transform(train.x), y: train.y } : train;
  const fitOptions = { ...options, standardize: false };
  const model = await trainModel(build, setting, context, fitRows, fitOptions, signal);
  // A missing value is filled in with the training rows' mean, as the model sees them.
  const fill = tests.some((t) => t.corruption) ? columnMeans(fitRows.x) : [];
  const unseen = unseenCategories(train.x, categorical);
  try {
    return tests.map((t) => {
      const seen = withoutUnseen(s ? s.transform(t.x) : t.x, unseen);
      const corruption = t.corruption && {
        ...t.corruption,
        shape: context.inputShape ?? [context.inputDim],
      };
      const xTest = corruption ? corruptedCopies(seen, corruption, fill, categorical) : seen;
      // Every corrupted copy is scored against the same targets: the mean over the draws.
      const copies = xTest.length / Math.max(1, seen.length);
      const yTest = copies > 1 ? Array.from({ length: copies }, () => t.y).flat() : t.y;
      const predicted = tidy(() => {
        const xt = inputTensor(xTest, context);
        return (model.predict(xt) as Tensor).dataSync() as Float32Array;
      });
      return evaluate(context.task, predicted, yTest, context.outputUnits);
    });
  } finally {
    disposeModel(model);
  }
}

/**
 * The standardizer of a model's inputs, fitted on `rows` (the training rows only): per feature
 * (the one-hot columns of `categorical` left as they are) for a table's rows; per channel (the
 * last axis of `context.inputShape`, see `StandardizerFitOptions.channels`) for rows of rank 2
 * or more (images, signals).
 *
 * @example
 * ```ts
 * import { fitInputStandardizer } from '@tfjs-noise/tune/blocks';
 *
 * // Two 1x2 images of 2 channels, flattened row-major ([h, w, c] = [1, 2, 2]):
 * const rows = [[0, 10, 2, 30], [4, 50, 6, 70]];
 * const s = fitInputStandardizer(rows, { inputDim: 4, inputShape: [1, 2, 2] });
 * console.log(s.mean.join(', ')); // prints: 3, 40, 3, 40
 * ```
 */
export function fitInputStandardizer(
  rows: readonly (readonly number[])[],
  context: Pick<BuildContext, 'inputDim' | 'inputShape'>,
  categorical: readonly number[] = [],
): Standardizer {
  const shape = context.inputShape ?? [context.inputDim];
  if (shape.length > 1) return Standardizer.fit(rows, { channels: shape[shape.length - 1]! });
  return Standardizer.fit(rows, { skip: categorical });
}

/**
 * Flat rows as the model's input tensor: `[n, inputDim]` for a table's rows (as before), or
 * `[n, ...inputShape]` (the rows being row-major flattened examples).
 */
function inputTensor(rows: readonly (readonly number[])[], context: BuildContext): Tensor {
  const shape = context.inputShape ?? [context.inputDim];
  if (shape.length === 1) return tensor2d(rows as number[][], [rows.length, context.inputDim]);
  const d = shape.reduce((a, b) => a * b, 1);
  const flat = new Float32Array(rows.length * d);
  rows.forEach((row, i) => {
    if (row.length !== d) {
      throw new Error(
        `trainModel: every row must have ${d} entries (an example of shape [${shape.join(', ')}] ` +
          `flattened), but row ${i} has ${row.length}.`,
      );
    }
    flat.set(row, i * d);
  });
  return tensor(flat, [rows.length, ...shape]);
}

/**
 * The one-hot columns of `categorical` that no training row has set: categories the model did
 * not see in training (their weights never moved from their initial values).
 */
function unseenCategories(
  rows: readonly (readonly number[])[],
  categorical: readonly number[],
): Set<number> {
  return new Set(categorical.filter((j) => rows.every((r) => r[j] === 0)));
}

/**
 * `rows` with the columns of `unseen` set to 0: a held-out row of a category the training rows
 * did not have is scored as a category unknown to the model (all zeros), as a saved model
 * scores a category it was not trained on. The categories are then the training rows' own,
 * fold by fold, as if they had been learned on them.
 */
function withoutUnseen(rows: readonly (readonly number[])[], unseen: Set<number>) {
  if (unseen.size === 0) return rows;
  return rows.map((r) => r.map((v, j) => (unseen.has(j) ? 0 : v)));
}

/**
 * Builds the model for `setting` and trains it on `train` (standardized with its own mean and
 * std if `options.standardize`; with early stopping if `options.earlyStopping`). The caller owns
 * the returned model: dispose it with its optimizer. A training that diverged (a weight or the
 * final training loss NaN or +-Infinity) throws a `TrainingDivergedError` naming the
 * setting, and the model is disposed.
 *
 * @example
 * ```ts
 * import type { BuildContext } from '@tfjs-noise/tune';
 * import { disposeModel, outputUnitsOf, trainModel } from '@tfjs-noise/tune/blocks';
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * const context: BuildContext = {
 *   inputDim: x[0]!.length,
 *   outputUnits: outputUnitsOf('classification', 2),
 *   task: 'classification',
 *   numClasses: 2,
 *   seed: 1,
 *   fold: 0,
 *   repeat: 0,
 *   options: {},
 * };
 * const options = { epochs: 100, batchSize: null, standardize: false };
 * const setting = { kind: 'input', amount: 0.1 };
 * const trained = await trainModel(buildMlp, setting, context, { x, y }, options);
 * trained.predict(tf.tensor2d(x));
 * disposeModel(trained);
 * ```
 */
export async function trainModel(
  build: ModelBuilder,
  setting: NoiseSetting,
  context: BuildContext,
  train: Split,
  options: TrainOptions,
  signal?: AbortSignal,
): Promise<LayersModel> {
  const es = checkEarlyStopping(options.earlyStopping, 'trainModel');
  if (es && train.x.length < EARLY_STOPPING_MIN_ROWS) {
    throw new Error(
      `trainModel: \`earlyStopping\` needs at least ${EARLY_STOPPING_MIN_ROWS} training rows (1 ` +
        `to fit, 1 to validate), but got ${train.x.length}.`,
    );
  }
  const xTrain = options.standardize
    ? fitInputStandardizer(train.x, context, options.categorical ?? []).transform(train.x)
    : train.x;
  const model = await build(setting, context);
  checkModel(model, setting);
  const tensors: Tensor[] = [];
  const losses: number[] = [];
  const best: { loss: number; epoch: number; weights: Tensor[] | null } = {
    loss: Number.POSITIVE_INFINITY,
    epoch: -1,
    weights: null,
  };
  try {
    const parts = es
      ? validationSplit(xTrain, train.y, es.validationFraction, context.seed)
      : { fit: { x: xTrain, y: train.y }, validation: null };
    const x = inputTensor(parts.fit.x, context);
    const y = targets(parts.fit.y, context);
    tensors.push(x, y);
    let validationData: [Tensor, Tensor] | undefined;
    if (parts.validation) {
      const v = parts.validation;
      const xv = inputTensor(v.x, context);
      const yv = targets(v.y, context);
      tensors.push(xv, yv);
      validationData = [xv, yv];
    }
    await model.fit(x, y, {
      epochs: options.epochs,
      batchSize: options.batchSize ?? parts.fit.x.length,
      shuffle: false,
      verbose: 0,
      ...(validationData && { validationData }),
      callbacks: {
        onBatchEnd: async () => {
          if (signal?.aborted) model.stopTraining = true;
        },
        onEpochEnd: async (epoch, logs) => {
          losses.push(logs?.loss ?? Number.NaN);
          if (!es) return;
          const loss = logs?.val_loss ?? Number.NaN;
          if (loss < best.loss) {
            dispose(best.weights ?? []);
            best.loss = loss;
            best.epoch = epoch;
            best.weights = model.getWeights().map((w) => w.clone());
          } else if (epoch - best.epoch >= es.patience) {
            model.stopTraining = true;
          }
        },
      },
    });
    if (signal?.aborted) throw abortError(signal);
    if (best.weights) model.setWeights(best.weights);
    // The restored epoch's validation loss was finite; else the last training loss counts.
    checkConverged(
      'trainModel',
      model,
      setting,
      losses,
      best.weights ? null : (losses.at(-1) ?? null),
    );
    return model;
  } catch (err) {
    disposeModel(model);
    throw err;
  } finally {
    dispose(tensors);
    dispose(best.weights ?? []);
  }
}

/**
 * Disposes a model and its optimizer.
 *
 * @example
 * ```ts
 * import { disposeModel } from '@tfjs-noise/tune/blocks';
 *
 * const net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
 * net.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
 * disposeModel(net); // net.dispose() alone would keep an optimizer passed as an object
 * ```
 */
export function disposeModel(model: LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

/** A seeded random share of the rows for validation, the rest for fitting (order kept). */
function validationSplit(
  x: readonly (readonly number[])[],
  y: readonly number[],
  fraction: number,
  seed: number,
): { fit: Split; validation: Split } {
  const n = x.length;
  const nValidation = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
  const u = random.fillUniform(new Float64Array(n), { seed, stream: VALIDATION_STREAM, step: 0 });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => u[a]! - u[b]!);
  const held = new Set(order.slice(0, nValidation));
  const pick = (inValidation: boolean) => {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => held.has(i) === inValidation);
    return { x: rows.map((i) => x[i]!), y: rows.map((i) => y[i]!) };
  };
  return { fit: pick(false), validation: pick(true) };
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
