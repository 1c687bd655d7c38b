/**
 * Reading the CLI's CSV file with csv-parse, and turning it into features and targets.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
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

/** Features and targets of a CSV table. */
export interface CsvDataset {
  /** Feature names: every column but the target, in file order. */
  features: string[];
  /** Feature rows. */
  x: number[][];
  /** Targets: class indices (classification) or numbers (regression). */
  y: number[];
  /** The task (given, or inferred from the target column). */
  task: Task;
  /** True if the task was inferred. */
  inferred: boolean;
  /** Class labels in index order (classification), or null. */
  classes: string[] | null;
}

/**
 * Splits a table into numeric features and a target. Without `task`, the task is inferred:
 * classification if the target has a non-numeric value, or only integers with at most 10
 * distinct values; else regression. Class labels are sorted (numerically if all numeric).
 */
export function toDataset(
  table: CsvTable,
  target: string,
  task: Task | undefined,
  name: string,
): CsvDataset {
  const t = table.columns.indexOf(target);
  if (t < 0) {
    throw new UsageError(
      `--target '${target}' is not a column of ${name} (columns: ${table.columns.join(', ')}).`,
    );
  }
  if (table.columns.length < 2) throw new UsageError(`${name} has no feature columns.`);
  const features = table.columns.filter((_, j) => j !== t);
  const x = table.rows.map((row, i) =>
    row.flatMap((cell, j) =>
      j === t ? [] : [numeric(cell, table.columns[j]!, table.lines[i]!, name)],
    ),
  );
  const raw = table.rows.map((row, i) => {
    const v = row[t]!;
    if (v === '') {
      throw new UsageError(
        `${name}: the target column '${target}' is empty on line ${table.lines[i]}.`,
      );
    }
    return v;
  });
  const allNumeric = raw.every((v) => Number.isFinite(Number(v)));
  const distinct = [...new Set(raw)];
  const inferred = task === undefined;
  const resolved: Task =
    task ??
    (!allNumeric || (raw.every((v) => Number.isInteger(Number(v))) && distinct.length <= 10)
      ? 'classification'
      : 'regression');
  if (resolved === 'regression') {
    const y = raw.map((v, i) => numeric(v, target, table.lines[i]!, name));
    return { features, x, y, task: resolved, inferred, classes: null };
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
  return { features, x, y: raw.map((v) => index.get(v)!), task: resolved, inferred, classes };
}

function numeric(cell: string, column: string, line: number, name: string): number {
  const v = cell === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(v)) {
    const what = cell === '' ? 'an empty value' : `'${cell}'`;
    throw new UsageError(
      `${name}: column '${column}' must be numeric, but line ${line} has ${what}.`,
    );
  }
  return v;
}
