/**
 * Noise drawn on the GPU. On the webgl and webgpu backends, `tfn.random.normal` and `uniform`
 * run a shader (`gpu/`) that computes every sample from (key, element index) with Threefry-2x32
 * (`threefry.ts`): one dispatch per tensor, and no sample is made on the CPU or uploaded.
 *
 * The shaders are two tfjs kernels, `TfnRandomNormal` and `TfnRandomUniform`, registered for the
 * backends named `webgl` and `webgpu`, so they show in `tf.profile` like any other kernel. Before
 * the first draw on a backend, and once per backend object, the sampler checks that the backend has
 * what it needs (WebGL2's GLSL ES 3.00; the webgpu program runner). If it does not, or if the
 * shader fails to compile, that backend uses the CPU sampler from then on, with one
 * `console.warn` saying why and no error for the user.
 */
import {
  backend as currentBackend,
  engine,
  env,
  getBackend,
  getKernel,
  type KernelBackend,
  type NamedAttrMap,
  registerKernel,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { Distribution } from './gpu/shader_source';
import { drawWebGL, isWebGLBackend } from './gpu/webgl_program';
import { drawWebGPU, isWebGPUBackend } from './gpu/webgpu_program';
import type { NoiseKey } from './noise_key';
import { wasmSamplerInUse } from './sampler';
import { counterWords } from './threefry';

/** The tfjs kernel names of the GPU samplers. */
export const GPU_KERNELS: Readonly<Record<Distribution, string>> = {
  normal: 'TfnRandomNormal',
  uniform: 'TfnRandomUniform',
};

/** The backends (by registered name) that have a GPU sampler. */
export const GPU_BACKENDS = ['webgl', 'webgpu'] as const;

/** Attributes of a sampler kernel: the flat size, the key's counter words, the affine map. */
interface DrawAttrs {
  size: number;
  k0: number;
  k1: number;
  k2: number;
  a: number;
  b: number;
}

function kernelFor(distribution: Distribution) {
  return ({ backend, attrs }: { backend: unknown; attrs?: NamedAttrMap }): TensorInfo => {
    const { size, k0, k1, k2, a, b } = attrs as unknown as DrawAttrs;
    const words = [k0, k1, k2] as const;
    if (isWebGPUBackend(backend)) return drawWebGPU(backend, distribution, size, words, a, b);
    if (isWebGLBackend(backend)) return drawWebGL(backend, distribution, size, words, a, b);
    throw new Error(`${GPU_KERNELS[distribution]}: the backend has no GPU program interface.`);
  };
}

for (const backendName of GPU_BACKENDS) {
  for (const distribution of ['normal', 'uniform'] as const) {
    const kernelName = GPU_KERNELS[distribution];
    if (getKernel(kernelName, backendName) === undefined) {
      registerKernel({ kernelName, backendName, kernelFunc: kernelFor(distribution) });
    }
  }
}

let enabled = true;

/** Per backend object: whether its GPU sampler works (absent: not checked yet). */
const usable = new WeakMap<object, boolean>();

/** Why a backend cannot use its GPU sampler, or null if it can (or has none to try). */
function missing(b: KernelBackend, name: string): string | null {
  if (isWebGPUBackend(b)) return null;
  if (isWebGLBackend(b)) {
    let version: number;
    try {
      version = env().getNumber('WEBGL_VERSION');
    } catch {
      return 'its WebGL version is unknown (no WEBGL_VERSION flag)';
    }
    return version === 2 ? null : `WebGL ${version} has no 32-bit unsigned integers in shaders`;
  }
  return `the backend registered as ${JSON.stringify(name)} has no GPU program interface`;
}

function fallBack(b: KernelBackend, name: string, why: string): void {
  usable.set(b, false);
  console.warn(
    `tfjs-noise: noise on the ${JSON.stringify(name)} backend is drawn on the CPU and uploaded ` +
      `(the GPU sampler is unavailable: ${why}).`,
  );
}

/** Whether draws on the current backend go to its GPU sampler (checks the backend once). */
function gpuUsable(): boolean {
  if (!enabled) return false;
  const name = getBackend();
  if (getKernel(GPU_KERNELS.normal, name) === undefined) return false;
  const b = currentBackend();
  const known = usable.get(b);
  if (known !== undefined) return known;
  const why = missing(b, name);
  if (why !== null) {
    fallBack(b, name, why);
    return false;
  }
  usable.set(b, true);
  return true;
}

/**
 * Runs one draw on the first use of a webgpu backend inside a validation error scope: a WGSL
 * compile error is reported asynchronously there, and turns the sampler off for later draws.
 */
function watchFirstDraw(b: KernelBackend, name: string, draw: () => Tensor): Tensor {
  const device = isWebGPUBackend(b) ? b.device : undefined;
  if (!device?.pushErrorScope || !device.popErrorScope) return draw();
  device.pushErrorScope('validation');
  try {
    return draw();
  } finally {
    device.popErrorScope().then(
      (error) => {
        if (error) fallBack(b, name, error.message);
      },
      () => undefined,
    );
  }
}

const checkedFirstDraw = new WeakSet<object>();

/**
 * Draws `size` samples of `distribution` for `key` on the current backend's GPU sampler, as a flat
 * float32 tensor; null when the backend has none (or it failed), and the caller samples on the CPU.
 *
 * @param a Mean (normal) or low (uniform).
 * @param b Standard deviation (normal) or high (uniform).
 */
export function gpuDraw(
  distribution: Distribution,
  size: number,
  key: NoiseKey,
  a: number,
  b: number,
): Tensor | null {
  if (size === 0 || !gpuUsable()) return null;
  const [k0, k1, k2] = counterWords(key);
  const attrs: DrawAttrs = { size, k0, k1, k2, a, b };
  const draw = () =>
    engine().runKernel(GPU_KERNELS[distribution], {}, attrs as unknown as NamedAttrMap) as Tensor;
  const backendObject = currentBackend();
  const name = getBackend();
  try {
    if (checkedFirstDraw.has(backendObject)) return draw();
    checkedFirstDraw.add(backendObject);
    return watchFirstDraw(backendObject, name, draw);
  } catch (e) {
    fallBack(backendObject, name, e instanceof Error ? e.message : String(e));
    return null;
  }
}

/**
 * Turns the GPU samplers on (the default) or off. Off, the webgl and webgpu backends draw noise
 * with the CPU sampler and upload it, as the cpu and wasm backends' tensors are made; the
 * samples then equal those of the other backends. Turn it off only to compare, or to get the
 * same noise on every backend.
 *
 * @example
 * ```ts
 * tfn.random.useGpuSampler(false); // draw on the CPU, on every backend
 * tfn.random.useGpuSampler(true); // back to shaders on webgl and webgpu
 * ```
 *
 * @param on Whether to draw in a shader where the backend allows it.
 */
export function useGpuSampler(on: boolean): void {
  if (typeof on !== 'boolean') {
    throw new Error(`useGpuSampler expects a boolean, but got ${String(on)}.`);
  }
  enabled = on;
}

/**
 * What draws the samples: a GPU shader, the WebAssembly ziggurat or the JavaScript one.
 *
 * @example
 * ```ts
 * const kind: tfn.random.SamplerKind = tfn.random.activeSampler();
 * if (kind !== 'gpu') console.log(`noise is drawn on the CPU (${kind}) and uploaded`);
 * ```
 */
export type SamplerKind = 'gpu' | 'wasm' | 'js';

/**
 * Which sampler `tfn.random.normal` and `uniform` use on the current backend: `'gpu'` on webgl
 * and webgpu (unless turned off with {@link useGpuSampler}, or the backend lacks what the shader
 * needs), else the CPU sampler: `'wasm'` (the WebAssembly ziggurat) or `'js'`. It checks the
 * current backend once, as its first draw would.
 *
 * @example
 * ```ts
 * await tf.setBackend('cpu');
 * console.log(tfn.random.activeSampler()); // wasm, or js where WebAssembly cannot load
 * ```
 */
export function activeSampler(): SamplerKind {
  if (gpuUsable()) return 'gpu';
  return wasmSamplerInUse() ? 'wasm' : 'js';
}
