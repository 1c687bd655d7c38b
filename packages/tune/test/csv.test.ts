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
    expect(r.out[0]).toMatch(/: 11 rows, 2 features \(\w+, \w+\); target 'y' \(regression/);
  });
});

describe('columns, missing feature values and mixed labels', () => {
  const text = 'id,name,a,b,y\n1,x,0.5,1,yes\n2,y,NA,2,no\n3,z,0.7,,yes\n4,w,0.1,4,no\n';
  const opts = (o: { features?: string[]; ignore?: string[] }) =>
    toDataset(parseCsv(text, 'f.csv'), 'y', undefined, 'f.csv', o);

  it('--features and --ignore choose the columns', () => {
    const d = opts({ ignore: ['id', 'name'] });
    expect(d.features).toEqual(['a', 'b']);
    expect(opts({ features: ['b'] }).features).toEqual(['b']);
    expect(opts({ features: ['a', 'b'], ignore: ['a'] }).features).toEqual(['b']);
  });

  it('an unknown column, the target, or no feature left is one line that lists the columns', () => {
    const cols = 'columns: id, name, a, b, y';
    expect(() => opts({ features: ['c'], ignore: ['name'] })).toThrow(
      new UsageError(`--features: 'c' is not a column of f.csv (${cols}).`),
    );
    expect(() => opts({ ignore: ['nmae'] })).toThrow(
      new UsageError(`--ignore: 'nmae' is not a column of f.csv (${cols}).`),
    );
    expect(() => opts({ ignore: ['y'] })).toThrow(/--ignore: 'y' is the target/);
    expect(() => opts({ features: ['y'] })).toThrow(/--features: 'y' is the target/);
    expect(() => opts({ ignore: ['id', 'name', 'a', 'b'] })).toThrow(/no feature column is left/);
  });

  it('leaves out rows with a missing feature value and lists their lines', () => {
    const d = opts({ ignore: ['id', 'name'] });
    expect(d.x).toEqual([
      [0.5, 1],
      [0.1, 4],
    ]);
    expect(d.missingFeatures).toEqual([3, 4]);
    // Only the columns used count: without 'a', line 3 is complete.
    expect(opts({ features: ['b'] }).missingFeatures).toEqual([4]);
  });

  it('a table whose every row has a missing value is an error', () => {
    const all = 'a,y\nNA,1\n,0\n';
    expect(() => toDataset(parseCsv(all, 'f.csv'), 'y', undefined, 'f.csv')).toThrow(
      /every row has a missing target 'y' or a missing feature value/,
    );
  });

  it("numeric labels are one class by value beside labels that are not ('1' and '1.0')", () => {
    const d = dataset('a,y\n1,1\n2,1.0\n3,cat\n4,+1\n5,cat\n');
    expect(d.classes).toEqual(['1', 'cat']);
    expect(d.y).toEqual([0, 0, 1, 0, 1]);
  });

  it('the CLI says how many rows it left out, and writes nothing when none is left', async () => {
    const file = join(dir, 'missing.csv');
    writeFileSync(file, 'a,b,y\nNA,1,0\n2,,1\n');
    const out = join(dir, 'never');
    const r = await run([file, '--target', 'y', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/every row has a missing target 'y' or a missing feature value/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
    const unknown = await run([file, '--target', 'y', '--ignore', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual([
      "tfjs-noise-tune: error: --ignore: 'nope' is not a column of " +
        `${file} (columns: a, b, y).`,
    ]);
  });
});
