/**
 * One job of the search (a setting on one fold of one repeat) and what a worker needs to run it.
 * Both are plain data, sent to worker threads by structured clone.
 */

import type { InputCorruption } from '../data/corrupt';
import { METRICS, type Scores } from '../train/metrics';
import { type TrainOptions, trainAndEvaluate } from '../train/train_score';
import type { BuildContext, JsonValue, ModelBuilder, NoiseSetting, Task } from '../types';
import type { ResolvedBuilderRef } from './builder';

/**
 * The backends a search can run on.
 *
 * @example
 * ```ts
 * import { type BackendName, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const backend: BackendName = 'cpu';
 * const grid = { kinds: ['weight'], amounts: [0, 0.05] };
 * await searchNoise({ x, y }, { task: 'regression', grid, builder: MLP_BUILDER, backend });
 * ```
 */
export type BackendName = 'cpu' | 'wasm';

/** The backends, for validation. */
export const BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

/** Everything shared by the jobs of a search (sent once to each worker). */
export interface SearchSpec {
  /** Feature rows, flat (row-major: an example's entries, the last axis fastest). */
  x: number[][];
  /** The shape of one example (`[d]` for a table's rows): the model's input is `[n, ...inputShape]`. */
  inputShape: number[];
  /** Targets: class indices 0..k-1, or numbers. */
  y: number[];
  /** The task. */
  task: Task;
  /** Number of classes (classification) or null. */
  numClasses: number | null;
  /** Output units of the models. */
  outputUnits: number;
  /** Training options. */
  train: TrainOptions;
  /** Options passed to the builder in its context. */
  builderOptions: { [key: string]: JsonValue };
}

/** What a worker thread is started with. */
export interface WorkerInit {
  /** The builder to import. */
  builder: ResolvedBuilderRef;
  /** The tfjs backend to use. */
  backend: BackendName;
  /** The data and training options. */
  spec: SearchSpec;
}

/** One unit of work: train `setting` on the training rows of a fold, score the held-out rows. */
export interface Job {
  /** Position in the search's job list. */
  id: number;
  /** Index of the setting in the grid. */
  settingIndex: number;
  /** Noise kind and amount. */
  setting: NoiseSetting;
  /** Repeat index. */
  repeat: number;
  /** Fold index. */
  fold: number;
  /** Seed of the model (see `modelSeed`). */
  seed: number;
  /** Training row indices. */
  train: number[];
  /** Held-out row indices. */
  test: number[];
  /**
   * The corruption of the held-out rows they are also scored on (seeded per repeat and fold,
   * see `corruptionSeed`), or null: clean rows only.
   */
  corruption: InputCorruption | null;
}

/** What a job measured: every metric on the clean held-out rows, and on the corrupted ones. */
export interface JobScores {
  /** Every metric of the task on the held-out rows. */
  scores: Scores;
  /** Every metric on the corrupted held-out rows, or null (the job has no corruption). */
  corrupted: Scores | null;
}

/** Messages from a worker to the search. */
export type WorkerMessage =
  | { type: 'ready' }
  | ({ type: 'result'; id: number } & JobScores)
  | { type: 'error'; id: number | null; message: string; stack?: string };

/**
 * Runs a job with a loaded builder (the same code in-process and in workers): every metric, on
 * the held-out rows and, with a corruption, on the corrupted held-out rows (the same trained
 * model). A fold whose training diverged, or whose model predicts a non-finite value on either,
 * gets NaN for every metric of both (the search marks its setting failed).
 */
export async function runJob(
  build: ModelBuilder,
  spec: SearchSpec,
  job: Job,
  signal?: AbortSignal,
): Promise<JobScores> {
  const context: BuildContext = {
    inputDim: spec.x[0]!.length,
    inputShape: spec.inputShape,
    outputUnits: spec.outputUnits,
    task: spec.task,
    numClasses: spec.numClasses,
    seed: job.seed,
    fold: job.fold,
    repeat: job.repeat,
    options: spec.builderOptions,
    ...(spec.train.categorical?.length && { categorical: spec.train.categorical }),
  };
  const pick = (rows: number[]) => ({
    x: rows.map((i) => spec.x[i]!),
    y: rows.map((i) => spec.y[i]!),
  });
  const test = pick(job.test);
  const tests = job.corruption ? [test, { ...test, corruption: job.corruption }] : [test];
  const failed = () => ({
    scores: failedScores(spec.task),
    corrupted: job.corruption ? failedScores(spec.task) : null,
  });
  let all: Scores[];
  try {
    all = await trainAndEvaluate(
      build,
      job.setting,
      context,
      pick(job.train),
      tests,
      spec.train,
      signal,
    );
  } catch (err) {
    if ((err as Error)?.name !== 'TrainingDivergedError') throw err;
    return failed();
  }
  // Finite weights can still predict NaN or +-Infinity: the fold failed as well.
  if (!all.every((s) => Object.values(s).every(Number.isFinite))) return failed();
  return { scores: all[0]!, corrupted: all[1] ?? null };
}

/** The scores of a failed fold (its training diverged): NaN for every metric of the task. */
function failedScores(task: Task): Scores {
  return Object.fromEntries(METRICS[task].map((m) => [m, Number.NaN])) as Scores;
}

/** `value` as an Error (a thrown non-Error becomes an Error with its string form). */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * The error of a failed job: names the job that was running (setting kind and amount, repeat,
 * fold) and where it ran, with the original error as `cause`.
 */
export function jobError(job: Job, cause: unknown, where: 'in a worker thread' | 'in-process') {
  const e = asError(cause);
  return new Error(
    `searchNoise: setting {kind: '${job.setting.kind}', amount: ${job.setting.amount}}, ` +
      `repeat ${job.repeat}, fold ${job.fold} failed ${where}: ${e.message}`,
    { cause: e },
  );
}

/** The error of a model builder module that could not be loaded (no job ran). */
export function loadError(cause: unknown, where: 'in a worker thread' | 'in-process'): Error {
  const e = asError(cause);
  return new Error(`searchNoise: the model builder could not be loaded ${where}: ${e.message}`, {
    cause: e,
  });
}
