/**
 * The suite's statistics: for each task, paired differences to no noise over the seeds (95%
 * Student-t intervals) of the tool's choice, the best fixed setting in hindsight, and the peers;
 * and the same for each selection rule, computed from the saved cross-validation scores.
 */

import { type Interval, interval } from '@tfjs-noise/support/stats';
import {
  autoRepeats,
  DEFAULT_SELECTION,
  type NoiseSetting,
  type Recommendation,
} from '@tfjs-noise/tune';
import { type FoldMetrics, type RecommendOptions, recommend } from '@tfjs-noise/tune/blocks';
import type { RunRecord, TestScore } from './run';

// The 95% t-interval of the suite's tables, shared with bench/claims and the examples.
export { type Interval, interval };

/** A selection rule to evaluate: the library's `recommend` with these options (and a grid). */
export interface RuleSpec {
  /** Label in the tables. */
  label: string;
  /** Options of `recommend` (task and folds come from the record; metric and criterion of a
   * regression record are always `mse`). */
  options: Omit<RecommendOptions, 'task' | 'folds' | 'chance' | 'classNames'>;
  /** Keep only these settings of the cross-validated superset (default: all). */
  keep?: (s: NoiseSetting, record: RunRecord) => boolean;
  /**
   * Use only the first `repeats` repeats of the saved cross-validation, or (`'auto'`) as many as
   * searchNoise's `repeats: 'auto'` gives the record's table (at most the repeats saved).
   */
  repeats?: number | 'auto';
}

/**
 * "Gain" of a test score over no noise, positive when better: accuracy points for
 * classification, percent lower MSE for regression (relative to no noise's MSE on that seed).
 */
export function gain(type: RunRecord['type'], score: TestScore, none: TestScore): number {
  if (type === 'classification') return 100 * (score.scores.accuracy! - none.scores.accuracy!);
  return (100 * (none.scores.mse! - score.scores.mse!)) / none.scores.mse!;
}

/** Secondary gain: log-loss lower by (classification), or the same as `gain` (regression). */
export function lossGain(type: RunRecord['type'], score: TestScore, none: TestScore): number {
  if (type === 'classification') return none.scores.logLoss! - score.scores.logLoss!;
  return gain(type, score, none);
}

const key = (s: NoiseSetting) => `${s.kind}:${s.amount}`;

/** The test score of a setting in a record (with or without early stopping). */
export function testScore(r: RunRecord, s: NoiseSetting, earlyStopping = false): TestScore {
  const t = r.test.find(
    (x) => x.kind === s.kind && x.amount === s.amount && x.earlyStopping === earlyStopping,
  );
  if (!t) throw new Error(`no test score for ${key(s)} (early stopping ${earlyStopping})`);
  return t;
}

/** Kinds that are plain regularizers (peers: compared, never recommended). */
export const PEER_KINDS: readonly string[] = ['l2', 'dropout'];

/** True for a noise setting (not a peer; amount 0 is no noise). */
export const isNoise = (s: NoiseSetting) => !PEER_KINDS.includes(s.kind);

/**
 * What a rule recommends for one record (the library's `recommend` on its saved CV scores):
 * on the clean held-out folds, or (`'corrupted'`) on the same folds corrupted as the record's
 * `robustness` says, as `searchNoise({robustness})` chooses.
 */
export function choose(
  r: RunRecord,
  rule: RuleSpec,
  scores: 'clean' | 'corrupted' = 'clean',
): Recommendation {
  const rows: FoldMetrics[] = r.cv
    .filter((c) => c.amount === 0 || !isNoise(c) || !rule.keep || rule.keep(c, r))
    .map((c) => {
      const used = repeatsOf(r, rule) * r.folds;
      const source = scores === 'corrupted' ? c.corrupted : c.metrics;
      if (!source) throw new Error(`${r.task} seed ${r.seed}: no corrupted CV scores of ${key(c)}`);
      const metrics = Object.fromEntries(
        Object.entries(source).map(([m, v]) => [m, v.slice(0, used)]),
      ) as FoldMetrics['metrics'];
      return { setting: { kind: c.kind, amount: c.amount }, metrics, peer: !isNoise(c) };
    });
  const base = rows.findIndex((c) => c.setting.amount === 0);
  const regression = r.type === 'regression';
  return recommend(rows, base, {
    ...rule.options,
    ...(regression && { metric: 'mse', criterion: 'mse' }),
    // As searchNoise with robustness: the paired test of MSE on log ratios.
    ...(scores === 'corrupted' && { mseTest: 'log-ratio' as const }),
    task: r.type,
    folds: r.folds,
  });
}

/** The repeats of a record's CV that a rule reads (see `RuleSpec.repeats`). */
export function repeatsOf(r: RunRecord, rule: RuleSpec): number {
  const epochs = r.model?.epochs ?? 100;
  const wanted = rule.repeats === 'auto' ? autoRepeats(r.trainRows, epochs) : rule.repeats;
  return Math.min(r.repeats, wanted ?? r.repeats);
}

/** True for a null task of the suite (labels independent of the features: tasks.ts). */
export const isNullTask = (task: string) => task.startsWith('null-');

/**
 * How often a rule recommends noise on the null tasks' records (a false pick: nothing can beat
 * no noise there), with a 95% Wilson interval.
 */
export function falsePicks(
  records: readonly RunRecord[],
  rule: RuleSpec,
): { runs: number; picks: number; rate: number; low: number; high: number; picked: string[] } {
  const nulls = records.filter((r) => isNullTask(r.task));
  const picked = nulls
    .map((r) => ({ r, c: choose(r, rule) }))
    .filter(({ c }) => c.helps)
    .map(({ r, c }) => `${r.task}:${r.seed} ${c.setting.kind} ${c.setting.amount}`);
  const n = nulls.length;
  const k = picked.length;
  const z = 1.96;
  const p = n ? k / n : Number.NaN;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return {
    runs: n,
    picks: k,
    rate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    picked,
  };
}

/** The model configuration of a record, as a label (records before it was saved: the default). */
export function modelOf(r: RunRecord): string {
  const m = r.model ?? { hiddenUnits: 64, epochs: 100 };
  return `${m.hiddenUnits} units x ${m.epochs} epochs`;
}

/** Per task: what every row of the table needs. */
export interface TaskSummary {
  task: string;
  type: RunRecord['type'];
  seeds: number;
  trainRows: number;
  testRows: number;
  /** No noise's own test score (mean over seeds): accuracy % or MSE. */
  none: number;
  /** Paired gains over no noise, by row label. */
  rows: { [label: string]: Interval };
  /** The best fixed noise setting in hindsight (largest mean test gain). */
  bestSetting: NoiseSetting;
  /** How often the default rule chose noise, and which. */
  choices: { [setting: string]: number };
  /**
   * Per verdict the rule gave (`helps`, `better-probabilities-only`, ...): how often, and the
   * test-set gains over no noise of the setting it spoke of (accuracy points or % MSE; log-loss
   * lower by, classification), mean over those seeds.
   */
  verdicts: { [verdict: string]: { count: number; testGain: number; testLogLoss: number | null } };
  /**
   * The best peer as the user was told (better / as good / worse than the recommendation on the
   * cross-validation folds), with the test-set gain of that peer over the recommended setting.
   */
  peerSaid: { [standing: string]: { count: number; testVsChoice: number } };
}

/** Summaries of the records of one task under the default rule. */
export function summarizeTask(records: RunRecord[], rule: RuleSpec): TaskSummary {
  const r0 = records[0]!;
  const type = r0.type;
  const none = (r: RunRecord) => testScore(r, { kind: 'none', amount: 0 });
  const gains = (pick: (r: RunRecord) => TestScore) =>
    interval(records.map((r) => gain(type, pick(r), none(r))));
  const noise = r0.cv
    .filter((c) => c.amount > 0 && isNoise(c))
    .map((c) => ({ kind: c.kind, amount: c.amount }));
  let bestSetting = noise[0]!;
  let bestMean = Number.NEGATIVE_INFINITY;
  for (const s of noise) {
    const m = gains((r) => testScore(r, s)).mean;
    if (m > bestMean) [bestSetting, bestMean] = [s, m];
  }
  const choices: { [s: string]: number } = {};
  const chosen = new Map<RunRecord, NoiseSetting>();
  const verdicts: TaskSummary['verdicts'] = {};
  const peerSaid: TaskSummary['peerSaid'] = {};
  for (const r of records) {
    const c = choose(r, rule);
    chosen.set(r, c.setting);
    const label = c.helps ? key(c.setting) : 'none';
    choices[label] = (choices[label] ?? 0) + 1;
    const about = c.contender ?? c.setting;
    verdicts[c.verdict] ??= { count: 0, testGain: 0, testLogLoss: null };
    const v = verdicts[c.verdict]!;
    v.count++;
    v.testGain += gain(type, testScore(r, about), none(r));
    if (type === 'classification') {
      v.testLogLoss = (v.testLogLoss ?? 0) + lossGain(type, testScore(r, about), none(r));
    }
    const best = [...c.peers].sort(
      (a, b) =>
        ['better', 'as good', 'worse'].indexOf(a.standing) -
          ['better', 'as good', 'worse'].indexOf(b.standing) ||
        (b.gain?.mean ?? 0) - (a.gain?.mean ?? 0),
    )[0];
    if (best) {
      const said = `${key(best.setting)} ${best.standing}`;
      peerSaid[said] ??= { count: 0, testVsChoice: 0 };
      const p = peerSaid[said]!;
      p.count++;
      p.testVsChoice += gain(type, testScore(r, best.setting), testScore(r, c.setting));
    }
  }
  for (const v of Object.values(verdicts)) {
    v.testGain /= v.count;
    if (v.testLogLoss !== null) v.testLogLoss /= v.count;
  }
  for (const p of Object.values(peerSaid)) p.testVsChoice /= p.count;
  const peers = [...new Set(r0.test.filter((t) => !isNoise(t)).map(key))];
  const rows: TaskSummary['rows'] = {
    choice: gains((r) => testScore(r, chosen.get(r)!)),
    'best fixed': gains((r) => testScore(r, bestSetting)),
  };
  // Records of --lean runs hold no early-stopped variants.
  if (r0.test.some((t) => t.earlyStopping)) {
    rows['early stopping'] = gains((r) => testScore(r, { kind: 'none', amount: 0 }, true));
    rows['early stopping + choice'] = gains((r) => testScore(r, chosen.get(r)!, true));
  }
  for (const p of peers) {
    const [kind, amount] = p.split(':');
    rows[p.replace(':', ' ')] = gains((r) => testScore(r, { kind: kind!, amount: Number(amount) }));
  }
  rows['choice (log-loss)'] = interval(
    records.map((r) => lossGain(type, testScore(r, chosen.get(r)!), none(r))),
  );
  const noneMean =
    records.reduce(
      (a, r) =>
        a + (type === 'classification' ? 100 * none(r).scores.accuracy! : none(r).scores.mse!),
      0,
    ) / records.length;
  return {
    task: r0.task,
    type,
    seeds: records.length,
    trainRows: r0.trainRows,
    testRows: r0.testRows,
    none: noneMean,
    rows,
    bestSetting,
    choices,
    verdicts,
    peerSaid,
  };
}

/** The targets for one rule over the tasks. */
export interface RuleVerdict {
  label: string;
  /** Tasks where the choice's interval lies entirely on the losing side of the margin. */
  worse: string[];
  /** Tasks where the best fixed setting beats no noise significantly. */
  helped: string[];
  /** Mean over those tasks of (choice gain / best gain). */
  recovery: number;
  /** Mean over every task of the choice's gain (accuracy points or % MSE). */
  meanGain: number;
  /** Per task: the choice's interval. */
  perTask: { [task: string]: Interval };
}

/** Margins of the "not worse" target: -1 accuracy point, +3% relative MSE. */
export const MARGIN = { classification: -1, regression: -3 } as const;

/** Evaluates a rule on every task (grouped records). */
export function verdict(byTask: Map<string, RunRecord[]>, rule: RuleSpec): RuleVerdict {
  const tasks = [...byTask].map(([task, records]) => {
    const s = summarizeTask(records, rule);
    return { task, type: s.type, choice: s.rows.choice!, best: s.rows['best fixed']! };
  });
  return targets(rule.label, tasks);
}

/**
 * The targets from each task's paired gains over no noise (choice and best fixed
 * setting): the tasks where the choice's interval lies entirely below the margin, the tasks
 * where the best fixed setting's interval lies above 0, and there the mean of choice / best.
 */
export function targets(
  label: string,
  tasks: readonly { task: string; type: RunRecord['type']; choice: Interval; best: Interval }[],
): RuleVerdict {
  const worse: string[] = [];
  const helped: string[] = [];
  const ratios: number[] = [];
  const perTask: RuleVerdict['perTask'] = {};
  let total = 0;
  for (const { task, type, choice: c, best: b } of tasks) {
    perTask[task] = c;
    total += c.mean;
    if (c.high < MARGIN[type]) worse.push(task);
    // A null task's best setting in hindsight is the luckiest of several: never a gain to recover.
    if (b.low > 0 && !isNullTask(task)) {
      helped.push(task);
      ratios.push(c.mean / b.mean);
    }
  }
  return {
    label,
    worse,
    helped,
    recovery: ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : Number.NaN,
    meanGain: total / tasks.length,
    perTask,
  };
}

/**
 * The rules compared on the suite; the first is the library's default (DEFAULT_SELECTION: rule
 * max-t, kinds in the grid's order, level 5%, repeats 'auto'), the second the default of 0.3.
 */
export function rulesToCompare(): RuleSpec[] {
  const d = DEFAULT_SELECTION;
  const maxT = (
    label: string,
    level: number,
    support: 'sequence' | 'kinds' | 'neighbours' | 'none',
    repeats: number | 'auto' = 'auto',
  ): RuleSpec => ({
    label,
    options: { metric: 'accuracy', rule: 'max-t', threshold: d.threshold, level, support },
    repeats,
  });
  return [
    maxT(
      `default: max-t, kinds in order, level ${d.level}, repeats ${d.repeats}`,
      d.level,
      'sequence',
    ),
    {
      label: '0.3: paired (logLoss or accuracy), 1 SE, 2 repeats',
      options: { metric: 'accuracy', rule: 'paired', threshold: 1 },
      repeats: 2,
    },
    {
      label: 'paired accuracy alone, 1 SE, 2 repeats',
      options: { metric: 'accuracy', criterion: 'accuracy', rule: 'paired', threshold: 1 },
      repeats: 2,
    },
    maxT('max-t, kinds in order, level 0.05, 2 repeats', 0.05, 'sequence', 2),
    maxT('max-t, kinds in order, level 0.1, repeats auto', 0.1, 'sequence'),
    maxT('max-t, kinds unordered, level 0.05, repeats auto', 0.05, 'kinds'),
    maxT('max-t, settings and neighbours, level 0.05, repeats auto', 0.05, 'neighbours'),
    maxT('max-t, settings alone, level 0.05, repeats auto', 0.05, 'none'),
    {
      label: 'largest mean accuracy, 1 repeat (0.1)',
      options: { metric: 'accuracy', criterion: 'accuracy', rule: 'best-mean', threshold: 0 },
      repeats: 1,
    },
  ];
}
