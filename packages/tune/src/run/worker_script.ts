/**
 * How the search starts its worker threads: the worker script directly, or, when the script or
 * the builder module is TypeScript (running from source), through a small bootstrap that first
 * registers tsx in the thread. (On Node 20, `--import tsx` in a worker's `execArgv` does not
 * register tsx there: tsx registers itself on the main thread only.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTypeScriptModule } from './builder';
import { siblingModule } from './locate';

/** The first argument of `new Worker` and whether it is code (`eval: true`). */
export interface WorkerScript {
  /** URL of the worker script, or bootstrap code. */
  script: URL | string;
  /** True if `script` is code. */
  eval: boolean;
}

/** Locates the worker script (`worker.js` if built, else `worker.ts`) and how to start it. */
export function workerScript(builderModule: string): WorkerScript {
  const url = new URL(siblingModule('worker', import.meta.url));
  if (!isTypeScriptModule(url.href) && !isTypeScriptModule(builderModule)) {
    return { script: url, eval: false };
  }
  const api = tsxApi(isTypeScriptModule(builderModule) ? builderModule : url.href);
  const code =
    `import(${JSON.stringify(api)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script: code, eval: true };
}

/** The `file:` URL of tsx's ESM register API (`tsx/esm/api`, import condition). */
function tsxApi(module: string): string {
  try {
    const require = createRequire(import.meta.url);
    const pkgPath = require.resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    };
    const entry = pkg.exports['./esm/api']?.import.default;
    if (!entry) throw new Error('tsx has no ./esm/api export');
    return pathToFileURL(join(dirname(pkgPath), entry)).href;
  } catch (err) {
    throw new Error(
      `searchNoise: the TypeScript module ${module} needs the tsx package in worker threads ` +
        `(${(err as Error).message}); install tsx or build the module to JavaScript.`,
    );
  }
}
