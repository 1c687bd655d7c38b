/**
 * Per-feature standardization, as Holmstrom and Koistinen (1992) recommend before adding input
 * noise: one noise stddev then means the same thing for every feature.
 */
import { fail, show } from 'tfjs-noise/extend';
import { checkRows } from './check_rows';

const OWNER = 'Standardizer';

/**
 * The JSON form of a {@link Standardizer} (see {@link Standardizer.toJSON}).
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { Standardizer, type StandardizerJSON } from '@tfjs-noise/tune';
 *
 * writeFileSync('standardizer.json', JSON.stringify(Standardizer.fit(x)));
 * const json: StandardizerJSON = JSON.parse(readFileSync('standardizer.json', 'utf8'));
 * console.log(json.mean, json.std, json.constant);
 * const again = Standardizer.fromJSON(json);
 * ```
 */
export interface StandardizerJSON {
  /** Format tag, always `'tfjs-noise-tune/standardizer'`. */
  format: 'tfjs-noise-tune/standardizer';
  /** Format version, 1. */
  version: 1;
  /** Per-feature mean of the training data. */
  mean: number[];
  /** Per-feature scale: the population std, or 1 for a zero-variance feature. */
  std: number[];
  /**
   * Indices of the features that had zero variance in the training data (all values equal, or a
   * spread of at most 1e-12 of the mean's magnitude).
   */
  constant: number[];
  /** Feature names, if given to {@link Standardizer.fit}. */
  columns: string[] | null;
}

/**
 * Options of {@link Standardizer.fit}.
 *
 * @example
 * ```ts
 * import { Standardizer, type StandardizerFitOptions } from '@tfjs-noise/tune';
 *
 * const options: StandardizerFitOptions = { columns: ['age', 'income'] };
 * const s = Standardizer.fit([[30, 42000], [45, 51000], [27, 38000]], options);
 * ```
 */
export interface StandardizerFitOptions {
  /** Feature names, used in error messages and saved in the JSON. */
  columns?: readonly string[];
  /**
   * Indices of columns left as they are (mean 0, std 1: `transform` copies them), e.g. one-hot
   * (0/1) columns of a categorical feature. Each index at most once, in `[0, features)`.
   */
  skip?: readonly number[];
  /**
   * Standardize per channel, for images and signals: each row is one example flattened
   * row-major (`[h, w, c]` or `[t, c]`, the channel the last axis, so entry `j` is channel
   * `j % channels`), and each channel's mean and std are taken over every example and position
   * (one pair per channel, as a network's input normalization does), then given to each of its
   * entries: `mean`, `std` and `constant` stay per entry (the JSON is the same), `transform` is
   * unchanged. An integer >= 1 that divides the row length; not with `skip`. Omitted: per
   * feature (column).
   */
  channels?: number;
}

/**
 * Fits per-feature mean and standard deviation on training rows and maps any rows to
 * `(x - mean) / std`.
 *
 * - The std is the population std (divided by n, as scikit-learn's `StandardScaler`).
 * - Columns listed in `options.skip` (one-hot columns, say) get mean 0 and std 1: they pass
 *   through unchanged.
 * - A feature with zero variance in the training data gets std 1: it is only centred, so it
 *   becomes 0 on the training data instead of NaN (0 / 0). Its index is listed in `constant`.
 *   Zero variance means all values equal, or a spread of at most 1e-12 of the mean's magnitude
 *   (rounding, not data); the units do not matter: values near 1e-13 (farads) are scaled as the
 *   same values in picofarads.
 * - NaN or +-Infinity in the data throws an error naming the row and the column.
 * - Any finite value works, up to the largest double: mean and std are computed without overflow
 *   (always finite). A result of `transform` or `inverseTransform` that would be beyond the
 *   largest double throws an error naming the row and the column.
 *
 * @example
 * ```ts
 * import { Standardizer } from '@tfjs-noise/tune';
 *
 * const [trainRows, testRows] = [x.slice(0, 40), x.slice(40)];
 * const s = Standardizer.fit(trainRows); // mean and std of the training rows only
 * const z = s.transform(testRows);
 * const back = s.inverseTransform(z); // testRows again (up to rounding)
 * const again = Standardizer.fromJSON(JSON.parse(JSON.stringify(s)));
 * ```
 */
export class Standardizer {
  /** Per-feature means. */
  readonly mean: readonly number[];
  /** Per-feature scales (the std, or 1 for zero-variance features). */
  readonly std: readonly number[];
  /** Indices of the zero-variance features. */
  readonly constant: readonly number[];
  /** Feature names, or null. */
  readonly columns: readonly string[] | null;

  private constructor(
    mean: number[],
    std: number[],
    constant: number[],
    columns: readonly string[] | null,
  ) {
    this.mean = Object.freeze(mean);
    this.std = Object.freeze(std);
    this.constant = Object.freeze(constant);
    this.columns = columns ? Object.freeze(columns.slice()) : null;
  }

  /** Number of features. */
  get features(): number {
    return this.mean.length;
  }

  /**
   * Fits mean and std per feature (column) of `rows`.
   *
   * @param rows Training data: at least one row, every row with the same number of finite values.
   * @param options Feature names.
   */
  static fit(
    rows: readonly (readonly number[])[],
    options: StandardizerFitOptions = {},
  ): Standardizer {
    if (!Array.isArray(rows) || rows.length === 0) {
      fail(`${OWNER}.fit`, 'rows', 'a non-empty array of rows', rows);
    }
    const first = rows[0];
    if (!Array.isArray(first) || first.length === 0) {
      fail(`${OWNER}.fit`, 'rows[0]', 'a non-empty array of numbers', first);
    }
    const d = first.length;
    const columns = options.columns ?? null;
    if (columns !== null && (!Array.isArray(columns) || columns.length !== d)) {
      fail(`${OWNER}.fit`, 'options.columns', `an array of ${d} names (one per feature)`, columns);
    }
    checkRows(`${OWNER}.fit`, rows, d, columns);
    if (options.channels !== undefined) {
      const c = options.channels;
      if (!Number.isInteger(c) || c < 1 || d % c !== 0) {
        fail(`${OWNER}.fit`, 'options.channels', `an integer >= 1 dividing the row length ${d}`, c);
      }
      if (options.skip !== undefined) {
        fail(`${OWNER}.fit`, 'options.skip', 'omitted with `channels`', options.skip);
      }
      const per = channelStats(rows, c);
      const constant: number[] = [];
      for (let j = 0; j < d; j++) if (per.constant[j % c]) constant.push(j);
      const mean = Array.from({ length: d }, (_, j) => per.mean[j % c]!);
      const std = Array.from({ length: d }, (_, j) => per.std[j % c]!);
      return new Standardizer(mean, std, constant, columns);
    }
    const skip = checkSkip(options.skip, d);
    const mean: number[] = [];
    const std: number[] = [];
    const constant: number[] = [];
    for (let j = 0; j < d; j++) {
      if (skip.has(j)) {
        mean.push(0);
        std.push(1);
        continue;
      }
      const m = columnMoments(rows, j);
      mean.push(m.mean);
      if (isConstant(rows, j, m)) {
        constant.push(j);
        std.push(1);
      } else {
        std.push(m.std);
      }
    }
    return new Standardizer(mean, std, constant, columns);
  }

  /**
   * Standardizes rows (any split: training, validation, test) with the fitted mean and std.
   * Returns new arrays; throws on a wrong number of features, a non-finite value, or a value
   * whose standardized form would be beyond the largest double.
   */
  transform(rows: readonly (readonly number[])[]): number[][] {
    if (!Array.isArray(rows)) fail(`${OWNER}.transform`, 'rows', 'an array of rows', rows);
    checkRows(`${OWNER}.transform`, rows, this.features, this.columns);
    return rows.map((row: readonly number[], i: number) =>
      row.map((v: number, j: number) => {
        const m = this.mean[j]!;
        const s = this.std[j]!;
        let z = (v - m) / s;
        // v - m overflows for values of opposite signs near the largest double.
        if (!Number.isFinite(z)) z = v / s - m / s;
        if (!Number.isFinite(z)) this.tooFar('transform', 'standardizes to', z, i, j, v);
        return z;
      }),
    );
  }

  /** Maps standardized rows back to the original units; throws as {@link transform} does. */
  inverseTransform(rows: readonly (readonly number[])[]): number[][] {
    if (!Array.isArray(rows)) fail(`${OWNER}.inverseTransform`, 'rows', 'an array of rows', rows);
    checkRows(`${OWNER}.inverseTransform`, rows, this.features, this.columns);
    return rows.map((row: readonly number[], i: number) =>
      row.map((v: number, j: number) => {
        const m = this.mean[j]!;
        const s = this.std[j]!;
        let x = v * s + m;
        // v * s can overflow where the sum does not: compute in halves.
        if (!Number.isFinite(x)) x = 2 * (v * (s / 2) + m / 2);
        if (!Number.isFinite(x)) this.tooFar('inverseTransform', 'maps back to', x, i, j, v);
        return x;
      }),
    );
  }

  /** Throws the error of a value whose result is beyond the largest double. */
  private tooFar(
    method: string,
    verb: string,
    result: number,
    i: number,
    j: number,
    v: number,
  ): never {
    const name = this.columns ? ` (${show(this.columns[j])})` : '';
    throw new Error(
      `${OWNER}.${method}: row ${i}, column ${j}${name} ${verb} ${show(result)} (value ` +
        `${show(v)}, mean ${show(this.mean[j])}, std ${show(this.std[j])}): it is too far ` +
        'from the training rows.',
    );
  }

  /** The JSON form; `JSON.stringify(standardizer)` uses it. */
  toJSON(): StandardizerJSON {
    return {
      format: 'tfjs-noise-tune/standardizer',
      version: 1,
      mean: this.mean.slice(),
      std: this.std.slice(),
      constant: this.constant.slice(),
      columns: this.columns ? this.columns.slice() : null,
    };
  }

  /** Rebuilds a standardizer from {@link toJSON}'s output (e.g. after `JSON.parse`), validated. */
  static fromJSON(json: unknown): Standardizer {
    const owner = `${OWNER}.fromJSON`;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      fail(owner, 'json', 'an object', json);
    }
    const o = json as Partial<StandardizerJSON>;
    if (o.format !== 'tfjs-noise-tune/standardizer') {
      fail(owner, 'json.format', "'tfjs-noise-tune/standardizer'", o.format);
    }
    if (o.version !== 1) fail(owner, 'json.version', '1', o.version);
    const mean = numbers(owner, 'json.mean', o.mean);
    const std = numbers(owner, 'json.std', o.std);
    if (std.length !== mean.length || std.some((s) => !(s > 0))) {
      fail(owner, 'json.std', `${mean.length} numbers > 0 (one per feature)`, o.std);
    }
    const constant = o.constant ?? [];
    if (
      !Array.isArray(constant) ||
      constant.some((i) => !Number.isInteger(i) || i < 0 || i >= mean.length)
    ) {
      fail(owner, 'json.constant', 'an array of feature indices', o.constant);
    }
    const columns = o.columns ?? null;
    if (
      columns !== null &&
      (!Array.isArray(columns) ||
        columns.length !== mean.length ||
        columns.some((c) => typeof c !== 'string'))
    ) {
      fail(owner, 'json.columns', `null or ${mean.length} strings`, o.columns);
    }
    return new Standardizer(mean, std, constant.slice(), columns);
  }
}

/**
 * Mean, scale and zero variance of each of `c` channels of flat rows (entry `j` is channel
 * `j % c`), over every row and position: a channel's entries read as one column.
 */
function channelStats(
  rows: readonly (readonly number[])[],
  c: number,
): { mean: number[]; std: number[]; constant: boolean[] } {
  const d = rows[0]!.length;
  const mean: number[] = [];
  const std: number[] = [];
  const constant: boolean[] = [];
  for (let k = 0; k < c; k++) {
    const column: number[][] = [];
    for (const row of rows) for (let j = k; j < d; j += c) column.push([row[j]!]);
    const m = columnMoments(column, 0);
    const flat = isConstant(column, 0, m);
    mean.push(m.mean);
    std.push(flat ? 1 : m.std);
    constant.push(flat);
  }
  return { mean, std, constant };
}

/** `options.skip` of {@link Standardizer.fit}, checked: unique column indices in `[0, d)`. */
function checkSkip(skip: unknown, d: number): Set<number> {
  if (skip === undefined) return new Set();
  if (
    !Array.isArray(skip) ||
    skip.some((j) => !Number.isInteger(j) || j < 0 || j >= d) ||
    new Set(skip).size !== skip.length
  ) {
    fail(`${OWNER}.fit`, 'options.skip', `an array of distinct column indices in [0, ${d})`, skip);
  }
  return new Set(skip as number[]);
}

/**
 * Whether column `j` (with moments `m`) has zero variance: all its values are equal, or its
 * spread is at most 1e-12 of its mean's magnitude (the residue of rounding, whatever the units).
 */
function isConstant(
  rows: readonly (readonly number[])[],
  j: number,
  m: { mean: number; std: number },
): boolean {
  const first = rows[0]![j]!;
  if (rows.every((row) => row[j] === first)) return true;
  return !(m.std > 1e-12 * Math.abs(m.mean));
}

/**
 * Values between these magnitudes are summed and squared as they are (no overflow, and no
 * underflow of the squares of a column in small units).
 */
const SAFE = 2 ** 400;
const TINY = 2 ** -400;

/**
 * Mean and population std of column `j`, without overflow or underflow: a column whose largest
 * |value| is beyond {@link SAFE} or below {@link TINY} is scaled by a power of two first (exact,
 * so the rounding is that of the plain formula), and both results are at most the largest
 * |value|, so always finite.
 */
function columnMoments(
  rows: readonly (readonly number[])[],
  j: number,
): {
  mean: number;
  std: number;
} {
  const n = rows.length;
  let max = 0;
  for (const row of rows) max = Math.max(max, Math.abs(row[j]!));
  const scale =
    max > SAFE || (max > 0 && max < TINY)
      ? 2 ** Math.max(-1074, Math.min(1023, Math.floor(Math.log2(max))))
      : 1;
  let sum = 0;
  for (const row of rows) sum += row[j]! / scale;
  const mean = sum / n;
  let sq = 0;
  for (const row of rows) {
    const c = row[j]! / scale - mean;
    sq += c * c;
  }
  const clamp = (v: number) => Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, v));
  return { mean: clamp(mean * scale), std: clamp(Math.sqrt(sq / n) * scale) };
}

function numbers(owner: string, arg: string, value: unknown): number[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  ) {
    fail(owner, arg, 'a non-empty array of finite numbers', value);
  }
  return value.slice();
}
