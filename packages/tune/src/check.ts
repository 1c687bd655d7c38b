/**
 * Argument checks. The general ones are tfjs-noise's (one message format across packages:
 * `searchNoise: \`folds\` must be an integer >= 2, but got 1.`); the checks of tune's own
 * option objects live here.
 */
import { checkInt, fail } from 'tfjs-noise/validate';
import type { EarlyStopping } from './train_score';

export {
  checkInt,
  checkNonEmptyArray,
  checkNonNegative,
  checkOneOf,
  checkSafeInteger,
  fail,
  show,
} from 'tfjs-noise/validate';

/** `{validationFraction in (0, 0.5], patience >= 1}`, or null when omitted. */
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
