/**
 * A training-free estimate of the input-noise level: training with Gaussian input noise of std h
 * fits the data smoothed by a Gaussian kernel of bandwidth h (Holmstrom and Koistinen, 1992), so
 * a kernel density bandwidth of the standardized inputs is a first guess of the noise std.
 */
import { checkOneOf, fail } from 'tfjs-noise/extend';
import { checkRows } from './check_rows';

/**
 * How the bandwidth is chosen.
 *
 * @example
 * ```ts
 * import { Standardizer } from '@tfjs-noise/tune';
 * import { type BandwidthMethod, kdeBandwidth } from '@tfjs-noise/tune/blocks';
 *
 * const method: BandwidthMethod = 'silverman';
 * const h = kdeBandwidth(Standardizer.fit(x).transform(x), method);
 * ```
 */
export type BandwidthMethod = 'silverman' | 'likelihood-cv';

/**
 * The methods, for validation.
 *
 * @example
 * ```ts
 * import { Standardizer } from '@tfjs-noise/tune';
 * import { BANDWIDTH_METHODS, kdeBandwidth } from '@tfjs-noise/tune/blocks';
 *
 * const z = Standardizer.fit(x).transform(x);
 * for (const method of BANDWIDTH_METHODS) console.log(method, kdeBandwidth(z, method));
 * ```
 */
export const BANDWIDTH_METHODS: readonly BandwidthMethod[] = ['silverman', 'likelihood-cv'];

/**
 * The bandwidth of a product Gaussian kernel density estimate of `x` (rows of d features,
 * assumed standardized: every feature has std 1):
 * - `'silverman'`: the normal reference rule `(4 / (n (d + 2)))^(1 / (d + 4))`, which assumes a
 *   Gaussian density and over-smooths anything with structure;
 * - `'likelihood-cv'` (default): the h of 60 log-spaced values in [0.01, 3] that maximizes the
 *   leave-one-out log-likelihood `sum_i log sum_{j != i} exp(-|x_i - x_j|^2 / (2 h^2)) / h^d`
 *   (constants dropped), O(n^2 d) per value.
 *
 * @param x At least 2 rows of finite numbers, all of the same length (at least 1); anything else
 *   throws an error naming the row (and column).
 *
 * @example
 * ```ts
 * import { Standardizer } from '@tfjs-noise/tune';
 * import { kdeBandwidth } from '@tfjs-noise/tune/blocks';
 *
 * const z = Standardizer.fit(x).transform(x); // standardized: every feature has std 1
 * const h = kdeBandwidth(z); // a first guess of the input-noise std, without training
 * ```
 */
export function kdeBandwidth(
  x: readonly (readonly number[])[],
  method: BandwidthMethod = 'likelihood-cv',
): number {
  const owner = 'kdeBandwidth';
  checkOneOf(owner, 'method', method, BANDWIDTH_METHODS);
  if (!Array.isArray(x) || x.length < 2) fail(owner, 'x', 'an array of at least 2 rows', x);
  const first: unknown = x[0];
  if (!Array.isArray(first) || first.length < 1) {
    fail(owner, 'x[0]', 'an array of at least 1 number (one per feature)', first);
  }
  const n = x.length;
  const d = first.length;
  checkRows(owner, x, d, null, 'x');
  if (method === 'silverman') return (4 / (n * (d + 2))) ** (1 / (d + 4));
  const sq: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[i]![k]! - x[j]![k]!) ** 2;
      sq.push(s);
    }
  }
  let best = { h: Number.NaN, ll: Number.NEGATIVE_INFINITY };
  for (let g = 0; g < 60; g++) {
    const h = 0.01 * 300 ** (g / 59);
    const ll = leaveOneOut(sq, n, d, h);
    if (ll > best.ll) best = { h, ll };
  }
  return best.h;
}

/** Leave-one-out log-likelihood (up to a constant) from the pairwise squared distances. */
function leaveOneOut(sq: readonly number[], n: number, d: number, h: number): number {
  // log-sum-exp per row, over the pairs (i, j) stored once for i < j.
  const terms: number[][] = Array.from({ length: n }, () => []);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = -sq[p++]! / (2 * h * h);
      terms[i]!.push(t);
      terms[j]!.push(t);
    }
  }
  let ll = 0;
  for (const row of terms) {
    const m = Math.max(...row);
    let s = 0;
    for (const t of row) s += Math.exp(t - m);
    ll += m + Math.log(s) - d * Math.log(h);
  }
  return ll;
}
