/**
 * `--save DIR`: the recommended setting trained on every row, written as files a user loads
 * with plain tfjs (no tfjs-node needed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ready, setBackend } from '@tensorflow/tfjs-core';
import { replaceFiles, saveToDir } from 'tfjs-noise/node';
import { throwIfAborted } from '../abort';
import type { Standardizer } from '../data/standardize';
import { importBackend } from '../run/backends';
import type { BackendName } from '../run/job';
import { fitBest } from '../search/fit_best';
import type { SearchData, SearchOptions, SearchResult } from '../search/options';
import type { CsvDataset } from './csv';

/** What {@link saveFinal} needs from the CLI's run. */
export interface SaveInput {
  /** The rows searched (targets as searched: standardized for regression). */
  data: SearchData;
  /** The search result. */
  result: SearchResult;
  /** The builder and its options. */
  options: Pick<SearchOptions, 'builder' | 'builderOptions'>;
  /** Backend for the final fit (in this process). */
  backend: BackendName;
  /** The standardizer of the features over all rows (with column names). */
  standardizer: Standardizer;
  /** Mean and std of a regression target, or null. */
  targetScale: { mean: number; std: number } | null;
  /** The data set (feature names, task, classes). */
  dataset: CsvDataset;
  /** The target column's name. */
  target: string;
  /** Ctrl-C: stops the final fit; nothing is written. */
  signal?: AbortSignal;
}

/**
 * Trains the recommended setting on all rows (`fitBest`) and writes into `dir` (each file
 * written in full, then renamed over the old one: `saveToDir` and `replaceFiles`): `model/` (the
 * model with its noise layers, for tfjs with tfjs-noise), `plain/` (the `stripNoise` copy, for
 * plain tfjs), `standardizer.json` (apply to rows before `predict`) and `target.json` (how to
 * read the outputs: class names, or the target's mean and std to undo its standardization).
 */
export async function saveFinal(
  dir: string,
  input: SaveInput,
): Promise<{ setting: string; files: string[] }> {
  await importBackend(input.backend, `--save: --backend ${input.backend}`);
  if (!(await setBackend(input.backend))) {
    throw new Error(`--save: could not initialise the ${input.backend} backend.`);
  }
  await ready();
  const final = await fitBest(input.data, input.result, {
    ...input.options,
    ...(input.signal && { signal: input.signal }),
  });
  try {
    throwIfAborted(input.signal);
    mkdirSync(dir, { recursive: true });
    await final.model.save(saveToDir(join(dir, 'model')));
    await final.plain.save(saveToDir(join(dir, 'plain')));
    const { dataset, targetScale } = input;
    const target = {
      column: input.target,
      task: dataset.task,
      features: dataset.features,
      output:
        dataset.task === 'regression'
          ? 'one number per row, standardized: multiply by std and add mean'
          : dataset.classes!.length === 2
            ? `probability of class '${dataset.classes![1]}' (the other: '${dataset.classes![0]}')`
            : 'one probability per class, in the order of classes',
      classes: dataset.classes,
      scale: targetScale,
      setting: final.setting,
      recommendation: input.result.recommendation.sentence,
    };
    // Through the code of saveToDir: complete files, renamed over the old ones (never written
    // through a symlink).
    replaceFiles('--save', dir, [
      { name: 'standardizer.json', data: `${JSON.stringify(input.standardizer, null, 2)}\n` },
      { name: 'target.json', data: `${JSON.stringify(target, null, 2)}\n` },
    ]);
    const s = final.setting;
    return {
      setting: input.result.recommendation.helps ? `${s.kind} noise ${s.amount}` : 'no noise',
      files: ['model/', 'plain/', 'standardizer.json', 'target.json'].map((f) => join(dir, f)),
    };
  } finally {
    final.dispose();
  }
}
