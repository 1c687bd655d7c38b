/**
 * The metrics of train/metrics.ts on values worked out by hand: accuracy (with its 0.5 and
 * arg-max ties), MSE, log-loss (with its clipping), the Brier score (two-class and k-class the
 * same sum), and the mean and sample std of the fold scores.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, higherIsBetter, metricOf, score, summarize } from '../src/blocks';
import { METRICS } from '../src/index';

const f32 = (values: number[]) => Float32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);

describe('which metrics, and which way is better', () => {
  it('lists accuracy, log-loss and Brier for classification, MSE for regression', () => {
    expect(METRICS.classification).toEqual(['accuracy', 'logLoss', 'brier']);
    expect(METRICS.regression).toEqual(['mse']);
  });

  it('counts only accuracy as higher-is-better', () => {
    expect(higherIsBetter('accuracy')).toBe(true);
    for (const m of ['logLoss', 'brier', 'mse'] as const) expect(higherIsBetter(m)).toBe(false);
  });

  it("gives each task's default metric", () => {
    expect(metricOf('classification')).toEqual({ name: 'accuracy', higherIsBetter: true });
    expect(metricOf('regression')).toEqual({ name: 'mse', higherIsBetter: false });
  });
});

describe('score', () => {
  it('is the mean squared error for regression', () => {
    // (1-1)^2 + (2-3)^2 + (4-1)^2 = 0 + 1 + 9 = 10, over 3 rows.
    expect(score('regression', f64([1, 2, 4]), [1, 3, 1], 1)).toBeCloseTo(10 / 3, 12);
  });

  it('is the accuracy of one sigmoid unit, thresholded strictly above 0.5', () => {
    // Predicted classes 1, 0 (0.5 is not above 0.5), 0, 1 against 1, 1, 0, 0: 2 of 4 right.
    expect(score('classification', f32([0.9, 0.5, 0.2, 0.51]), [1, 1, 0, 0], 1)).toBe(0.5);
  });

  it('is the accuracy of the arg-max over k units, a tie going to the first class', () => {
    const p = f32([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.3, 0.5]);
    // Arg-max 1, 0 (tie between 0 and 1), 2 against labels 1, 0, 1: 2 of 3 right.
    expect(score('classification', p, [1, 0, 1], 3)).toBeCloseTo(2 / 3, 12);
    expect(score('classification', p, [1, 1, 2], 3)).toBeCloseTo(2 / 3, 12);
  });
});

describe('evaluate', () => {
  it('gives the MSE alone for regression', () => {
    expect(evaluate('regression', f64([0, 2]), [1, 1], 1)).toEqual({ mse: 1 });
  });

  it('gives accuracy, log-loss and Brier for one sigmoid unit', () => {
    // p(true) 0.8 and 0.7; Brier counts both classes: 2 (p - y)^2 = 0.08 and 0.18.
    const s = evaluate('classification', f64([0.8, 0.3]), [1, 0], 1);
    expect(s.accuracy).toBe(1);
    expect(s.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(s.brier).toBeCloseTo(0.13, 12);
  });

  it('gives the same log-loss and Brier for two classes as one sigmoid or two softmax units', () => {
    const sigmoid = evaluate('classification', f64([0.8, 0.4]), [1, 1], 1);
    const softmax = evaluate('classification', f64([0.2, 0.8, 0.6, 0.4]), [1, 1], 2);
    expect(softmax.accuracy).toBe(sigmoid.accuracy);
    expect(softmax.logLoss).toBeCloseTo(sigmoid.logLoss as number, 12);
    expect(softmax.brier).toBeCloseTo(sigmoid.brier as number, 12);
  });

  it('sums the squared error over the k classes for Brier, and takes -log p(true) for log-loss', () => {
    // (0.7-1)^2 + 0.2^2 + 0.1^2 = 0.14; -log 0.7.
    const s = evaluate('classification', f64([0.7, 0.2, 0.1]), [0], 3);
    expect(s).toEqual({
      accuracy: 1,
      logLoss: expect.closeTo(-Math.log(0.7), 12),
      brier: expect.closeTo(0.14, 12),
    });
  });

  it('clips the probabilities to [1e-7, 1 - 1e-7], so a confident mistake costs -log(1e-7), not Infinity', () => {
    const wrong = evaluate('classification', f64([0, 1]), [1, 0], 1);
    expect(wrong.logLoss).toBeCloseTo(-Math.log(1e-7), 9);
    expect(Number.isFinite(wrong.logLoss)).toBe(true);
    expect(wrong.brier).toBe(2);
    const right = evaluate('classification', f64([1, 0]), [1, 0], 1);
    expect(right.logLoss).toBeCloseTo(-Math.log(1 - 1e-7), 12);
    expect(right.logLoss).toBeGreaterThan(0);
  });
});

describe('summarize', () => {
  it('gives the mean and the sample standard deviation (n - 1)', () => {
    // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32, over 7.
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('gives std 0 for one value, and no mean (NaN) for none', () => {
    expect(summarize([0.75])).toEqual({ mean: 0.75, std: 0 });
    const none = summarize([]);
    expect(none.mean).toBeNaN();
    expect(none.std).toBe(0);
  });
});
