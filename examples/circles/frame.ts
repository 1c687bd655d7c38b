/** The frame of a 2-d plot: a domain that fits the data, with round ticks. */

/** A plot axis: its domain and tick values. */
export interface Frame {
  domain: [number, number];
  ticks: number[];
}

/**
 * The smallest domain with ends on multiples of `step` that holds every value, and a tick at
 * each multiple of `step` in it (rounded, so no -0.7000000001).
 */
export function frame(values: number[], step = 0.5): Frame {
  const lo = Math.floor(Math.min(...values) / step) * step;
  const hi = Math.ceil(Math.max(...values) / step) * step;
  const ticks: number[] = [];
  for (let k = Math.round(lo / step); k <= Math.round(hi / step); k++) {
    ticks.push(Number((k * step).toFixed(10)) + 0); // + 0 turns -0 into 0
  }
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}
