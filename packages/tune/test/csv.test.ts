/**
 * The CLI's data handling: numeric class labels compared by value, missing targets an error
 * naming the line (or left out with --skip-missing, counted), plain decimal numbers only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../src/cli/args';
import { parseCsv, toDataset } from '../src/cli/csv';
import { main } from '../src/cli/main';
import { UsageError } from '../src/cli/usage_error';

const dir = mkdtempSync(join(tmpdir(), 'tune-csv-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const dataset = (text: string, task?: 'classification' | 'regression', skipMissing = false) =>
  toDataset(parseCsv(text, 'f.csv'), 'y', task, 'f.csv', { skipMissing });

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('numeric class labels are compared by value', () => {
  it("'1', '1.0', '+1' and '1e0' are one class; '0' and '0.0' another", () => {
    const d = dataset('a,y\n1,1\n2,1.0\n3,0\n4,+1\n5,0.0\n6,1e0\n');
    expect(d.task).toBe('classification');
    expect(d.classes).toEqual(['0', '1']);
    expect(d.y).toEqual([1, 1, 0, 1, 0, 1]);
  });

  it('counts distinct values, not spellings, when inferring the task', () => {
    // 11 spellings of 2 values: still 2 classes, so classification.
    const ys = ['0', '1', '0.0', '1.0', '00', '01', '1.00', '0.00', '+0', '+1', '1e0'];
    const d = dataset(`a,y\n${ys.map((v, i) => `${i},${v}`).join('\n')}\n`);
    expect(d).toMatchObject({ task: 'classification', classes: ['0', '1'] });
  });

  it('non-numeric labels stay strings', () => {
    expect(dataset('a,y\n1,b\n2,a\n3,b\n').classes).toEqual(['a', 'b']);
  });
});

describe('missing targets', () => {
  const floats = (missing: string) =>
    `a,y\n${Array.from({ length: 40 }, (_, i) => `${i},${i === 5 ? missing : (i / 7).toFixed(3)}`).join('\n')}\n`;

  it('a float target with one NA (or empty, N/A, NaN, null) is an error naming the line', () => {
    for (const missing of ['NA', 'N/A', 'NaN', 'null', 'na']) {
      expect(() => dataset(floats(missing))).toThrow(
        new UsageError(
          `f.csv: the target column 'y' is missing ('${missing}') on line 7 ` +
            '(remove the row, or pass --skip-missing to leave such rows out).',
        ),
      );
    }
    expect(() => dataset(floats(''))).toThrow(/the target column 'y' is empty on line 7 /);
    expect(() => dataset(floats('NA'), 'classification')).toThrow(/is missing \('NA'\) on line 7/);
  });

  it('with skipMissing, the rows are left out and their lines listed', () => {
    const d = dataset(floats('NA'), undefined, true);
    expect(d.task).toBe('regression');
    expect(d.skipped).toEqual([7]);
    expect(d.x).toHaveLength(39);
    expect(d.y).toHaveLength(39);
    // Rows stay aligned: feature a is the row number, y is a / 7.
    for (let i = 0; i < 39; i++) expect(d.y[i]).toBeCloseTo(d.x[i]![0]! / 7, 3);
    // A missing feature in a skipped row does not matter.
    const e = dataset('a,y\n1,0\nx,NA\n3,1\n', undefined, true);
    expect(e).toMatchObject({ x: [[1], [3]], y: [0, 1], skipped: [3] });
    expect(() => dataset('a,y\n1,NA\n2,\n', undefined, true)).toThrow(
      "f.csv: every row has a missing target 'y'.",
    );
  });
});

describe('numeric columns accept plain decimal numbers only', () => {
  it('rejects hex, binary, octal, Infinity and overflow, naming the column and line', () => {
    for (const cell of ['0x1F', '0b101', '0o7', 'Infinity', '-Infinity', '1e400', '1_000']) {
      expect(() => dataset(`a,y\n1,0\n${cell},1\n`)).toThrow(
        new RegExp(`^f\\.csv: column 'a' must be numeric, but line 3 has '${cell}'`),
      );
      expect(() => dataset(`a,y\n1,0.5\n2,${cell}\n`, 'regression')).toThrow(
        `f.csv: column 'y' must be numeric, but line 3 has '${cell}'`,
      );
    }
    // As a target without --task they are labels (strings), not numbers.
    expect(dataset('a,y\n1,0x1F\n2,31\n').classes).toEqual(['0x1F', '31']);
  });

  it('accepts signed, fractional and exponent forms', () => {
    const d = dataset('a,y\n-1.5,0\n+2,1\n.5,0\n3.,1\n1e-3,0\n-2E+2,1\n');
    expect(d.x.map((r) => r[0])).toEqual([-1.5, 2, 0.5, 3, 0.001, -200]);
  });
});

describe('the CLI', () => {
  const path = join(dir, 'na.csv');
  const rows = Array.from({ length: 12 }, (_, i) => {
    const y = i === 3 ? 'NA' : (Math.sin(i) * 2).toFixed(3);
    return `${Math.sin(i).toFixed(3)},${Math.cos(i).toFixed(3)},${y}`;
  });
  writeFileSync(path, `a,b,y\n${rows.join('\n')}\n`);

  it('exits 2 with one line naming the line of a missing target', async () => {
    const r = await run([path, '--target', 'y', '--out', join(dir, 'r1')]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `tfjs-noise-tune: error: ${path}: the target column 'y' is missing ('NA') on line 5 ` +
        '(remove the row, or pass --skip-missing to leave such rows out).',
    ]);
  });

  it('--skip-missing leaves the row out and prints the count', async () => {
    expect(parseCliArgs(['d.csv', '--target', 'y']).skipMissing).toBe(false);
    expect(parseCliArgs(['d.csv', '--target', 'y', '--skip-missing']).skipMissing).toBe(true);
    expect(USAGE).toMatch(/^ {2}--skip-missing {13}leave out rows whose target is empty/m);
    const r = await run([
      path,
      ...['--target', 'y', '--skip-missing', '--kinds', 'input', '--amounts', '0'],
      ...['--folds', '2', '--repeats', '1', '--epochs', '1', '--hidden', '2', '--workers', '0'],
      ...['--backend', 'cpu', '--progress', 'none', '--out', join(dir, 'r2')],
    ]);
    expect(r.err).toEqual([
      "tfjs-noise-tune: note: skipped 1 row with a missing target 'y' (line 5).",
    ]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/: 11 rows, 2 features; target 'y' \(regression/);
  });
});
