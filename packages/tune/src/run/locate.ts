/**
 * Finds the package's own modules as files, for worker threads: `dist/<name>.js` in the built
 * package (every module is bundled into `dist/`), `src/<folder>/<name>.ts` when running from
 * source (tsx, vitest), next to the module that asks.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The `file:` URL of module `name` next to the module at `base` (pass `import.meta.url`): `.js`
 * if built, else `.ts`.
 */
export function siblingModule(name: string, base: string): string {
  for (const ext of ['.js', '.ts']) {
    const url = new URL(`./${name}${ext}`, base);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new Error(
    `@tfjs-noise/tune: cannot find its module '${name}' next to ${base} ` +
      '(a bundler may have moved it; run searchNoise from the installed package).',
  );
}
