/**
 * Builds the test pages of the backend matrix with esbuild into a fresh directory: the
 * matrix page (`noise.html`: tfjs, its webgpu and wasm backends, and tfjs-noise's published
 * ESM build, packages/tfjs-noise/dist), the plain page (`plain.html`: the same without
 * tfjs-noise) and the GPU sampler page (`gpu.html`, with @tfjs-noise/support's sample statistics), plus the
 * wasm backend's binaries. It fails if the plain bundle contains any file of
 * tfjs-noise, if the matrix bundle lacks its built ESM, or if either holds two copies of
 * tfjs-core (a second copy would have its own layer registry): the bundler and its checks are
 * @tfjs-noise/support's `bundlePages`, which the browser benchmark (bench/gpu) uses too.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePages, type PageSpec } from '@tfjs-noise/support/browser/build_pages';

const here = dirname(fileURLToPath(import.meta.url));
const testPackage = join(here, '..', '..');

/** Builds the pages; returns the directory to serve (the caller removes it). */
export async function buildBackendPages(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'tfjs-noise-backends-'));
  const page = (name: string, title: string, noise: boolean): PageSpec => ({
    name,
    entry: join(here, 'pages', `${name}.ts`),
    title,
    noise,
  });
  await bundlePages(
    out,
    [
      page('noise', 'tfjs-noise backend matrix', true),
      page('plain', 'plain tfjs', false),
      page('gpu', 'tfjs-noise GPU sampler', true),
    ],
    testPackage,
  );
  const require = createRequire(join(testPackage, 'package.json'));
  const wasmOut = join(
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'wasm-out',
  );
  for (const file of readdirSync(wasmOut).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(join(wasmOut, file), join(out, file));
  }
  return out;
}
