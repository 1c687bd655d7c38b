/**
 * Backend selection for the examples: `--backend cpu|wasm` (default wasm), checked with the
 * other flags by `parseFlags` (flags.ts).
 * The wasm backend trains Dense, RNN and conv models in Node (its missing conv gradients are
 * registered by tfjs-noise on import).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

// tfjs's PROD flag silences its console messages, among them the "install tfjs-node" banner
// that the cpu backend prints on its first tensor in Node: the examples need no tfjs-node.
// Set here, at import, before any tensor exists.
tf.env().set('PROD', true);

export type BackendName = 'cpu' | 'wasm';

/** Activates the backend `name` (a checked `--backend` value) and returns it. */
export async function useBackend(name: string): Promise<BackendName> {
  if (name !== 'cpu' && name !== 'wasm') {
    throw new Error(`--backend must be 'cpu' or 'wasm', but got ${String(name)}.`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`could not initialise the ${name} backend.`);
  await tf.ready();
  return name;
}
