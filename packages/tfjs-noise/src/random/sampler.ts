/**
 * The shared noise source: fast, seeded, counter-based samplers on plain typed arrays.
 *
 * For a {@link NoiseKey} the samplers seed a xoshiro128** generator (Blackman and Vigna, 2018)
 * from a hash of the key and fill the array from it. Gaussian samples use the ziggurat method,
 * which needs one 32-bit word and no transcendental function for about 99% of the samples.
 * Everything is plain JavaScript on numbers, so it runs identically in Node and browsers, and
 * the same key always gives the same samples. Gaussian arrays of {@link WASM_MIN_LENGTH} or more
 * samples are filled by the WebAssembly build of the same loop (`ziggurat_wasm.ts`), which gives
 * the same bits about twice as fast; where WebAssembly is unavailable this file's loop runs.
 */
import { keyState, type NoiseKey } from './noise_key';
import { F, LAYERS, SIGNED_K, SIGNED_W, TAIL_START, W } from './ziggurat_tables';
import { wasmZiggurat } from './ziggurat_wasm';

/** Arrays shorter than this are filled in JavaScript (a wasm call costs more than it saves). */
export const WASM_MIN_LENGTH = 256;

let wasmEnabled = true;

/**
 * Turns the WebAssembly sampler on (the default) or off, and says whether it is in use. Output
 * does not change either way (both give the same bits); only speed does. Turn it off only to
 * compare, or where loading WebAssembly must be avoided.
 *
 * @example
 * ```ts
 * tfn.random.useWasmSampler(false); // plain JavaScript from now on
 * const inUse = tfn.random.useWasmSampler(true); // false where WebAssembly cannot load
 * ```
 *
 * @param enabled Whether to use WebAssembly when it is available.
 * @returns Whether the WebAssembly sampler is now in use (false if it is disabled or if this
 *   runtime cannot load it).
 */
export function useWasmSampler(enabled: boolean): boolean {
  if (typeof enabled !== 'boolean') {
    throw new Error(`useWasmSampler expects a boolean, but got ${String(enabled)}.`);
  }
  wasmEnabled = enabled;
  return enabled && wasmZiggurat() !== null;
}

/** Whether Gaussian arrays are filled by the WebAssembly sampler (enabled and loadable). */
export function wasmSamplerInUse(): boolean {
  return wasmEnabled && wasmZiggurat() !== null;
}

const INV_2_32 = 1 / 4294967296;

/**
 * Fills `out` with uniform samples in [low, high) for `key`.
 *
 * @example
 * ```ts
 * const u = tfn.random.fillUniform(new Float64Array(10), { seed: 1, stream: 0, step: 0 });
 * const dice = tfn.random
 *   .fillUniform(new Float32Array(5), { seed: 2, stream: 0, step: 0 }, 1, 7)
 *   .map(Math.floor); // five throws of a die
 * ```
 *
 * @param out Array to fill (any length).
 * @param key Seed, stream and step of the noise.
 * @param low Lower bound (inclusive). Default 0.
 * @param high Upper bound (exclusive). Default 1.
 * @returns `out`.
 */
export function fillUniform<T extends Float32Array | Float64Array>(
  out: T,
  key: NoiseKey,
  low = 0,
  high = 1,
): T {
  const st = new Int32Array(keyState(key).buffer);
  const scale = (high - low) * INV_2_32;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = low + (nextWord(st) >>> 0) * scale;
  // Rounding to float32 can turn a value just below `high` into `high`; keep the bound exclusive.
  if (out instanceof Float32Array) {
    for (let i = 0; i < n; i++) {
      if ((out[i] as number) >= high) out[i] = low;
    }
  }
  return out;
}

/**
 * Fills `out` with Gaussian samples N(mean, stddev^2) for `key`.
 *
 * @example
 * ```ts
 * const noise = tfn.random.fillNormal(new Float32Array(1e6), { seed: 1, stream: 0, step: 0 });
 * const data = tfn.random.fillNormal(new Float64Array(100), { seed: 1, stream: 1, step: 0 }, 10, 2);
 * ```
 *
 * @param out Array to fill (any length).
 * @param key Seed, stream and step of the noise.
 * @param mean Mean of the samples. Default 0.
 * @param stddev Standard deviation of the samples. Default 1.
 * @returns `out`.
 */
export function fillNormal<T extends Float32Array | Float64Array>(
  out: T,
  key: NoiseKey,
  mean = 0,
  stddev = 1,
): T {
  const kernel = wasmEnabled && out.length >= WASM_MIN_LENGTH ? wasmZiggurat() : null;
  if (kernel === null) return fillNormalJs(out, key, mean, stddev);
  kernel.fill(out, keyState(key));
  return scaleInPlace(out, mean, stddev);
}

/**
 * {@link fillNormal} in plain JavaScript: the reference implementation, used for short arrays and
 * wherever WebAssembly is unavailable. Same arguments, same output bits.
 */
export function fillNormalJs<T extends Float32Array | Float64Array>(
  out: T,
  key: NoiseKey,
  mean = 0,
  stddev = 1,
): T {
  const st = new Int32Array(keyState(key).buffer);
  // Local references: module bindings may compile to property loads inside the loop.
  const k = SIGNED_K;
  const w = SIGNED_W;
  const n = out.length;
  let i = 0;
  while (i < n) {
    const r = nextWord(st);
    // One 32-bit word: bits 0-7 pick the layer, bit 8 the sign, bits 9-31 the magnitude.
    const j = r & 0x1ff;
    const m = r >>> 9;
    if (m < (k[j] as number)) {
      out[i++] = m * (w[j] as number);
      continue;
    }
    // Slow path (about 1.3% of draws): the tail or a wedge test, with further uniforms from the
    // same generator, so the output stays a pure function of the key.
    const x = slowPath(st, j & 0xff, m);
    if (!Number.isNaN(x)) {
      out[i++] = j < LAYERS ? x : -x;
    }
    // else the draw was rejected; the next word starts over.
  }
  return scaleInPlace(out, mean, stddev);
}

/** `out` mapped in place to `mean + stddev * out` (left as it is for 0 and 1). */
function scaleInPlace<T extends Float32Array | Float64Array>(
  out: T,
  mean: number,
  stddev: number,
): T {
  if (mean !== 0 || stddev !== 1) {
    const n = out.length;
    for (let q = 0; q < n; q++) out[q] = mean + stddev * (out[q] as number);
  }
  return out;
}

/**
 * One step of xoshiro128** on the state `st` (four int32 words, updated in place): returns the
 * next 32-bit output word (signed; `>>> 0` for unsigned). The one generator of the JavaScript
 * samplers (the WebAssembly sampler runs the same steps).
 */
function nextWord(st: Int32Array): number {
  const s0 = st[0] as number;
  const s1 = st[1] as number;
  const s2 = (st[2] as number) ^ s0;
  const s3 = (st[3] as number) ^ s1;
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
  st[0] = s0 ^ s3;
  st[1] = s1 ^ s2;
  st[2] = s2 ^ (s1 << 9);
  st[3] = rotl(s3, 11);
  return r;
}

/** Advances the generator in `st` and returns a uniform in (0, 1). */
function nextOpenUniform(st: Int32Array): number {
  return ((nextWord(st) >>> 0) + 0.5) * INV_2_32;
}

/**
 * The ziggurat's rare branch for magnitude `m` in `layer` that fell outside the inner
 * rectangle: returns an accepted (positive) value, or NaN when the draw is rejected.
 */
function slowPath(st: Int32Array, layer: number, m: number): number {
  if (layer === 0) {
    // Marsaglia's tail method for |x| > TAIL_START.
    let tx: number;
    let ty: number;
    do {
      tx = -Math.log(nextOpenUniform(st)) / TAIL_START;
      ty = -Math.log(nextOpenUniform(st));
    } while (ty + ty < tx * tx);
    return TAIL_START + tx;
  }
  const x = m * (W[layer] as number);
  const fLow = F[layer] as number;
  const fHigh = F[layer - 1] as number;
  return fLow + nextOpenUniform(st) * (fHigh - fLow) < Math.exp(-0.5 * x * x) ? x : Number.NaN;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
