/**
 * Prints the circles table again from a saved results.json (no training), e.g. to read an old
 * full run with the current table's columns:
 *
 *   tsx examples/circles/summarize.ts docs/results/results.json
 */
import { readFileSync } from 'node:fs';
import { FlagError, runScript } from '@tfjs-noise/support/flags';
import type { RunResult } from './experiment';
import { tableNotes } from './notes';
import { type Row, rows, table } from './report';

interface Saved {
  meta: Record<string, unknown>;
  rows: Pick<Row, 'setting' | 'kind' | 'amount'>[];
  runs: RunResult[];
}

runScript('circles/summarize.ts', async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    throw new FlagError(
      `expected one argument, the results.json file, but got '${args.join(' ')}' ` +
        '(usage: tsx examples/circles/summarize.ts <results.json>).',
    );
  }
  const file = args[0]!;
  let saved: Saved;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Saved;
  } catch (err) {
    throw new FlagError(`cannot read ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(saved?.rows) || !Array.isArray(saved.runs)) {
    throw new FlagError(`${file} is not a results.json of examples/circles/main.ts.`);
  }
  const settings = saved.rows.map((r) => ({ name: r.setting, kind: r.kind, amount: r.amount }));
  console.log(`from ${file}: ${String(saved.meta?.command ?? '')}`);
  const all = rows(settings, saved.runs);
  for (const line of table(all)) console.log(line);
  for (const line of tableNotes(all.map((r) => r.testAcc))) console.log(line);
});
