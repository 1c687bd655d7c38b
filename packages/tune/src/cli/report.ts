/**
 * The CLI's report directory: results.json, the standardizer and the SVG plot.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { version_core } from '@tensorflow/tfjs-core';
import { version as tfjsNoiseVersion } from 'tfjs-noise';
import { replaceFiles } from 'tfjs-noise/node';
import type { Standardizer } from '../data/standardize';
import type { SearchResult } from '../search/options';
import { reportWords } from '../search/report_words';
import { robustnessCondition } from '../search/robustness';
import { version } from '../version';
import type { CliArgs } from './args';
import type { CsvDataset } from './csv';
import { plotSpec, renderSvg } from './plot';

/** What the report records besides the search result. */
export interface ReportInput {
  /** The command line (arguments after the program name). */
  argv: string[];
  /** Parsed flags. */
  args: CliArgs;
  /** The data set read from the CSV file. */
  dataset: CsvDataset;
  /** Kinds searched. */
  kinds: string[];
  /** Standardizer of the features, fitted on all rows (for training the final model). */
  standardizer: Standardizer;
  /** Mean and std of a regression target (the search scores the standardized target). */
  targetScale: { mean: number; std: number } | null;
  /** The search result. */
  result: SearchResult;
}

/** What each metric means, for the report. */
const METRIC_NOTES = {
  accuracy: 'fraction of held-out rows classified correctly',
  logLoss: 'mean negative log-probability of the true class (lower is better)',
  brier: 'mean squared error of the predicted class probabilities, summed over classes',
  mse: 'mean squared error of the standardized target (about 1 - R^2)',
} as const;

/** The names of the files {@link writeReport} writes. */
export const REPORT_FILES = ['results.json', 'cv_score.svg', 'standardizer.json'] as const;

/**
 * Writes the report into `dir` (created if needed) and returns the paths written. Each file is
 * written to a temporary file in `dir`, then renamed over its name (`replaceFiles`): a reader
 * never sees half a file, and a symlink at a report file's name is replaced, never written
 * through.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<string[]> {
  const { args, dataset, result } = input;
  mkdirSync(dir, { recursive: true });
  const results = {
    tool: '@tfjs-noise/tune',
    command: ['tfjs-noise-tune', ...input.argv].join(' '),
    data: {
      file: args.file,
      rows: dataset.x.length,
      features: dataset.features,
      columns: dataset.columns,
      inputs: dataset.inputs,
      ...(dataset.categorical.length > 0 && {
        oneHot:
          'categorical columns are one-hot encoded (one input per category, a missing value its ' +
          "own category); the categories are read from every row's feature values (never the " +
          'target), before the folds; one-hot inputs are not standardized, get no input noise and ' +
          'are left clean by --robustness',
      }),
      target: args.target,
      task: dataset.task,
      taskInferred: dataset.inferred,
      classes: dataset.classes,
      targetScale: input.targetScale,
      rowsWithMissingTarget: dataset.skipped,
      rowsWithMissingFeature: dataset.missingFeatures,
    },
    search: {
      folds: result.folds,
      repeats: result.repeats,
      epochs: result.epochs,
      batchSize: result.batchSize,
      seed: result.seed,
      workers: result.workers,
      backend: result.backend,
      grid: result.rows.map((r) => ({ kind: r.kind, amount: r.amount })),
      model: { builder: 'mlp', hiddenUnits: args.hidden, learningRate: args.learningRate },
      standardize: 'per fold, fitted on the training folds',
      robustness: result.robustness
        ? {
            ...result.robustness,
            condition: robustnessCondition(result.robustness),
            note:
              "every fold's model is also scored on its held-out rows corrupted so (after " +
              'standardization, a fixed seed per repeat and fold); rows[].corrupted holds those ' +
              'scores, and the recommendation is made on them',
          }
        : null,
    },
    metric: result.metric,
    metricNote: METRIC_NOTES[result.metric],
    higherIsBetter: result.higherIsBetter,
    criterion: result.criterion,
    rows: result.rows,
    chance: {
      ...result.chance,
      note:
        result.chance.predictor === 'majority'
          ? `always answering the most frequent class of the training folds${dataset.classes && result.chance.classIndex !== null ? ` ('${dataset.classes[result.chance.classIndex]}' over all rows)` : ''}, with their class frequencies as probabilities`
          : 'always predicting the mean target of the training folds',
    },
    best: {
      kind: result.best.kind,
      amount: result.best.amount,
      mean: result.best.mean,
      std: result.best.std,
      ...(result.best.corrupted && {
        corrupted: { mean: result.best.corrupted.mean, std: result.best.corrupted.std },
      }),
    },
    recommendation: result.recommendation,
    // The verdict as the CLI prints it (headline, then details).
    report: reportWords(result, { classNames: dataset.classes }),
    standardizer: input.standardizer.toJSON(),
    versions: {
      tune: version,
      tfjsNoise: tfjsNoiseVersion,
      tfjs: version_core,
      node: process.version,
    },
    seconds: result.seconds,
  };
  const [resultsFile, plotFile, standardizerFile] = REPORT_FILES.map((f) => join(dir, f)) as [
    string,
    string,
    string,
  ];
  const svg = await renderSvg(plotSpec(result));
  // Each file written in full beside its name, then renamed over it: a symlink there is
  // replaced by the file, never written through.
  replaceFiles('--out', dir, [
    { name: REPORT_FILES[0], data: `${JSON.stringify(results, null, 2)}\n` },
    { name: REPORT_FILES[1], data: svg },
    { name: REPORT_FILES[2], data: `${JSON.stringify(input.standardizer, null, 2)}\n` },
  ]);
  return [resultsFile, plotFile, standardizerFile];
}
