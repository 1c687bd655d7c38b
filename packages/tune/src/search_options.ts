/**
 * Options and results of {@link searchNoise}.
 */
import type { Grid } from './grid';
import type { BackendName } from './job';
import type { MetricName } from './metrics';
import type { ProgressMode } from './progress';
import type { BuilderRef, JsonValue, ModelBuilder, NoiseSetting, Task } from './types';

/** The data of a search: feature rows and one target per row. */
export interface SearchData {
  /** Feature rows (finite numbers, all of the same length). */
  x: readonly (readonly number[])[];
  /** Class indices 0..k-1 (classification) or finite numbers (regression). */
  y: readonly number[];
}

/** A job of the search as reported to `onProgress`. */
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

/** Options of {@link searchNoise}. */
export interface SearchOptions {
  /** `'classification'` (accuracy is scored) or `'regression'` (MSE is scored). */
  task: Task;
  /** The settings to compare: `{kinds, amounts}` (crossed) or a list of `{kind, amount}`. */
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
  /** Repeats of k-fold cross-validation, each with its own fold assignment. Default 1. */
  repeats?: number;
  /** Training epochs per model. Default 100. */
  epochs?: number;
  /** Batch size; default: full batch (all training rows of the fold). */
  batchSize?: number;
  /** Seed of the fold assignment and the model seeds. Default 0. */
  seed?: number;
  /** Standardize each fold with mean and std fitted on its training rows. Default true. */
  standardize?: boolean;
  /** Stratify the folds by class (classification only). Default true. */
  stratify?: boolean;
  /**
   * Worker threads; 0 runs in-process (on the caller's tfjs, one job at a time).
   * Default `min(2, os.availableParallelism())`; never more threads than jobs.
   */
  workers?: number;
  /**
   * tfjs backend. Workers use it (default `'wasm'`); in-process, it is set with `tf.setBackend`
   * if given (default: keep the current backend).
   */
  backend?: BackendName;
  /** Cancels the search: it rejects with `signal.reason` (an AbortError) once workers are ended. */
  signal?: AbortSignal;
  /** Progress display on stderr. Default `'auto'` (a bar in a terminal, else log lines). */
  progress?: ProgressMode;
  /** Called when a job starts and when it is done. */
  onProgress?: (event: SearchEvent) => void;
}

/** The cross-validation result of one setting. */
export interface SettingResult extends NoiseSetting {
  /** Mean of the metric over folds (and repeats). */
  mean: number;
  /** Sample std of the metric over folds (and repeats). */
  std: number;
  /** The metric of every fold, repeat-major: `scores[repeat * folds + fold]`. */
  scores: number[];
}

/** The result of {@link searchNoise}. */
export interface SearchResult {
  /** The metric: `'accuracy'` (classification) or `'mse'` (regression). */
  metric: MetricName;
  /** True if a larger metric is better. */
  higherIsBetter: boolean;
  /** One row per setting, in grid order. */
  rows: SettingResult[];
  /** The row with the best mean (ties: the first in grid order). */
  best: SettingResult;
  /** The task. */
  task: Task;
  /** Number of folds. */
  folds: number;
  /** Number of repeats. */
  repeats: number;
  /** Epochs per model. */
  epochs: number;
  /** Batch size, or null for full batch. */
  batchSize: number | null;
  /** The seed. */
  seed: number;
  /** Worker threads used (0: in-process). */
  workers: number;
  /** The backend the models were trained on. */
  backend: string;
  /** Wall-clock time of the search in seconds. */
  seconds: number;
}
