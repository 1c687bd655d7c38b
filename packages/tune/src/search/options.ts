/**
 * Options and results of {@link searchNoise}.
 */

import type { Tensor } from '@tensorflow/tfjs-core';
import type { NestedRow } from '../data/shape';
import type { BackendName } from '../run/job';
import type { ProgressMode } from '../run/progress';
import type { EarlyStopping } from '../train/early_stopping';
import type { MetricName } from '../train/metrics';
import type { BuilderRef, JsonValue, ModelBuilder, NoiseSetting, Task } from '../types';
import type { ChanceScores } from './chance';
import type { Grid } from './grid';
import type { Recommendation, SelectionRule } from './recommend';
import type { CheckedRobustness, Robustness } from './robustness';
import type { SearchedWith } from './searched_with';

/**
 * The data of a search: feature rows and one target per row. A row is flat (a table's row of
 * features) or nested of any shape, the same for every row: `[h][w][c]` for an image, `[t][c]`
 * for a signal; or `x` is a tensor of `[n, ...shape]`. The folds split the first axis (the
 * examples); the builder is told the shape of one example (`BuildContext.inputShape`).
 *
 * @example
 * ```ts
 * import type { SearchData } from '@tfjs-noise/tune';
 *
 * const data: SearchData = {
 *   x: [[5.1, 3.5], [4.9, 3.0], [6.2, 2.9], [5.9, 3.0]],
 *   y: [0, 0, 1, 1], // class indices (classification) or numbers (regression)
 * };
 * // Two 2x2 one-channel images: rows of shape [2, 2, 1].
 * const images: SearchData = {
 *   x: [
 *     [[[0], [1]], [[1], [0]]],
 *     [[[1], [0]], [[0], [1]]],
 *   ],
 *   y: [0, 1],
 * };
 * ```
 */
export interface SearchData {
  /**
   * Feature rows (finite numbers): flat rows of one length (arrays, Float32Arrays or
   * Float64Arrays), nested rows of one shape (`[n][h][w][c]`, `[n][t][c]`, innermost arrays
   * may be typed arrays), or a tensor of `[n, ...shape]` (read once, as its float32 values; the
   * caller keeps it and disposes it).
   */
  x: readonly NestedRow[] | Tensor;
  /** Class indices 0..k-1 (classification) or finite numbers (regression). */
  y: readonly number[];
}

/**
 * A job of the search as reported to `onProgress`.
 *
 * @example
 * ```ts
 * import type { JobInfo } from '@tfjs-noise/tune';
 *
 * const describe = (job: JobInfo) =>
 *   `${job.kind} ${job.amount}, repeat ${job.repeat}, fold ${job.fold}`;
 * ```
 */
export interface JobInfo {
  /** Index of the setting in the grid. */
  settingIndex: number;
  /** Noise kind. */
  kind: string;
  /** Noise amount. */
  amount: number;
  /** Repeat index. */
  repeat: number;
  /** Fold index. */
  fold: number;
}

/**
 * Progress events of a search: a job started or is done. `worker` is the index (0-based) of the
 * worker thread that runs the job, or -1 in-process.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type SearchEvent, searchNoise } from '@tfjs-noise/tune';
 *
 * const onProgress = (event: SearchEvent) => {
 *   if (event.type === 'done') {
 *     console.log(`${event.completed}/${event.total}: ${event.job.kind} ${event.score}`);
 *   }
 * };
 * await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid: { kinds: ['input'], amounts: [0, 0.1] },
 *   builder: MLP_BUILDER,
 *   progress: 'none',
 *   onProgress,
 * });
 * ```
 */
export type SearchEvent =
  | { type: 'start'; job: JobInfo; worker: number; total: number }
  | {
      type: 'done';
      job: JobInfo;
      worker: number;
      score: number;
      completed: number;
      total: number;
    };

/**
 * Options of {@link searchNoise}.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type SearchOptions, searchNoise } from '@tfjs-noise/tune';
 *
 * const controller = new AbortController();
 * const options: SearchOptions = {
 *   task: 'classification',
 *   grid: { kinds: ['input', 'weight', 'l2'], amounts: [0, 0.01, 0.1] },
 *   builder: MLP_BUILDER,
 *   builderOptions: { hiddenUnits: 32 },
 *   folds: 5,
 *   repeats: 2,
 *   epochs: 100,
 *   seed: 1,
 *   workers: 2,
 *   backend: 'wasm',
 *   signal: controller.signal, // controller.abort() cancels the search
 * };
 * const result = await searchNoise({ x, y }, options);
 * ```
 */
export interface SearchOptions {
  /** `'classification'` (accuracy is scored) or `'regression'` (MSE is scored). */
  task: Task;
  /**
   * The settings to compare: `{kinds, amounts}` (crossed) or a list of `{kind, amount}`; at most
   * `MAX_GRID_SETTINGS` (1000) settings.
   */
  grid: Grid;
  /**
   * The model builder: a function (in-process only, `workers: 0`) or a `{module, export}`
   * reference that each worker imports (works in both modes). See `MLP_BUILDER` for the built-in
   * MLP.
   */
  builder: ModelBuilder | BuilderRef;
  /** JSON-compatible options passed to the builder as `context.options`. Default `{}`. */
  builderOptions?: { [key: string]: JsonValue };
  /** Number of folds k >= 2. Default 5. */
  folds?: number;
  /**
   * Repeats of k-fold cross-validation, each with its own fold assignment and initial weights:
   * a number >= 1, or `'auto'` (the default): more repeats for smaller tables, from the rows
   * and epochs alone (see `autoRepeats`: 4 for 40 rows x 100 epochs, 2 from 80 rows).
   */
  repeats?: number | 'auto';
  /**
   * What matters to you, and so what the recommendation must improve and never lose:
   * `'accuracy'` (right answers; the default for classification), `'logLoss'` or `'brier'`
   * (predicted probabilities), `'mse'` (regression, the default there). The table, the choice
   * and the verdict are in this metric.
   */
  metric?: MetricName;
  /**
   * The metric of the paired test that decides whether a gain is beyond chance, beside the
   * metric itself (see `CRITERION_OF`: the log-loss when the metric is accuracy, else the
   * metric). A setting is recommended only if its gain in `metric` is also positive.
   */
  criterion?: MetricName;
  /**
   * Plain regularizers trained on the same folds and compared in the verdict, never
   * recommended (to make one a candidate, put it in the grid). Default: `DEFAULT_PEERS` (L2 0.01,
   * dropout 0.2) for the built-in MLP, none for another builder; `[]` for none.
   */
  peers?: readonly NoiseSetting[];
  /**
   * Class names in index order (classification: one per class, as many as the largest label
   * + 1), used only in the words of the verdict.
   */
  classNames?: readonly string[];
  /**
   * How the recommended setting is chosen (see {@link SelectionRule}). Default `'max-t'`: noise
   * only if its gain over no noise in the metric, on the same folds, exceeds the threshold that
   * the largest gain of all settings exceeds by chance with probability `level`.
   */
  rule?: SelectionRule;
  /** Standard errors the paired gain must exceed (rule `'paired'`), a number >= 0. Default 1. */
  threshold?: number;
  /**
   * Familywise level of the default rule `'max-t'`: when no setting truly helps, the chance that
   * noise is recommended anyway, whatever the number of settings. A number in (0, 0.5). Default
   * `DEFAULT_LEVEL` (0.05).
   */
  level?: number;
  /**
   * Early stopping for every model (a validation split of each fold's training rows); default
   * none. See `TrainOptions.earlyStopping`.
   */
  earlyStopping?: EarlyStopping | null;
  /**
   * Choose for robustness: every fold's model is also scored on its held-out rows with noise
   * added to the inputs it sees (and/or a share of them replaced by the training mean), after
   * the fold's standardization, with the same trained model; the choice, the verdict (which then
   * starts with the condition, e.g. `under input noise of 1 std: ...`), the table's gains and the
   * plot use those scores. Training is unchanged. Default none (clean rows). See
   * {@link Robustness}.
   */
  robustness?: Robustness | null;
  /** Training epochs per model. Default 100. */
  epochs?: number;
  /** Batch size; default: full batch (all training rows of the fold). */
  batchSize?: number;
  /** Seed of the fold assignment and the model seeds. Default 0. */
  seed?: number;
  /** Standardize each fold with mean and std fitted on its training rows. Default true. */
  standardize?: boolean;
  /**
   * Regression: put the target in standard units (mean and std of every row's target, see
   * `fitTargetScale`) before anything is trained, as the CLI does; the scores (MSE) are then in
   * those units, the result records the scale (`searched.targetScale`) and `fitBest` trains on
   * the same units. Default false (the target as given).
   */
  scaleTarget?: boolean;
  /**
   * Indices of the columns of `x` that are one-hot (0/1) indicators of categorical features:
   * they are not standardized, `robustness` leaves them clean, and the builder is told
   * (`BuildContext.categorical`; the built-in MLP puts no input noise on them). Default none.
   */
  categorical?: readonly number[];
  /** Stratify the folds by class (classification only). Default true. */
  stratify?: boolean;
  /**
   * Worker threads; 0 runs in-process (on the caller's tfjs, one job at a time).
   * Default `min(2, os.availableParallelism())`; never more threads than jobs.
   */
  workers?: number;
  /**
   * tfjs backend. Workers use it (default `'wasm'` if the optional peer
   * `@tensorflow/tfjs-backend-wasm` is installed, else `'cpu'`); in-process, it is set with
   * `tf.setBackend` if given (default: keep the current backend).
   */
  backend?: BackendName;
  /** Cancels the search: it rejects with `signal.reason` (an AbortError) once workers are ended. */
  signal?: AbortSignal;
  /** Progress display on stderr. Default `'auto'` (a bar in a terminal, else log lines). */
  progress?: ProgressMode;
  /** Called when a job starts and when it is done. */
  onProgress?: (event: SearchEvent) => void;
}

/**
 * The cross-validation result of one setting.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type SettingResult, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1, 0.2] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * result.rows.forEach((row: SettingResult) => {
 *   console.log(row.kind, row.amount, `${row.mean.toFixed(3)} +- ${row.std.toFixed(3)}`);
 * });
 * ```
 */
export interface SettingResult extends NoiseSetting {
  /** Mean of the metric over folds (and repeats). */
  mean: number;
  /** Sample std of the metric over folds (and repeats). */
  std: number;
  /** The metric of every fold, repeat-major: `scores[repeat * folds + fold]`. */
  scores: number[];
  /** Every metric of the task on every fold (same order as `scores`). */
  metrics: { [M in MetricName]?: number[] };
  /** True for a peer (a plain regularizer compared with, never recommended). */
  peer?: boolean;
  /**
   * The same models scored on the corrupted held-out rows (only with `robustness`): the metric's
   * mean and std, its score per fold and every metric per fold, in the order of `scores`.
   */
  corrupted?: CorruptedResult;
  /**
   * True if the training of a fold diverged (a non-finite loss or weight) or its model predicted
   * a non-finite value (on clean or corrupted rows): that fold's metrics are NaN, and the
   * setting is never recommended.
   */
  failed: boolean;
}

/**
 * The scores of one setting's models on the corrupted held-out rows (see
 * `SearchOptions.robustness`), laid out as the clean ones of {@link SettingResult}.
 *
 * @example
 * ```ts
 * import { type CorruptedResult, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.2] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER, robustness: { stddev: 1 } } as const;
 * const result = await searchNoise({ x, y }, options);
 * const noisy: CorruptedResult | undefined = result.rows[1]?.corrupted;
 * console.log(result.rows[1]?.mean, noisy?.mean); // clean and corrupted accuracy
 * ```
 */
export interface CorruptedResult {
  /** Mean of the metric over folds (and repeats). */
  mean: number;
  /** Sample std of the metric over folds (and repeats). */
  std: number;
  /** The metric of every fold, repeat-major. */
  scores: number[];
  /** Every metric of the task on every fold. */
  metrics: { [M in MetricName]?: number[] };
}

/**
 * The result of {@link searchNoise}.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { MLP_BUILDER, type SearchResult, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result: SearchResult = await searchNoise({ x, y }, options);
 * console.log(result.best.kind, result.best.amount, `${result.seconds.toFixed(1)} s`);
 * writeFileSync('search.json', JSON.stringify(result)); // plain data
 * ```
 */
export interface SearchResult extends SearchSettings {
  /** The metric the settings were compared on (see `SearchOptions.criterion`). */
  criterion: MetricName;
  /** The metric of the table: `'accuracy'` (classification) or `'mse'` (regression). */
  metric: MetricName;
  /** True if a larger metric is better. */
  higherIsBetter: boolean;
  /**
   * One row per setting, in grid order, then the peers (`peer: true`); the no-noise baseline is
   * the first setting with amount 0 (if the grid has none, one is added in front: the first
   * kind with amount 0).
   */
  rows: SettingResult[];
  /** The chance baseline (majority class, or the training mean) on the same folds. */
  chance: ChanceScores;
  /** The row of the no-noise baseline. */
  baseline: SettingResult;
  /**
   * The recommended row: noise that beat no noise beyond chance, else the baseline (see
   * `recommendation`). Not necessarily the largest mean.
   */
  best: SettingResult;
  /**
   * The recommended setting, the paired evidence, and the sentence for the user; made on the
   * corrupted scores when `robustness` is set.
   */
  recommendation: Recommendation;
  /** The corruption the choice was made on (see `SearchOptions.robustness`), or null. */
  robustness: CheckedRobustness | null;
  /**
   * What the models were built and trained with, beyond the settings above: `fitBest(data,
   * result)` trains the final model from it and needs nothing else (see {@link SearchedWith}).
   */
  searched: SearchedWith;
  /** Worker threads used (0: in-process). */
  workers: number;
  /** The backend the models were trained on. */
  backend: string;
  /** Wall-clock time of the search in seconds. */
  seconds: number;
}

/** How every model of a search was trained and scored: the same in its options and its result. */
export interface SearchSettings {
  /** The task. */
  task: Task;
  /** Number of folds k. */
  folds: number;
  /** Number of repeats of the k-fold split. */
  repeats: number;
  /** Epochs per model. */
  epochs: number;
  /** Batch size, or null for full batch. */
  batchSize: number | null;
  /** The seed. */
  seed: number;
  /** Early stopping of every model, or null. */
  earlyStopping: EarlyStopping | null;
}
