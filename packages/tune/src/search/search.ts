/**
 * searchNoise: k-fold cross-validation over a grid of noise settings (Holmstrom and Koistinen,
 * 1992: standardize, then choose the noise level by cross-validation).
 */

import { fail } from 'tfjs-noise/extend';
import { throwIfAborted } from '../abort';
import { fitTargetScale, scaleTarget } from '../data/target_scale';
import { defaultBackend } from '../run/backends';
import type { BackendName, Job, JobScores, SearchSpec } from '../run/job';
import { SEARCH_OWNER } from '../run/owner';
import { createProgress } from '../run/progress';
import { runInProcess, runOnWorkers } from '../run/run_jobs';
import { higherIsBetter, METRICS, type MetricName, summarize } from '../train/metrics';
import { outputUnitsOf } from '../train/train_score';
import type { NoiseSetting } from '../types';
import { chanceScores } from './chance';
import {
  type CheckedOptions,
  checkCategorical,
  checkClassNames,
  checkData,
  checkEarlyStoppingRows,
  checkOptions,
  rowCountOf,
} from './check_options';
import { assignFolds, foldSplit } from './folds';
import { expandGrid } from './grid';
import type {
  CorruptedResult,
  JobInfo,
  SearchData,
  SearchEvent,
  SearchOptions,
  SearchResult,
  SettingResult,
} from './options';
import { peersOf } from './peers';
import { recommend } from './recommend';
import { robustnessCondition } from './robustness';
import { type SearchedWith, searchedWith } from './searched_with';
import { corruptionSeed, modelSeed } from './seeds';

/**
 * Cross-validates every setting of the grid and returns a table of the metric (mean +- std over
 * folds) per setting and the best setting.
 *
 * - **Folds**: rows are assigned to k folds by a seeded shuffle from tfjs-noise's noise source
 *   (stratified by class for classification); repeat r uses its own shuffle.
 * - **Models**: for each setting, repeat and fold, the builder makes a fresh compiled model,
 *   seeded with `modelSeed(seed, folds, repeat, fold)` (the same for every setting of a fold);
 *   it is trained on the other folds (standardized on them) and scored on the held-out fold.
 * - **Robustness** (`robustness`): each fold's model is also scored on its held-out rows
 *   corrupted after standardization (Gaussian noise, missing values set to the training mean;
 *   seeded with `corruptionSeed(seed, folds, repeat, fold)`, the same for every setting), and the
 *   choice and the verdict are made on those scores (an MSE's paired test on log ratios, see
 *   `RecommendOptions.mseTest`). The chance baseline ignores the features, so its scores are
 *   the clean ones.
 * - **Parallel**: jobs run on a bounded pool of worker threads (one tfjs per thread) or
 *   in-process (`workers: 0`). A job's score depends only on its inputs, so the result is the
 *   same for any number of workers on the same backend.
 * - **Divergence**: a fold whose training diverged (a non-finite loss or weight) or whose model
 *   predicts a non-finite value scores NaN; its setting is marked `failed` and never
 *   recommended. If the no-noise baseline failed, the search rejects, naming it.
 * - **Cancel** with `signal`: workers are terminated, then the promise rejects with the abort
 *   reason (a DOMException named 'AbortError' for `controller.abort()`).
 *
 * @example
 * ```ts
 * import { formatTable, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const result = await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid: { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1, 0.2] },
 *   builder: MLP_BUILDER,
 *   epochs: 200,
 *   seed: 1,
 * });
 * console.log(formatTable(result).join('\n'));
 * console.log(result.recommendation.sentence);
 * ```
 */
export async function searchNoise(data: SearchData, options: SearchOptions): Promise<SearchResult> {
  const start = performance.now();
  const plan = planSearch(data, options);
  throwIfAborted(options.signal);
  const run = await runSearch(plan, options);
  return assembleResult(plan, run, (performance.now() - start) / 1000);
}

/**
 * What a search will do, decided from its data and options before anything is trained: the
 * checked options, the settings (grid with its baseline, then the peers), the data and training
 * options every job shares, the folds, and the jobs (one per setting that trains, repeat and
 * fold; every amount-0 setting shares the first one's models).
 */
export interface SearchPlan {
  /** The options with every default filled in. */
  options: CheckedOptions;
  /** The grid's settings (a no-noise baseline first if it had none), then the peers. */
  settings: NoiseSetting[];
  /** How many of `settings` are the grid's (the rest are peers). */
  candidates: number;
  /** Index in `settings` of the no-noise baseline: the first with amount 0. */
  baseline: number;
  /** For each setting, the setting whose models it shares (itself, or the first amount 0). */
  runs: number[];
  /** The rows, as the jobs train on them (a regression target scaled if asked), and the training options. */
  spec: SearchSpec;
  /** The training and held-out rows of every repeat (outer) and fold (inner). */
  splits: Split[][];
  /** The jobs to run, setting-major, then repeat, then fold. */
  jobs: Job[];
  /** What the search is made with, for `fitBest` (see {@link SearchedWith}). */
  searched: SearchedWith;
  /** The class names of the verdict's words, or null. */
  classNames: readonly string[] | null;
}

/**
 * Checks `data` and `options` and plans the search (see {@link SearchPlan}); throws, naming the
 * option, before anything is trained.
 */
export function planSearch(data: SearchData, options: SearchOptions): SearchPlan {
  const o = checkOptions(options, rowCountOf(data));
  const { x, y: rawY, numClasses, inputShape } = checkData(data, o.task, o.folds);
  if (inputShape.length > 1 && options.categorical !== undefined) {
    fail(
      SEARCH_OWNER,
      'categorical',
      `omitted: one-hot columns are for flat rows, but the rows have shape [${inputShape.join(', ')}]`,
      options.categorical,
    );
  }
  if (o.robustness?.correlationLength !== undefined && inputShape.length < 2) {
    fail(
      SEARCH_OWNER,
      'robustness.correlationLength',
      `omitted: correlated noise needs rows with a spatial axis ([h, w, c] or [t, c]), but the rows have shape [${inputShape.join(', ')}]`,
      o.robustness.correlationLength,
    );
  }
  const categorical = checkCategorical(options.categorical, x);
  checkClassNames(options.classNames, numClasses);
  if (o.earlyStopping) checkEarlyStoppingRows(x.length, o.folds);
  const targetScale = o.scaleTarget ? fitTargetScale(rawY) : null;
  const y = targetScale ? scaleTarget(rawY, targetScale) : rawY;
  const candidates = withBaseline(expandGrid(options.grid, SEARCH_OWNER));
  const peers = peersOf(options, candidates, SEARCH_OWNER);
  const settings = [...candidates, ...peers];
  const spec: SearchSpec = {
    x,
    inputShape,
    y,
    task: o.task,
    numClasses,
    outputUnits: outputUnitsOf(o.task, numClasses),
    train: {
      epochs: o.epochs,
      batchSize: o.batchSize,
      standardize: o.standardize,
      earlyStopping: o.earlyStopping,
      ...(categorical.length > 0 && { categorical }),
    },
    builderOptions: o.builderOptions,
  };
  // Amount 0 is no noise for every kind: its models are trained once, for the first such setting.
  const runs = settings.map((s, i) =>
    s.amount === 0 ? settings.findIndex((t) => t.amount === 0) : i,
  );
  const splits = foldSplits(spec, o);
  const jobs = makeJobs(settings, splits, o).filter((j) => runs[j.settingIndex] === j.settingIndex);
  return {
    options: o,
    settings,
    candidates: candidates.length,
    baseline: settings.findIndex((s) => s.amount === 0),
    runs,
    spec,
    splits,
    jobs,
    searched: searchedWith(options.builder, o, categorical, inputShape, targetScale),
    classNames: options.classNames ?? null,
  };
}

/** What the jobs of a search measured: every metric per setting and fold, clean and corrupted. */
export interface SearchRun {
  /** Per setting, per metric: one score per repeat and fold (slot `repeat * folds + fold`). */
  metrics: { [M in MetricName]?: number[] }[];
  /** The same on the corrupted held-out rows (NaN without robustness). */
  corrupted: { [M in MetricName]?: number[] }[];
  /** Worker threads used (0: in-process). */
  workers: number;
  /** The backend the models were trained on. */
  backend: string;
}

/**
 * Runs the jobs of `plan` (on worker threads, or in-process with `workers: 0`) and collects their
 * scores; reports progress (`options.progress`, `options.onProgress`) and stops on
 * `options.signal`. Every setting that shares a job's models gets its scores.
 */
export async function runSearch(
  plan: SearchPlan,
  options: Pick<SearchOptions, 'builder' | 'signal' | 'onProgress'>,
): Promise<SearchRun> {
  const { options: o, settings, runs, jobs, spec } = plan;
  const metricNames = METRICS[o.task];
  const nFolds = o.repeats * o.folds;
  const empty = () =>
    Object.fromEntries(metricNames.map((m) => [m, new Array<number>(nFolds).fill(Number.NaN)])) as {
      [M in MetricName]?: number[];
    };
  const metrics = settings.map(empty);
  const corrupted = settings.map(empty);
  const remaining = settings.map(() => nFolds);
  const progress = createProgress(o.progress, jobs.length);
  let completed = 0;
  const info = (job: Job): JobInfo => ({
    settingIndex: job.settingIndex,
    kind: job.setting.kind,
    amount: job.setting.amount,
    repeat: job.repeat,
    fold: job.fold,
  });
  const onStart = (job: Job, worker: number) =>
    emit(options, { type: 'start', job: info(job), worker, total: jobs.length });
  const onDone = (job: Job, worker: number, result: JobScores) => {
    const slot = job.repeat * o.folds + job.fold;
    settings.forEach((_, i) => {
      if (runs[i] !== job.settingIndex) return;
      for (const m of metricNames) {
        metrics[i]![m]![slot] = result.scores[m]!;
        if (result.corrupted) corrupted[i]![m]![slot] = result.corrupted[m]!;
      }
    });
    const score = result.scores[o.metric]!;
    completed++;
    const left = --remaining[job.settingIndex]!;
    const summary =
      left === 0 ? describe(job, metrics[job.settingIndex]![o.metric]!, o.metric) : null;
    progress.tick(job, summary);
    emit(options, { type: 'done', job: info(job), worker, score, completed, total: jobs.length });
  };
  const workers = Math.min(o.workers, jobs.length);
  const signal = options.signal;
  let backend: string;
  try {
    const hooks = { onStart, onDone };
    if (workers === 0) {
      backend = await runInProcess(jobs, spec, options.builder, o.backend, signal, hooks);
    } else {
      const name: BackendName = o.backend ?? defaultBackend();
      await runOnWorkers(jobs, spec, options.builder, name, workers, signal, hooks);
      backend = name;
    }
  } finally {
    progress.stop();
  }
  return { metrics, corrupted, workers, backend };
}

/**
 * The result of a search from its plan and its scores: one row per setting, the chance
 * baseline, the recommendation (on the corrupted scores with robustness) and what the search
 * was made with. Throws if the no-noise baseline diverged.
 */
export function assembleResult(plan: SearchPlan, run: SearchRun, seconds: number): SearchResult {
  const { options: o, settings, spec } = plan;
  const { metrics, corrupted } = run;
  const metric = { name: o.metric, higherIsBetter: higherIsBetter(o.metric) };
  const corruptedOf = (i: number): CorruptedResult => ({
    ...summarize(corrupted[i]![metric.name]!),
    scores: corrupted[i]![metric.name]!,
    metrics: corrupted[i]!,
  });
  const rows: SettingResult[] = settings.map((s, i) => ({
    kind: s.kind,
    amount: s.amount,
    ...summarize(metrics[i]![metric.name]!),
    scores: metrics[i]![metric.name]!,
    metrics: metrics[i]!,
    ...(o.robustness && { corrupted: corruptedOf(i) }),
    ...(i >= plan.candidates && { peer: true }),
    failed: metrics[i]![metric.name]!.some((v) => !Number.isFinite(v)),
  }));
  checkBaseline(rows[plan.baseline]!);
  const chance = chanceScores(o.task, spec.y, spec.numClasses, plan.splits.flat());
  // A failed setting is never a candidate, nor a peer to compare with.
  const kept = rows.filter((r) => !r.failed);
  // With robustness, the choice is made on the corrupted scores (chance ignores the features).
  const recommendation = recommend(
    kept.map((r) => ({
      setting: { kind: r.kind, amount: r.amount },
      metrics: r.corrupted?.metrics ?? r.metrics,
      ...(r.peer && { peer: true }),
    })),
    kept.indexOf(rows[plan.baseline]!),
    {
      task: o.task,
      metric: o.metric,
      criterion: o.criterion,
      rule: o.rule,
      threshold: o.threshold,
      level: o.level,
      seed: o.seed,
      folds: o.folds,
      chance,
      classNames: plan.classNames,
      ...(plan.searched.builder?.lessNoise && { lessNoise: plan.searched.builder.lessNoise }),
      // Corrupted folds' MSE is heavy-tailed: the paired test reads log ratios.
      ...(o.robustness && {
        condition: robustnessCondition(o.robustness),
        mseTest: 'log-ratio' as const,
      }),
    },
  );
  const best = rows.find(
    (r) => r.kind === recommendation.setting.kind && r.amount === recommendation.setting.amount,
  )!;
  return {
    criterion: o.criterion,
    metric: metric.name,
    higherIsBetter: metric.higherIsBetter,
    rows,
    baseline: rows[plan.baseline]!,
    best,
    recommendation,
    robustness: o.robustness,
    chance,
    task: o.task,
    folds: o.folds,
    repeats: o.repeats,
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    workers: run.workers,
    backend: run.backend,
    earlyStopping: o.earlyStopping,
    searched: plan.searched,
    seconds,
  };
}

/** The settings with a no-noise baseline: the first kind at amount 0 in front if none has 0. */
function withBaseline(settings: NoiseSetting[]): NoiseSetting[] {
  if (settings.some((s) => s.amount === 0)) return settings;
  return [{ kind: settings[0]!.kind, amount: 0 }, ...settings];
}

/** A diverged baseline leaves nothing to compare the noise with: the search fails. */
function checkBaseline(baseline: SettingResult): void {
  if (!baseline.failed) return;
  const n = baseline.scores.filter((v) => !Number.isFinite(v)).length;
  throw new Error(
    `${SEARCH_OWNER}: the training of no noise {kind: '${baseline.kind}', amount: 0} diverged (a ` +
      `non-finite loss or weight) on ${n} of ${baseline.scores.length} folds: there is nothing ` +
      'to compare the noise with; lower the learning rate.',
  );
}

function emit(options: Pick<SearchOptions, 'onProgress'>, event: SearchEvent): void {
  options.onProgress?.(event);
}

function describe(job: Job, scores: number[], metric: string): string {
  const s = summarize(scores);
  const name = `${job.setting.kind} ${job.setting.amount}`;
  if (!Number.isFinite(s.mean)) return `${name}: failed (training diverged)`;
  return `${name}: ${metric} ${s.mean.toFixed(4)} +- ${s.std.toFixed(4)}`;
}

type Split = { train: number[]; test: number[] };

/** The training and held-out rows of every repeat (outer) and fold (inner). */
function foldSplits(spec: SearchSpec, o: CheckedOptions): Split[][] {
  const n = spec.x.length;
  return Array.from({ length: o.repeats }, (_, repeat) => {
    const stratify = spec.task === 'classification' && o.stratify ? spec.y : undefined;
    const fold = assignFolds(n, o.folds, { seed: o.seed, repeat, ...(stratify && { stratify }) });
    return Array.from({ length: o.folds }, (_, f) => foldSplit(fold, f));
  });
}

/** Jobs in grid order: setting-major, then repeat, then fold. */
function makeJobs(
  settings: { kind: string; amount: number }[],
  splits: Split[][],
  o: CheckedOptions,
): Job[] {
  const jobs: Job[] = [];
  settings.forEach((setting, settingIndex) => {
    for (let repeat = 0; repeat < o.repeats; repeat++) {
      for (let fold = 0; fold < o.folds; fold++) {
        const split = splits[repeat]![fold]!;
        jobs.push({
          id: jobs.length,
          settingIndex,
          setting,
          repeat,
          fold,
          seed: modelSeed(o.seed, o.folds, repeat, fold),
          train: split.train,
          test: split.test,
          corruption: o.robustness && {
            ...o.robustness,
            seed: corruptionSeed(o.seed, o.folds, repeat, fold),
          },
        });
      }
    }
  });
  return jobs;
}
