import { describe, expect, it } from 'vitest';
import { type FoldMetrics, pairedGain, recommend } from '../src/blocks';
import { formatNumber } from '../src/search/numbers';

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
  metric: 'accuracy' as const,
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
    // A clear, consistent gain: every fold's Brier score 0.03 lower, accuracy 85% vs 80%.
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
    expect(r.verdict).toBe('helps');
    expect(r.metric).toBe('accuracy');
    expect(r.setting).toEqual({ kind: 'input', amount: 0.1 });
    expect(r.gain!.mean).toBeCloseTo(0.03, 12);
    expect(r.headline!.mean).toBeCloseTo(5, 10); // 85% vs 80% accuracy
    expect(r.sentence).toBe(
      'noise helps here: input noise 0.1 gave more right answers (+5.0 +- 0.0 accuracy points) and better predicted probabilities (Brier score lower by 0.030 +- 0.000) than no noise (paired over 10 cross-validation folds, +- one standard error).',
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
    expect(r.verdict).toBe('no-help');
    expect(r.setting).toEqual({ kind: 'input', amount: 0 });
    expect(r.sentence).toMatch(
      /^no noise setting beat no noise beyond chance in accuracy \(closest: \w+ noise [\d.]+, [+-]\d+\.\d \+- \d+\.\d accuracy points\) \(paired over 10 cross-validation folds, \+- one standard error\)\. The recommended model has no noise\.$/,
    );
  });

  it("never trades a loss in the user's metric for a gain in another, and says what improved", () => {
    // Much better probabilities on every fold, but fewer right answers: what strong noise does
    // to an overconfident network.
    const calibrated = row(
      'input',
      0.4,
      base.map((b) => b - 0.05),
      base.map((_, j) => 0.78 - (j % 2) * 0.02),
    );
    const rows = [row('input', 0, base), calibrated];
    const r = recommend(rows, 0, options);
    expect(r.helps).toBe(false);
    expect(r.setting.amount).toBe(0);
    expect(r.verdict).toBe('better-probabilities-only');
    expect(r.headline!.mean).toBeCloseTo(-3, 10);
    expect(r.sentence).toMatch(
      /^no noise setting gave more right answers beyond chance: input noise 0\.4 gave better predicted probabilities \(Brier score lower by 0\.050 \+- 0\.000\) but not more right answers \(-3\.0 \+- \d\.\d accuracy points\) \(paired over 10 cross-validation folds, \+- one standard error\)\. The recommended model has no noise, because the metric is accuracy; metric logLoss would choose on predicted probabilities\.$/,
    );
    expect(r.sentence).not.toMatch(/helps/);
    // Asked for probabilities, the user gets them, and is told about the right answers lost.
    const p = recommend(rows, 0, { ...options, metric: 'brier' });
    expect(p.helps).toBe(true);
    expect(p.setting).toEqual({ kind: 'input', amount: 0.4 });
    expect(p.sentence).toMatch(
      /^noise helps here: input noise 0\.4 gave better predicted probabilities \(Brier score lower by 0\.050 \+- 0\.000\) but fewer right answers \(-3\.0 \+- \d\.\d accuracy points\) than no noise/,
    );
  });

  it('among qualifying settings, takes the largest gain in the metric, not in the criterion', () => {
    // The spirals case of a long-trained network: strong noise calibrates (a large gain in the
    // Brier score) with hardly more right answers; mild noise gives more right answers.
    const strong = row(
      'input',
      0.4,
      base.map((b) => b - 0.08),
      base.map((_, j) => 0.8 + (j % 2) * 0.02),
    );
    const mild = row(
      'input',
      0.1,
      base.map((b) => b - 0.02),
      base.map(() => 0.85),
    );
    const rows = [row('input', 0, base), strong, mild];
    expect(recommend(rows, 0, options).setting).toEqual({ kind: 'input', amount: 0.1 });
    expect(recommend(rows, 0, { ...options, pick: 'criterion' }).setting).toEqual({
      kind: 'input',
      amount: 0.4,
    });
  });

  it('recommends on the metric alone when the criterion sees no gain', () => {
    // Accuracy up on every fold, the Brier score unchanged.
    const sharper = row(
      'weight',
      0.1,
      base,
      base.map(() => 0.86),
    );
    const r = recommend([row('input', 0, base), sharper], 0, options);
    expect(r.helps).toBe(true);
    expect(r.sentence).toMatch(/more right answers \(\+6\.0 \+- 0\.0 accuracy points\)/);
  });

  it('says first when the model without noise does not beat the majority class', () => {
    const rows = [
      row(
        'input',
        0,
        base,
        base.map(() => 0.8),
      ),
    ];
    const chance = {
      predictor: 'majority' as const,
      classIndex: 2,
      metrics: { accuracy: base.map((_, j) => 0.79 + (j % 2) * 0.02), brier: base },
    };
    const r = recommend(rows, 0, { ...options, chance, classNames: ['Europe', 'Japan', 'USA'] });
    expect(r.chance!.beaten).toBe(false);
    expect(r.chance!.score).toBeCloseTo(0.8, 10);
    expect(r.sentence).toMatch(
      /^Warning: without noise the model \(80\.0% accuracy\) does not beat always answering 'USA' \(80\.0%\) beyond chance \(the chance baseline: \+0\.0 \+- \d\.\d accuracy points over no noise\); it has learned little/,
    );
    const far = { ...chance, metrics: { accuracy: base.map(() => 0.5), brier: base } };
    const beaten = recommend(rows, 0, { ...options, chance: far });
    expect(beaten.chance!.beaten).toBe(true);
    expect(beaten.sentence).not.toMatch(/Warning/);
  });

  it('says in the warning whether the recommended noise got the model past chance', () => {
    // No noise at the majority class's 80%; input noise 0.1 gains 2 points on every fold.
    const noise = (accuracy: number) =>
      row(
        'input',
        0.1,
        base.map((b) => b - 0.02),
        base.map((_, j) => accuracy + (j % 2) * 0.004),
      );
    const chance = {
      predictor: 'majority' as const,
      classIndex: 0,
      metrics: { accuracy: base.map((_, j) => 0.79 + (j % 2) * 0.02), brier: base },
    };
    const past = recommend([row('input', 0, base), noise(0.9)], 0, { ...options, chance });
    expect(past.helps).toBe(true);
    expect(past.chance!.beaten).toBe(false);
    expect(past.chance!.choice!.beaten).toBe(true);
    expect(past.chance!.choice!.score).toBeCloseTo(0.902, 10);
    expect(past.sentence).toMatch(
      /^Warning: without noise the model \(80\.0% accuracy\) does not beat always answering 'class 0' \(80\.0%\) beyond chance \([^)]*\), but with input noise 0\.1 it does \(90\.2% accuracy\); it has learned little/,
    );
    const short = recommend([row('input', 0, base), noise(0.805)], 0, { ...options, chance });
    expect(short.helps).toBe(true);
    expect(short.chance!.choice!.beaten).toBe(false);
    expect(short.sentence).toMatch(
      /beyond chance \([^)]*\), and with input noise 0\.1 it does not either \(80\.7% accuracy\); it has learned little/,
    );
    // Without a recommendation there is nothing to compare.
    const none = recommend([row('input', 0, base)], 0, { ...options, chance });
    expect(none.chance!.choice).toBeUndefined();
  });

  it('compares a plain regularizer on the same folds, never recommending it', () => {
    const noise = row(
      'input',
      0.1,
      base.map((b) => b - 0.01),
      base.map((_, j) => 0.82 + (j % 2) * 0.01),
    );
    const l2: FoldMetrics = {
      ...row(
        'l2',
        0.01,
        base.map((b) => b - 0.03),
        base.map((_, j) => 0.9 + (j % 2) * 0.01),
      ),
      peer: true,
    };
    const r = recommend([row('input', 0, base), noise, l2], 0, options);
    expect(r.setting).toEqual({ kind: 'input', amount: 0.1 });
    expect(r.peers).toHaveLength(1);
    expect(r.peers[0]!.standing).toBe('better');
    expect(r.sentence).toMatch(
      /On the same folds, L2 0\.01 does better here than input noise 0\.1: \+10\.5 \+- \d\.\d accuracy points over no noise; it beats input noise 0\.1 by 8\.0 \+- \d\.\d accuracy points \(paired\)\.$/,
    );
    // Alone, the peer is still not a candidate.
    const alone = recommend([row('input', 0, base), l2], 0, options);
    expect(alone.helps).toBe(false);
    expect(alone.sentence).toMatch(/L2 0\.01 does better here than no noise/);
  });

  it('never says "helps" beside a loss, on random fold scores', () => {
    // 300 random searches: whatever the scores, the words agree with the numbers beside them.
    let seed = 12345;
    const u = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const fold = () => Array.from({ length: 10 }, () => u());
    let helped = 0;
    for (let i = 0; i < 300; i++) {
      const a = fold().map((v) => 0.6 + 0.3 * v);
      const rows: FoldMetrics[] = [
        { setting: { kind: 'input', amount: 0 }, metrics: { accuracy: a, logLoss: fold() } },
      ];
      for (const amount of [0.1, 0.2, 0.4]) {
        const shift = (u() - 0.5) * 0.1;
        rows.push({
          setting: { kind: 'input', amount },
          metrics: {
            accuracy: a.map((v) => Math.min(1, Math.max(0, v + shift + (u() - 0.5) * 0.05))),
            logLoss: fold().map((v) => v * (0.5 + u())),
          },
        });
      }
      for (const metric of ['accuracy', 'logLoss'] as const) {
        const r = recommend(rows, 0, { ...options, metric, criterion: 'logLoss' });
        if (r.helps) {
          helped++;
          expect(r.headline!.mean).toBeGreaterThan(0);
          expect(r.sentence.startsWith('noise helps here')).toBe(true);
        } else {
          expect(r.sentence).not.toMatch(/helps/);
        }
        // Every interval quoted for the metric is the headline's.
        if (r.headline && metric === 'accuracy') {
          expect(r.sentence).toContain(
            `${formatNumber(Math.abs(r.headline.mean), 1)} +- ${formatNumber(r.headline.se, 1)} accuracy points`,
          );
        }
      }
    }
    expect(helped).toBeGreaterThan(20); // the property was exercised on both sides
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
      { ...options, task: 'regression', metric: 'mse', criterion: 'mse' },
    );
    expect(r.setting).toEqual({ kind: 'input', amount: 0.2 });
    expect(r.headline!.mean).toBeCloseTo(10, 10);
    expect(r.sentence).toMatch(
      /^noise helps here: input noise 0\.2 gave lower error \(10\.0 \+- \d+\.\d% lower MSE\) than no noise/,
    );
  });

  it('quotes a peer against the pick by the paired difference, in the unit of the gains over no noise', () => {
    const mse = [1, 1.2, 0.9, 1.1, 1];
    const r = recommend(
      [
        { setting: { kind: 'input', amount: 0 }, metrics: { mse } },
        { setting: { kind: 'input', amount: 0.2 }, metrics: { mse: mse.map((v) => v * 0.6) } },
        {
          setting: { kind: 'l2', amount: 0.01 },
          metrics: { mse: mse.map((v) => v * 0.8) },
          peer: true,
        },
      ],
      0,
      { ...options, task: 'regression', metric: 'mse', criterion: 'mse' },
    );
    expect(r.setting).toEqual({ kind: 'input', amount: 0.2 });
    expect(r.peers[0]!.standing).toBe('worse');
    // 40% and 20% lower MSE than no noise: the pick beats the peer by 20 points of no noise's MSE
    // (not by 33%, the share of the pick's own MSE).
    expect(r.sentence).toMatch(
      /On the same folds, L2 0\.01 does worse than input noise 0\.2: \+20\.0 \+- \d+\.\d% lower MSE over no noise; input noise 0\.2 beats it by 20\.0 \+- \d+\.\d% of no noise's MSE \(paired\)\.$/,
    );
  });

  it("mseTest 'log-ratio': one fold with a huge error does not swamp a consistent gain", () => {
    // One fold's MSE is 40 times the others' (inputs far outside the training range).
    const mse = [1, 1.1, 0.9, 1, 1.2, 0.95, 1.05, 1, 1.1, 40];
    const halved = { kind: 'input', amount: 0.4 }; // half the error on every fold
    const slight = { kind: 'weight', amount: 0.02 }; // 0.05 lower on every fold
    const rows: FoldMetrics[] = [
      { setting: { kind: 'none', amount: 0 }, metrics: { mse } },
      { setting: halved, metrics: { mse: mse.map((v) => v / 2) } },
      { setting: slight, metrics: { mse: mse.map((v) => v - 0.05) } },
    ];
    const regression = {
      ...options,
      task: 'regression' as const,
      metric: 'mse' as const,
      criterion: 'mse' as const,
    };
    // Differences: the halving's gain is mostly the one fold, within its standard error.
    expect(recommend(rows, 0, regression).setting).toEqual(slight);
    const r = recommend(rows, 0, { ...regression, mseTest: 'log-ratio' });
    expect(r.setting).toEqual(halved);
    expect(r.headline!.mean).toBeCloseTo(50, 10); // still percent lower MSE
    // A fold MSE of 0 has no log: the test falls back to the differences.
    const zero = rows.map((x) => ({ ...x, metrics: { mse: [0, ...x.metrics.mse!.slice(1)] } }));
    expect(recommend(zero, 0, { ...regression, mseTest: 'log-ratio' }).setting).toEqual(
      recommend(zero, 0, regression).setting,
    );
  });

  it('with a threshold of 0, takes any positive mean gain', () => {
    const small = row(
      'input',
      0.05,
      base.map((b, j) => b - 0.001 + (j % 2 ? 0.05 : -0.05)),
      base.map(() => 0.81),
    );
    expect(
      recommend([row('input', 0, base), small], 0, { ...options, metric: 'brier' }).helps,
    ).toBe(false);
    expect(
      recommend([row('input', 0, base), small], 0, { ...options, metric: 'brier', threshold: 0 })
        .helps,
    ).toBe(true);
  });
});
