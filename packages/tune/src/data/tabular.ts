/**
 * The columns of a table as a model sees them: numeric columns as they are, categorical columns
 * one-hot encoded (one 0/1 input per category). Shared by the CLI (reading the training CSV),
 * the saved model's metadata and its predictor (`loadTabularModel`), so that rows are encoded
 * the same way at training and at prediction.
 */
import { fail } from 'tfjs-noise/extend';

/**
 * The most categories one categorical column may have: beyond it, a column is more likely an id
 * or a name (one category per row) than a category, and the CLI refuses it.
 *
 * @example
 * ```ts
 * import { MAX_CATEGORIES } from '@tfjs-noise/tune';
 *
 * console.log(MAX_CATEGORIES); // prints: 50
 * ```
 */
export const MAX_CATEGORIES = 50;

/**
 * One feature column of a table and how it is encoded: a number (`numeric`), or one-hot over
 * its categories (`categorical`; `null` is the category of a missing value, which is its own
 * category).
 *
 * @example
 * ```ts
 * import type { TabularColumn } from '@tfjs-noise/tune';
 *
 * const columns: TabularColumn[] = [
 *   { name: 'bill_length_mm', kind: 'numeric' },
 *   { name: 'island', kind: 'categorical', categories: ['Biscoe', 'Dream', 'Torgersen'] },
 *   { name: 'sex', kind: 'categorical', categories: ['FEMALE', 'MALE', null] }, // null: missing
 * ];
 * ```
 */
export type TabularColumn =
  | { readonly name: string; readonly kind: 'numeric' }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      /** The categories in input order; `null` is a missing value. */
      readonly categories: readonly (string | null)[];
    };

/** Spellings of a missing value: empty, NA, N/A, NaN, null (any case). */
export const MISSING = /^(|na|n\/a|nan|null)$/i;

/** A plain decimal number: no hex, binary or octal, no `Infinity`, no spaces. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True if `cell` is a plain decimal number with a finite value. */
export function isDecimal(cell: string): boolean {
  return DECIMAL.test(cell) && Number.isFinite(Number(cell));
}

/**
 * The category of a cell: `null` for a missing value (see {@link MISSING}); a number by value
 * (`1`, `1.0` and `+1` are the category `1`); any other text as it is (trimmed).
 */
export function categoryOf(cell: string | number | null | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  const v = cell.trim();
  if (MISSING.test(v)) return null;
  return isDecimal(v) ? String(Number(v)) : v;
}

/** How a category is shown: the missing category is `(missing)`. */
export function categoryName(category: string | null): string {
  return category === null ? '(missing)' : category;
}

/**
 * The categories of a column's cells, sorted (by value when all are numbers, else as strings),
 * the missing category last if present.
 */
export function categoriesOf(cells: readonly string[]): (string | null)[] {
  const keys = new Set(cells.map(categoryOf));
  const missing = keys.delete(null);
  const list = [...keys] as string[];
  const numeric = list.every(isDecimal);
  list.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return missing ? [...list, null] : list;
}

/** The names of the model's inputs: a numeric column's name, `name=category` per category. */
export function inputNames(columns: readonly TabularColumn[]): string[] {
  return columns.flatMap((c) =>
    c.kind === 'numeric' ? [c.name] : c.categories.map((k) => `${c.name}=${categoryName(k)}`),
  );
}

/** The indices of the one-hot inputs among {@link inputNames}. */
export function oneHotInputs(columns: readonly TabularColumn[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const c of columns) {
    if (c.kind === 'numeric') j++;
    else for (const _ of c.categories) out.push(j++);
  }
  return out;
}

/**
 * Encodes one row (cells by column, in `columns`' order): a numeric cell as its number, a
 * categorical cell as one 0/1 per category (all 0 for a category not in the list: its column's
 * name is pushed to `unseen`). `numeric(cell, column)` reads a numeric cell (it throws on a bad
 * one).
 */
export function encodeRow(
  columns: readonly TabularColumn[],
  cells: readonly (string | number | null | undefined)[],
  numeric: (cell: string | number | null | undefined, column: string) => number,
  unseen?: string[],
): number[] {
  const out: number[] = [];
  columns.forEach((c, j) => {
    const cell = cells[j];
    if (c.kind === 'numeric') {
      out.push(numeric(cell, c.name));
      return;
    }
    const k = c.categories.indexOf(categoryOf(cell));
    if (k < 0) unseen?.push(c.name);
    for (let i = 0; i < c.categories.length; i++) out.push(i === k ? 1 : 0);
  });
  return out;
}

/** Checks a list of {@link TabularColumn} read from a file (for `owner`'s errors). */
export function checkColumns(owner: string, arg: string, value: unknown): TabularColumn[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail(owner, arg, 'a non-empty array of columns', value);
  }
  const names = new Set<string>();
  return value.map((c, i) => {
    const at = `${arg}[${i}]`;
    if (c === null || typeof c !== 'object' || typeof c.name !== 'string' || names.has(c.name)) {
      fail(owner, at, 'a column {name, kind} with a name of its own', c);
    }
    names.add(c.name);
    if (c.kind === 'numeric') return { name: c.name, kind: 'numeric' };
    if (
      c.kind !== 'categorical' ||
      !Array.isArray(c.categories) ||
      c.categories.length === 0 ||
      c.categories.some((k: unknown) => k !== null && typeof k !== 'string') ||
      new Set(c.categories).size !== c.categories.length
    ) {
      fail(owner, at, "kind 'numeric', or 'categorical' with distinct categories", c);
    }
    return { name: c.name, kind: 'categorical', categories: [...c.categories] };
  });
}
