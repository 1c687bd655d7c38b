/**
 * Backend choice: webgl where available, else wasm, else cpu. The wasm binaries are bundled by
 * Vite (`?url` imports copy them into the build output), so nothing is fetched from a CDN.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmSimdThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdThreaded,
});

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKENDS as readonly string[]).includes(name);
}

/**
 * Whether a backend can run here, without initialising it: WebGL needs a context (headless
 * browsers started with --disable-gpu often have none), wasm needs WebAssembly.
 */
export function backendAvailable(name: BackendName): boolean {
  if (name === 'cpu') return true;
  if (name === 'wasm') return typeof WebAssembly === 'object';
  try {
    const canvas = document.createElement('canvas');
    return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) != null;
  } catch {
    return false;
  }
}

/**
 * Activates `wanted` if given, else the first available of webgl, wasm, cpu, and returns the
 * backend in use.
 */
export async function activateBackend(wanted?: BackendName): Promise<BackendName> {
  const order: BackendName[] = wanted
    ? [wanted, ...BACKENDS.filter((b) => b !== wanted)]
    : [...BACKENDS];
  for (const name of order) {
    if (!backendAvailable(name)) continue;
    if (tf.getBackend() === name) return name;
    if (await tf.setBackend(name)) {
      await tf.ready();
      return name;
    }
  }
  throw new Error('no tfjs backend could be initialised');
}
