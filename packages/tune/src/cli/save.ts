/**
 * `--save DIR`: the recommended setting trained on every row, written as one folder a user loads
 * with plain tfjs (no tfjs-node needed) and that takes raw rows (a table's) or raw pixels (the
 * `images` command's).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ready, setBackend, type Tensor, tensor, tidy } from '@tensorflow/tfjs-core';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { stripNoise } from 'tfjs-noise';
import { loadFromDir, saveToDir } from 'tfjs-noise/node';
import { throwIfAborted } from '../abort';
import { withPreprocessing } from '../model/preprocess';
import { TABULAR_FORMAT, type TabularMetadata } from '../model/tabular_metadata';
import { importBackend } from '../run/backends';
import type { BackendName } from '../run/job';
import { fitBest } from '../search/fit_best';
import type { SearchData, SearchResult } from '../search/options';
import type { NoiseSetting, Task } from '../types';
import type { CsvDataset } from './csv';

/** What {@link saveFinal} needs from the CLI's run. */
export interface SaveInput {
  /** The rows searched (targets in their units: the search's scale is in its result). */
  data: SearchData;
  /**
   * The same rows flat (row-major, raw units): what the saved model is checked on (reshaped to
   * the search's input shape).
   */
  rows: readonly (readonly number[])[];
  /** The search result: what the final fit is made with (`result.searched`). */
  result: SearchResult;
  /** Backend for the final fit (in this process). */
  backend: BackendName;
  /** The models' `userDefinedMetadata`, given the setting the final model was trained with. */
  metadata: (setting: NoiseSetting) => object;
  /** Ctrl-C: stops the final fit; nothing is written. */
  signal?: AbortSignal;
}

/** What the model's output is, in words (saved in the metadata). */
export function outputWords(task: Task, classes: readonly string[] | null): string {
  if (task === 'regression') return "one number per row, in the target's units";
  const c = classes!;
  return c.length === 2
    ? `the probability of class '${c[1]}' (the other: '${c[0]}')`
    : 'one probability per class, in the order of classes';
}

/** The metadata of a table's saved models (see {@link TabularMetadata}). */
export function tabularMetadata(
  dataset: CsvDataset,
  target: string,
  setting: NoiseSetting,
  recommendation: string,
): TabularMetadata {
  return {
    format: TABULAR_FORMAT,
    version: 1,
    task: dataset.task,
    target,
    columns: dataset.columns,
    inputs: dataset.inputs,
    classes: dataset.classes,
    output: outputWords(dataset.task, dataset.classes),
    setting,
    recommendation,
  };
}

/** Predictions of `model` on flat rows `x` reshaped to `[n, ...shape]`, as nested arrays. */
function predictOn(
  model: LayersModel,
  x: readonly (readonly number[])[],
  shape: readonly number[],
): number[][] {
  return tidy(() => {
    const t = tensor((x as number[][]).flat(), [x.length, ...shape]);
    return (model.predict(t) as Tensor).arraySync() as number[][];
  });
}

/**
 * Trains the recommended setting on all rows (`fitBest`), puts the standardization (and the
 * target's units) into the model as frozen layers, and writes one folder: `model/` (with its
 * noise layers, for tfjs with tfjs-noise) and `plain/` (the `stripNoise` copy, for plain tfjs),
 * both with the columns, categories, classes and task in their `userDefinedMetadata`. The
 * folder is written in full next to `dir` (a hidden sibling), read back and checked to predict
 * as the trained model does, then renamed into place (an earlier save there is moved aside
 * first and removed after): a reader never sees half a save. Aborted (`signal`) or failed, it
 * leaves `dir` as it was.
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
    ...(input.signal && { signal: input.signal }),
  });
  const made: LayersModel[] = [];
  const target = resolve(dir);
  const tag = `${process.pid}.${randomBytes(6).toString('hex')}`;
  const temp = join(dirname(target), `.${basename(target)}.${tag}.saving`);
  const aside = join(dirname(target), `.${basename(target)}.${tag}.old`);
  try {
    throwIfAborted(input.signal);
    const { targetScale } = final;
    const shape = input.result.searched.inputShape ?? [input.rows[0]!.length];
    const wrapped = withPreprocessing(final.model, final.standardizer!, targetScale, shape);
    made.push(wrapped);
    const plain = stripNoise(wrapped);
    made.push(plain);
    const metadata = input.metadata(final.setting);
    wrapped.setUserDefinedMetadata(metadata);
    plain.setUserDefinedMetadata(metadata);
    mkdirSync(dirname(target), { recursive: true });
    await wrapped.save(saveToDir(join(temp, 'model')));
    await plain.save(saveToDir(join(temp, 'plain')));
    const reloaded = await loadLayersModel(loadFromDir(join(temp, 'plain')));
    made.push(reloaded);
    checkSame(
      final.model,
      reloaded,
      final.standardizer!.transform(input.rows),
      input.rows,
      shape,
      targetScale,
    );
    throwIfAborted(input.signal);
    const hadOld = existsSync(target);
    if (hadOld) renameSync(target, aside);
    try {
      renameSync(temp, target);
    } catch (e) {
      if (hadOld) renameSync(aside, target);
      throw e;
    }
    if (hadOld) rmSync(aside, { recursive: true, force: true });
    const s = final.setting;
    return {
      setting: input.result.recommendation.helps ? `${s.kind} noise ${s.amount}` : 'no noise',
      files: ['model/', 'plain/'].map((f) => join(dir, f)),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
    for (const m of made) m.dispose();
    final.dispose();
  }
}

/**
 * The saved copy, given raw rows, must predict as the trained model does on the standardized
 * rows (mapped back to the target's units for regression): within 1e-5, relative to the value
 * beyond 1 (float32 arithmetic in the added layers). Else the save is refused.
 */
function checkSame(
  trained: LayersModel,
  saved: LayersModel,
  standardized: readonly (readonly number[])[],
  raw: readonly (readonly number[])[],
  shape: readonly number[],
  targetScale: { mean: number; std: number } | null,
): void {
  const a = predictOn(trained, standardized, shape);
  const b = predictOn(saved, raw, shape);
  for (const [i, row] of a.entries()) {
    for (const [j, v] of row.entries()) {
      const want = targetScale ? v * targetScale.std + targetScale.mean : v;
      const got = b[i]![j]!;
      if (!(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)))) {
        throw new Error(
          `--save: the saved model predicts ${got} for row ${i}, output ${j}, where the trained ` +
            `model predicts ${want}; nothing was saved.`,
        );
      }
    }
  }
}
