/**
 * The check of a table of rows (the standardizer's and the bandwidth's input): every row an
 * array of `d` finite numbers.
 */
import { fail, show } from 'tfjs-noise/extend';

/**
 * Checks the shape and finiteness of `rows`, naming the first bad row and column (and the
 * column's name when `columns` gives one); `arg` is the argument's name in the messages.
 */
export function checkRows(
  owner: string,
  rows: readonly (readonly number[])[],
  d: number,
  columns: readonly string[] | null,
  arg = 'rows',
): void {
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) {
      fail(owner, `${arg}[${i}]`, `an array of ${d} numbers (one per feature)`, row);
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const name = columns ? ` (${show(columns[j])})` : '';
        throw new Error(
          `${owner}: every value must be a finite number, but row ${i}, column ${j}${name} is ${show(v)}.`,
        );
      }
    }
  });
}
