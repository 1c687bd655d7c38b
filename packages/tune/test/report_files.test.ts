/**
 * The report files of `--out` (results.json, cv_score.svg, standardizer.json) are written in
 * full beside their names and renamed over them: a symlink at a report file's name is replaced
 * by the file, and the file it pointed to is left as it was.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { REPORT_FILES } from '../src/cli/report';

const dir = mkdtempSync(join(tmpdir(), 'tune-report-files-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('--out report files', () => {
  it('replace a symlink at their name instead of writing through it', async () => {
    const csv = join(dir, 'd.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `${Math.sin(i)},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(csv, `a,label\n${rows.join('\n')}\n`);
    const out = join(dir, 'report');
    mkdirSync(out);
    for (const name of REPORT_FILES) {
      writeFileSync(join(dir, `outside-${name}`), 'keep me');
      symlinkSync(join(dir, `outside-${name}`), join(out, name));
    }
    const flags =
      '--kinds input --amounts 0,0.1 --peers none --folds 2 --repeats 1 --epochs 1 --hidden 2 --workers 0 --backend cpu --progress none';
    const code = await main([csv, '--target', 'label', ...flags.split(' '), '--out', out], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    for (const name of REPORT_FILES) {
      expect(readFileSync(join(dir, `outside-${name}`), 'utf8')).toBe('keep me');
      expect(lstatSync(join(out, name)).isFile()).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).tool).toBe(
      '@tfjs-noise/tune',
    );
    // No temporary file left beside them.
    expect(readdirSync(out).sort()).toEqual([...REPORT_FILES].sort());
  });
});
