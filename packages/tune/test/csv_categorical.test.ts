/**
 * Categorical columns in the CLI's CSV reading: text columns one-hot encoded (categories from
 * every row's feature values, a missing value its own category), --categorical for numeric
 * codes, a mixed column and too many categories clear errors, and the report's first line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args';
import { parseCsv, toDataset } from '../src/cli/csv';
import { main } from '../src/cli/main';
import { MAX_CATEGORIES } from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'tune-csv-cat-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const dataset = (text: string, categorical: string[] = []) =>
  toDataset(parseCsv(text, 'f.csv'), 'y', undefined, 'f.csv', { categorical });

describe('text columns are one-hot encoded', () => {
  it('encodes each category as a 0/1 input, in sorted order, missing last', () => {
    const d = dataset(
      'a,island,sex,y\n1,Dream,MALE,0\n2,Biscoe,,1\n3,Dream,FEMALE,0\n4,Torgersen,NA,1\n',
    );
    expect(d.features).toEqual(['a', 'island', 'sex']);
    expect(d.columns).toEqual([
      { name: 'a', kind: 'numeric' },
      { name: 'island', kind: 'categorical', categories: ['Biscoe', 'Dream', 'Torgersen'] },
      { name: 'sex', kind: 'categorical', categories: ['FEMALE', 'MALE', null] },
    ]);
    expect(d.inputs).toEqual([
      'a',
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'sex=FEMALE',
      'sex=MALE',
      'sex=(missing)',
    ]);
    expect(d.categorical).toEqual([1, 2, 3, 4, 5, 6]);
    // Rows with a missing category are kept: missing is a category of its own.
    expect(d.x).toEqual([
      [1, 0, 1, 0, 0, 1, 0],
      [2, 1, 0, 0, 0, 0, 1],
      [3, 0, 1, 0, 1, 0, 0],
      [4, 0, 0, 1, 0, 0, 1],
    ]);
    expect(d.missingFeatures).toEqual([]);
  });

  it('--categorical encodes numeric codes, by value', () => {
    const d = dataset('a,code,y\n1,3,0\n2,1,1\n3,3.0,0\n4,10,1\n', ['code']);
    expect(d.columns[1]).toEqual({
      name: 'code',
      kind: 'categorical',
      categories: ['1', '3', '10'],
    });
    expect(d.x.map((r) => r.slice(1))).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(parseCliArgs(['d.csv', '--target', 'y', '--categorical', 'a,b']).categorical).toEqual([
      'a',
      'b',
    ]);
  });

  it('refuses --categorical of a column that is not a feature', () => {
    expect(() => dataset('a,b,y\n1,2,0\n', ['y'])).toThrow(
      "--categorical: 'y' is not a feature column (the target, or left out) (features: a, b).",
    );
    expect(() => dataset('a,b,y\n1,2,0\n', ['c'])).toThrow(/--categorical: 'c' is not a column/);
  });

  it('a column of numbers with a text value is an error naming the line', () => {
    expect(() => dataset('a,b,y\n1,2,0\n2,four,1\n')).toThrow(
      "f.csv: column 'b' must be numeric, but line 3 has 'four' (its other values are numbers: a typo? or pass --categorical b to treat its values as categories, or leave it out with --ignore b).",
    );
  });

  it(`more than ${MAX_CATEGORIES} categories is an error suggesting --ignore`, () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},name${i},${i % 2}`).join('\n');
    expect(() => dataset(`a,name,y\n${rows}\n`)).toThrow(
      "f.csv: column 'name' has 60 distinct values, more than 50 for a categorical column (a name or id column? leave it out with --ignore name).",
    );
  });

  it('still leaves out rows with a missing numeric feature', () => {
    const d = dataset('a,c,y\n1,u,0\nNA,v,1\n3,v,1\n');
    expect(d.missingFeatures).toEqual([3]);
    expect(d.x).toEqual([
      [1, 1, 0],
      [3, 0, 1],
    ]);
  });
});

describe('the CLI with a text column', () => {
  it('says in its first line what was encoded and how many inputs it made', async () => {
    const path = join(dir, 'cat.csv');
    const body = Array.from(
      { length: 16 },
      (_, i) => `${(i * 0.37) % 1},${['red', 'green', ''][i % 3]},${i % 2 ? 'yes' : 'no'}`,
    );
    writeFileSync(path, `a,colour,y\n${body.join('\n')}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      [
        path,
        ...['--target', 'y', '--kinds', 'input', '--amounts', '0,0.1', '--folds', '2'],
        ...['--repeats', '1', '--epochs', '1', '--hidden', '2', '--workers', '0'],
        ...['--backend', 'cpu', '--progress', 'none', '--out', join(dir, 'r')],
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toContain(
      '2 features (a, colour); one-hot encoded: colour (3 categories, one for missing values): 4 inputs;',
    );
  });
});
