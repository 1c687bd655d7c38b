/** Statistics of random samples for the tests of the samplers and noise layers (plain JavaScript on arrays): moments, correlation, and a Kolmogorov-Smirnov test against a CDF. */

/** Mean and (population) variance. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += ((xs[i] as number) - mean) ** 2;
  return { mean, variance: v / xs.length };
}

/** Pearson correlation of two equally long arrays. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = moments(a);
  const mb = moments(b);
  let c = 0;
  for (let i = 0; i < a.length; i++)
    c += ((a[i] as number) - ma.mean) * ((b[i] as number) - mb.mean);
  return c / a.length / Math.sqrt(ma.variance * mb.variance);
}

/** erf, Abramowitz and Stegun 7.1.26 (absolute error < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-ax * ax);
  return sign * y;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Kolmogorov-Smirnov statistic D of a sample against a continuous CDF. */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs as ArrayLike<number>).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Critical KS value at significance 1e-4 for n samples: sqrt(-ln(alpha/2) / 2) / sqrt(n). */
export function ksCritical(n: number, alpha = 1e-4): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/**
 * Correlation at lag `d` along one axis of `fields` square n x n fields stored one after the
 * other (row-major), from the pairs at least `margin` entries from every edge: pooled over the
 * fields as sum(ab) / sqrt(sum(a^2) sum(b^2)) (for fields of mean 0), with its standard error by
 * the jackknife over fields (leaving out one field at a time).
 */
export function lagCorrelation(
  values: ArrayLike<number>,
  fields: number,
  n: number,
  d: number,
  axis: 'rows' | 'columns',
  margin: number,
): { r: number; se: number } {
  const sums: [number, number, number][] = [];
  for (let f = 0; f < fields; f++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = margin; i < n - margin; i++) {
      for (let j = margin; j + d < n - margin; j++) {
        // Along a row (`columns` apart) or down a column (`rows` apart).
        const a = values[f * n * n + (axis === 'columns' ? i * n + j : j * n + i)] as number;
        const b = values[
          f * n * n + (axis === 'columns' ? i * n + j + d : (j + d) * n + i)
        ] as number;
        ab += a * b;
        aa += a * a;
        bb += b * b;
      }
    }
    sums.push([ab, aa, bb]);
  }
  const total = sums.reduce((s, x) => [s[0] + x[0], s[1] + x[1], s[2] + x[2]], [0, 0, 0]);
  const r = (t: readonly number[]) =>
    (t[0] as number) / Math.sqrt((t[1] as number) * (t[2] as number));
  const loo = sums.map((x) => r([total[0] - x[0], total[1] - x[1], total[2] - x[2]]));
  const mean = loo.reduce((a, b) => a + b, 0) / fields;
  const se = Math.sqrt(((fields - 1) / fields) * loo.reduce((a, b) => a + (b - mean) ** 2, 0));
  return { r: r(total), se };
}

/** Root mean square of the entries of `fields` n x n fields in their outermost ring. */
export function edgeRms(values: ArrayLike<number>, fields: number, n: number): number {
  let squares = 0;
  let count = 0;
  for (let f = 0; f < fields; f++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== 0 && j !== 0 && i !== n - 1 && j !== n - 1) continue;
        squares += (values[f * n * n + i * n + j] as number) ** 2;
        count++;
      }
    }
  }
  return Math.sqrt(squares / count);
}
