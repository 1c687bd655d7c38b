import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

// examples/circles_search/main.ts checks every flag before it runs: a bad value, an unknown flag or a
// bad --backend prints one line on stderr (no stack trace), exits with code 2 and writes no
// --out file. The other flags keep the runs short in case a bad one slips by.
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'tune-example-flags-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'circles_search/main.ts', ...args],
      { cwd: pkg, encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

it('the circles search example rejects bad flags: exit 2, one line, nothing written', async () => {
  const out = join(dir, 'results.json');
  const short = ['--epochs', '1', '--hidden', '2', '--fresh', '0', '--workers', '0', '--out', out];
  const cases: [string[], RegExp][] = [
    [['--seeds', '0', ...short], /--seeds must be an integer >= 1, but got '0'\.$/],
    [
      ['--seeds', '1', '--backend', 'gpu', ...short],
      /--backend must be one of wasm, cpu, but got 'gpu'\.$/,
    ],
    [['--seeds', '1', '--nope', ...short], /unknown flag '--nope'/],
    [['--seeds', '1', '--grid', '0,0x10', ...short], /--grid must be a decimal number >= 0/],
    [['--seeds', '1', '--folds', '1', ...short], /--folds must be an integer >= 2, but got '1'\.$/],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  results.forEach((r, i) => {
    const what = cases[i]![0].join(' ');
    expect(r.code, what).toBe(2);
    expect(r.stdout, what).toBe('');
    expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
    expect(r.stderr, what).not.toMatch(/^\s+at /m);
    expect(r.stderr.trimEnd(), what).toMatch(
      new RegExp(`^circles_search: error: ${cases[i]![1].source}`),
    );
  });
  expect(existsSync(out)).toBe(false);
});
