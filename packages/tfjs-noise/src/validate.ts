/**
 * Argument checks shared by every component. Each throws an `Error` whose message names the
 * component, the argument and the value received, as Keras does. For optional arguments,
 * `undefined` and `null` both mean "omitted" (JSON configs carry null).
 */

/** Formats a received value for an error message (arrays and objects as JSON). */
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

/** Throws `Error('<owner>: <arg> must be <what>, but got <value>.')`. */
export function fail(owner: string, arg: string, what: string, value: unknown): never {
  throw new Error(`${owner}: \`${arg}\` must be ${what}, but got ${show(value)}.`);
}

/**
 * Throws `Error('<owner>: <arg> must be <what>, but got <value> (<dtype>).')` for a tensor: its
 * value if it has one element (else its shape) and its dtype.
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

/** A finite number >= 0 (-0 becomes 0, so configs survive JSON unchanged). */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(owner, arg, 'a finite number >= 0', value);
  }
  return value + 0;
}

/** A finite number > 0. */
export function checkPositive(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(owner, arg, 'a finite number > 0', value);
  }
  return value;
}

/** A finite number (-0 becomes 0). */
export function checkFinite(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(owner, arg, 'a finite number', value);
  return value + 0;
}

/** A finite number >= 0, or a non-empty array of them (a copy is returned). */
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

/** A boolean. */
export function checkBoolean(owner: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(owner, arg, 'a boolean', value);
  return value;
}

/** An optional seed: undefined/null, or a safe integer. */
export function checkSeed(owner: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(owner, 'seed', 'a safe integer (or omitted)', value);
  }
  return value;
}

/** The constructor argument object itself: throws unless it is a plain object. */
export function requireArgs<T>(owner: string, args: T): T {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    fail(owner, 'args', 'an object of arguments', args);
  }
  return args;
}
