/**
 * The CLI's checks before any training, each one line on stderr and exit code 2: a constant
 * regression target, --early-stopping on folds too small to split, --robustness beyond 1000
 * standardized units, integer flags that are not plain decimals. And what it prints: a header
 * that summarises a long list of features, and compact numbers in the table.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args';
import { parseCsv, toDataset } from '../src/cli/csv';
import { main } from '../src/cli/main';
import { formatTable, MLP_BUILDER, searchNoise } from '../src/index';
import { circles } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'tune-cli-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process, collecting its output lines. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Writes `text` to `<dir>/<name>` and returns its path. */
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const FAST = '--workers 0 --backend cpu --progress none --epochs 1 --hidden 2 --peers none';

describe('CLI: a constant regression target', () => {
  it('is one line and exit 2, as a single class is', async () => {
    const path = csv('constant.csv', 'a,y\n1,2.5\n2,2.5\n3,2.5\n4,2.5\n');
    const r = await run([path, '--target', 'y', ...FAST.split(' ')]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `tfjs-noise-tune: error: ${path}: the target column 'y' is constant (every value is 2.5); ` +
        'regression needs at least 2 distinct values (always predicting 2.5 would be exact).',
    ]);
    expect(() => toDataset(parseCsv('a,y\n1,3\n2,3\n3,3\n', 'f'), 'y', 'regression', 'f')).toThrow(
      "f: the target column 'y' is constant (every value is 3)",
    );
  });
});

describe('CLI: --early-stopping on a small table', () => {
  it('names the problem and the smallest table that works, before training (exit 2)', async () => {
    const path = csv('three.csv', 'a,y\n1,0.5\n2,1.5\n3,1\n');
    const r = await run([
      path,
      '--target',
      'y',
      '--folds',
      '2',
      '--early-stopping',
      '0.2',
      ...FAST.split(' '),
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `tfjs-noise-tune: error: --early-stopping needs at least 2 training rows in every fold (1 ` +
        `to fit, 1 to validate), but ${path} has 3 data rows and with --folds 2 a fold trains ` +
        'on 1 row: give at least 4 data rows, or leave out --early-stopping.',
    ]);
  });
});

describe('CLI: flag values', () => {
  it('refuses --robustness above 1000 standardized units (exit 2, nothing printed)', async () => {
    const path = csv('robust.csv', 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
    for (const value of ['1e39', '1000.5']) {
      const r = await run([path, '--target', 'y', '--workers', '0', '--robustness', value]);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([
        `tfjs-noise-tune: error: --robustness must be at most 1000 (standardized units), but got '${value}'.`,
      ]);
    }
    expect(parseCliArgs(['d.csv', '--target', 'y', '--robustness', '1000']).robustness).toBe(1000);
  });

  it('reads integer flags as plain decimal integers only', () => {
    for (const [flag, value] of [
      ['--workers', '0x2'],
      ['--epochs', '1e2'],
      ['--folds', '0b11'],
      ['--hidden', ' 8'],
      ['--seed', '0o7'],
    ] as const) {
      expect(() => parseCliArgs(['d.csv', '--target', 'y', flag, value])).toThrow(
        new RegExp(`^${flag} must be an integer .*, but got '${value}'\\.$`),
      );
    }
    expect(parseCliArgs(['d.csv', '--target', 'y', '--workers', '2']).workers).toBe(2);
    expect(parseCliArgs(['d.csv', '--target', 'y', '--seed', '-12']).seed).toBe(-12);
  });
});

describe('CLI: what it prints', () => {
  it('summarises a long list of features in the header line', async () => {
    const names = Array.from({ length: 300 }, (_, j) => `f${j}`);
    const rows = Array.from({ length: 6 }, (_, i) =>
      [...names.map((_, j) => ((i * 7 + j) % 5) / 4), i % 2].join(','),
    );
    const path = csv('wide.csv', `${names.join(',')},y\n${rows.join('\n')}\n`);
    const r = await run([
      path,
      '--target',
      'y',
      '--folds',
      '2',
      '--repeats',
      '1',
      '--kinds',
      'input',
      '--amounts',
      '0.1',
      '--out',
      join(dir, 'wide'),
      ...FAST.split(' '),
    ]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('300 features (f0, f1, f2, f3, f4, f5, f6, f7 and 292 more)');
    expect(r.out[0]!.length).toBeLessThan(700);
  });

  it('writes huge and tiny numbers of the table compactly', async () => {
    const result = await searchNoise(circles(8, 1), {
      task: 'classification',
      grid: [{ kind: 'input', amount: 0.1 }],
      builder: MLP_BUILDER,
      builderOptions: { hiddenUnits: 2 },
      folds: 2,
      repeats: 1,
      epochs: 1,
      workers: 0,
      progress: 'none',
      peers: [],
    });
    result.rows[1]!.mean = 6.549949384398277e59;
    result.rows[1]!.std = 4.2e-7;
    const line = formatTable(result).find((l) => l.startsWith('input   0.1'))!;
    expect(line).toContain('6.550e+59 +- 4.2e-7');
    expect(line).not.toContain('6.549949384398277e+59');
  });
});
