/**
 * Reading the CLI's CSV file with csv-parse, and turning it into features and targets.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  categoriesOf,
  encodeRow,
  inputNames,
  isDecimal,
  MAX_CATEGORIES,
  MISSING,
  oneHotInputs,
  type TabularColumn,
} from '../data/tabular';
import type { Task } from '../types';
import { UsageError } from './usage_error';

/** A parsed CSV file: the header and the records, each with its (last) line number. */
export interface CsvTable {
  /** Column names (the header row). */
  columns: string[];
  /** Data records (strings, trimmed). */
  rows: string[][];
  /** Line number (1-based) of each record, for error messages. */
  lines: number[];
}

/**
 * Parses CSV text with a header row. Empty lines are skipped, a BOM is removed and fields are
 * trimmed; a malformed file (unclosed quote, rows of different lengths, ...) throws a
 * {@link UsageError} with csv-parse's message (which names the line).
 */
export function parseCsv(text: string, name: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new UsageError(`${name} is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new UsageError(`${name} is empty (expected a header row and data rows).`);
  const columns = header.record;
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === '') throw new UsageError(`${name}: column ${i + 1} of the header has no name.`);
    if (seen.has(c)) throw new UsageError(`${name}: the header names column '${c}' twice.`);
    seen.add(c);
  });
  if (body.length === 0) throw new UsageError(`${name} has a header but no data rows.`);
  return { columns, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

/** Reads and parses a CSV file (see {@link parseCsv}). */
export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `cannot read ${path}: no such file.` : `cannot read ${path}: ${code}.`,
    );
  }
  return parseCsv(text, path);
}

export { isDecimal } from '../data/tabular';

/** Features and targets of a CSV table. */
export interface CsvDataset {
  /** Feature names: the columns used as features, in file order. */
  features: string[];
  /** The feature columns and their encoding (numeric, or one-hot over categories). */
  columns: TabularColumn[];
  /** The names of the model's inputs (the columns of `x`): `name=category` for one-hot ones. */
  inputs: string[];
  /** Indices of the one-hot inputs (columns of `x`). */
  categorical: number[];
  /** Feature rows, encoded (categorical columns one-hot). */
  x: number[][];
  /** Targets: class indices (classification) or numbers (regression). */
  y: number[];
  /** The task (given, or inferred from the target column). */
  task: Task;
  /** True if the task was inferred. */
  inferred: boolean;
  /** Class labels in index order (classification), or null. */
  classes: string[] | null;
  /** Line numbers of the rows left out for a missing target (`skipMissing`). */
  skipped: number[];
  /** Line numbers of the rows left out for a missing feature value. */
  missingFeatures: number[];
}

/** How {@link toDataset} treats rows whose target is missing. */
export interface DatasetOptions {
  /** Leave out rows with a missing target (else they are an error naming the line). */
  skipMissing?: boolean;
  /** The feature columns (default, null: every column but the target and `ignore`). */
  features?: readonly string[] | null;
  /** Columns to leave out. */
  ignore?: readonly string[];
  /** Feature columns to treat as categorical even if their values are numbers (codes). */
  categorical?: readonly string[];
}

/** A number to JavaScript, if not always a plain decimal ('0x1F', '1e400', 'Infinity'). */
function numberLike(cell: string): boolean {
  return cell.trim() !== '' && !Number.isNaN(Number(cell));
}

/**
 * Splits a table into features and a target. The features are `options.features`, or every
 * column but the target and `options.ignore`; an unknown column, the target among them, or no
 * feature left is an error listing the columns.
 *
 * A feature column is **categorical** if it is listed in `options.categorical` (numeric codes),
 * or if none of its values is a number (text: `Dream`, `MALE`); else it is numeric, and a value
 * that is not a number is an error naming the column and the line (a typo, or codes mixed with
 * text: the message suggests `--categorical` and `--ignore`). A categorical column is one-hot
 * encoded: one 0/1 input per category, the categories sorted, read from every row's value of
 * that column (feature values only, never the target). A missing value (empty, NA, N/A, NaN,
 * null) is a category of its own (`null`, shown `(missing)`, last). More than
 * {@link MAX_CATEGORIES} categories in one column is an error suggesting `--ignore`.
 *
 * A missing target is an error naming its line, or, with `skipMissing`, its row is left out
 * (and listed in `skipped`). A row with a missing value in a numeric feature is left out and
 * listed in `missingFeatures` (nothing is imputed: an imputation fitted on all rows would see the
 * held-out rows of every fold); if no row is left, that is an error. Without `task`, the task is
 * inferred: classification if the target has a non-numeric value, or only integers with at most
 * 10 distinct values; else regression. Class labels that are numbers are compared by value
 * (`1`, `1.0` and `+1` are one class, shown as `1`), also beside labels that are not; labels
 * are sorted numerically when all are numbers, else as strings. Numbers must be plain decimals.
 */
export function toDataset(
  table: CsvTable,
  target: string,
  task: Task | undefined,
  name: string,
  options: DatasetOptions = {},
): CsvDataset {
  const t = table.columns.indexOf(target);
  if (t < 0) {
    throw new UsageError(
      `--target '${target}' is not a column of ${name} (columns: ${table.columns.join(', ')}).`,
    );
  }
  const columns = featureColumns(table.columns, target, name, options);
  const features = columns.map((j) => table.columns[j]!);
  // Rows with a missing target are left out (or an error) whatever their features hold.
  const labelled = { ...table, rows: table.rows.filter((r) => !MISSING.test(r[t]!)) };
  labelled.lines = table.lines.filter((_, i) => !MISSING.test(table.rows[i]![t]!));
  const text = textColumns(labelled, columns, name, options.categorical ?? []);
  const numericColumns = columns.filter((j) => !text.has(j));
  const kept: number[] = [];
  const skipped: number[] = [];
  const missingFeatures: number[] = [];
  table.rows.forEach((row, i) => {
    const v = row[t]!;
    if (!MISSING.test(v)) {
      if (numericColumns.some((j) => MISSING.test(row[j]!))) missingFeatures.push(table.lines[i]!);
      else kept.push(i);
    } else if (options.skipMissing) skipped.push(table.lines[i]!);
    else {
      const what = v === '' ? 'empty' : `missing ('${v}')`;
      throw new UsageError(
        `${name}: the target column '${target}' is ${what} on line ${table.lines[i]} ` +
          '(remove the row, or pass --skip-missing to leave such rows out).',
      );
    }
  });
  if (kept.length === 0) {
    throw new UsageError(
      missingFeatures.length > 0
        ? `${name}: every row has a missing target '${target}' or a missing feature value (${missingFeatures.length} rows with a missing feature).`
        : `${name}: every row has a missing target '${target}'.`,
    );
  }
  const encoding: TabularColumn[] = columns.map((j) => {
    const column = table.columns[j]!;
    if (!text.has(j)) return { name: column, kind: 'numeric' };
    const categories = categoriesOf(kept.map((i) => table.rows[i]![j]!));
    if (categories.length > MAX_CATEGORIES) {
      throw new UsageError(
        `${name}: column '${column}' has ${categories.length} distinct values, more than ` +
          `${MAX_CATEGORIES} for a categorical column (a name or id column? leave it out with --ignore ${column}).`,
      );
    }
    return { name: column, kind: 'categorical', categories };
  });
  const x = kept.map((i) =>
    encodeRow(
      encoding,
      columns.map((j) => table.rows[i]![j]!),
      (cell, column) => numeric(String(cell), column, table.lines[i]!, name, true),
    ),
  );
  const encoded = {
    features,
    columns: encoding,
    inputs: inputNames(encoding),
    categorical: oneHotInputs(encoding),
  };
  const raw = kept.map((i) => table.rows[i]![t]!);
  const lines = kept.map((i) => table.lines[i]!);
  const allNumeric = raw.every(isDecimal);
  // Numeric labels by value, beside other labels too: '1', '1.0' and '+1' are the same class.
  const key = (v: string) => (isDecimal(v) ? String(Number(v)) : v);
  const distinct = [...new Set(raw.map(key))];
  const inferred = task === undefined;
  const resolved: Task =
    task ??
    (!allNumeric || (raw.every((v) => Number.isInteger(Number(v))) && distinct.length <= 10)
      ? 'classification'
      : 'regression');
  if (resolved === 'regression') {
    const y = raw.map((v, i) => numeric(v, target, lines[i]!, name));
    if (y.every((v) => v === y[0])) {
      throw new UsageError(
        `${name}: the target column '${target}' is constant (every value is ${y[0]}); regression needs at least 2 distinct values (always predicting ${y[0]} would be exact).`,
      );
    }
    return { ...encoded, x, y, task: resolved, inferred, classes: null, skipped, missingFeatures };
  }
  const classes = allNumeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2) {
    throw new UsageError(
      `${name}: the target column '${target}' has a single class (${classes[0]}); classification needs at least 2.`,
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = raw.map((v) => index.get(key(v))!);
  return { ...encoded, x, y, task: resolved, inferred, classes, skipped, missingFeatures };
}

/**
 * The feature columns (indices) that are categorical: those of `forced` (checked to be feature
 * columns), and those with no value that is a number. A column with numbers and other text is
 * numeric; its first non-number is an error naming the line.
 */
function textColumns(
  table: CsvTable,
  columns: readonly number[],
  name: string,
  forced: readonly string[],
): Set<number> {
  const out = new Set<number>();
  for (const c of forced) {
    const j = table.columns.indexOf(c);
    if (!columns.includes(j)) {
      const why =
        j < 0 ? `not a column of ${name}` : 'not a feature column (the target, or left out)';
      throw new UsageError(
        `--categorical: '${c}' is ${why} (features: ${columns.map((k) => table.columns[k]).join(', ')}).`,
      );
    }
    out.add(j);
  }
  for (const j of columns) {
    if (out.has(j)) continue;
    const values = table.rows.map((r) => r[j]!).filter((v) => !MISSING.test(v));
    if (values.length > 0 && !values.some(numberLike)) {
      out.add(j);
      continue;
    }
    const i = table.rows.findIndex((r) => !MISSING.test(r[j]!) && !numberLike(r[j]!));
    if (i >= 0) {
      const column = table.columns[j]!;
      throw new UsageError(
        `${name}: column '${column}' must be numeric, but line ${table.lines[i]} has ` +
          `'${table.rows[i]![j]}' (its other values are numbers: a typo? or pass --categorical ` +
          `${column} to treat its values as categories, or leave it out with --ignore ${column}).`,
      );
    }
  }
  return out;
}

/** The indices of the feature columns (see {@link toDataset}), checked. */
function featureColumns(
  columns: readonly string[],
  target: string,
  name: string,
  options: DatasetOptions,
): number[] {
  const list = `columns: ${columns.join(', ')}`;
  for (const [flag, names] of [
    ['--features', options.features ?? []],
    ['--ignore', options.ignore ?? []],
  ] as const) {
    for (const c of names) {
      if (!columns.includes(c)) {
        throw new UsageError(`${flag}: '${c}' is not a column of ${name} (${list}).`);
      }
      if (c === target && flag === '--features') {
        throw new UsageError(`--features: '${c}' is the target; it cannot be a feature too.`);
      }
    }
  }
  const ignored = new Set(options.ignore ?? []);
  if (ignored.has(target)) {
    throw new UsageError(
      `--ignore: '${target}' is the target (--target); leave it out of --ignore.`,
    );
  }
  const wanted = options.features ? new Set(options.features) : null;
  const out = columns
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => c !== target && !ignored.has(c) && (!wanted || wanted.has(c)))
    .map(({ j }) => j);
  if (out.length === 0) {
    throw new UsageError(
      `${name}: no feature column is left (${columns.length === 1 ? 'the target is the only column' : `--features/--ignore leave none; ${list}`}).`,
    );
  }
  return out;
}

function numeric(
  cell: string,
  column: string,
  line: number,
  name: string,
  feature = false,
): number {
  if (!isDecimal(cell)) {
    const what = cell === '' ? 'an empty value' : `'${cell}'`;
    // '0x1F', '0b101', '1e400': numbers to JavaScript, but not plain finite decimals.
    const hint = numberLike(cell)
      ? ' (plain decimals only)'
      : feature
        ? ` (a name or id column? leave it out with --ignore ${column})`
        : '';
    throw new UsageError(
      `${name}: column '${column}' must be numeric, but line ${line} has ${what}${hint}.`,
    );
  }
  return Number(cell);
}
