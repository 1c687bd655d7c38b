/**
 * The results table of a search as aligned text.
 */
import { higherIsBetter } from '../train/metrics';
import type { SearchResult } from './options';
import { pairedGain } from './recommend';

/**
 * The table of a search, one line per setting, plus a header and a closing line with the
 * recommendation in words. Beside each noise setting: its paired gain over no noise in the
 * criterion (positive: better; mean +- corrected standard error). A failed setting (a diverged
 * training) reads `failed: training diverged on k of n folds`.
 *
 * ```
 * kind   amount  accuracy (mean +- std, 5 folds x 2 repeats)  brier gain over no noise
 * input  0       0.8333 +- 0.0589                              (no noise)
 * input  0.05    0.8667 +- 0.0471                              +0.0210 +- 0.0080  <- recommended
 * recommendation: noise helps here: input noise 0.05, +3.3 +- 1.2 accuracy points over no ...
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
  const runs =
    result.repeats > 1
      ? `${result.folds} folds x ${result.repeats} repeats`
      : `${result.folds} folds`;
  const header = [
    'kind',
    'amount',
    `${result.metric} (mean +- std, ${runs})`,
    `${result.criterion} gain over no noise`,
  ];
  const higher = higherIsBetter(result.criterion);
  const base = result.baseline.metrics[result.criterion]!;
  const body = result.rows.map((r) => {
    if (r.failed) {
      const n = r.scores.filter((v) => !Number.isFinite(v)).length;
      const failed = `failed: training diverged on ${n} of ${r.scores.length} folds`;
      return [r.kind, String(r.amount), failed, ''];
    }
    let gain = '(no noise)';
    if (r.amount !== 0) {
      const g = pairedGain(r.metrics[result.criterion]!, base, result.folds, higher);
      gain = `${g.mean >= 0 ? '+' : '-'}${Math.abs(g.mean).toFixed(4)} +- ${g.se.toFixed(4)}`;
    }
    const mark = r === result.best && result.recommendation.helps ? '  <- recommended' : '';
    return [r.kind, String(r.amount), `${r.mean.toFixed(4)} +- ${r.std.toFixed(4)}`, gain + mark];
  });
  const lines = [header, ...body];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  return [
    ...lines.map((l) =>
      l
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    ),
    `recommendation: ${result.recommendation.sentence}`,
  ];
}
