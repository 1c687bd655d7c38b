/**
 * The table of a claim study as printed (and written to its markdown file), and the JSON of its
 * results: the per-seed scores of every arm, and each row's paired gains.
 */
import { fmt, table } from '@tfjs-noise/support/table';
import { type Interval, meanOf, pairedGain, reading } from './paired';
import type { SeedScores, Study } from './study';

/** A study's results as written to `<out>/<study>.json`. */
export interface StudyResults {
  study: string;
  claim: string;
  setup: string;
  command: string;
  backend: string;
  seeds: number[];
  seconds: number;
  /** Per row: the arm, its pair, its means and its paired gains per metric. */
  rows: {
    arm: string;
    label: string;
    vs: string | null;
    means: Record<string, number>;
    gains: Record<string, Interval | null>;
  }[];
  /** The claim rows' verdict lines. */
  verdicts: string[];
  /** Per seed, every arm's scores. */
  perSeed: { seed: number; scores: SeedScores }[];
}

/** The results of a study from its per-seed scores. */
export function results(
  study: Study,
  perSeed: { seed: number; scores: SeedScores }[],
  meta: { setup: string; command: string; backend: string; seconds: number },
): StudyResults {
  const seeds = perSeed.map((p) => p.scores);
  const rows = study.rows.map((row) => ({
    arm: row.arm,
    label: study.arms[row.arm] ?? row.arm,
    vs: row.vs ?? null,
    means: Object.fromEntries(study.metrics.map((m) => [m.key, meanOf(seeds, row.arm, m)])),
    gains: Object.fromEntries(study.metrics.map((m) => [m.key, pairedGain(seeds, row, m)])),
  }));
  const first = study.metrics[0]!;
  const verdicts = study.claimRows.map((row) => {
    const g = pairedGain(seeds, row, first)!;
    const vs = study.arms[row.vs!] ?? row.vs;
    return (
      `${study.arms[row.arm] ?? row.arm} vs ${vs}: ${fmt(g, 2)} ${first.gainUnit} ` +
      `(${perSeed.length} seeds, paired 95% t-interval): ${reading(g)}`
    );
  });
  return {
    study: study.name,
    claim: study.claim,
    ...meta,
    seeds: perSeed.map((p) => p.seed),
    rows,
    verdicts,
    perSeed,
  };
}

/** The lines printed for a study: title, claim, setup, table, verdict lines, time. */
export function lines(study: Study, r: StudyResults): string[] {
  const header = ['arm', 'paired with'];
  for (const m of study.metrics) header.push(m.label, `${m.gainUnit} [95% CI]`);
  const body = r.rows.map((row) => {
    const cells = [row.label, row.vs === null ? '-' : (study.arms[row.vs] ?? row.vs)];
    for (const m of study.metrics) {
      cells.push(row.means[m.key]!.toFixed(m.digits), fmt(row.gains[m.key] ?? null));
    }
    return cells;
  });
  return [
    `## ${r.study}`,
    '',
    `Claim: ${r.claim}`,
    '',
    `Setup: ${r.setup}`,
    '',
    ...table(header, body),
    '',
    ...r.verdicts.map((v) => `- ${v}`),
    '',
    `${r.seeds.length} seeds, backend ${r.backend}, ${r.seconds.toFixed(0)} s.`,
  ];
}
