/**
 * The results table of a search as aligned text.
 */
import type { SearchResult } from './search_options';

/**
 * The table of a search, one line per setting, plus a header and a closing "best" line:
 *
 * ```
 * kind   amount  accuracy (mean +- std, 5 folds)
 * input  0       0.8333 +- 0.0589
 * input  0.05    0.8667 +- 0.0471  <- best
 * best: input 0.05 (accuracy 0.8667 +- 0.0471)
 * ```
 */
export function formatTable(result: SearchResult): string[] {
  const runs =
    result.repeats > 1
      ? `${result.folds} folds x ${result.repeats} repeats`
      : `${result.folds} folds`;
  const header = ['kind', 'amount', `${result.metric} (mean +- std, ${runs})`];
  const body = result.rows.map((r) => [
    r.kind,
    String(r.amount),
    `${r.mean.toFixed(4)} +- ${r.std.toFixed(4)}${r === result.best ? '  <- best' : ''}`,
  ]);
  const lines = [header, ...body];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const b = result.best;
  return [
    ...lines.map((l) =>
      l
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    ),
    `best: ${b.kind} ${b.amount} (${result.metric} ${b.mean.toFixed(4)} +- ${b.std.toFixed(4)})`,
  ];
}
