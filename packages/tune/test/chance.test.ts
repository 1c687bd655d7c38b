import { describe, expect, it } from 'vitest';
import { chanceScores } from '../src/blocks';

describe('chanceScores', () => {
  it('scores the majority class and the class frequencies of the training rows', () => {
    // Fold 0 holds rows 0-3, fold 1 rows 4-7. Training rows of fold 0 (rows 4-7): three of
    // class 1, one of class 0.
    const y = [0, 0, 1, 1, 1, 1, 1, 0];
    const splits = [
      { train: [4, 5, 6, 7], test: [0, 1, 2, 3] },
      { train: [0, 1, 2, 3], test: [4, 5, 6, 7] },
    ];
    const c = chanceScores('classification', y, 2, splits);
    expect(c.predictor).toBe('majority');
    expect(c.classIndex).toBe(1); // five of eight rows
    // Fold 0 predicts class 1 with probability 0.75: two of four right.
    expect(c.metrics.accuracy![0]).toBeCloseTo(0.5, 12);
    expect(c.metrics.logLoss![0]).toBeCloseTo(-(2 * Math.log(0.25) + 2 * Math.log(0.75)) / 4, 12);
    expect(c.metrics.brier![0]).toBeCloseTo((2 * 2 * 0.75 ** 2 + 2 * 2 * 0.25 ** 2) / 4, 12);
    // Fold 1: training rows split 2/2, a tie: class 0 (as a sigmoid output of 0.5 would).
    expect(c.metrics.accuracy![1]).toBeCloseTo(0.25, 12);
    expect(c.metrics.logLoss![1]).toBeCloseTo(Math.log(2), 12);
  });

  it('uses one softmax row for three classes, and the training mean for regression', () => {
    const y = [0, 1, 2, 2, 0, 2];
    const c = chanceScores('classification', y, 3, [{ train: [0, 1, 2, 3], test: [4, 5] }]);
    // Training frequencies 1/4, 1/4, 1/2: class 2 always.
    expect(c.metrics.accuracy).toEqual([0.5]);
    expect(c.metrics.logLoss![0]).toBeCloseTo(-(Math.log(0.25) + Math.log(0.5)) / 2, 12);
    const r = chanceScores('regression', [1, 2, 3, 10], null, [{ train: [0, 1, 2], test: [3] }]);
    expect(r.predictor).toBe('mean');
    expect(r.classIndex).toBeNull();
    expect(r.metrics.mse).toEqual([64]);
  });
});
