/**
 * The robustness analysis of the small-data suite (bench/small_data/robust.ts) on records
 * made up here: which scores each row reads, the choice on corrupted CV folds, and the targets.
 */

import { choose, rulesToCompare, targets } from '@tfjs-noise/bench/small_data/analyze';
import {
  corruptionsOf,
  hasRobustness,
  robustVerdict,
  summarizeRobust,
} from '@tfjs-noise/bench/small_data/robust';
import type { RunRecord, TestScore } from '@tfjs-noise/bench/small_data/run';
import { describe, expect, it } from 'vitest';

const rule = rulesToCompare()[0]!;
const FOLDS = 5;
const REPEATS = 2;

/** Fold accuracies around `center` (the same wiggle for every setting: paired). */
function folds(center: number): { accuracy: number[]; logLoss: number[] } {
  const wiggle = [0, 0.05, -0.05, 0.02, -0.02, 0.03, -0.03, 0.01, -0.01, 0];
  return {
    accuracy: wiggle.map((w) => center + w),
    logLoss: wiggle.map((w) => 0.7 - center / 2 - w / 2),
  };
}

/** A test score with clean accuracy `clean` and accuracy `noisy` on every corruption. */
function score(kind: string, amount: number, clean: number, noisy: number, es = false): TestScore {
  const s = (a: number) => ({ accuracy: a, logLoss: 1 - a });
  return {
    kind,
    amount,
    earlyStopping: es,
    scores: s(clean),
    corrupted: { 'gauss 1': s(noisy), 'missing 25%': s(noisy - 0.1) },
  };
}

/**
 * A classification record: on clean folds no noise and input 0.4 tie; on corrupted folds
 * input 0.4 is better by 10 points. On the corrupted test rows input 0.4 gains `inputGain`
 * points, weight 0.05 gains `weightGain`; the L2 peer 2 points, input+L2 0.4 `comboGain`.
 */
function record(seed: number, inputGain: number, weightGain = 0, comboGain = 0): RunRecord {
  const base = 0.6 + seed / 1000;
  return {
    task: 'made-up',
    seed,
    type: 'classification',
    trainRows: 40,
    testRows: 1000,
    bandwidth: { silverman: 0.5, likelihoodCv: 0.4 },
    folds: FOLDS,
    repeats: REPEATS,
    cv: [
      { kind: 'none', amount: 0, metrics: folds(0.8), corrupted: folds(0.6) },
      { kind: 'input', amount: 0.4, metrics: folds(0.8), corrupted: folds(0.7) },
      { kind: 'weight', amount: 0.05, metrics: folds(0.79), corrupted: folds(0.59) },
      { kind: 'l2', amount: 0.01, metrics: folds(0.8), corrupted: folds(0.6) },
    ],
    robustness: { stddev: 1, missing: 0 },
    cvSeconds: 1,
    test: [
      score('none', 0, 0.8, base),
      score('input', 0.4, 0.8, base + inputGain / 100),
      score('weight', 0.05, 0.8, base + weightGain / 100),
      score('l2', 0.01, 0.8, base + 0.02),
      score('none', 0, 0.8, base, true),
      score('input', 0.4, 0.8, base, true),
      score('weight', 0.05, 0.8, base, true),
      score('l2', 0.01, 0.8, base, true),
    ],
    combos: [
      { ...score('input', 0.4, 0.8, base + comboGain / 100), kind: 'input+l2' },
      { ...score('weight', 0.05, 0.8, base), kind: 'weight+l2' },
    ],
    seconds: 1,
  };
}

describe('bench:choice robustness analysis', () => {
  it('the robust choice is the rule on the corrupted CV folds; the clean choice on the clean ones', () => {
    const r = record(1, 5);
    expect(choose(r, rule, 'corrupted').setting).toEqual({ kind: 'input', amount: 0.4 });
    expect(choose(r, rule, 'clean').helps).toBe(false);
    expect(choose(r, rule).helps).toBe(false);
  });

  it('a record without corrupted scores (an older run) is told apart, and choose names it', () => {
    const old = record(1, 5);
    delete old.robustness;
    for (const c of old.cv) delete c.corrupted;
    expect(hasRobustness(old)).toBe(false);
    expect(hasRobustness(record(1, 5))).toBe(true);
    expect(() => choose(old, rule, 'corrupted')).toThrow(/made-up seed 1: no corrupted CV scores/);
    expect(corruptionsOf(record(1, 5))).toEqual(['gauss 1', 'missing 25%']);
  });

  it('rows are paired gains on the corrupted test rows: choices, best fixed, peers, combos', () => {
    const records = [1, 2, 3].map((seed) => record(seed, 4 + seed, 1, 6));
    const s = summarizeRobust(records, rule, 'gauss 1');
    expect(s.seeds).toBe(3);
    expect(s.none).toBeCloseTo(60.2, 6); // no noise's corrupted accuracy, mean over seeds
    expect(s.rows['robust choice']!.mean).toBeCloseTo(6, 6); // input 0.4: 5, 6, 7
    expect(s.rows['robust choice']!.low).toBeLessThan(6);
    expect(s.rows['clean choice']!.mean).toBeCloseTo(0, 6); // no noise against itself
    expect(s.rows['best fixed']!.mean).toBeCloseTo(6, 6);
    expect(s.settings['best fixed']).toEqual({ kind: 'input', amount: 0.4 });
    expect(s.rows['best input']!.mean).toBeCloseTo(6, 6);
    expect(s.rows['l2 0.01']!.mean).toBeCloseTo(2, 6);
    expect(s.rows['input+l2']!.mean).toBeCloseTo(6, 6);
    expect(s.settings['input+l2']).toEqual({ kind: 'input+l2', amount: 0.4 });
    expect(s.rows['weight+l2']!.mean).toBeCloseTo(0, 6);
    expect(s.picks).toEqual({ 'input 0.4': 3 });
    // Another corruption reads its own scores: 'missing 25%' is 10 points lower for every setting.
    const m = summarizeRobust(records, rule, 'missing 25%');
    expect(m.none).toBeCloseTo(50.2, 6);
    expect(m.rows['robust choice']!.mean).toBeCloseTo(6, 6);
  });

  it('targets: worse beyond the margin, helped where the best is significant, recovery', () => {
    // Task a: the choice loses 3 points (interval below -1) while the best fixed gains 4.
    const a = [1, 2, 3].map((seed) => record(seed, -3 + seed / 10, 4 + seed / 10));
    // Task b: the choice gains about half of what the best gains.
    const b = [1, 2, 3].map((seed) => ({
      ...record(seed, 2 + seed / 10, 4 + seed / 5),
      task: 'other',
    }));
    const summaries = [a, b].map((r) => summarizeRobust(r, rule, 'gauss 1'));
    const v = robustVerdict(summaries, 'robust choice');
    expect(v.worse).toEqual(['made-up']);
    expect(v.meanWorse).toEqual(['made-up']);
    expect(v.helped).toEqual(['made-up', 'other']);
    const ratio = (s: (typeof summaries)[number]) =>
      s.rows['robust choice']!.mean / s.rows['best fixed']!.mean;
    expect(v.recovery).toBeCloseTo((ratio(summaries[0]!) + ratio(summaries[1]!)) / 2, 9);
    expect(v.recovery).toBeLessThan(0.6);
    const clean = robustVerdict(summaries, 'clean choice');
    expect(clean.worse).toEqual([]);
    expect(clean.recovery).toBeCloseTo(0, 9);
  });

  it('targets of intervals: a choice whose interval reaches the margin is not worse', () => {
    const i = (mean: number, low: number, high: number) => ({ n: 3, mean, low, high });
    const v = targets('rule', [
      { task: 'x', type: 'classification', choice: i(-2, -4, -0.99), best: i(1, -1, 3) },
      { task: 'y', type: 'regression', choice: i(-4, -6, -3.01), best: i(8, 2, 14) },
    ]);
    expect(v.worse).toEqual(['y']);
    expect(v.helped).toEqual(['y']);
    expect(v.recovery).toBeCloseTo(-0.5, 9);
    expect(v.meanGain).toBeCloseTo(-3, 9);
  });
});
