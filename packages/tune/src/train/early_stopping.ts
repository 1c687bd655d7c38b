/**
 * Early stopping on a validation split of the training rows: its option and the option's check,
 * used by `trainModel` and by `searchNoise`'s option checks.
 */
import { checkInt, fail } from 'tfjs-noise/validate';

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
