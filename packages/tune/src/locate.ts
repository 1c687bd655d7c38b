/**
 * Finds the package's own modules as files, for worker threads: `dist/<name>.js` in the built
 * package, `src/<name>.ts` when running from source (tsx, vitest).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `file:` URL of module `name` next to this one (`.js` if built, else `.ts`). */
export function siblingModule(name: string): string {
  for (const ext of ['.js', '.ts']) {
    const url = new URL(`./${name}${ext}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new Error(
    `@tfjs-noise/tune: cannot find its module '${name}' next to ${import.meta.url} ` +
      '(a bundler may have moved it; run searchNoise from the installed package).',
  );
}
