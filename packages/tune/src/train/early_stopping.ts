/**
 * Early stopping on a validation split of the training rows: its option and the option's check,
 * used by `trainModel` and by `searchNoise`'s option checks.
 */
import { checkInt, fail } from 'tfjs-noise/extend';

/**
 * Early stopping on a validation split of the training rows (the `earlyStopping` option of
 * `TrainOptions` and of `SearchOptions`).
 *
 * @example
 * ```ts
 * import { type EarlyStopping, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const earlyStopping: EarlyStopping = { validationFraction: 0.2, patience: 10 };
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER, earlyStopping } as const;
 * const result = await searchNoise({ x, y }, options);
 * ```
 */
export interface EarlyStopping {
  /** Share of the training rows held out for validation, in (0, 0.5]. */
  validationFraction: number;
  /** Epochs without a new lowest validation loss before training stops (an integer >= 1). */
  patience: number;
}

/**
 * `{validationFraction in (0, 0.5], patience >= 1}`, or null when omitted; otherwise throws,
 * naming `owner`, the field and the value received.
 */
export function checkEarlyStopping(value: unknown, owner: string): EarlyStopping | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(owner, 'earlyStopping', 'null or {validationFraction, patience}', value);
  }
  const { validationFraction, patience } = value as Partial<EarlyStopping>;
  if (
    typeof validationFraction !== 'number' ||
    !(validationFraction > 0 && validationFraction <= 0.5)
  ) {
    fail(owner, 'earlyStopping.validationFraction', 'a number in (0, 0.5]', validationFraction);
  }
  return {
    validationFraction,
    patience: checkInt(owner, 'earlyStopping.patience', patience, 1),
  };
}

/**
 * Whether every training part of `folds`-fold cross-validation on `rows` rows (fold sizes differ
 * by at most one) has the 2 rows early stopping needs (1 to fit, 1 to validate): null if so,
 * else the smallest training part and the fewest rows that would do.

 */
export function earlyStoppingShortfall(
  rows: number,
  folds: number,
): { smallest: number; needed: number } | null {
  const smallestOf = (n: number) => n - Math.ceil(n / folds);
  if (smallestOf(rows) >= EARLY_STOPPING_MIN_ROWS) return null;
  let needed = Math.max(rows, folds);
  while (smallestOf(needed) < EARLY_STOPPING_MIN_ROWS) needed++;
  return { smallest: smallestOf(rows), needed };
}

/** The fewest training rows early stopping can split: 1 to fit and 1 to validate. */
export const EARLY_STOPPING_MIN_ROWS = 2;
