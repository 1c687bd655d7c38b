/**
 * The results table of a search as aligned text.
 */

import { type MetricName, summarize } from '../train/metrics';
import { userGain } from './gains';
import { formatNumber } from './numbers';
import type { SearchResult } from './options';
import { reportWords } from './report_words';
import { robustnessCondition } from './robustness';

/**
 * The table of a search, one line per setting, plus a header, the definition of the gains, and
 * the verdict (see `reportWords`): a headline of at most 30 words, then its details. Columns:
 * the user's metric (mean +- std over folds); its paired gain over no noise (accuracy points,
 * percent lower MSE as a share of no noise's mean MSE, log-loss or Brier score lower by; mean +-
 * corrected standard error), the unit in the header; and, when the paired test uses another
 * criterion (the log-loss for accuracy), the gain in that criterion. The first line is the
 * chance baseline (always the majority class, or always the training mean) on the same folds,
 * its gain over no noise defined as every other; peers (plain regularizers, compared and never
 * recommended) are marked. A failed setting (a diverged training) reads
 * `failed: training diverged on k of n folds`.
 *
 * With `robustness`, a column of the metric on the corrupted held-out rows follows the clean
 * one, the gains are the corrupted ones (what the choice used), and a line names the
 * corruption. `options.classNames` names the majority class in the verdict's chance warning.
 *
 * ```
 * kind      amount  accuracy (mean +- std, 5 folds x 3 repeats)  accuracy gain (points, +- se)  logLoss gain (lower by, +- se)
 * chance    -       0.7167 +- 0.0423                             -10.0 +- 6.4                   -0.2419 +- 0.1846  (always the majority class)
 * input     0       0.8167 +- 0.1054                             (no noise)
 * input     0.05    0.8111 +- 0.0916                             -0.6 +- 3.7                    +0.0321 +- 0.0403
 * l2        0.01    0.7611 +- 0.0763                             -5.6 +- 5.2                    +0.1217 +- 0.1346  (peer)
 * gain: the paired difference over no noise on the same folds, positive when better (accuracy points more; ...
 * +- is the std over the folds in score columns, the standard error of the paired mean in gain columns.
 *
 * recommendation: Use no noise: no noise setting beat it beyond chance in accuracy (closest: input noise 0.05, ...
 *   Warning: without noise the model (accuracy 81.7%) does not beat always answering 'USA' (accuracy 71.7%) ...
 *   ...
 * ```
 *
 * @example
 * ```ts
 * import { formatTable, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.05, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * console.log(formatTable(result).join('\n'));
 * ```
 */
export function formatTable(
  result: SearchResult,
  options: { classNames?: readonly string[] | null } = {},
): string[] {
  const { metric, criterion, folds } = result;
  const words = reportWords(result, options);
  const runs =
    result.repeats > 1
      ? `${result.folds} folds x ${result.repeats} repeats`
      : `${result.folds} folds`;
  const withCriterion = criterion !== metric;
  const robust = result.robustness ?? null;
  const gainHeader = (m: MetricName) =>
    `${m} gain${robust ? ', corrupted' : ''} (${GAIN_UNIT[m]}, +- se)`;
  const header = [
    'kind',
    'amount',
    `${metric} (mean +- std, ${runs})`,
    ...(robust ? [`${metric} corrupted (mean +- std)`] : []),
    gainHeader(metric),
    ...(withCriterion ? [gainHeader(criterion)] : []),
  ];
  const base = (robust && result.baseline.corrupted?.metrics) || result.baseline.metrics;
  const gainCells = (m: { [k: string]: number[] | undefined }) => {
    const cell = (name: typeof metric) => {
      const g = userGain(name, m[name] ?? [], base[name] ?? [], folds);
      if (!g) return '-';
      const digits = name === 'logLoss' || name === 'brier' ? 4 : 1;
      return `${g.mean >= 0 ? '+' : '-'}${formatNumber(Math.abs(g.mean), digits)} +- ${formatNumber(g.se, digits)}`;
    };
    return [cell(metric), ...(withCriterion ? [cell(criterion)] : [])];
  };
  const fmt = (s: { mean: number; std: number }) =>
    `${formatNumber(s.mean, 4)} +- ${formatNumber(s.std, 4)}`;
  const chance = result.chance;
  const chanceMetric = chance.metrics[metric] ?? [];
  const body: string[][] = [];
  if (chanceMetric.length > 0) {
    const what =
      chance.predictor === 'majority' ? 'always the majority class' : 'always the training mean';
    // The chance baseline ignores the features: its corrupted scores are its clean ones.
    const cells = [
      'chance',
      '-',
      fmt(summarize(chanceMetric)),
      ...(robust ? [fmt(summarize(chanceMetric))] : []),
      ...gainCells(chance.metrics as { [k: string]: number[] }),
    ];
    cells[cells.length - 1] += `  (${what})`;
    body.push(cells);
  }
  for (const r of result.rows) {
    if (r.failed) {
      const n = r.scores.filter((v) => !Number.isFinite(v)).length;
      body.push([
        r.kind,
        String(r.amount),
        `failed: training diverged on ${n} of ${r.scores.length} folds`,
      ]);
      continue;
    }
    const cells = [r.kind, String(r.amount), fmt(r), ...(robust ? [fmt(r.corrupted!)] : [])];
    if (r.amount === 0) {
      cells.push('(no noise)', ...(withCriterion ? [''] : []));
    } else {
      cells.push(
        ...gainCells((robust ? r.corrupted!.metrics : r.metrics) as { [k: string]: number[] }),
      );
      const mark = r.peer
        ? '  (peer)'
        : r === result.best && result.recommendation.helps
          ? '  <- recommended'
          : '';
      cells[cells.length - 1] += mark;
    }
    body.push(cells);
  }
  const lines = [header, ...body];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  return [
    ...lines.map((l) =>
      l
        .map((cell, c) => (c === l.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    ),
    ...(robust
      ? [
          `corrupted: the held-out rows ${robustnessCondition(robust)}; ` +
            'the gains and the choice use these scores',
        ]
      : []),
    gainNote(metric, criterion, robust !== null),
    '+- is the std over the folds in score columns, the standard error of the paired mean in gain columns.',
    '',
    `recommendation: ${words.headline}`,
    ...words.details.map((d) => `  ${d}`),
  ];
}

/** The unit of each metric's gain over no noise, for the headers. */
const GAIN_UNIT: { [M in MetricName]: string } = {
  accuracy: 'points',
  logLoss: 'lower by',
  brier: 'lower by',
  mse: '% lower',
};

/** The one definition of a gain, said once under the table. */
function gainNote(metric: MetricName, criterion: MetricName, robust: boolean): string {
  const unit = (m: MetricName) =>
    m === 'mse'
      ? `% lower MSE, as a share of no noise's mean${robust ? ' corrupted' : ''} MSE`
      : m === 'accuracy'
        ? 'accuracy points more'
        : `how much lower the ${m === 'logLoss' ? 'log-loss' : 'Brier score'} is`;
  const units = [...new Set([metric, criterion])].map(unit).join('; ');
  return `gain: the paired difference over no noise on the same folds, positive when better (${units}); the verdict quotes these gains.`;
}
