/**
 * Numbers for people: the table's and the verdict's figures with a fixed number of decimals,
 * except where those would hide the value (a tiny one printed as 0) or swamp the line (a huge one
 * printed with every digit).
 */

/** From this magnitude on, a number is written with an exponent. */
const HUGE = 1e6;

/**
 * Below this magnitude a value is the rounding residue of a zero (a standard error of equal
 * gains, a mean of gains that cancel), not a measurement: it is written as zero.
 */
const RESIDUE = 1e-9;

/**
 * `v` with `decimals` decimals (`toFixed`), except: a value of magnitude 1e-9 or more that those
 * would print as zero gets 2 significant digits (`0.00042`, `3.1e-7`; smaller ones are rounding
 * residue and print as zero), and a magnitude of 1e6 or more is written with an exponent and 4
 * significant digits (`6.550e+59`). Non-finite values as `String` does.
 */
export function formatNumber(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= HUGE) return v.toPrecision(4);
  const fixed = v.toFixed(decimals);
  if (Math.abs(v) >= RESIDUE && Number(fixed) === 0) return v.toPrecision(2);
  return fixed;
}
