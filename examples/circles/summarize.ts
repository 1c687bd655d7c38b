/**
 * Prints the circles table again from a saved results.json (no training), e.g. to read an old
 * full run with the current table's columns:
 *
 *   tsx examples/circles/summarize.ts docs/results/results.json
 */
import { readFileSync } from 'node:fs';
import type { RunResult } from './experiment';
import { type Row, rows, table } from './report';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx examples/circles/summarize.ts <results.json>');
  process.exit(2);
}
const saved = JSON.parse(readFileSync(file, 'utf8')) as {
  meta: Record<string, unknown>;
  rows: Pick<Row, 'setting' | 'kind' | 'amount'>[];
  runs: RunResult[];
};
const settings = saved.rows.map((r) => ({ name: r.setting, kind: r.kind, amount: r.amount }));
console.log(`from ${file}: ${String(saved.meta.command ?? '')}`);
for (const line of table(rows(settings, saved.runs))) console.log(line);
