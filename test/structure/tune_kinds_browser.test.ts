/**
 * `@tfjs-noise/tune/kinds` (the registry of noise kinds) stays loadable in a browser: bundled
 * with esbuild for the browser platform, as the package's `exports` resolve it (ESM `import` and
 * CJS `require`), its module graph imports no Node built-in (`node:*`, `fs`, `worker_threads`,
 * ...), no tfjs (`@tensorflow/*`) and not tfjs-noise: nothing but files of tune's `dist/`. The
 * playground and the circles example read the kinds from it. Needs tune built (`pnpm build`, as
 * before every test run).
 *
 * The same check run on `@tfjs-noise/tune` (the Node workflow) finds its Node and tfjs imports,
 * so the check can fail.
 */
import { builtinModules } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TUNE_DIST = join(ROOT, 'packages', 'tune', 'dist') + sep;

/** Import specifiers a browser module must not reach. */
function forbidden(specifier: string): boolean {
  const bare = specifier.replace(/^node:/, '').split('/')[0] as string;
  return (
    specifier.startsWith('node:') ||
    builtinModules.includes(bare) ||
    specifier.startsWith('@tensorflow/') ||
    /^tfjs-noise(\/|$)/.test(specifier)
  );
}

/**
 * Bundles `source` (which imports `specifier`) for the browser; returns the forbidden imports
 * met on the way (left external, so the check is fast and names them all) and the files bundled.
 */
async function browserBundle(
  specifier: string,
  format: 'esm' | 'cjs',
): Promise<{ reached: string[]; inputs: string[] }> {
  const reached: string[] = [];
  const record: Plugin = {
    name: 'record-forbidden',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!forbidden(args.path)) return undefined;
        reached.push(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  const contents =
    format === 'esm'
      ? `export * from '${specifier}';`
      : `module.exports = require('${specifier}');`;
  const result = await build({
    stdin: { contents, resolveDir: join(ROOT, 'test'), sourcefile: `entry.${format}.js` },
    bundle: true,
    write: false,
    platform: 'browser',
    format,
    metafile: true,
    logLevel: 'silent',
    plugins: [record],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('entry.'))
    .map((p) => resolve(ROOT, 'test', p));
  return { reached: [...new Set(reached)].sort(), inputs };
}

describe('@tfjs-noise/tune/kinds in a browser', () => {
  for (const format of ['esm', 'cjs'] as const) {
    it(`imports no Node built-in, no tfjs and not tfjs-noise (${format})`, async () => {
      const { reached, inputs } = await browserBundle('@tfjs-noise/tune/kinds', format);
      expect(reached).toEqual([]);
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.filter((p) => !p.startsWith(TUNE_DIST))).toEqual([]);
    });
  }

  it("finds the Node and tfjs imports of tune's root, which is not for browsers", async () => {
    const { reached } = await browserBundle('@tfjs-noise/tune', 'esm');
    expect(reached.some((s) => s.startsWith('node:') || builtinModules.includes(s))).toBe(true);
    expect(reached.some((s) => s.startsWith('@tensorflow/'))).toBe(true);
  });
});
