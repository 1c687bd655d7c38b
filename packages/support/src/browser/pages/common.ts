/**
 * What both test pages share: backend choice, the inputs every case predicts on, and the bits of
 * a prediction. Plain tfjs only: the plain page imports this module and must not contain
 * tfjs-noise.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

/** The backends of the matrix. */
export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Input layouts of the cases: 2 features, or a sequence of 6 steps of 1 feature. */
export type InputKind = 'flat' | 'sequence';

/** What the page found out about its backend. */
export interface BackendInfo {
  /** `tf.getBackend()` after activation. */
  backend: string;
  /** Backends the engine has initialised so far (should be only the chosen one). */
  initialised: string[];
  /** `tf.backend().epsilon()` and `floatPrecision()`. */
  epsilon: number;
  floatPrecision: number;
  /** The epsilon that tfjs-layers uses (and caches from the first backend that answers it). */
  layersEpsilon: number;
  /** WebGL renderer or WebGPU adapter, where the page can tell. */
  device: string;
}

/**
 * The epsilon that tfjs-layers has cached, read through a public function that uses it:
 * `tf.metrics.binaryCrossentropy` clips predictions to [eps, 1 - eps], so for a target of 1 and
 * a prediction of 0 it returns -log(eps). (Reading it caches it, like any tfjs-layers call.)
 */
export async function layersEpsilon(): Promise<number> {
  const loss = tf.tidy(() => tf.metrics.binaryCrossentropy(tf.tensor2d([[1]]), tf.tensor2d([[0]])));
  // Asynchronous read: the webgpu backend's dataSync() returns zeros under SwiftShader.
  const value = (await loss.data())[0] as number;
  loss.dispose();
  return Math.exp(-value);
}

async function deviceName(name: BackendName): Promise<string> {
  if (name === 'webgl') {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  }
  if (name === 'webgpu') {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = (await gpu?.requestAdapter()) as
      | { info?: { vendor?: string; architecture?: string } }
      | null
      | undefined;
    return adapter ? `${adapter.info?.vendor ?? '?'} ${adapter.info?.architecture ?? '?'}` : 'none';
  }
  return name;
}

/**
 * Makes `name` the backend before anything else touches tfjs, and throws if it cannot: a
 * backend that fails to start must fail the test, not fall back to another one.
 */
export async function useBackend(name: BackendName): Promise<BackendInfo> {
  if (name === 'wasm') setWasmPaths('./'); // the .wasm files sit next to the bundle
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  if (tf.getBackend() !== name) {
    throw new Error(`asked for the ${name} backend, got ${tf.getBackend()}`);
  }
  const registry = (tf.engine() as unknown as { registry: Record<string, unknown> }).registry;
  return {
    backend: tf.getBackend(),
    initialised: Object.keys(registry),
    epsilon: tf.backend().epsilon(),
    floatPrecision: tf.backend().floatPrecision(),
    layersEpsilon: await layersEpsilon(),
    device: await deviceName(name),
  };
}

/** N samples of the inputs of a case, the same on every page: a fixed grid-like pattern. */
export const N = 64;

/** The inputs of a case: deterministic values in [-1, 1] (no random source involved). */
export function inputValues(kind: InputKind): { values: Float32Array; shape: number[] } {
  const width = kind === 'flat' ? 2 : 6;
  const values = new Float32Array(N * width);
  for (let i = 0; i < values.length; i++) {
    // A low-discrepancy sequence: well spread and exactly reproducible.
    values[i] = ((i * 0.6180339887498949 + 0.1) % 1) * 2 - 1;
  }
  return { values, shape: kind === 'flat' ? [N, 2] : [N, 6, 1] };
}

/** The inputs of a case as a tensor. */
export function inputs(kind: InputKind): tf.Tensor {
  const { values, shape } = inputValues(kind);
  return tf.tensor(values, shape);
}

/** The float32 bits of a model's predictions, so that the test compares them exactly. */
export async function predictionBits(model: tf.LayersModel, x: tf.Tensor): Promise<number[]> {
  const y = model.predict(x) as tf.Tensor;
  try {
    const data = (await y.data()) as Float32Array;
    return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
  } finally {
    y.dispose();
  }
}

/** Where a case's models live in IndexedDB. */
export const idbUrl = (name: string, stripped: boolean): string =>
  `indexeddb://tfjs-noise-matrix-${name}${stripped ? '-stripped' : ''}`;
