/**
 * Backend selection for the examples: `--backend cpu|wasm` (default wasm).
 * The wasm backend trains Dense and RNN models in Node; it lacks conv training kernels.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'cpu' | 'wasm';

/** Reads `--backend` from argv, activates it and returns its name. */
export async function useBackend(argv: string[] = process.argv.slice(2)): Promise<BackendName> {
  const i = argv.indexOf('--backend');
  const name = i >= 0 ? argv[i + 1] : 'wasm';
  if (name !== 'cpu' && name !== 'wasm') {
    throw new Error(`--backend must be 'cpu' or 'wasm', but got ${String(name)}.`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`could not initialise the ${name} backend.`);
  await tf.ready();
  return name;
}

/** Value of a numeric flag `--name value`, or `fallback`. */
export function numberFlag(name: string, fallback: number, argv = process.argv.slice(2)): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, but got ${argv[i + 1]}.`);
  return v;
}
