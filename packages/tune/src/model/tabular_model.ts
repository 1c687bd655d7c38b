/**
 * loadTabularModel: a folder saved by `tfjs-noise-tune --save`, as a predictor of raw rows
 * (column names to values) that answers with class names or values in the target's units.
 * Node only (it reads files).
 */
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { type Tensor, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { fail, show } from 'tfjs-noise/extend';
import { loadFromDir } from 'tfjs-noise/node';
import { categoryOf, encodeRow, isDecimal, MISSING, type TabularColumn } from '../data/tabular';
import type { Task } from '../types';
import { checkMetadata, type TabularMetadata } from './tabular_metadata';

const OWNER = 'loadTabularModel';

/**
 * One row's answer of {@link TabularModel.predict}.
 *
 * @example
 * ```ts
 * import type { TabularPrediction } from '@tfjs-noise/tune';
 *
 * const answer: TabularPrediction = {
 *   prediction: 'Adelie',
 *   probabilities: { Adelie: 0.97, Chinstrap: 0.02, Gentoo: 0.01 },
 *   unseen: [],
 *   missing: [],
 * };
 * ```
 */
export interface TabularPrediction {
  /**
   * The class name (classification) or the value in the target's units (regression); null when
   * a numeric feature is missing in the row (see `missing`): nothing is imputed.
   */
  prediction: string | number | null;
  /** Each class's probability (classification), or null (regression, or no prediction). */
  probabilities: Record<string, number> | null;
  /**
   * The categorical columns whose value in this row was not seen in training: they were
   * encoded as all zeros (no category).
   */
  unseen: string[];
  /** The numeric columns whose value is missing in this row (then `prediction` is null). */
  missing: string[];
}

/**
 * A saved tabular model, loaded (see {@link loadTabularModel}).
 *
 * @example
 * ```ts
 * import { loadTabularModel, type TabularModel } from '@tfjs-noise/tune';
 *
 * const penguins: TabularModel = await loadTabularModel('penguins-model');
 * console.log(penguins.task, penguins.metadata.inputs);
 * penguins.dispose();
 * ```
 */
export interface TabularModel {
  /** Classification or regression. */
  readonly task: Task;
  /** What the saved model says about itself (columns, inputs, classes...). */
  readonly metadata: TabularMetadata;
  /** The plain copy (`plain/`): takes the numbers of `metadata.inputs`, raw units. */
  readonly model: LayersModel;
  /**
   * Predicts raw rows: objects from column name to value (a CSV row as read, or numbers). A
   * numeric column takes a number or a decimal string; a categorical column takes its category
   * (a number is read by value: `1` and `'1.0'` are one category); a missing value (absent key,
   * null, `''`, `NA`, `N/A`, `NaN`, `null`) is the missing category of a categorical column
   * (all zeros if none was seen in training), and in a numeric column leaves the row without
   * a prediction. Other columns are ignored. A value that is not a number in a numeric column
   * throws an Error naming the row and the column.
   */
  predict(rows: readonly Record<string, string | number | null | undefined>[]): TabularPrediction[];
  /** Frees the model's weights. */
  dispose(): void;
}

/**
 * Loads a folder written by `tfjs-noise-tune data.csv --target <column> --save <dir>`: its plain
 * model (`<dir>/plain`, which needs neither tfjs-noise nor this package: the standardization
 * and, for regression, the target's units are layers of the model), with the column names,
 * categories and class names of its metadata. `predict` takes rows as column name to value and
 * one-hot encodes the categorical columns.
 *
 * A folder saved by an earlier version (with `standardizer.json` and `target.json` beside the
 * models, whose models took standardized inputs) is refused with an Error that says how to save
 * it again. A folder whose model has no such metadata is refused too.
 *
 * @param dir The `--save` folder.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs';
 * import { loadTabularModel } from '@tfjs-noise/tune';
 *
 * const penguins = await loadTabularModel('penguins-model');
 * const [answer] = penguins.predict([
 *   { island: 'Biscoe', bill_length_mm: 45.1, bill_depth_mm: 14.5, sex: 'FEMALE' },
 * ]);
 * console.log(answer?.prediction, answer?.probabilities);
 * penguins.dispose();
 * ```
 */
export async function loadTabularModel(dir: string): Promise<TabularModel> {
  if (typeof dir !== 'string' || dir === '') fail(OWNER, 'dir', 'a folder path', dir);
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    fail(OWNER, 'dir', 'a folder saved by tfjs-noise-tune --save', dir);
  }
  const old = ['standardizer.json', 'target.json'].filter((f) => existsSync(join(dir, f)));
  if (old.length > 0) {
    throw new Error(
      `${OWNER}: ${dir} was saved by an earlier tfjs-noise-tune (it has ${old.join(' and ')}; ` +
        'its models take standardized inputs). Save it again: run tfjs-noise-tune on the ' +
        `training CSV with --save ${dir}; the new folder's models take raw rows.`,
    );
  }
  const model = await loadLayersModel(loadFromDir(join(dir, 'plain')));
  let metadata: TabularMetadata;
  try {
    metadata = checkMetadata(
      OWNER,
      join(dir, 'plain', 'model.json'),
      model.getUserDefinedMetadata(),
    );
    const inputDim = (model.inputs[0]!.shape as number[]).at(-1);
    if (inputDim !== metadata.inputs.length) {
      fail(
        OWNER,
        'userDefinedMetadata.inputs',
        `${inputDim} inputs (the model's)`,
        metadata.inputs,
      );
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return {
    task: metadata.task,
    metadata,
    model,
    predict: (rows) => predictRows(model, metadata, rows),
    dispose: () => model.dispose(),
  };
}

/** A numeric cell as a number, or null if missing; anything else throws, naming it. */
function numberOf(row: number, column: string, cell: unknown): number | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return null;
    if (Number.isFinite(cell)) return cell;
  } else if (typeof cell === 'string') {
    const v = cell.trim();
    if (MISSING.test(v)) return null;
    if (isDecimal(v)) return Number(v);
  }
  return fail(
    `${OWNER}: predict`,
    `rows[${row}][${show(column)}]`,
    'a finite number or a missing value',
    cell,
  );
}

function predictRows(
  model: LayersModel,
  meta: TabularMetadata,
  rows: readonly Record<string, string | number | null | undefined>[],
): TabularPrediction[] {
  if (!Array.isArray(rows)) fail(`${OWNER}: predict`, 'rows', 'an array of rows', rows);
  const answers: TabularPrediction[] = [];
  const encoded: number[][] = [];
  const at: number[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object') {
      fail(`${OWNER}: predict`, `rows[${i}]`, 'an object from column name to value', row);
    }
    const missing: string[] = [];
    const unseen: string[] = [];
    const cells = meta.columns.map((c: TabularColumn) => {
      const cell = Object.hasOwn(row, c.name) ? row[c.name] : undefined;
      if (c.kind === 'categorical') return categoryOf(cell);
      const n = numberOf(i, c.name, cell);
      if (n === null) missing.push(c.name);
      return n;
    });
    answers.push({ prediction: null, probabilities: null, unseen, missing });
    if (missing.length > 0) return;
    encoded.push(encodeRow(meta.columns, cells, (n) => n as number, unseen));
    at.push(i);
  });
  if (encoded.length === 0) return answers;
  const d = meta.inputs.length;
  const out = tidy(() => {
    const y = model.predict(tensor2d(encoded, [encoded.length, d])) as Tensor;
    return y.dataSync() as Float32Array;
  });
  const k = out.length / encoded.length;
  at.forEach((i, r) => {
    const answer = answers[i]!;
    const values = Array.from(out.subarray(r * k, (r + 1) * k));
    if (meta.task === 'regression') {
      answer.prediction = values[0]!;
      return;
    }
    const classes = meta.classes!;
    const p = k === 1 ? [1 - values[0]!, values[0]!] : values;
    answer.probabilities = Object.fromEntries(classes.map((c, j) => [c, p[j]!]));
    // As the search scores: class 1 above 0.5 (2 classes), else the most probable class.
    const best = k === 1 ? (values[0]! > 0.5 ? 1 : 0) : p.indexOf(Math.max(...p));
    answer.prediction = classes[best]!;
  });
  return answers;
}
