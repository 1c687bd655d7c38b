/**
 * Bundles browser pages with esbuild and checks each bundle: the test pages of the backend matrix
 * (test/support/browser/build_pages.ts) and the browser benchmark's page (bench/gpu/build.ts).
 * A bundle fails if a page that must be plain tfjs contains any file of tfjs-noise, if a page
 * with tfjs-noise lacks its published ESM build (packages/tfjs-noise/dist) or contains its
 * sources, or if it holds two copies of tfjs-core (a second copy would have its own layer
 * registry).
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';

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

/** The folder of tfjs-noise as the package `base` resolves it (its real path). */
function tfjsNoiseOf(base: string): string {
  const require = createRequire(join(base, 'package.json'));
  return realpathSync(dirname(require.resolve('tfjs-noise/package.json')));
}

function checkBundle(name: string, inputs: string[], wantsNoise: boolean, base: string): void {
  const TFJS_NOISE = tfjsNoiseOf(base);
  const TFJS_NOISE_ENTRY = join(TFJS_NOISE, 'dist', 'index.js');
  const noise = inputs.filter((p) => p.startsWith(TFJS_NOISE));
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
 * Bundles each page (`<name>.js` and `<name>.html`) into `out` from the package folder `base`
 * (test/ or bench/: the pages resolve its dependencies, tfjs 4.22.0 and tfjs-noise), and checks
 * each bundle: one copy of tfjs-core, tfjs-noise only as its built ESM (and only in the pages
 * that want it).
 */
export async function bundlePages(out: string, pages: PageSpec[], base: string): Promise<void> {
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
    checkBundle(`${p.name}.js`, inputsOf(result.metafile, `${p.name}.js`, base), p.noise, base);
    writeFileSync(join(out, `${p.name}.html`), html(`${p.name}.js`, p.title));
  }
}
