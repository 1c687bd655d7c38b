/**
 * The tfjs backends a search runs on. `cpu` comes with `@tensorflow/tfjs`; `wasm` is an optional
 * peer dependency (`@tensorflow/tfjs-backend-wasm`), imported only when it is asked for. Light:
 * the CLI's flag checks use this module before tfjs is loaded.
 */
import { createRequire } from 'node:module';
import type { BackendName } from './job';

const WASM = '@tensorflow/tfjs-backend-wasm';

/** True if the optional `@tensorflow/tfjs-backend-wasm` is installed (resolvable from here). */
export function hasWasm(): boolean {
  try {
    createRequire(import.meta.url).resolve(WASM);
    return true;
  } catch {
    return false;
  }
}

/** The installed tfjs-core's version (read from its package.json, without loading tfjs). */
function coreVersion(): string {
  try {
    return createRequire(import.meta.url)('@tensorflow/tfjs-core/package.json').version;
  } catch {
    return '<your tfjs-core version>';
  }
}

/** The default backend: `wasm` if `@tensorflow/tfjs-backend-wasm` is installed, else `cpu`. */
export function defaultBackend(): BackendName {
  return hasWasm() ? 'wasm' : 'cpu';
}

/** What to do when the wasm backend is asked for but not installed (`what`: who asked). */
export function wasmMissing(what: string): string {
  return (
    `${what} needs ${WASM}, an optional peer dependency of @tfjs-noise/tune that is not ` +
    `installed: npm install ${WASM}@${coreVersion()} (the version of your tfjs-core), or use ` +
    'the cpu backend.'
  );
}

/** Imports (registers) the backend `name`; `what` names the caller in the missing-wasm error. */
export async function importBackend(name: BackendName, what: string): Promise<void> {
  if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
    return;
  }
  if (!hasWasm()) throw new Error(wasmMissing(what));
  await import('@tensorflow/tfjs-backend-wasm');
}
