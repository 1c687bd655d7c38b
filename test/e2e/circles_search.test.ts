import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// Smoke test of examples/circles_search/main.ts with tiny settings, so the example cannot rot. The
// full run (10 seeds x 1000 epochs) takes 10-15 minutes; its numbers are in the README.
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

it('the circles example prints per-seed results and the summary', async () => {
  // Asynchronous, so the test worker's event loop stays free for vitest's RPC.
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'circles_search/main.ts',
      ...['--seeds', '11', '--epochs', '3', '--hidden', '8', '--grid', '0,0.1'],
      ...['--folds', '3', '--workers', '0', '--backend', 'cpu', '--fresh', '100'],
    ],
    { cwd: pkg, encoding: 'utf8' },
  );
  expect(out).toMatch(/^seed 1000: CV picks (0|0\.1) -> test \d+\.\d%; best on test \d+\.\d%/m);
  expect(out).toMatch(/^CV-chosen stddev: +\d+\.\d% mean test accuracy$/m);
  expect(out).toMatch(
    /^best single stddev of the grid on test: \d+\.\d% \(stddev [\d.]+\); gap -?\d+\.\d points \(SE \d+\.\d over the seeds\)$/m,
  );
  expect(out).toMatch(/^seed 1000: .*; fresh \d+\.\d \d+\.\d \(/m);
  expect(out).toMatch(/^the same on 100 fresh points per seed:$/m);
  expect(out).toMatch(/^best single stddev of the grid on fresh: \d+\.\d%/m);
  expect(out).toMatch(/^claim \(.*, mean over 11 seeds\): (holds|does NOT hold)$/m);
  // With more than 10 seeds: one line per complete set of 10 seeds (here only 1000-1009).
  expect(out).toMatch(
    /^seeds 1000-1009: gap on test -?\d+\.\d points \(SE \d+\.\d\): (holds|does NOT hold); on fresh data -?\d+\.\d \(SE \d+\.\d\)$/m,
  );
  expect(out).not.toMatch(/^seeds 1010-/m);
});
