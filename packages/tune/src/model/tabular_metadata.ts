/**
 * What a model saved by `tfjs-noise-tune --save` says about itself, in its `model.json`'s
 * `userDefinedMetadata`: the columns it reads and how, the task, the classes.
 */
import { fail } from 'tfjs-noise/extend';
import { checkColumns, inputNames, type TabularColumn } from '../data/tabular';
import { type NoiseSetting, TASKS, type Task } from '../types';

/** The format tag of {@link TabularMetadata}. */
export const TABULAR_FORMAT = 'tfjs-noise-tune/tabular';

/**
 * The `userDefinedMetadata` of both models of a `tfjs-noise-tune --save` folder (`model/` and
 * `plain/`). The models take one row as the numbers of `inputs`, in that order: each numeric
 * column as it is in the CSV (the standardization is the model's first layer), and one 0/1 per
 * category of a categorical column (all 0 for a category not seen in training). They answer in
 * the target's units (regression: the inverse scaling is the model's last layer), or with class
 * probabilities (2 classes: one number, the probability of `classes[1]`; more: one per class).
 *
 * @example
 * ```ts
 * import type { TabularMetadata } from '@tfjs-noise/tune';
 *
 * const plain = await tf.loadLayersModel('https://example.com/penguins/plain/model.json');
 * const meta = plain.getUserDefinedMetadata() as TabularMetadata;
 * console.log(meta.task, meta.target, meta.inputs.join(', '), meta.classes);
 * ```
 */
export interface TabularMetadata {
  /** Always `'tfjs-noise-tune/tabular'`. */
  format: typeof TABULAR_FORMAT;
  /** Format version, 1. */
  version: 1;
  /** Classification or regression. */
  task: Task;
  /** The target column's name. */
  target: string;
  /** The feature columns, in CSV order, with their encoding. */
  columns: TabularColumn[];
  /** The model's inputs in order: column names, and `name=category` for one-hot inputs. */
  inputs: string[];
  /** Class names in output order (classification), or null. */
  classes: string[] | null;
  /** What the output is, in words. */
  output: string;
  /** The noise setting the model was trained with. */
  setting: NoiseSetting;
  /** The search's recommendation, in words. */
  recommendation: string;
}

/** The metadata of a saved tabular model, checked (for `owner`'s errors; `where` names it). */
export function checkMetadata(owner: string, where: string, value: unknown): TabularMetadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `${owner}: ${where} has no tfjs-noise-tune metadata (userDefinedMetadata): it was not ` +
        'saved by tfjs-noise-tune --save.',
    );
  }
  const m = value as Partial<TabularMetadata>;
  if (m.format !== TABULAR_FORMAT)
    fail(owner, 'userDefinedMetadata.format', `'${TABULAR_FORMAT}'`, m.format);
  if (m.version !== 1) fail(owner, 'userDefinedMetadata.version', '1', m.version);
  if (!TASKS.includes(m.task as Task)) {
    fail(owner, 'userDefinedMetadata.task', "'classification' or 'regression'", m.task);
  }
  if (typeof m.target !== 'string') fail(owner, 'userDefinedMetadata.target', 'a string', m.target);
  const columns = checkColumns(owner, 'userDefinedMetadata.columns', m.columns);
  const inputs = inputNames(columns);
  if (
    !Array.isArray(m.inputs) ||
    m.inputs.length !== inputs.length ||
    m.inputs.some((n, i) => n !== inputs[i])
  ) {
    fail(
      owner,
      'userDefinedMetadata.inputs',
      `the inputs of its columns (${inputs.join(', ')})`,
      m.inputs,
    );
  }
  const classes = m.classes ?? null;
  if (
    m.task === 'classification' &&
    (!Array.isArray(classes) || classes.length < 2 || classes.some((c) => typeof c !== 'string'))
  ) {
    fail(owner, 'userDefinedMetadata.classes', 'an array of at least 2 class names', classes);
  }
  return {
    ...(m as TabularMetadata),
    columns,
    inputs,
    classes: m.task === 'classification' ? [...(classes as string[])] : null,
  };
}
