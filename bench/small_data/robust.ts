/**
 * The suite's robustness statistics: for each corruption of the test rows, paired differences to
 * no noise on the same corrupted rows (95% Student-t intervals over seeds) of the tool's choice
 * made on corrupted cross-validation folds (`--robustness 1`), its clean choice, the best fixed
 * setting in hindsight on those rows, the plain regularizers and the noise + L2 combinations;
 * and the targets for the robust choice.
 */
import type { NoiseSetting } from '@tfjs-noise/tune';
import {
  choose,
  gain,
  type Interval,
  interval,
  isNoise,
  MARGIN,
  type RuleSpec,
  type RuleVerdict,
  targets,
  testScore,
} from './analyze';
import type { RunRecord, TestScore } from './run';

/** True when a record holds corrupted CV scores and corrupted test scores (newer runs). */
export function hasRobustness(r: RunRecord): boolean {
  return (
    r.robustness !== undefined &&
    r.cv.every((c) => c.corrupted !== undefined) &&
    r.test.every((t) => t.corrupted !== undefined)
  );
}

/** The corruption labels of a record's test scores, in the order they were measured. */
export function corruptionsOf(r: RunRecord): string[] {
  return Object.keys(r.test[0]?.corrupted ?? {});
}

/** A test score as measured on the test rows corrupted as `label` says. */
export function under(t: TestScore, label: string): TestScore {
  const scores = t.corrupted?.[label];
  if (!scores) throw new Error(`no '${label}' test score for ${t.kind} ${t.amount}`);
  return { ...t, scores };
}

/** Per task and corruption: what a row of the robustness table needs. */
export interface RobustSummary {
  task: string;
  type: RunRecord['type'];
  seeds: number;
  trainRows: number;
  /** The corruption of the test rows (a label of CORRUPTIONS). */
  corruption: string;
  /** No noise's score on the corrupted test rows (mean over seeds): accuracy % or MSE. */
  none: number;
  /**
   * Paired gains over no noise on the corrupted rows, by row: `robust choice`, `clean choice`,
   * `best fixed`, `best input`, each plain regularizer (`l2 0.01`, ...), `input+l2`, `weight+l2`.
   */
  rows: { [label: string]: Interval };
  /** The setting behind each hindsight row (`best fixed`, `best input`, `input+l2`, ...). */
  settings: { [label: string]: NoiseSetting };
  /** How often the robust choice picked each setting (`none` when it chose no noise). */
  picks: { [setting: string]: number };
}

/**
 * The setting among `candidates` with the largest mean gain in `gains`, and its interval; null
 * when there is no candidate.
 */
function best(
  candidates: readonly NoiseSetting[],
  gains: (s: NoiseSetting) => Interval,
): { setting: NoiseSetting; gain: Interval } | null {
  let found: { setting: NoiseSetting; gain: Interval } | null = null;
  for (const setting of candidates) {
    const g = gains(setting);
    if (found === null || g.mean > found.gain.mean) found = { setting, gain: g };
  }
  return found;
}

/**
 * Summaries of one task's records on the test rows corrupted as `corruption` says: the robust
 * choice is `rule` applied to the corrupted CV scores (as `searchNoise({robustness})` does), the
 * clean choice the same rule on the clean ones.
 */
export function summarizeRobust(
  records: readonly RunRecord[],
  rule: RuleSpec,
  corruption: string,
): RobustSummary {
  const r0 = records[0]!;
  const type = r0.type;
  const none = (r: RunRecord) => under(testScore(r, { kind: 'none', amount: 0 }), corruption);
  const gains = (pick: (r: RunRecord) => TestScore) =>
    interval(records.map((r) => gain(type, under(pick(r), corruption), none(r))));
  const robust = new Map(records.map((r) => [r, choose(r, rule, 'corrupted')]));
  const clean = new Map(records.map((r) => [r, choose(r, rule, 'clean')]));
  const rows: RobustSummary['rows'] = {
    'robust choice': gains((r) => testScore(r, robust.get(r)!.setting)),
    'clean choice': gains((r) => testScore(r, clean.get(r)!.setting)),
  };
  const settings: RobustSummary['settings'] = {};
  const noise = r0.cv
    .filter((c) => c.amount > 0 && isNoise(c))
    .map(({ kind, amount }) => ({ kind, amount }));
  const fixed = (s: NoiseSetting) => gains((r) => testScore(r, s));
  const add = (label: string, found: ReturnType<typeof best>) => {
    if (!found) return;
    rows[label] = found.gain;
    settings[label] = found.setting;
  };
  add('best fixed', best(noise, fixed));
  add(
    'best input',
    best(
      noise.filter((s) => s.kind === 'input'),
      fixed,
    ),
  );
  const peers = r0.test.filter((t) => !isNoise(t) && !t.earlyStopping);
  for (const p of peers) rows[`${p.kind} ${p.amount}`] = fixed(p);
  for (const kind of [...new Set((r0.combos ?? []).map((c) => c.kind))]) {
    const combo = (s: NoiseSetting) =>
      gains((r) => {
        const t = r.combos?.find((c) => c.kind === s.kind && c.amount === s.amount);
        if (!t) throw new Error(`${r.task} seed ${r.seed}: no test score of ${s.kind} ${s.amount}`);
        return t;
      });
    const amounts = (r0.combos ?? [])
      .filter((c) => c.kind === kind)
      .map((c) => ({ kind: c.kind, amount: c.amount }));
    add(kind, best(amounts, combo));
  }
  const picks: RobustSummary['picks'] = {};
  for (const c of robust.values()) {
    const label = c.helps ? `${c.setting.kind} ${c.setting.amount}` : 'none';
    picks[label] = (picks[label] ?? 0) + 1;
  }
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
    corruption,
    none: noneMean,
    rows,
    settings,
    picks,
  };
}

/**
 * The targets on corrupted test rows for one row of the summaries (`robust choice` or
 * `clean choice`) against the best fixed setting in hindsight on the same rows; `meanWorse`
 * lists the tasks whose mean gain (not only its interval) lies below the margin.
 */
export function robustVerdict(
  summaries: readonly RobustSummary[],
  row: 'robust choice' | 'clean choice',
): RuleVerdict & { meanWorse: string[] } {
  const v = targets(
    row,
    summaries.map((s) => ({
      task: s.task,
      type: s.type,
      choice: s.rows[row]!,
      best: s.rows['best fixed']!,
    })),
  );
  const meanWorse = summaries.filter((s) => s.rows[row]!.mean < MARGIN[s.type]).map((s) => s.task);
  return { ...v, meanWorse };
}
