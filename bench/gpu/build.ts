/**
 * Builds the browser benchmark page (`gpu.html` and `gpu.js`) into a fresh directory, with the
 * bundler and the checks of the test pages (@tfjs-noise/support's `bundlePages`): tfjs-noise only
 * as its built ESM, one copy of tfjs-core.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePages } from '@tfjs-noise/support/browser/build_pages';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the page; returns the directory to serve (the caller removes it). */
export async function buildGpuBenchPage(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'tfjs-noise-gpu-bench-'));
  await bundlePages(
    out,
    [
      {
        name: 'gpu',
        entry: join(here, 'page.ts'),
        title: 'tfjs-noise browser benchmark',
        noise: true,
      },
    ],
    join(here, '..'),
  );
  return out;
}
