/**
 * Numbers for people: the table's and the verdict's figures with a fixed number of decimals,
 * except where those would hide the value (a tiny one printed as 0) or swamp the line (a huge one
 * printed with every digit).
 */

/** From this magnitude on, a number is written with an exponent. */
const HUGE = 1e6;

/**
 * `v` with `decimals` decimals (`toFixed`), except: a nonzero value those would print as zero
 * gets 2 significant digits (`0.00042`, `3.1e-7`), and a magnitude of 1e6 or more is written
 * with an exponent and 4 significant digits (`6.550e+59`). Non-finite values as `String` does.
 */
export function formatNumber(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= HUGE) return v.toPrecision(4);
  const fixed = v.toFixed(decimals);
  if (v !== 0 && Number(fixed) === 0) return v.toPrecision(2);
  return fixed;
}
