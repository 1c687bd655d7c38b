/**
 * The checks of `searchNoise`'s options and data (beside `options.ts`, which declares them): the
 * options are checked and their defaults filled in, the rows and targets checked and copied. The
 * options of early stopping and robustness are checked beside their own declarations
 * (`train/early_stopping.ts`, `robustness.ts`). Messages are tfjs-noise's:
 * `searchNoise: \`folds\` must be an integer >= 2, but got 1.`
 */
import { availableParallelism } from 'node:os';
import { checkInt, checkNonNegative, checkOneOf, checkSafeInteger, fail } from 'tfjs-noise/extend';
import { flattenRows, isTensorLike } from '../data/shape';
import { isBuilderRef } from '../run/builder';
import { BACKENDS, type BackendName, type SearchSpec } from '../run/job';
import { SEARCH_OWNER } from '../run/owner';
import { PROGRESS_MODES, type ProgressMode } from '../run/progress';
import { checkEarlyStopping, earlyStoppingShortfall } from '../train/early_stopping';
import { METRICS, type MetricName } from '../train/metrics';
import { TASKS } from '../types';
import type { SearchData, SearchOptions, SearchSettings } from './options';
import { CRITERION_OF, DEFAULT_LEVEL, SELECTION_RULES, type SelectionRule } from './recommend';
import { type CheckedRobustness, checkRobustness } from './robustness';

/** The options of a search with every default filled in. */
export interface CheckedOptions extends SearchSettings {
  /** Standardize per fold. */
  standardize: boolean;
  /** Stratify folds by class. */
  stratify: boolean;
  /** Worker threads (0: in-process). */
  workers: number;
  /** Backend, or null (in-process: keep the current one; workers: wasm). */
  backend: BackendName | null;
  /** Progress display. */
  progress: ProgressMode;
  /** Options for the builder. */
  builderOptions: SearchSpec['builderOptions'];
  /** The user's metric. */
  metric: MetricName;
  /** Metric of the paired test. */
  criterion: MetricName;
  /** Selection rule. */
  rule: SelectionRule;
  /** Standard errors a paired gain must exceed (rule `'paired'`). */
  threshold: number;
  /** Familywise level (rule `'max-t'`). */
  level: number;
  /** The corruption of the held-out rows the choice is made on, or null (clean rows). */
  robustness: CheckedRobustness | null;
  /** Scale a regression target to standard units before anything is trained. */
  scaleTarget: boolean;
}

/**
 * The default selection: the user's metric is accuracy (classification) or the MSE
 * (regression); settings are compared with no noise on the same folds, paired, and noise is
 * recommended only when its gain in the metric (alone, or pooled with the amounts beside it)
 * exceeds the familywise threshold at level 5% (rule `'max-t'`: the chance of recommending noise
 * when none helps stays about 5% however many settings are searched) and its own mean gain is
 * positive; among those, the largest gain in the metric. Measured on the small-data suite and on
 * null tasks at two model sizes
 * (docs/choosing-noise.md).
 *
 * @example
 * ```ts
 * import { DEFAULT_SELECTION } from '@tfjs-noise/tune';
 *
 * console.log(DEFAULT_SELECTION.metric.classification); // prints: accuracy
 * console.log(DEFAULT_SELECTION.rule, DEFAULT_SELECTION.level); // prints: max-t 0.05
 * ```
 */
export const DEFAULT_SELECTION = {
  metric: { classification: 'accuracy', regression: 'mse' },
  rule: 'max-t',
  level: DEFAULT_LEVEL,
  threshold: 1,
  repeats: 'auto',
} as const;

/**
 * The training work (rows x epochs) that `repeats: 'auto'` spends on each setting's cross-
 * validation: `round(AUTO_REPEATS_WORK / (rows x epochs))` repeats, between
 * {@link AUTO_REPEATS}' `min` and `max`.
 */
const AUTO_REPEATS_WORK = 16_000;

/**
 * The bounds of `repeats: 'auto'` (see {@link autoRepeats}).
 *
 * @example
 * ```ts
 * import { AUTO_REPEATS } from '@tfjs-noise/tune';
 *
 * console.log(AUTO_REPEATS.min, AUTO_REPEATS.max); // prints: 2 8
 * ```
 */
export const AUTO_REPEATS = { min: 2, max: 8 } as const;

/**
 * The repeats of k-fold cross-validation that `repeats: 'auto'` (the default) gives a table of
 * `rows` rows trained `epochs` epochs: `round(16000 / (rows x epochs))` between 2 and 8, so
 * that the smallest tables, whose folds say least, get the most repeats for a similar cost
 * (40 rows x 100 epochs: 4 repeats; 20 rows: 8; 60 rows: 3; 80 rows or more: 2; 300 epochs on
 * 40 rows: 2). Deterministic: the table's size alone decides, never the machine's speed. More
 * repeats narrow the standard error only so far (its floor comes from the rows themselves, see
 * `pairedGain`): docs/choosing-noise.md measures what they buy.
 *
 * @example
 * ```ts
 * import { autoRepeats } from '@tfjs-noise/tune';
 *
 * console.log(autoRepeats(40, 100), autoRepeats(200, 100)); // prints: 4 2
 * ```
 */
export function autoRepeats(rows: number, epochs: number): number {
  const r = Math.round(AUTO_REPEATS_WORK / (Math.max(1, rows) * Math.max(1, epochs)));
  return Math.min(AUTO_REPEATS.max, Math.max(AUTO_REPEATS.min, r));
}

/**
 * Validates the options and fills in the defaults (`rows`: the table's rows, for
 * `repeats: 'auto'`).
 */
export function checkOptions(options: SearchOptions, rows: number): CheckedOptions {
  if (options === null || typeof options !== 'object') {
    fail(SEARCH_OWNER, 'options', 'an object of options', options);
  }
  const b = options.builder;
  if (typeof b !== 'function' && !isBuilderRef(b)) {
    fail(SEARCH_OWNER, 'builder', 'a function or {module, export}', b);
  }
  const bool = (arg: string, v: unknown, d: boolean) => {
    if (v === undefined) return d;
    if (typeof v !== 'boolean') fail(SEARCH_OWNER, arg, 'a boolean', v);
    return v;
  };
  const builderOptions = options.builderOptions ?? {};
  if (
    builderOptions === null ||
    typeof builderOptions !== 'object' ||
    Array.isArray(builderOptions)
  ) {
    fail(SEARCH_OWNER, 'builderOptions', 'an object of JSON-compatible values', builderOptions);
  }
  const task = checkOneOf(SEARCH_OWNER, 'task', options.task, TASKS);
  const metric = checkOneOf(
    SEARCH_OWNER,
    'metric',
    options.metric ?? DEFAULT_SELECTION.metric[task],
    METRICS[task],
  );
  const epochs = checkInt(SEARCH_OWNER, 'epochs', options.epochs ?? 100, 1);
  return {
    task,
    folds: checkInt(SEARCH_OWNER, 'folds', options.folds ?? 5, 2),
    repeats:
      options.repeats === undefined || options.repeats === 'auto'
        ? autoRepeats(rows, epochs)
        : checkInt(SEARCH_OWNER, 'repeats', options.repeats, 1),
    epochs,
    batchSize:
      options.batchSize === undefined
        ? null
        : checkInt(SEARCH_OWNER, 'batchSize', options.batchSize, 1),
    seed: checkSafeInteger(SEARCH_OWNER, 'seed', options.seed ?? 0),
    standardize: bool('standardize', options.standardize, true),
    stratify: bool('stratify', options.stratify, true),
    workers: checkInt(
      SEARCH_OWNER,
      'workers',
      options.workers ?? Math.min(2, availableParallelism()),
      0,
    ),
    backend:
      options.backend === undefined
        ? null
        : checkOneOf(SEARCH_OWNER, 'backend', options.backend, BACKENDS),
    progress: checkOneOf(SEARCH_OWNER, 'progress', options.progress ?? 'auto', PROGRESS_MODES),
    builderOptions,
    metric,
    criterion: checkOneOf(
      SEARCH_OWNER,
      'criterion',
      options.criterion ?? CRITERION_OF[metric],
      METRICS[task],
    ),
    rule: checkOneOf(SEARCH_OWNER, 'rule', options.rule ?? DEFAULT_SELECTION.rule, SELECTION_RULES),
    threshold: checkNonNegative(
      SEARCH_OWNER,
      'threshold',
      options.threshold ?? DEFAULT_SELECTION.threshold,
    ),
    level: checkLevel(options.level),
    earlyStopping: checkEarlyStopping(options.earlyStopping, SEARCH_OWNER),
    robustness: checkRobustness(options.robustness, SEARCH_OWNER),
    scaleTarget: checkScaleTarget(options.scaleTarget, task),
  };
}

/**
 * `categorical` against the data's `d` columns: distinct integer indices in `[0, d)`, each
 * column only 0 or 1 in every row.
 */
export function checkCategorical(
  categorical: unknown,
  x: readonly (readonly number[])[],
  owner: string = SEARCH_OWNER,
): number[] {
  if (categorical === undefined) return [];
  const d = x[0]?.length ?? 0;
  if (
    !Array.isArray(categorical) ||
    categorical.some((j) => !Number.isInteger(j) || j < 0 || j >= d) ||
    new Set(categorical).size !== categorical.length
  ) {
    fail(owner, 'categorical', `an array of distinct column indices in [0, ${d})`, categorical);
  }
  for (const j of categorical as number[]) {
    const i = x.findIndex((row) => row[j] !== 0 && row[j] !== 1);
    if (i >= 0)
      fail(owner, `x[${i}][${j}]`, '0 or 1 (a one-hot column of `categorical`)', x[i]![j]);
  }
  return [...(categorical as number[])];
}

/** The familywise level: a number strictly between 0 and 0.5. */
function checkLevel(level: unknown): number {
  if (level === undefined) return DEFAULT_SELECTION.level;
  if (typeof level !== 'number' || !(level > 0 && level < 0.5)) {
    fail(SEARCH_OWNER, 'level', 'a number > 0 and < 0.5 (e.g. 0.05)', level);
  }
  return level;
}

/** Whether `row` is a row of numbers `checkData` accepts: an array or a Float32/64Array. */
function isRow(row: unknown): row is readonly number[] | Float32Array | Float64Array {
  return Array.isArray(row) || row instanceof Float32Array || row instanceof Float64Array;
}

/** What `value` is, for the message of a row that is not one: `a Set`, `null`, `a string`. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'object'}`;
}

/** The number of rows of `data.x` (a tensor's first axis), or 0 if it is neither. */
export function rowCountOf(data: SearchData | null | undefined): number {
  const x: unknown = data?.x;
  if (Array.isArray(x)) return x.length;
  return isTensorLike(x) ? (x.shape[0] ?? 0) : 0;
}

/**
 * Validates the data: finite feature rows of one length (arrays, Float32Arrays or
 * Float64Arrays), or nested rows of one shape (`[n][h][w][c]`, `[n][t][c]`), or a tensor of
 * `[n, ...shape]`; one target per row (class indices for classification, at least 2 classes;
 * for regression, at least 2 distinct values), at least `folds` rows. Returns copies (rows as
 * flat arrays, row-major), the per-example shape (`[d]` for flat rows) and the number of
 * classes.
 */
export function checkData(
  data: SearchData,
  task: 'classification' | 'regression',
  folds: number,
): { x: number[][]; y: number[]; numClasses: number | null; inputShape: number[] } {
  if (data === null || typeof data !== 'object')
    fail(SEARCH_OWNER, 'data', 'an object {x, y}', data);
  const { y } = data;
  let x: unknown = data.x;
  if (isTensorLike(x)) {
    if (x.shape.length < 2 || x.shape.some((s) => s === 0)) {
      fail(
        SEARCH_OWNER,
        'data.x',
        'a tensor of shape [n, ...shape] (rank >= 2, no size 0)',
        x.shape,
      );
    }
    x = x.arraySync();
  }
  if (!Array.isArray(x) || x.length === 0)
    fail(SEARCH_OWNER, 'data.x', 'a non-empty array of rows', x);
  const nested = Array.isArray(x[0]) && x[0].length > 0 && isNestedEntry(x[0][0]);
  const { rows, inputShape } = nested
    ? (({ rows, shape }) => ({ rows, inputShape: shape }))(flattenRows(SEARCH_OWNER, 'data.x', x))
    : { rows: checkFlatRows(x), inputShape: [(x[0] as readonly number[]).length] };
  const { y: targets, numClasses } = checkTargets(y, rows.length, task, folds);
  return { x: rows, y: targets, numClasses, inputShape };
}

/** Whether an entry of a row is itself an array (a nested row). */
function isNestedEntry(v: unknown): boolean {
  return Array.isArray(v) || v instanceof Float32Array || v instanceof Float64Array;
}

/** Flat rows (a table) checked as before: one length, finite numbers; copies as arrays. */
function checkFlatRows(x: readonly unknown[]): number[][] {
  const rowKind = '(or a Float32Array or Float64Array)';
  const first: unknown = x[0];
  if (!isRow(first)) {
    throw new Error(
      `${SEARCH_OWNER}: \`data.x[0]\` must be a non-empty array of numbers ${rowKind}, but got ` +
        `${kindOf(first)}.`,
    );
  }
  const d = first.length;
  if (d === 0) fail(SEARCH_OWNER, 'data.x[0]', 'a non-empty array of numbers', first);
  x.forEach((row: unknown, i) => {
    if (!isRow(row)) {
      throw new Error(
        `${SEARCH_OWNER}: \`data.x[${i}]\` must be an array of ${d} numbers ${rowKind}, but ` +
          `got ${kindOf(row)}.`,
      );
    }
    if (row.length !== d) {
      fail(SEARCH_OWNER, `data.x[${i}]`, `an array of ${d} numbers`, Array.from(row));
    }
    row.forEach((v: unknown, j: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(SEARCH_OWNER, `data.x[${i}][${j}]`, 'a finite number', v);
      }
    });
  });
  return x.map((r) => Array.from(r as readonly number[]));
}

/** The targets checked against the task (and the rows' count); copies, and the classes. */
function checkTargets(
  y: unknown,
  n: number,
  task: 'classification' | 'regression',
  folds: number,
): { y: number[]; numClasses: number | null } {
  if (!Array.isArray(y) || y.length !== n) {
    fail(SEARCH_OWNER, 'data.y', `an array of ${n} targets (one per row of x)`, y);
  }
  if (n < folds) {
    fail(SEARCH_OWNER, 'folds', `at most the number of rows (${n})`, folds);
  }
  let numClasses: number | null = null;
  y.forEach((v, i) => {
    const ok =
      task === 'classification'
        ? Number.isInteger(v) && v >= 0
        : typeof v === 'number' && Number.isFinite(v);
    if (!ok) {
      fail(
        SEARCH_OWNER,
        `data.y[${i}]`,
        task === 'classification' ? 'a class index (an integer >= 0)' : 'a finite number',
        v,
      );
    }
  });
  if (task === 'classification') {
    numClasses = y.reduce((a, b) => Math.max(a, b), 0) + 1;
    if (new Set(y).size < 2)
      fail(SEARCH_OWNER, 'data.y', 'labels of at least 2 classes', [...new Set(y)]);
  } else if (new Set(y).size < 2) {
    fail(
      SEARCH_OWNER,
      'data.y',
      'targets of at least 2 distinct values (always predicting the one value would be exact, ' +
        'so noise has nothing to improve)',
      [...new Set(y)],
    );
  }
  return {
    y: y.slice(),
    numClasses: task === 'classification' ? Math.max(2, numClasses as number) : null,
  };
}

/** `scaleTarget`: a boolean (default false), true only for regression. */
function checkScaleTarget(value: unknown, task: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') fail(SEARCH_OWNER, 'scaleTarget', 'true or false', value);
  if (value && task !== 'regression') {
    fail(SEARCH_OWNER, 'scaleTarget', "false or omitted for task 'classification'", value);
  }
  return value;
}

/**
 * Checks `classNames` (optional) against the data: for classification, an array of one string
 * per class (`numClasses`); for regression, omitted. Throws an `Error` naming the field.
 */
export function checkClassNames(value: unknown, numClasses: number | null): void {
  if (value === undefined || value === null) return;
  if (numClasses === null) {
    fail(SEARCH_OWNER, 'classNames', 'omitted for regression (it names classes)', value);
  }
  if (
    !Array.isArray(value) ||
    value.length !== numClasses ||
    value.some((n) => typeof n !== 'string')
  ) {
    fail(
      SEARCH_OWNER,
      'classNames',
      `an array of ${numClasses} strings (one per class, in index order)`,
      value,
    );
  }
}

/**
 * Throws an `Error` naming `earlyStopping` unless every training part of `folds`-fold
 * cross-validation on `rows` rows can be split for early stopping (1 row to fit, 1 to
 * validate); the message gives the smallest table that works.
 */
export function checkEarlyStoppingRows(rows: number, folds: number): void {
  const short = earlyStoppingShortfall(rows, folds);
  if (short === null) return;
  throw new Error(
    `${SEARCH_OWNER}: \`earlyStopping\` needs at least 2 training rows in every fold (1 to fit, ` +
      `1 to validate), but with ${rows} rows and ${folds} folds a fold trains on ` +
      `${short.smallest} row${short.smallest === 1 ? '' : 's'}: give at least ${short.needed} ` +
      'rows, or no early stopping.',
  );
}
