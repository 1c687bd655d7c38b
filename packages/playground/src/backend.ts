/**
 * Backend choice. The menu offers webgl, webgpu (where the browser has `navigator.gpu`), wasm
 * and cpu; without a choice the page takes the first that starts of webgl, wasm, cpu. The wasm
 * binaries are bundled by Vite (`?url` imports copy them into the build output), so nothing is
 * fetched from a CDN.
 *
 * The backend is chosen once per page load, before any model is built: tfjs-layers keeps the
 * epsilon of the first backend it asks (1e-4 on a WebGL that renders to float16 textures, 1e-7
 * elsewhere), so a page that used webgl and then trained on cpu would clip its losses with
 * webgl's epsilon. Switching therefore reloads the page (see main.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmSimdThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';

export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The order tried when the page has no choice (webgpu only when asked for). */
const AUTO: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdThreaded,
});

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKENDS as readonly string[]).includes(name);
}

/** Whether the backend compiles shaders (its first training step takes seconds). */
export function isGpuBackend(name: BackendName): boolean {
  return name === 'webgl' || name === 'webgpu';
}

/**
 * Whether a backend can run here, without initialising it: WebGL needs a context (headless
 * browsers without a software renderer have none), WebGPU needs `navigator.gpu` (a secure
 * context; whether an adapter exists shows only when it starts), wasm needs WebAssembly.
 */
export function backendAvailable(name: BackendName): boolean {
  if (name === 'cpu') return true;
  if (name === 'wasm') return typeof WebAssembly === 'object';
  if (name === 'webgpu') return (navigator as { gpu?: unknown }).gpu != null;
  try {
    const canvas = document.createElement('canvas');
    return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) != null;
  } catch {
    return false;
  }
}

/**
 * Activates `wanted` if given and it starts, else the first of webgl, wasm, cpu that starts, and
 * returns the backend in use. Call it before building any model.
 */
export async function activateBackend(wanted?: BackendName): Promise<BackendName> {
  const order = wanted ? [wanted, ...AUTO.filter((b) => b !== wanted)] : AUTO;
  for (const name of order) {
    if (!backendAvailable(name)) continue;
    if (await tf.setBackend(name)) {
      await tf.ready();
      return name;
    }
  }
  throw new Error('no tfjs backend could be initialised');
}
