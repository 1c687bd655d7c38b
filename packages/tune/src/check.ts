/**
 * Argument checks. Each throws an `Error` naming the function, the argument and the value
 * received: `searchNoise: \`folds\` must be an integer >= 2, but got 1.`
 */
import type { EarlyStopping } from './train_score';

/** Formats a received value for an error message (arrays and objects as JSON). */
export function show(value: unknown): string {
  if (typeof value === 'number' || value === undefined || typeof value === 'function') {
    return String(value);
  }
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws `Error('<owner>: \`<arg>\` must be <what>, but got <value>.')`. */
export function fail(owner: string, arg: string, what: string, value: unknown): never {
  throw new Error(`${owner}: \`${arg}\` must be ${what}, but got ${show(value)}.`);
}

/** An integer >= `min`. */
export function checkInt(owner: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(owner, arg, `an integer >= ${min}`, value);
  }
  return value;
}

/** A safe integer (any sign), e.g. a seed. */
export function checkSeed(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(owner, arg, 'a safe integer', value);
  }
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(owner, arg, 'a finite number >= 0', value);
  }
  return value + 0;
}

/** One of the listed strings. */
export function checkOneOf<T extends string>(
  owner: string,
  arg: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(owner, arg, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

/** A non-empty array. */
export function checkNonEmptyArray(owner: string, arg: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(owner, arg, 'a non-empty array', value);
  return value;
}

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
