/**
 * Rows of any shape: a search's `x` may hold flat rows (`[n][d]`, a table) or nested rows of one
 * shape (`[n][h][w][c]` images, `[n][t][c]` signals), or be a tensor of `[n, ...shape]`. The
 * search checks them once and works on flat rows (row-major, the last axis fastest) with the
 * per-example shape beside them; the model's input tensor gets that shape back.
 */
import { fail, show } from 'tfjs-noise/extend';

/**
 * A row of the search's data (`SearchData.x`): numbers, or arrays of numbers nested to any
 * depth (the innermost may be typed arrays), the same shape for every row.
 *
 * @example
 * ```ts
 * import type { NestedRow } from '@tfjs-noise/tune';
 *
 * const image: NestedRow = [[[0], [1]], [[1], [0]]]; // [h][w][c] = [2][2][1]
 * const signal: NestedRow = [new Float32Array([0, 1]), new Float32Array([2, 3])]; // [t][c]
 * ```
 */
export type NestedRow = readonly number[] | Float32Array | Float64Array | readonly NestedRow[];

/** What a tfjs tensor offers for the search's data (duck-typed: any tfjs copy). */
export interface TensorLike {
  readonly shape: readonly number[];
  arraySync(): unknown;
}

/** Whether `value` is a tensor (anything with a `shape` array and `arraySync`). */
export function isTensorLike(value: unknown): value is TensorLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).arraySync === 'function'
  );
}

function isArrayLike(value: unknown): value is readonly unknown[] | Float32Array | Float64Array {
  return Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array;
}

/**
 * The shape of `row` read along its first entries (`[[1, 2], [3, 4], [5, 6]]` is `[3, 2]`); a
 * ragged row has other shapes further on (see {@link flattenRow}).
 */
export function shapeOf(row: unknown): number[] {
  const shape: number[] = [];
  let v: unknown = row;
  while (isArrayLike(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

/** The number of entries of one example of `shape` (the product of its sizes). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * `row` as a flat array (row-major: the last axis fastest), checked to have `shape` and finite
 * numbers; errors name the owner, the row (`arg`, e.g. ``data.x[5]``), the shape found and the
 * shape expected, or the entry that is not a finite number.
 */
export function flattenRow(
  owner: string,
  arg: string,
  row: unknown,
  shape: readonly number[],
): number[] {
  const out: number[] = [];
  const walk = (v: unknown, depth: number, path: string) => {
    const n = shape[depth]!;
    if (!isArrayLike(v) || v.length !== n) {
      const found = isArrayLike(v) ? `shape [${shapeOf(v).join(', ')}]` : show(v);
      const where = path === arg ? '' : ` (\`${path}\` has ${describe(v)}, not ${n} entries)`;
      throw new Error(
        `${owner}: \`${arg}\` must have the shape [${shape.join(', ')}] of every row, but got ` +
          `${path === arg ? found : `shape [${shapeOf(row).join(', ')}]`}${where}.`,
      );
    }
    if (depth === shape.length - 1) {
      for (let j = 0; j < n; j++) {
        const x = v[j];
        if (typeof x !== 'number' || !Number.isFinite(x)) {
          fail(owner, `${path}[${j}]`, 'a finite number', x);
        }
        out.push(x);
      }
      return;
    }
    for (let j = 0; j < n; j++) walk(v[j], depth + 1, `${path}[${j}]`);
  };
  walk(row, 0, arg);
  return out;
}

function describe(v: unknown): string {
  return isArrayLike(v) ? `${v.length} entries` : show(v);
}

/**
 * Nested rows (or a tensor) checked and flattened: every row of `x[0]`'s shape, finite numbers.
 * Returns the flat rows and the per-example shape. `arg` names `x` in messages (`'data.x'`).
 */
export function flattenRows(
  owner: string,
  arg: string,
  x: readonly unknown[],
): { rows: number[][]; shape: number[] } {
  const shape = shapeOf(x[0]);
  if (shape.length === 0 || shape.some((s) => s === 0)) {
    fail(owner, `${arg}[0]`, 'a non-empty array of numbers, or nested arrays of them', x[0]);
  }
  const rows = x.map((row, i) => flattenRow(owner, `${arg}[${i}]`, row, shape));
  return { rows, shape };
}
