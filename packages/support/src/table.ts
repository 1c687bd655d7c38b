/** The tables the benchmarks print and write as markdown. */
import type { Interval } from './stats';

/** Formats an interval as `+1.2 [-0.3, +2.7]` (`-` for none, the mean alone without bounds). */
export function fmt(i: Interval | null | undefined, digits = 1): string {
  if (!i) return '-';
  const s = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
  return Number.isNaN(i.low) ? s(i.mean) : `${s(i.mean)} [${s(i.low)}, ${s(i.high)}]`;
}

/** A markdown table with padded columns. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
