/**
 * Types shared by the search, its workers and model builders.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * What the model predicts: class labels (accuracy is scored) or numbers (mean squared error).
 *
 * @example
 * ```ts
 * import type { Task } from '@tfjs-noise/tune';
 *
 * const task: Task = y.every(Number.isInteger) ? 'classification' : 'regression';
 * ```
 */
export type Task = 'classification' | 'regression';

/** The tasks, for validation. */
export const TASKS: readonly Task[] = ['classification', 'regression'];

/**
 * One point of the grid: a noise kind (the builder's vocabulary) and its amount.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type NoiseSetting, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid: NoiseSetting[] = [
 *   { kind: 'input', amount: 0 },
 *   { kind: 'input', amount: 0.1 },
 *   { kind: 'weight', amount: 0.05 },
 * ];
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * ```
 */
export interface NoiseSetting {
  /** Noise kind, e.g. `'input'`, `'weight'`, `'activation'`, `'gradient'` for the built-in MLP. */
  readonly kind: string;
  /** Noise amount (a stddev, or the gradient-noise eta): a finite number >= 0. */
  readonly amount: number;
}

/**
 * JSON-compatible values: what can be passed to a builder on a worker thread.
 *
 * @example
 * ```ts
 * import type { JsonValue } from '@tfjs-noise/tune';
 *
 * const builderOptions: { [key: string]: JsonValue } = { hiddenUnits: 32, activation: 'tanh' };
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * Everything a {@link ModelBuilder} is told besides the setting.
 *
 * @example
 * ```ts
 * import type { BuildContext } from '@tfjs-noise/tune';
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * // Calling a builder by hand, as the search does for every setting, repeat and fold:
 * const context: BuildContext = {
 *   inputDim: 2,
 *   outputUnits: 1,
 *   task: 'classification',
 *   numClasses: 2,
 *   seed: 1,
 *   fold: -1,
 *   repeat: 0,
 *   options: { hiddenUnits: 32 },
 * };
 * const mlp = buildMlp({ kind: 'input', amount: 0.1 }, context);
 * ```
 */
export interface BuildContext {
  /** Number of input features (columns of `x`): for rows of any shape, the entries of one example. */
  readonly inputDim: number;
  /**
   * The shape of one example: `[inputDim]` for a table's rows, `[h, w, c]` for images, `[t, c]`
   * for signals (the model's input is `[batch, ...inputShape]`). The search and `fitBest` always
   * set it; a context made by hand may omit it for flat rows (read it as `[inputDim]`).
   */
  readonly inputShape?: readonly number[];
  /**
   * Units of the output layer: 1 for regression and binary classification (sigmoid output,
   * labels 0/1), the number of classes for 3 or more classes (softmax output, one-hot labels).
   */
  readonly outputUnits: number;
  /** The task. */
  readonly task: Task;
  /** Number of classes (classification), or null (regression). */
  readonly numClasses: number | null;
  /**
   * Seed for this model's initializers and noise layers, derived from the search seed, the
   * repeat and the fold (not the setting: every setting of a fold starts from the same weights,
   * so settings are compared on equal terms). Use it, or the search is not reproducible.
   */
  readonly seed: number;
  /** Fold index (0-based) of the model; -1 for a final fit on all the data. */
  readonly fold: number;
  /** Repeat index (0-based) of repeated cross-validation. */
  readonly repeat: number;
  /** `builderOptions` of the search, as given (JSON-compatible, so workers get a copy). */
  readonly options: { readonly [key: string]: JsonValue };
  /**
   * Indices of the input columns that are one-hot (0/1) indicators of a categorical feature
   * (`SearchOptions.categorical`), or omitted when there are none. They are not standardized;
   * a builder should not put input noise on them (the built-in MLP does not).
   */
  readonly categorical?: readonly number[];
}

/**
 * Builds a fresh, **compiled** model for one setting (loss and optimizer included; the search
 * trains it with `fit` and scores it with `predict`). It may be async.
 *
 * Must be deterministic given its arguments: use `context.seed` for every initializer and noise
 * layer. A builder used on worker threads is given to the search as a {@link BuilderRef}.
 *
 * @example
 * ```ts
 * import type { ModelBuilder } from '@tfjs-noise/tune';
 *
 * // my_builder.ts
 * export const build: ModelBuilder = (setting, context) => {
 *   const net = tf.sequential();
 *   net.add(tf.layers.inputLayer({ inputShape: [context.inputDim] }));
 *   if (setting.kind === 'input') {
 *     net.add(tfn.layers.gaussianJitter({ stddev: setting.amount, seed: context.seed }));
 *   }
 *   const init = tf.initializers.glorotUniform({ seed: context.seed });
 *   net.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init }));
 *   net.add(tf.layers.dense({ units: context.outputUnits, activation: 'sigmoid' }));
 *   net.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
 *   return net; // compiled: the search calls fit and predict
 * };
 * ```
 */
export type ModelBuilder = (
  setting: NoiseSetting,
  context: BuildContext,
) => LayersModel | Promise<LayersModel>;

/**
 * Where a worker thread finds the {@link ModelBuilder}: a module and the name of its export
 * (functions cannot be sent to workers, so each worker imports the module itself).
 *
 * `module` is a path (absolute, or relative to `process.cwd()`), a `file:` URL, or a bare package
 * specifier (resolved from `@tfjs-noise/tune`'s own location). A `.ts` module needs the `tsx`
 * package, which is then loaded into the workers.
 *
 * @example
 * ```ts
 * import { type BuilderRef, searchNoise } from '@tfjs-noise/tune';
 *
 * const builder: BuilderRef = { module: './my_builder.js', export: 'build' };
 * const grid = { kinds: ['input'], amounts: [0, 0.1, 0.2] };
 * const result = await searchNoise({ x, y }, { task: 'classification', grid, builder });
 * ```
 */
export interface BuilderRef {
  /** Module path, `file:` URL or package specifier. */
  readonly module: string;
  /** Name of the exported builder function. Default `'default'`. */
  readonly export?: string;
  /**
   * The builder's kinds whose larger amounts are less noise (a signal-to-noise ratio in dB, as
   * the convnet's `snr`): the search's edge words (`Recommendation.atEdge`) and the CLI's plot
   * order their amounts that way. Amount 0 is still no noise. Default: none (a larger amount is
   * more noise for every kind).
   */
  readonly lessNoise?: readonly string[];
}
