/**
 * Keys of the shared noise source.
 *
 * Noise in tfjs-noise is counter-based: the samples for a {@link NoiseKey} `(seed, stream, step)`
 * are a pure function of the key. Nothing depends on what was drawn before, so a component that
 * saves its step (and its seed in its config) draws, after a reload, exactly the noise it would
 * have drawn without the interruption.
 */

/**
 * Identifies one block of noise: who draws it (`seed`, `stream`) and when (`step`).
 *
 * @example
 * ```ts
 * const key: tfn.random.NoiseKey = { seed: 1, stream: tfn.random.streamId('mine'), step: 0 };
 * const first = tfn.random.normal([4], key);
 * const next = tfn.random.normal([4], { ...key, step: key.step + 1 });
 * ```
 */
export interface NoiseKey {
  /** The component's seed: any safe integer (negative values are allowed). */
  readonly seed: number;
  /**
   * Separates independent consumers that share a seed: a component kind and the tensor it
   * perturbs (see {@link streamId}). An unsigned 32-bit integer.
   */
  readonly stream: number;
  /** The training step (or any counter) the noise is for: a non-negative safe integer. */
  readonly step: number;
}

const TWO_POW_32 = 4294967296;

/** The murmur3 32-bit finalizer: a bijective avalanche mix of one 32-bit word. */
export function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Absorbs one 32-bit word into a running hash (murmur3's block step). */
function absorb(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = (h ^ k) | 0;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** Low and high 32-bit words of a safe integer (two's complement for negative values). */
function splitWords(value: number): [number, number] {
  const lo = value % TWO_POW_32;
  const hi = Math.floor(value / TWO_POW_32);
  return [lo | 0, hi | 0];
}

/** Throws unless `value` is a safe integer; `what` names the argument in the message. */
export function assertSafeInteger(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`${what} must be a safe integer, but got ${String(value)}.`);
  }
}

/** Validates a {@link NoiseKey}, naming the bad field. */
export function checkNoiseKey(key: NoiseKey): void {
  assertSafeInteger(key.seed, 'NoiseKey.seed');
  assertSafeInteger(key.stream, 'NoiseKey.stream');
  if (key.stream < 0 || key.stream >= TWO_POW_32) {
    throw new Error(`NoiseKey.stream must be an unsigned 32-bit integer, but got ${key.stream}.`);
  }
  assertSafeInteger(key.step, 'NoiseKey.step');
  if (key.step < 0) {
    throw new Error(`NoiseKey.step must be >= 0, but got ${key.step}.`);
  }
}

/**
 * Derives the 128-bit generator state for a key: four 32-bit words, never all zero.
 * The key's five 32-bit words are hashed (murmur3 style), then expanded by a splitmix-like
 * counter so that nearby keys (step k and k + 1) give unrelated states.
 */
export function keyState(key: NoiseKey): Uint32Array {
  checkNoiseKey(key);
  const [seedLo, seedHi] = splitWords(key.seed);
  const [stepLo, stepHi] = splitWords(key.step);
  let h = 0x3c6ef372;
  for (const word of [seedLo, seedHi, key.stream | 0, stepLo, stepHi]) {
    h = absorb(h, word);
  }
  h = mix32(h ^ 20);
  const words = [1, 2, 3, 4].map((i) => mix32(h + Math.imul(i, 0x9e3779b9)));
  const state = Uint32Array.from(words);
  if (words.every((w) => w === 0)) state[0] = 0x9e3779b9;
  return state;
}

/**
 * A stable unsigned 32-bit id for a stream name, e.g. `streamId('GaussianJitter')`.
 *
 * @example
 * ```ts
 * const inputs = tfn.random.streamId('my-app/inputs');
 * const targets = tfn.random.streamId('my-app/targets'); // independent of `inputs`
 * const third = tfn.random.streamId('my-app/layer', 3); // one stream per index
 * tfn.random.normal([8], { seed: 1, stream: inputs, step: 0 });
 * ```
 */
export function streamId(name: string, index = 0): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h = absorb(h, name.charCodeAt(i));
  }
  return mix32(absorb(h, index));
}

/**
 * A fresh random seed for components built without one (so that unseeded runs differ).
 * Uses `crypto.getRandomValues` where available, else `Math.random`.
 *
 * @example
 * ```ts
 * const seed = tfn.random.randomSeed(); // a safe integer, different every call
 * console.log(`seed ${seed}`); // log it to repeat this run
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed }));
 * ```
 */
export function randomSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } })
    .crypto;
  if (c?.getRandomValues) {
    const words = c.getRandomValues(new Uint32Array(2));
    return (words[0] as number) + ((words[1] as number) & 0x1fffff) * TWO_POW_32;
  }
  return Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
}
