/**
 * Paired statistics of a claim study: for each row, the gain of the arm over its paired arm on
 * each seed, and the mean with its 95% Student-t interval (the small-data suite's `interval`).
 */
import { type Interval, interval } from '@tfjs-noise/support/stats';
import type { Metric, Row, SeedScores } from './study';

export type { Interval };

/** The row's arm's mean of `metric` over the seeds. */
export function meanOf(seeds: SeedScores[], arm: string, metric: Metric): number {
  return seeds.reduce((a, s) => a + score(s, arm, metric), 0) / seeds.length;
}

/** Paired gains of `row.arm` over `row.vs` on `metric`, mean and 95% t-interval over seeds. */
export function pairedGain(seeds: SeedScores[], row: Row, metric: Metric): Interval | null {
  if (row.vs === undefined) return null;
  const vs = row.vs;
  return interval(seeds.map((s) => metric.gain(score(s, row.arm, metric), score(s, vs, metric))));
}

/** What a gain's interval says: better, worse, or no difference detected (it spans 0). */
export function reading(i: Interval): 'better' | 'worse' | 'no difference detected' {
  if (i.low > 0) return 'better';
  if (i.high < 0) return 'worse';
  return 'no difference detected';
}

function score(s: SeedScores, arm: string, metric: Metric): number {
  const v = s[arm]?.[metric.key];
  if (v === undefined) throw new Error(`claims: no score '${metric.key}' for arm '${arm}'.`);
  return v;
}
