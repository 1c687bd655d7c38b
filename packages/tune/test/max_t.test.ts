import { random } from 'tfjs-noise';
import { describe, expect, it } from 'vitest';
import { type FoldMetrics, maxTThreshold, recommend } from '../src/blocks';

/** Rows of J values with no spread in common: centred Walsh functions (exactly orthogonal). */
function walsh(rows: number, J: number): number[][] {
  return Array.from({ length: rows }, (_, s) =>
    Array.from({ length: J }, (_, j) => {
      // Bit s+1 of j: +1 or -1, each half of the J = 2^m values.
      return (j >> s) & 1 ? 1 : -1;
    }),
  );
}

// The threshold is a quantile estimated from `draws` joint draws. At the 95% quantile of a t
// with 9 to 63 degrees of freedom, its standard error is sqrt(0.05 * 0.95 / draws) / density,
// about 0.015 with 40,000 draws (density about 0.1): the tolerances below are 4 of those.
const DRAWS = 40_000;
const TOLERANCE = 0.06;

describe('maxTThreshold', () => {
  it("is Student's t quantile for one statistic (J - 1 degrees of freedom)", () => {
    const d = [1, -2, 0.5, 3, -1, 2, 0, 1, -0.5, 1.5];
    // t(0.95, 9) = 1.833; t(0.9, 9) = 1.383.
    expect(maxTThreshold([d], { level: 0.05, draws: DRAWS })).toBeCloseTo(1.833, 1);
    expect(
      Math.abs(maxTThreshold([d], { level: 0.05, draws: DRAWS, seed: 3 }) - 1.833),
    ).toBeLessThan(TOLERANCE);
    expect(
      Math.abs(maxTThreshold([d], { level: 0.1, draws: DRAWS, seed: 3 }) - 1.383),
    ).toBeLessThan(TOLERANCE);
  });

  it('is one statistic again when every statistic moves with the first (perfect correlation)', () => {
    const d = [1, -2, 0.5, 3, -1, 2, 0, 1, -0.5, 1.5];
    const copies = [d, d.map((v) => 2 * v + 1), d.map((v) => v - 3)];
    expect(
      Math.abs(maxTThreshold(copies, { level: 0.05, draws: DRAWS, seed: 3 }) - 1.833),
    ).toBeLessThan(TOLERANCE);
  });

  it("is Sidak's threshold for uncorrelated statistics, and grows with their number", () => {
    // 64 folds (63 degrees of freedom: t tails close to normal). With S independent standard
    // normals, P(max > q) = 1 - Phi(q)^S: q = 2.234 for S = 4 and 2.569 for S = 8 at 5%; the
    // shared chi-square of 63 degrees of freedom adds about 0.04.
    const four = maxTThreshold(walsh(4, 64), { level: 0.05, draws: DRAWS, seed: 5 });
    const eight = maxTThreshold(walsh(6, 64), { level: 0.05, draws: DRAWS, seed: 5 });
    expect(Math.abs(four - 2.27)).toBeLessThan(TOLERANCE);
    // Six rows: Phi^-1(0.95^(1/6)) = 2.450, plus the t tails.
    expect(Math.abs(eight - 2.49)).toBeLessThan(TOLERANCE);
    const one = maxTThreshold(walsh(1, 64), { level: 0.05, draws: DRAWS, seed: 5 });
    expect(one).toBeLessThan(four);
  });

  it('is the same for the same inputs and seed, and ignores rows with no spread', () => {
    const d = [1, -2, 0.5, 3, -1, 2, 0, 1, -0.5, 1.5];
    const a = maxTThreshold([d, d.map((v, j) => v + j)], { level: 0.05, seed: 7 });
    expect(maxTThreshold([d, d.map((v, j) => v + j)], { level: 0.05, seed: 7 })).toBe(a);
    const flat = d.map(() => 0.25);
    expect(maxTThreshold([d, flat], { level: 0.05, seed: 7 })).toBe(
      maxTThreshold([d], { level: 0.05, seed: 7 }),
    );
    expect(maxTThreshold([flat], { level: 0.05 })).toBe(Number.POSITIVE_INFINITY);
    expect(maxTThreshold([[1]], { level: 0.05 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('names the option that is wrong', () => {
    expect(() => maxTThreshold([[1, 2]], { level: 0 })).toThrow(
      'maxTThreshold: `options.level` must be a number in (0, 1), but got 0.',
    );
    expect(() => maxTThreshold([[1, 2], [1]], { level: 0.05 })).toThrow(
      'maxTThreshold: `differences` must be rows of one length',
    );
    expect(() => maxTThreshold([[1, 2]], { level: 0.05, draws: 10 })).toThrow(
      'maxTThreshold: `options.draws` must be an integer >= 100, but got 10.',
    );
  });
});

/**
 * A simulated search: 10 folds (5-fold CV, 2 repeats), accuracy of no noise and of 11 settings
 * (input 4 amounts, weight 3, gradient 2, then 2 more input-like ones) whose true gain is
 * `gain(kind, amount)` points. Each fold has a shared effect (its rows: every setting moves
 * with it), each setting a correlated part along its kind and its own noise, as in real folds.
 */
function simulated(seed: number, gain: (kind: string, amount: number) => number): FoldMetrics[] {
  const J = 10;
  const settings = [
    ...[0.05, 0.1, 0.2, 0.4].map((amount) => ({ kind: 'input', amount })),
    ...[0.02, 0.05, 0.1].map((amount) => ({ kind: 'weight', amount })),
    ...[1e-4, 1e-3].map((amount) => ({ kind: 'gradient', amount })),
  ];
  const z = random.fillNormal(new Float64Array(J * (2 + 3 + settings.length)), {
    seed,
    stream: 1,
    step: 0,
  });
  let k = 0;
  const next = () => z[k++]!;
  const fold = Array.from({ length: J }, () => next());
  const base = fold.map((f) => 0.75 + 0.08 * f);
  const kindPart: { [kind: string]: number[] } = {};
  for (const kind of ['input', 'weight', 'gradient']) {
    kindPart[kind] = Array.from({ length: J }, () => next());
  }
  const rows: FoldMetrics[] = [
    { setting: { kind: 'input', amount: 0 }, metrics: { accuracy: base } },
  ];
  for (const s of settings) {
    const own = Array.from({ length: J }, () => next());
    rows.push({
      setting: s,
      metrics: {
        accuracy: base.map(
          (b, j) =>
            b + gain(s.kind, s.amount) / 100 + 0.03 * kindPart[s.kind]![j]! + 0.03 * own[j]!,
        ),
      },
    });
  }
  return rows;
}

describe("recommend with the rule 'max-t'", () => {
  const options = {
    task: 'classification' as const,
    metric: 'accuracy' as const,
    criterion: 'accuracy' as const,
    rule: 'max-t' as const,
    threshold: 1,
    folds: 5,
  };

  it('recommends noise on at most about its level of searches where nothing helps; paired 1 SE on many', () => {
    // 200 null searches: the rate's standard error at 5% is 1.5 points. The 1-SE rule picks on
    // far more of the same searches: the check can fail.
    const n = 200;
    let maxT = 0;
    let paired = 0;
    for (let seed = 0; seed < n; seed++) {
      const rows = simulated(seed, () => 0);
      if (recommend(rows, 0, { ...options, seed }).helps) maxT++;
      if (recommend(rows, 0, { ...options, rule: 'paired' }).helps) paired++;
    }
    expect(maxT / n).toBeLessThan(0.05 + 3 * 0.015);
    expect(paired / n).toBeGreaterThan(0.25);
  });

  it('recommends a gain that stands out, and says the familywise threshold it passed', () => {
    // Input noise helps more the larger its amount (4 to 16 points), as it often does.
    const rows = simulated(1, (kind, amount) => (kind === 'input' ? 40 * amount : 0));
    const r = recommend(rows, 0, { ...options, seed: 1 });
    expect(r.helps).toBe(true);
    expect(r.setting).toEqual({ kind: 'input', amount: 0.4 });
    // The largest input amount of the grid: the words say a larger one was not measured.
    expect(r.atEdge).toBe(true);
    expect(r.sentence).toContain('0.4 is the largest amount of input noise tried');
    expect(r.level).toBe(0.05);
    expect(r.threshold).toBeGreaterThan(1.5);
    expect(r.sentence).toContain(`beyond ${r.threshold.toFixed(1)} standard errors`);
    expect(r.sentence).toContain('a 5% risk of noise when none helps');
  });

  it("tests the kinds in the grid's order and stops at the first that fails ('sequence')", () => {
    // Weight noise helps by 15 points; input noise, first in the grid, not at all.
    const rows = simulated(2, (kind) => (kind === 'weight' ? 15 : 0));
    expect(recommend(rows, 0, { ...options, seed: 2 }).helps).toBe(false);
    const kinds = recommend(rows, 0, { ...options, seed: 2, support: 'kinds' });
    expect(kinds.setting.kind).toBe('weight');
    // Weight noise first in the grid: taken.
    const reordered = [rows[0]!, ...rows.slice(5, 8), ...rows.slice(1, 5), ...rows.slice(8)];
    expect(recommend(reordered, 0, { ...options, seed: 2 }).setting.kind).toBe('weight');
  });

  it('recommends no noise, with no threshold, when the grid holds no other setting', () => {
    const rows = simulated(3, () => 0).slice(0, 1);
    const r = recommend(rows, 0, { ...options, seed: 3 });
    expect(r.helps).toBe(false);
    expect(r.threshold).toBe(Number.POSITIVE_INFINITY);
    expect(r.sentence).not.toContain('Infinity');
  });

  it('never lets a better log-loss carry an accuracy pick', () => {
    // Every setting's log-loss is far lower on every fold (calibration), accuracy unchanged but
    // for noise: the paired rule (log-loss or accuracy) recommends, max-t does not.
    let maxT = 0;
    let paired = 0;
    for (let seed = 0; seed < 50; seed++) {
      const rows = simulated(seed, () => 0).map((r, i) => ({
        ...r,
        metrics: {
          ...r.metrics,
          logLoss: r.metrics.accuracy!.map((_, j) => (i === 0 ? 0.9 : 0.6) + 0.001 * j),
        },
      }));
      const common = { ...options, criterion: 'logLoss' as const, seed };
      if (recommend(rows, 0, common).helps) maxT++;
      if (recommend(rows, 0, { ...common, rule: 'paired' }).helps) paired++;
    }
    expect(maxT).toBeLessThanOrEqual(5);
    expect(paired).toBeGreaterThan(15);
  });
});
