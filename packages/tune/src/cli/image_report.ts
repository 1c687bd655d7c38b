/**
 * The report directory of `tfjs-noise-tune images`: results.json, the plot and the per-channel
 * standardizer, as the table command writes them (`report.ts`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { version_core } from '@tensorflow/tfjs-core';
import { version as tfjsNoiseVersion } from 'tfjs-noise';
import { replaceFiles } from 'tfjs-noise/node';
import type { ImageFolder } from '../data/image_folder';
import type { Standardizer } from '../data/standardize';
import type { SearchResult } from '../search/options';
import { reportWords } from '../search/report_words';
import { robustnessCondition } from '../search/robustness';
import { version } from '../version';
import type { ImageArgs } from './image_args';
import { plotSpec, renderSvg } from './plot';
import { REPORT_FILES } from './report';

/** What the report records besides the search result. */
export interface ImageReportInput {
  /** The command line (arguments after the program name). */
  argv: string[];
  /** Parsed flags. */
  args: ImageArgs;
  /** The images read. */
  folder: ImageFolder;
  /** The per-channel standardizer, fitted on all images. */
  standardizer: Standardizer;
  /** The search result. */
  result: SearchResult;
}

/**
 * Writes the report into `dir` (created if needed; each file replaced whole, see
 * `replaceFiles`) and returns the paths written.
 */
export async function writeImageReport(dir: string, input: ImageReportInput): Promise<string[]> {
  const { args, folder, result } = input;
  mkdirSync(dir, { recursive: true });
  const channels = args.grayscale ? 1 : 3;
  const results = {
    tool: '@tfjs-noise/tune',
    command: ['tfjs-noise-tune', ...input.argv].join(' '),
    data: {
      folder: args.dir,
      images: folder.x.length,
      classes: folder.classes,
      counts: Object.fromEntries(folder.classes.map((c, i) => [c, folder.counts[i]])),
      size: args.size,
      channels,
      grayscale: args.grayscale,
      pixels: 'as decoded (0-255), resized bilinearly (half-pixel centers) to size',
      resized: Object.fromEntries(folder.resized),
      ignored: folder.ignored,
      task: 'classification',
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
      model: { builder: 'convnet', filters: [8, 16], learningRate: args.learningRate },
      standardize: 'per channel, per fold, fitted on the training folds',
      robustness: result.robustness
        ? {
            ...result.robustness,
            condition: robustnessCondition(result.robustness),
            note:
              "every fold's model is also scored on its held-out images corrupted so (after " +
              'standardization, a fixed seed per repeat and fold); rows[].corrupted holds those ' +
              'scores, and the recommendation is made on them',
          }
        : null,
    },
    metric: result.metric,
    higherIsBetter: result.higherIsBetter,
    criterion: result.criterion,
    rows: result.rows,
    chance: result.chance,
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
    report: reportWords(result, { classNames: folder.classes }),
    standardizer: input.standardizer.toJSON(),
    versions: {
      tune: version,
      tfjsNoise: tfjsNoiseVersion,
      tfjs: version_core,
      node: process.version,
    },
    seconds: result.seconds,
  };
  const svg = await renderSvg(plotSpec(result));
  replaceFiles('--out', dir, [
    { name: REPORT_FILES[0], data: `${JSON.stringify(results, null, 2)}\n` },
    { name: REPORT_FILES[1], data: svg },
    { name: REPORT_FILES[2], data: `${JSON.stringify(input.standardizer, null, 2)}\n` },
  ]);
  return REPORT_FILES.map((f) => join(dir, f));
}
