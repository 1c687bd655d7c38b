import { describe, expect, it } from 'vitest';
import { type FoldMetrics, kdeBandwidth, pairedGain, recommend } from '../src/index';

/** Fold scores of a setting: `base + shift + wobble[j]`. */
function row(kind: string, amount: number, brier: number[], accuracy?: number[]): FoldMetrics {
  return {
    setting: { kind, amount },
    metrics: { brier, accuracy: accuracy ?? brier.map(() => 0.8) },
  };
}

const base = [0.2, 0.25, 0.18, 0.22, 0.21, 0.19, 0.24, 0.2, 0.23, 0.18];
const options = {
  task: 'classification' as const,
  criterion: 'brier' as const,
  rule: 'paired' as const,
  threshold: 1,
  folds: 5,
};

describe('pairedGain', () => {
  it('is the mean paired difference with the Nadeau-Bengio corrected standard error', () => {
    const s = [0.1, 0.3, 0.2, 0.4];
    const b = [0.2, 0.2, 0.2, 0.2];
    const g = pairedGain(s, b, 5, true);
    // d = [-0.1, 0.1, 0, 0.2]: mean 0.05, sample variance 0.0166..., J = 4, k = 5.
    expect(g.mean).toBeCloseTo(0.05, 12);
    const variance = (0.15 ** 2 + 0.05 ** 2 + 0.05 ** 2 + 0.15 ** 2) / 3;
    expect(g.se).toBeCloseTo(Math.sqrt(variance * (1 / 4 + 1 / 4)), 12);
    expect(g.n).toBe(4);
    // Lower is better: the sign flips.
    expect(pairedGain(s, b, 5, false).mean).toBeCloseTo(-0.05, 12);
  });
});

describe('recommend', () => {
  it('recommends noise only when its paired gain exceeds the threshold in standard errors', () => {
    // A clear, consistent gain: every fold's Brier score 0.03 lower.
    const clear = row(
      'input',
      0.1,
      base.map((b) => b - 0.03),
      base.map(() => 0.85),
    );
    // A larger mean gain that is all noise: +-0.1 around a 0.01 gain.
    const noisy = row(
      'weight',
      0.05,
      base.map((b, j) => b - 0.01 + (j % 2 ? 0.1 : -0.1)),
    );
    const r = recommend([row('input', 0, base), clear, noisy], 0, options);
    expect(r.helps).toBe(true);
    expect(r.setting).toEqual({ kind: 'input', amount: 0.1 });
    expect(r.gain!.mean).toBeCloseTo(0.03, 12);
    expect(r.headline!.mean).toBeCloseTo(5, 10); // 85% vs 80% accuracy
    expect(r.sentence).toBe(
      'noise helps here: input noise 0.1, +5.0 +- 0.0 accuracy points over no noise (paired over 10 cross-validation folds, compared on brier, +- one standard error).',
    );
  });

  it('keeps no noise, and says so, when no gain is beyond chance', () => {
    const noisy = row(
      'weight',
      0.05,
      base.map((b, j) => b - 0.01 + (j % 2 ? 0.1 : -0.1)),
    );
    const worse = row(
      'input',
      0.4,
      base.map((b) => b + 0.05),
    );
    const r = recommend([row('input', 0, base), noisy, worse], 0, options);
    expect(r.helps).toBe(false);
    expect(r.setting).toEqual({ kind: 'input', amount: 0 });
    expect(r.contender).toEqual({ kind: 'weight', amount: 0.05 });
    expect(r.sentence).toMatch(
      /^no noise setting beat no noise beyond chance; the recommended model has no noise \(closest: weight noise 0\.05, [+-]\d+\.\d \+- \d+\.\d accuracy points; /,
    );
    // The old rule (largest mean) would have taken the noisy one.
    const old = recommend([row('input', 0, base), noisy, worse], 0, {
      ...options,
      rule: 'best-mean',
    });
    expect(old.helps).toBe(true);
    expect(old.setting).toEqual({ kind: 'weight', amount: 0.05 });
  });

  it('never treats another amount-0 row as a candidate, and uses percent MSE for regression', () => {
    const mse = [1, 1.2, 0.9, 1.1, 1];
    const r = recommend(
      [
        { setting: { kind: 'input', amount: 0 }, metrics: { mse } },
        { setting: { kind: 'weight', amount: 0 }, metrics: { mse } },
        { setting: { kind: 'input', amount: 0.2 }, metrics: { mse: mse.map((v) => v * 0.9) } },
      ],
      0,
      { ...options, task: 'regression', criterion: 'mse' },
    );
    expect(r.setting).toEqual({ kind: 'input', amount: 0.2 });
    expect(r.headline!.mean).toBeCloseTo(10, 10);
    expect(r.sentence).toMatch(
      /^noise helps here: input noise 0\.2, \+10\.0 \+- \d+\.\d % lower MSE/,
    );
  });

  it('with a threshold of 0, takes any positive mean gain', () => {
    const small = row(
      'input',
      0.05,
      base.map((b, j) => b - 0.001 + (j % 2 ? 0.05 : -0.05)),
    );
    expect(recommend([row('input', 0, base), small], 0, options).helps).toBe(false);
    expect(recommend([row('input', 0, base), small], 0, { ...options, threshold: 0 }).helps).toBe(
      true,
    );
  });
});

describe('kdeBandwidth', () => {
  it("follows Silverman's rule, and likelihood CV shrinks with the spacing of the data", () => {
    const x = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(1.3 * i)]);
    expect(kdeBandwidth(x, 'silverman')).toBeCloseTo((4 / (50 * 4)) ** (1 / 6), 12);
    const h = kdeBandwidth(x);
    const halved = kdeBandwidth(x.map((r) => r.map((v) => v / 2)));
    expect(h).toBeGreaterThan(0.01);
    expect(h).toBeLessThan(3);
    // Scaling the data by 1/2 scales the likelihood-CV bandwidth by about 1/2 (grid of 60 steps).
    expect(halved / h).toBeGreaterThan(0.4);
    expect(halved / h).toBeLessThan(0.6);
  });

  it('validates its arguments', () => {
    expect(() => kdeBandwidth([[1]])).toThrow(
      'kdeBandwidth: `x` must be an array of at least 2 rows, but got [[1]].',
    );
    expect(() => kdeBandwidth([[1], [2]], 'scott' as never)).toThrow(
      "kdeBandwidth: `method` must be one of 'silverman', 'likelihood-cv', but got \"scott\".",
    );
  });
});
