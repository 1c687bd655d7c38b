/**
 * Every test file of this tree is in exactly one tier (support/tiers.ts): a new test file that
 * no tier names would silently never run, since `vitest run` runs the tiers' files only.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TIERS } from '../support/tiers';

const TEST = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every `*.test.ts` file under test/, relative to it, with `/` separators (no node_modules). */
function testFiles(): string[] {
  return readdirSync(TEST, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && !f.split(sep).includes('node_modules'))
    .map((f) => relative(TEST, join(TEST, f)).split(sep).join('/'))
    .sort();
}

describe('test tiers', () => {
  it('name every test file exactly once, and only files that exist', () => {
    const files = testFiles();
    const named = Object.values(TIERS).flat() as string[];
    expect(files.filter((f) => !named.includes(f))).toEqual([]); // in no tier
    expect(named.filter((f, i) => named.indexOf(f) !== i)).toEqual([]); // in two tiers
    expect(named.filter((f) => !files.includes(f))).toEqual([]); // no such file
    expect(files.length).toBeGreaterThan(20); // not vacuous: the tree was read
  });
});
