/**
 * The results table of a search as aligned text.
 */

import { summarize } from '../train/metrics';
import { userGain } from './gains';
import { formatNumber } from './numbers';
import type { SearchResult } from './options';
import { robustnessCondition } from './robustness';

/**
 * The table of a search, one line per setting, plus a header and a closing line with the
 * recommendation in words. Columns: the user's metric (mean +- std over folds); its paired gain
 * over no noise in user units (accuracy points, percent lower MSE, log-loss or Brier score lower
 * by; mean +- corrected standard error); and, when the paired test uses another criterion (the
 * log-loss for accuracy), the gain in that criterion. The first line is the chance baseline
 * (always the majority class, or always the training mean) on the same folds; peers (plain
 * regularizers, compared and never recommended) are marked. A failed setting (a diverged
 * training) reads `failed: training diverged on k of n folds`.
 *
 * With `robustness`, a column of the metric on the corrupted held-out rows follows the clean
 * one, the gains are the corrupted ones (what the choice used), and a line before the
 * recommendation names the corruption.
 *
 * ```
 * kind    amount  accuracy (mean +- std, 5 folds x 2 repeats)  accuracy gain  logLoss gain
 * chance  -       0.7833 +- 0.0500                              -0.8 +- 2.1    -0.2013 +- 0.0811  (always the majority class)
 * input   0       0.7917 +- 0.0708                              (no noise)
 * input   0.05    0.8167 +- 0.0471                              +2.5 +- 1.2    +0.0210 +- 0.0080  <- recommended
 * l2      0.01    0.8000 +- 0.0589                              +0.8 +- 1.9    +0.0401 +- 0.0122  (peer)
 * recommendation: noise helps here: input noise 0.05 gave more right answers (+2.5 +- 1.2 ...
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
export function formatTable(result: SearchResult): string[] {
  const { metric, criterion, folds } = result;
  const runs =
    result.repeats > 1
      ? `${result.folds} folds x ${result.repeats} repeats`
      : `${result.folds} folds`;
  const withCriterion = criterion !== metric;
  const robust = result.robustness ?? null;
  const header = [
    'kind',
    'amount',
    `${metric} (mean +- std, ${runs})`,
    ...(robust ? [`${metric} corrupted`] : []),
    `${metric} gain over no noise${robust ? ', corrupted' : ''}`,
    ...(withCriterion ? [`${criterion} gain${robust ? ', corrupted' : ''}`] : []),
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
    `recommendation: ${result.recommendation.sentence}`,
  ];
}
