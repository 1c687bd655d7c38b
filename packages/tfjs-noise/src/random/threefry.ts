/**
 * The counter-based generator of the GPU samplers: Threefry-2x32 with 20 rounds (Salmon et al.,
 * "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the generator JAX uses by default).
 *
 * Threefry maps a 64-bit key and a 64-bit counter to 64 random bits with nothing but 32-bit
 * additions, rotations and exclusive ors, which GLSL ES 3.00 and WGSL both have. Every element of
 * a GPU draw is one call: the key comes from the {@link NoiseKey}, the counter is the element's
 * index, so a tensor of any shape is one dispatch and each element depends only on (key, index).
 *
 * This file is the reference: the shaders in `gpu/` compute the same integers, and the tests
 * compare them with it. The CPU samplers (`sampler.ts`) do not use it (see docs/random.md).
 */
import { keyState, type NoiseKey } from './noise_key';

/** Rotation distances of Threefry-2x32, one per round, repeating every eight rounds. */
export const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/** The Skein key-schedule parity constant. */
export const PARITY = 0x1bd11bda;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * Threefry-2x32-20 of counter `(c0, c1)` under key `(k0, k1)`: two unsigned 32-bit words.
 *
 * @param k0 Key, low word.
 * @param k1 Key, high word.
 * @param c0 Counter, low word.
 * @param c1 Counter, high word.
 */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const ks = [k0 | 0, k1 | 0, (PARITY ^ k0 ^ k1) | 0];
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  for (let round = 0; round < 20; round++) {
    x0 = (x0 + x1) | 0;
    x1 = rotl(x1, ROTATIONS[round % 8] as number) ^ x0;
    if (round % 4 === 3) {
      // Key injection s after every fourth round.
      const s = (round + 1) / 4;
      x0 = (x0 + (ks[s % 3] as number)) | 0;
      x1 = (x1 + (ks[(s + 1) % 3] as number) + s) | 0;
    }
  }
  return [x0 >>> 0, x1 >>> 0];
}

/**
 * The three words a GPU draw for `key` runs on: the Threefry key `(k0, k1)` and the high word of
 * every element's counter `c1` (the low word is the element's index). They are the first three
 * words of the key's hashed state (`keyState`), so nearby keys give unrelated streams here too.
 */
export function counterWords(key: NoiseKey): [number, number, number] {
  const s = keyState(key);
  return [s[0] as number, s[1] as number, s[2] as number];
}

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M32 = 2 ** -32;

/**
 * Element `index` of a GPU uniform draw for `words` (from {@link counterWords}), in [0, 1): the
 * top 24 bits of the first output word, which a float32 holds exactly, so the GPU's value is this
 * one bit for bit.
 */
export function uniformAt(words: readonly [number, number, number], index: number): number {
  const [w0] = threefry2x32(words[0], words[1], index, words[2]);
  return (w0 >>> 8) * TWO_POW_M24;
}

/**
 * Element `index` of a GPU normal draw for `words`, N(0, 1): Box-Muller on the two output words,
 * `sqrt(-2 ln u1) cos(2 pi u2)` with `u1 = (w0 + 1/2) / 2^32` in (0, 1) and `u2 = w1' / 2^24` in
 * [0, 1) (`w1'` the top 24 bits of `w1`). |z| <= sqrt(2 ln 2^33) = 6.77. The GPU computes it in float32, so its
 * values equal these up to float32 rounding of log, cos and sqrt.
 */
export function normalAt(words: readonly [number, number, number], index: number): number {
  const [w0, w1] = threefry2x32(words[0], words[1], index, words[2]);
  const u1 = (w0 + 0.5) * TWO_POW_M32;
  const u2 = (w1 >>> 8) * TWO_POW_M24;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
