/**
 * Builds the test pages of the backend matrix with esbuild into a fresh directory: the
 * matrix page (`noise.html`: tfjs, its webgpu and wasm backends, and tfjs-noise's published
 * ESM build, packages/tfjs-noise/dist), the plain page (`plain.html`: the same without
 * tfjs-noise) and the GPU sampler page (`gpu.html`, with the tests' statistics helpers), plus the
 * wasm backend's binaries. It fails if the plain bundle contains any file of
 * tfjs-noise, if the matrix bundle lacks its built ESM, or if either holds two copies of
 * tfjs-core (a second copy would have its own layer registry). The browser benchmark
 * (bench/gpu) bundles its page with the same function and checks ({@link bundlePages}).
 */
import { copyFileSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const TFJS_NOISE = realpathSync(join(root, 'packages', 'tfjs-noise'));
const TFJS_NOISE_ENTRY = join(TFJS_NOISE, 'dist', 'index.js');

const html = (script: string, title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
  `<title>${title}</title></head><body><script type="module" src="./${script}"></script>` +
  `</body></html>\n`;

/** Absolute real paths of a bundle's files (not the Node built-ins mapped to nothing). */
function inputsOf(meta: Metafile, output: string, base: string): string[] {
  const entry = Object.entries(meta.outputs).find(([path]) => path.endsWith(output));
  if (!entry) throw new Error(`esbuild wrote no ${output}`);
  return Object.keys(entry[1].inputs)
    .filter((p) => !p.startsWith('(disabled):'))
    .map((p) => realpathSync(join(base, p)));
}

/** The one tfjs-noise source file a page may bundle: the tests' statistics helpers. */
const TEST_STATS = join(TFJS_NOISE, 'test', 'stats.ts');

function checkBundle(name: string, inputs: string[], wantsNoise: boolean): void {
  const noise = inputs.filter((p) => p.startsWith(TFJS_NOISE) && p !== TEST_STATS);
  if (wantsNoise && !inputs.includes(TFJS_NOISE_ENTRY)) {
    throw new Error(`${name} does not contain tfjs-noise's built ESM (${TFJS_NOISE_ENTRY})`);
  }
  const notBuilt = noise.filter((p) => !p.startsWith(join(TFJS_NOISE, 'dist')));
  if (notBuilt.length > 0) throw new Error(`${name} contains tfjs-noise sources: ${notBuilt[0]}`);
  if (!wantsNoise && noise.length > 0) {
    throw new Error(`${name} must be plain tfjs but contains ${noise[0]}`);
  }
  const cores = new Set(
    inputs.map((p) => /^(.*[\\/]@tensorflow[\\/]tfjs-core)[\\/]/.exec(p)?.[1]).filter(Boolean),
  );
  if (cores.size !== 1) throw new Error(`${name}: ${cores.size} copies of tfjs-core`);
}

/** One page to bundle: its entry module, its title, and whether it must contain tfjs-noise. */
export interface PageSpec {
  name: string;
  entry: string;
  title: string;
  noise: boolean;
}

/**
 * Bundles each page (`<name>.js` and `<name>.html`) into `out` from the test package (so that the
 * pages resolve its dependencies: tfjs 4.22.0), and checks each bundle: one copy of tfjs-core,
 * tfjs-noise only as its built ESM (and only in the pages that want it).
 */
export async function bundlePages(out: string, pages: PageSpec[]): Promise<void> {
  const base = join(root, 'test');
  const result = await build({
    entryPoints: Object.fromEntries(pages.map((p) => [p.name, p.entry])),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: out,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: base,
  });
  for (const p of pages) {
    checkBundle(`${p.name}.js`, inputsOf(result.metafile, `${p.name}.js`, base), p.noise);
    writeFileSync(join(out, `${p.name}.html`), html(`${p.name}.js`, p.title));
  }
}

/** Builds the pages; returns the directory to serve (the caller removes it). */
export async function buildBackendPages(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'tfjs-noise-backends-'));
  const page = (name: string, title: string, noise: boolean): PageSpec => ({
    name,
    entry: join(here, 'pages', `${name}.ts`),
    title,
    noise,
  });
  await bundlePages(out, [
    page('noise', 'tfjs-noise backend matrix', true),
    page('plain', 'plain tfjs', false),
    page('gpu', 'tfjs-noise GPU sampler', true),
  ]);
  const require = createRequire(join(root, 'test', 'package.json'));
  const wasmOut = join(
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'wasm-out',
  );
  for (const file of readdirSync(wasmOut).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(join(wasmOut, file), join(out, file));
  }
  return out;
}
