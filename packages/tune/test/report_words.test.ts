/**
 * The verdict as the CLI prints it (reportWords, and formatTable's closing lines), on random
 * searches: a headline of at most 30 words that answers first; the same gains as the table (one
 * definition: the paired difference over no noise, MSE as a share of no noise's mean MSE); under
 * robustness, the clean cost of the pick and a chance warning that says "learned little" only
 * when the clean rows agree; every "worse" or "better" of a peer with the paired difference that
 * shows it.
 */
import { describe, expect, it } from 'vitest';
import { type FoldMetrics, recommend, userGain } from '../src/blocks';
import { formatTable, HEADLINE_MAX_WORDS, reportWords, type SearchResult } from '../src/index';
import { formatNumber } from '../src/search/numbers';
import type { SettingResult } from '../src/search/options';
import { wordCount } from '../src/search/report_words';

/** A seeded uniform generator. */
function uniform(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: readonly number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

const FOLDS = 5;
const J = 10; // 5 folds x 2 repeats

/**
 * A random regression search under robustness: no noise, input noise at three amounts and two
 * peers, with clean and corrupted MSEs per fold (a third of them from a model that learned little), the chance baseline near the corrupted no-noise
 * model (so that the warning comes up), and the recommendation made as searchNoise makes it.
 */
function regression(u: () => number, missing = 0): SearchResult {
  // A third of the tables: a model that learned little (clean MSE near the mean's).
  const weak = u() < 0.3;
  const cleanBase = Array.from({ length: J }, () => (weak ? 0.7 + 0.6 * u() : 0.15 + 0.2 * u()));
  const noisyBase = cleanBase.map((c) => c + 0.6 + 0.6 * u());
  const settings: [string, number, boolean][] = [
    ['input', 0, false],
    ['input', 0.2, false],
    ['input', 0.4, false],
    ['input', 0.8, false],
    ['l2', 0.01, true],
    ['dropout', 0.2, true],
  ];
  const rows: SettingResult[] = settings.map(([kind, amount, peer]) => {
    const shift = amount === 0 && !peer ? 0 : (u() - 0.3) * 0.5;
    const clean =
      amount === 0 && !peer ? cleanBase : cleanBase.map((c) => c * (1 + (u() - 0.4) * amount));
    const noisy =
      amount === 0 && !peer
        ? noisyBase
        : noisyBase.map((v) => Math.max(0.05, v * (1 - shift) + (u() - 0.5) * 0.1));
    return {
      kind,
      amount,
      mean: mean(clean),
      std: std(clean),
      scores: clean,
      metrics: { mse: clean },
      corrupted: { mean: mean(noisy), std: std(noisy), scores: noisy, metrics: { mse: noisy } },
      ...(peer && { peer: true }),
      failed: false,
    };
  });
  const chanceMse = (weak ? cleanBase : noisyBase).map((v) => v * (0.8 + 0.5 * u()));
  const chance = { predictor: 'mean' as const, classIndex: null, metrics: { mse: chanceMse } };
  const robustness = { stddev: 1, missing, draws: 32 };
  const condition =
    `under input noise of 1 std` +
    (missing > 0
      ? ` and with ${100 * missing}% of input values missing (set to the training mean)`
      : '');
  const recommendation = recommend(
    rows.map(
      (r): FoldMetrics => ({
        setting: { kind: r.kind, amount: r.amount },
        metrics: r.corrupted!.metrics,
        ...(r.peer && { peer: true }),
      }),
    ),
    0,
    {
      task: 'regression',
      metric: 'mse',
      criterion: 'mse',
      rule: 'max-t',
      threshold: 1,
      level: 0.05,
      folds: FOLDS,
      chance,
      condition,
      mseTest: 'log-ratio',
    },
  );
  const best =
    rows.find(
      (r) =>
        !r.peer &&
        r.kind === recommendation.setting.kind &&
        r.amount === recommendation.setting.amount,
    ) ?? rows[0]!;
  return {
    criterion: 'mse',
    metric: 'mse',
    higherIsBetter: false,
    rows,
    chance,
    baseline: rows[0]!,
    best,
    recommendation,
    robustness,
    workers: 0,
    backend: 'cpu',
    seconds: 1,
    task: 'regression',
    folds: FOLDS,
    repeats: 2,
    epochs: 10,
    batchSize: null,
    seed: 0,
    earlyStopping: null,
    searched: {
      builder: null,
      builderOptions: {},
      standardize: true,
      categorical: [],
      features: 2,
      targetScale: null,
    },
  };
}

/** The table's gain cell of a row (`+43.5 +- 21.0`) as numbers. */
function tableGain(lines: string[], start: RegExp): { mean: number; se: number } {
  const line = lines.find((l) => start.test(l))!;
  const m = line.match(/([+-]\d+\.\d+) \+- (\d+\.\d+)/);
  if (!m) throw new Error(`no gain in: ${line}`);
  return { mean: Number(m[1]), se: Number(m[2]) };
}

describe('reportWords on random robustness searches', () => {
  it('answers in at most 30 words, quotes the table, states the clean cost and the paired differences', () => {
    const u = uniform(2024);
    const seen = { helps: 0, warned: 0, failsOnlyUnderNoise: 0, learnedLittle: 0, peerBeyond: 0 };
    for (let i = 0; i < 300; i++) {
      const result = regression(u, i % 5 === 0 ? 0.25 : 0);
      const rec = result.recommendation;
      const { headline, details } = reportWords(result);
      expect(wordCount(headline)).toBeLessThanOrEqual(HEADLINE_MAX_WORDS);
      expect(headline).toMatch(/^Use /);
      // Printed once, under the table.
      const lines = formatTable(result);
      expect(lines.filter((l) => l.includes(headline))).toEqual([`recommendation: ${headline}`]);
      for (const d of details) expect(lines).toContain(`  ${d}`);
      // No phrasing that reads as a value ("MSE 43.5 ... lower").
      expect([headline, ...details].join(' ')).not.toMatch(
        /MSE \d+(\.\d+)? \+- [\d.]+% (lower|higher)/,
      );
      if (rec.helps) {
        seen.helps++;
        const pick = result.best;
        const g = tableGain(lines, new RegExp(`^input\\s+${pick.amount}\\s`));
        const words = `${formatNumber(Math.abs(g.mean), 1)}% ${g.mean >= 0 ? 'lower' : 'higher'} MSE`;
        expect(headline).toContain(`Use input noise ${pick.amount}: ${words} than no noise`);
        // The clean cost: the pick against no noise on clean rows, as a share of its MSE.
        const clean = userGain('mse', pick.metrics.mse!, result.baseline.metrics.mse!, FOLDS)!;
        const cost = details.find((d) => d.startsWith('On clean rows, '))!;
        expect(cost).toContain(
          `${formatNumber(Math.abs(clean.mean), 1)} +- ${formatNumber(clean.se, 1)}% ${clean.mean >= 0 ? 'lower' : 'higher'} MSE than no noise`,
        );
        expect(cost).toContain(clean.mean < 0 ? 'the cost of the robustness' : 'no cost');
        // A peer better or worse beyond chance: the paired difference, the gap of the table's gains.
        for (const p of rec.peers) {
          const line = details.find((d) =>
            d.startsWith(`${p.setting.kind === 'l2' ? 'L2' : 'dropout'} ${p.setting.amount} `),
          )!;
          expect(line).toBeDefined();
          if (p.standing === 'as good') {
            expect(line).toMatch(/is within chance\.$/);
            continue;
          }
          seen.peerBeyond++;
          const peerGain = tableGain(
            lines,
            new RegExp(`^${p.setting.kind}\\s+${p.setting.amount}\\s`),
          );
          const by = Number(line.match(/beats (?:it|input noise [\d.]+) by (\d+\.\d) \+- /)![1]);
          expect(Math.abs(by - Math.abs(peerGain.mean - g.mean))).toBeLessThan(0.11);
          expect(line).toContain(
            p.standing === 'worse'
              ? `input noise ${pick.amount} beats it by`
              : `it beats input noise ${pick.amount} by`,
          );
        }
      } else {
        expect(details.some((d) => d.startsWith('On clean rows, '))).toBe(false);
      }
      // The chance warning: the table's chance row, and "learned little" only when the clean
      // rows do not beat the mean either.
      const warning = details.find((d) => d.startsWith('Warning: '));
      expect(!!warning).toBe(!!rec.chance && !rec.chance.beaten);
      if (warning) {
        seen.warned++;
        const row = tableGain(lines, /^chance\s/);
        expect(warning).toContain(
          `the chance row: ${formatNumber(Math.abs(row.mean), 1)} +- ${formatNumber(row.se, 1)}% ${row.mean >= 0 ? 'lower' : 'higher'} MSE than no noise`,
        );
        const cleanGain = userGain(
          'mse',
          result.baseline.metrics.mse!,
          result.chance.metrics.mse!,
          FOLDS,
        )!;
        const cleanBeats = cleanGain.mean > 2 * cleanGain.se;
        const text = details.join(' ');
        if (cleanBeats) {
          seen.failsOnlyUnderNoise++;
          expect(text).toContain('it fails only under the added corruption');
          expect(text).not.toContain('learned little');
        } else {
          seen.learnedLittle++;
          expect(text).toContain('It has learned little from these features');
        }
      }
    }
    // Each property was exercised.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(5);
  });
});

describe('reportWords on a classification search', () => {
  it('answers "use no noise for accuracy" when noise gave better probabilities only, and warns without robustness', () => {
    const wobble = (v: number) => Array.from({ length: J }, (_, j) => v + (j % 2) * 0.004);
    const accuracy = wobble(0.8);
    const logLoss = wobble(0.5);
    const settings = [
      { kind: 'input', amount: 0, metrics: { accuracy, logLoss } },
      {
        kind: 'input',
        amount: 0.4,
        metrics: {
          accuracy: accuracy.map((v, j) => v + (j % 3) * 0.01 - 0.01),
          logLoss: logLoss.map((v) => v - 0.03),
        },
      },
      {
        kind: 'l2',
        amount: 0.01,
        peer: true,
        metrics: { accuracy: accuracy.map((v) => v - 0.05), logLoss: logLoss.map((v) => v + 0.01) },
      },
    ];
    const rows: SettingResult[] = settings.map((s) => ({
      kind: s.kind,
      amount: s.amount,
      mean: mean(s.metrics.accuracy),
      std: std(s.metrics.accuracy),
      scores: s.metrics.accuracy,
      metrics: s.metrics,
      ...(s.peer && { peer: true }),
      failed: false,
    }));
    const chance = {
      predictor: 'majority' as const,
      classIndex: 1,
      metrics: { accuracy: accuracy.map((_, j) => 0.79 + (j % 2) * 0.02), logLoss: wobble(1.1) },
    };
    const recommendation = recommend(
      rows.map((r) => ({
        setting: { kind: r.kind, amount: r.amount },
        metrics: r.metrics,
        ...(r.peer && { peer: true }),
      })),
      0,
      {
        task: 'classification',
        metric: 'accuracy',
        criterion: 'logLoss',
        rule: 'paired',
        threshold: 1,
        folds: FOLDS,
        chance,
      },
    );
    expect(recommendation.verdict).toBe('better-probabilities-only');
    const result = {
      criterion: 'logLoss',
      metric: 'accuracy',
      higherIsBetter: true,
      rows,
      chance,
      baseline: rows[0]!,
      best: rows[0]!,
      recommendation,
      robustness: null,
      task: 'classification',
      folds: FOLDS,
      repeats: 2,
    } as unknown as SearchResult;
    const { headline, details } = reportWords(result, { classNames: ['Adelie', 'Gentoo'] });
    expect(headline).toBe(
      'Use no noise for accuracy: input noise 0.4 gave better predicted probabilities (log-loss lower by 0.030) but not more right answers.',
    );
    expect(details[0]).toMatch(
      /^Warning: without noise the model \(accuracy 80\.2%\) does not beat always answering 'Gentoo' \(accuracy 80\.0%\) beyond chance; the chance row: [\d.]+ \+- [\d.]+ fewer accuracy points than no noise\.$/,
    );
    expect(details[1]).toBe(
      'It has learned little from these features: read what follows with care.',
    );
    expect(details).toContain('Log-loss lower by 0.030 +- 0.000 than no noise, beyond chance.');
    expect(details).toContain(
      'The recommended model has no noise, because the metric is accuracy; metric logLoss would choose on predicted probabilities.',
    );
    // The peer against no noise (nothing was picked): its gain, and whether it is beyond chance.
    expect(details).toContain(
      'L2 0.01 (plain regularizer, compared, never chosen): 5.0 +- 0.0 fewer accuracy points than no noise (worse, beyond chance).',
    );
  });
});

describe('reportWords when no noise is recommended', () => {
  it('says so first, and names a plain regularizer that beat no noise', () => {
    const base = [1, 1.2, 0.9, 1.1, 1];
    const settings: [string, number, number[], boolean][] = [
      ['input', 0, base, false],
      ['input', 0.2, base.map((v) => v * 1.01), false],
      ['l2', 0.01, base.map((v) => v * 0.7), true],
    ];
    const rows: SettingResult[] = settings.map(([kind, amount, mse, peer]) => ({
      kind,
      amount,
      mean: mean(mse),
      std: std(mse),
      scores: mse,
      metrics: { mse },
      ...(peer && { peer: true }),
      failed: false,
    }));
    const recommendation = recommend(
      rows.map((r) => ({
        setting: { kind: r.kind, amount: r.amount },
        metrics: r.metrics,
        ...(r.peer && { peer: true }),
      })),
      0,
      {
        task: 'regression',
        metric: 'mse',
        criterion: 'mse',
        rule: 'paired',
        threshold: 1,
        folds: 5,
      },
    );
    const result = {
      criterion: 'mse',
      metric: 'mse',
      higherIsBetter: false,
      rows,
      chance: { predictor: 'mean', classIndex: null, metrics: {} },
      baseline: rows[0]!,
      best: rows[0]!,
      recommendation,
      robustness: null,
      task: 'regression',
      folds: 5,
      repeats: 1,
    } as unknown as SearchResult;
    const { headline, details } = reportWords(result);
    expect(headline).toBe(
      'Use no noise: no noise setting beat it beyond chance in MSE (closest: input noise 0.2, 1.0% higher MSE); L2 0.01 (plain regularizer) did better: 30.0% lower MSE.',
    );
    expect(wordCount(headline)).toBeLessThanOrEqual(HEADLINE_MAX_WORDS);
    expect(details).toEqual([
      'The closest, input noise 0.2: MSE 1.050 against 1.040 for no noise, 1.0 +- 0.1% higher MSE.',
      'L2 0.01 (plain regularizer, compared, never chosen): 30.0 +- 2.2% lower MSE than no noise (better, beyond chance).',
      'Gains are paired over 5 cross-validation folds, +- one standard error.',
    ]);
  });
});
