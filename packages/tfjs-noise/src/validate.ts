/**
 * The argument checks of every tfjs-noise component and of `@tfjs-noise/tune`, public for
 * authors of components of their own through `tfjs-noise/extend` (this file is no entry point).
 * Each throws an `Error` whose message names the component, the argument and the value
 * received, as Keras does: ``MyNoise: `rate` must be a finite number >= 0, but got -1.`` For
 * optional arguments, `undefined` and `null` both mean "omitted" (JSON configs carry null).
 */

/**
 * Formats a received value for an error message (arrays and objects as JSON).
 *
 * @example
 * ```ts
 * import { show } from 'tfjs-noise/extend';
 * console.log(show([1, 2])); // prints: [1,2]
 * console.log(show('relu')); // prints: "relu"
 * ```
 */
export function show(value: unknown): string {
  if (typeof value === 'number' || value === undefined || typeof value === 'function') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Throws `Error('<owner>: <arg> must be <what>, but got <value>.')`.
 *
 * @example
 * ```ts
 * import { fail } from 'tfjs-noise/extend';
 * fail('MyNoise', 'rate', 'a number in [0, 1)', 2);
 * // throws: MyNoise: `rate` must be a number in [0, 1), but got 2.
 * ```
 */
export function fail(owner: string, arg: string, what: string, value: unknown): never {
  throw new Error(`${owner}: \`${arg}\` must be ${what}, but got ${show(value)}.`);
}

/**
 * Throws `Error('<owner>: <arg> must be <what>, but got <value> (<dtype>).')` for a tensor: its
 * value if it has one element (else its shape) and its dtype.
 *
 * @example
 * ```ts
 * import { failTensor } from 'tfjs-noise/extend';
 * const t = tf.scalar(-1, 'int32');
 * failTensor('MyNoise', 'step', 'an int32 scalar >= 0', t);
 * // throws: MyNoise: `step` must be an int32 scalar >= 0, but got -1 (int32).
 * ```
 */
export function failTensor(
  owner: string,
  arg: string,
  what: string,
  tensor: { size: number; shape: number[]; dtype: string; dataSync(): ArrayLike<unknown> },
): never {
  const got =
    tensor.size === 1 ? show(tensor.dataSync()[0]) : `a tensor of shape ${show(tensor.shape)}`;
  throw new Error(`${owner}: \`${arg}\` must be ${what}, but got ${got} (${tensor.dtype}).`);
}

/**
 * A finite number >= 0 (-0 becomes 0, so configs survive JSON unchanged).
 *
 * @example
 * ```ts
 * import { checkNonNegative } from 'tfjs-noise/extend';
 * const stddev = checkNonNegative('MyNoise', 'stddev', 0.1);
 * console.log(stddev); // prints: 0.1
 * ```
 */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(owner, arg, 'a finite number >= 0', value);
  }
  return value + 0;
}

/**
 * A finite number > 0.
 *
 * @example
 * ```ts
 * import { checkPositive } from 'tfjs-noise/extend';
 * const clipNorm = checkPositive('MyNoise', 'clipNorm', 5);
 * console.log(clipNorm); // prints: 5
 * ```
 */
export function checkPositive(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(owner, arg, 'a finite number > 0', value);
  }
  return value;
}

/**
 * A finite number (-0 becomes 0).
 *
 * @example
 * ```ts
 * import { checkFinite } from 'tfjs-noise/extend';
 * const c = checkFinite('MyNoise', 'c', -0.5);
 * console.log(c); // prints: -0.5
 * ```
 */
export function checkFinite(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(owner, arg, 'a finite number', value);
  return value + 0;
}

/**
 * A finite number >= 0, or a non-empty array of them (a copy is returned).
 *
 * @example
 * ```ts
 * import { checkNonNegativeOrArray } from 'tfjs-noise/extend';
 * checkNonNegativeOrArray('MyNoise', 'stddev', [0.1, 0.2]); // one per feature
 * ```
 */
export function checkNonNegativeOrArray(
  owner: string,
  arg: string,
  value: unknown,
): number | number[] {
  if (Array.isArray(value)) {
    if (value.length === 0) fail(owner, arg, 'a non-empty array', value);
    return value.map((v, i) => checkNonNegative(owner, `${arg}[${i}]`, v));
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(owner, arg, 'a finite number >= 0 or an array of them (one per feature)', value);
  }
  return value + 0;
}

/**
 * One of the listed strings.
 *
 * @example
 * ```ts
 * import { checkOneOf } from 'tfjs-noise/extend';
 * const mode = checkOneOf('MyNoise', 'mode', 'additive', ['additive', 'multiplicative']);
 * ```
 */
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

/**
 * A boolean.
 *
 * @example
 * ```ts
 * import { checkBoolean } from 'tfjs-noise/extend';
 * const relative = checkBoolean('MyNoise', 'relative', false);
 * ```
 */
export function checkBoolean(owner: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(owner, arg, 'a boolean', value);
  return value;
}

/**
 * An optional seed: undefined/null, or a safe integer.
 *
 * @example
 * ```ts
 * import { checkSeed } from 'tfjs-noise/extend';
 * const seed = checkSeed('MyNoise', undefined);
 * // No seed given: the caller draws one.
 * console.log(seed); // prints: undefined
 * ```
 */
export function checkSeed(owner: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(owner, 'seed', 'a safe integer (or omitted)', value);
  }
  return value;
}

/**
 * The constructor argument object itself: throws unless it is a plain object.
 *
 * @example
 * ```ts
 * import { requireArgs } from 'tfjs-noise/extend';
 * class MyNoise {
 *   constructor(args: { rate: number }) {
 *     requireArgs('MyNoise', args); // throws on null, arrays, numbers...
 *   }
 * }
 * ```
 */
export function requireArgs<T>(owner: string, args: T): T {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    fail(owner, 'args', 'an object of arguments', args);
  }
  return args;
}

/**
 * An integer (a safe one) >= `min`.
 *
 * @example
 * ```ts
 * import { checkInt } from 'tfjs-noise/extend';
 * const folds = checkInt('searchNoise', 'folds', 5, 2);
 * console.log(folds); // prints: 5
 * ```
 */
export function checkInt(owner: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(owner, arg, `an integer >= ${min}`, value);
  }
  return value;
}

/**
 * A required safe integer of any sign, e.g. a seed that must be given.
 *
 * @example
 * ```ts
 * import { checkSafeInteger } from 'tfjs-noise/extend';
 * const seed = checkSafeInteger('foldSplit', 'seed', 42);
 * console.log(seed); // prints: 42
 * ```
 */
export function checkSafeInteger(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(owner, arg, 'a safe integer', value);
  }
  return value;
}

/**
 * A non-empty array (its entries are not checked).
 *
 * @example
 * ```ts
 * import { checkNonEmptyArray } from 'tfjs-noise/extend';
 * const amounts = checkNonEmptyArray('grid', 'amounts', [0.05, 0.1]);
 * ```
 */
export function checkNonEmptyArray(owner: string, arg: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(owner, arg, 'a non-empty array', value);
  return value;
}
