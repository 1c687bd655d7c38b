/**
 * The shape of the cross-package test tree: `test/e2e/` holds only test files
 * (`test/e2e/<name>.test.ts`, no subfolder of code), and the code they share (child processes,
 * models and their file IO, the browser, its pages) lives in `test/support/`, where no file is a
 * test. A helper dropped beside the tests, or a test hidden among the helpers, fails here.
 *
 * Files that are not TypeScript (the playground test's screenshots in the ignored
 * `test/e2e/output/`) are not checked.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every `.ts` file under `dir`, relative to `test/`, with `/` separators (no node_modules). */
function tsFiles(dir: string): string[] {
  return readdirSync(join(TEST, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.split(sep).includes('node_modules'))
    .map((f) =>
      relative(TEST, join(TEST, dir, f))
        .split(sep)
        .join('/'),
    )
    .sort();
}

/** The files of `files` that break the rule `ok`. */
const breaking = (files: string[], ok: (file: string) => boolean) => files.filter((f) => !ok(f));

describe('test tree', () => {
  it('test/e2e holds only *.test.ts files, directly (helpers go to test/support)', () => {
    const files = tsFiles('e2e');
    expect(breaking(files, (f) => /^e2e\/[^/]+\.test\.ts$/.test(f))).toEqual([]);
    expect(files.length).toBeGreaterThan(5); // not vacuous: the folder was read
  });

  it('test/support holds no test file', () => {
    const files = tsFiles('support');
    expect(breaking(files, (f) => !f.endsWith('.test.ts'))).toEqual([]);
    expect(files.length).toBeGreaterThan(5);
  });
});
