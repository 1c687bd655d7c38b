/**
 * The GPU sampler's reference generator and its plumbing, in Node. The shaders themselves run in
 * headless Chromium (test/e2e/gpu_sampler.test.ts); here, stand-in backends registered as
 * `webgl` and `webgpu` (the cpu backend plus the one program method each sampler calls) check what
 * the sampler hands to the backend, what it returns, and every way it falls back to the CPU.
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  correlation,
  ksCritical,
  ksStatistic,
  moments,
  normalCdf,
} from '@tfjs-noise/support/samples';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  activeSampler,
  fillNormal,
  fillUniform,
  normal,
  uniform,
  useGpuSampler,
  useWasmSampler,
} from '../src/random/index';
import { counterWords, normalAt, threefry2x32, uniformAt } from '../src/random/threefry';

describe('Threefry-2x32-20, the GPU samplers reference', () => {
  it('gives the known answers of Random123 (kat_vectors)', () => {
    // threefry2x32 20 <counter> <key> -> <output>, from the Random123 distribution's tests.
    expect(threefry2x32(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    const ones = 0xffffffff;
    expect(threefry2x32(ones, ones, ones, ones)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)).toEqual([
      0xc4923a9c, 0x483df7a0,
    ]);
  });

  it('normalAt is N(0, 1) and uniformAt U(0, 1) on a 24-bit grid (2e5 samples each)', () => {
    // Tolerances: 5 standard errors for the moments, KS at alpha = 1e-4 (see random.test.ts).
    const n = 200_000;
    const words = counterWords({ seed: 3, stream: 4, step: 5 });
    const z = Float64Array.from({ length: n }, (_, i) => normalAt(words, i));
    const u = Float64Array.from({ length: n }, (_, i) => uniformAt(words, i));
    const mz = moments(z);
    expect(Math.abs(mz.mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(mz.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(ksStatistic(z, normalCdf)).toBeLessThan(ksCritical(n));
    expect(ksStatistic(u, (x) => x)).toBeLessThan(ksCritical(n));
    expect(Math.abs(correlation(z.subarray(1), z.subarray(0, n - 1)))).toBeLessThan(
      5 / Math.sqrt(n),
    );
    const offGrid = u.filter((v) => !(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 24)));
    expect(offGrid).toHaveLength(0);
  });

  it('keys that differ in one field give unrelated streams', () => {
    const n = 100_000;
    const draw = (key: { seed: number; stream: number; step: number }) => {
      const words = counterWords(key);
      return Float64Array.from({ length: n }, (_, i) => normalAt(words, i));
    };
    const base = draw({ seed: 1, stream: 0, step: 0 });
    for (const other of [
      { seed: 2, stream: 0, step: 0 },
      { seed: 1, stream: 1, step: 0 },
      { seed: 1, stream: 0, step: 1 },
    ]) {
      expect(Math.abs(correlation(base, draw(other)))).toBeLessThan(5 / Math.sqrt(n));
    }
  });
});

/** A WebGL program as the sampler builds it. */
interface SeenProgram {
  outputShape: number[];
  userCode?: string;
  uniforms?: string;
  getUserCode?: () => string;
}

/** What a stand-in backend was asked to run. */
const calls: { program: SeenProgram; uniforms: unknown }[] = [];

/** The cpu backend, with a WebGL-style `compileAndRun` that returns the value 7 everywhere. */
class FakeWebGL extends MathBackendCPU {
  failWith: string | null = null;
  compileAndRun(program: SeenProgram, _inputs: unknown[], _dtype: string, uniforms: number[][]) {
    if (this.failWith !== null) throw new Error(this.failWith);
    calls.push({ program, uniforms });
    const size = program.outputShape[0] as number;
    return {
      dataId: this.write(new Float32Array(size).fill(7), [size], 'float32'),
      shape: [size],
      dtype: 'float32',
    };
  }
}

/** The cpu backend, with a WebGPU-style `runWebGPUProgram` and a device with error scopes. */
class FakeWebGPU extends MathBackendCPU {
  scopeError: string | null = null;
  device = {
    pushErrorScope: () => undefined,
    popErrorScope: async () => (this.scopeError === null ? null : { message: this.scopeError }),
  };
  runWebGPUProgram(program: SeenProgram, _inputs: unknown[], _dtype: string, uniforms: unknown) {
    calls.push({ program, uniforms });
    const size = program.outputShape[0] as number;
    return {
      dataId: this.write(new Float32Array(size).fill(8), [size], 'float32'),
      shape: [size],
      dtype: 'float32',
    };
  }
}

const KEY = { seed: 11, stream: 2, step: 5 };

/** The warnings tfjs-noise printed (tfjs's cpu backend prints its own "Hi, looks like ..."). */
function ours(warn: { mock: { calls: unknown[][] } }): string[] {
  return warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('tfjs-noise'));
}
let original: string;
let webgl: FakeWebGL;
let webgpu: FakeWebGPU;

/** Makes a fresh stand-in the `name` backend (a new object: the sampler checks each once). */
async function use(
  name: 'webgl' | 'webgpu',
  setup: (b: FakeWebGL & FakeWebGPU) => void = () => undefined,
) {
  if (tf.findBackendFactory(name)) tf.removeBackend(name);
  tf.registerBackend(name, () => {
    const b = name === 'webgl' ? new FakeWebGL() : new FakeWebGPU();
    setup(b as FakeWebGL & FakeWebGPU);
    if (name === 'webgl') webgl = b as FakeWebGL;
    else webgpu = b as FakeWebGPU;
    return b;
  });
  await tf.setBackend(name);
}

describe('the GPU sampler behind tfn.random (stand-in backends)', () => {
  beforeAll(() => {
    original = tf.getBackend();
    // The stand-ins run the cpu backend's kernels (reshape, and the tests' own ops).
    tf.copyRegisteredKernels('cpu', 'webgl');
    tf.copyRegisteredKernels('cpu', 'webgpu');
    if (!tf.env().getFlags().WEBGL_VERSION) tf.env().registerFlag('WEBGL_VERSION', () => 2);
  });

  afterEach(async () => {
    calls.length = 0;
    useGpuSampler(true);
    useWasmSampler(true);
    tf.env().set('WEBGL_VERSION', 2);
    vi.restoreAllMocks();
    await tf.setBackend(original);
  });

  it('webgl: one program per draw, with the key words and the affine map as uniforms', async () => {
    await use('webgl');
    expect(activeSampler()).toBe('gpu');
    const before = tf.memory().numTensors;
    const t = normal([3, 4], KEY, 1, 2);
    expect(t.shape).toEqual([3, 4]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual(new Array(12).fill(7));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const [k0, k1, k2] = counterWords(KEY);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.program.outputShape).toEqual([12]);
    expect(calls[0]!.uniforms).toEqual([
      [k0 | 0, k1 | 0, k2 | 0],
      [1, 2],
    ]);
    expect(calls[0]!.program.userCode).toContain('tfnThreefry');
    const u = uniform([5], KEY, -1, 1);
    expect(u.shape).toEqual([5]);
    expect(calls[1]!.uniforms).toEqual([
      [k0 | 0, k1 | 0, k2 | 0],
      [-1, 1],
    ]);
    u.dispose();
    // Empty tensors never reach the backend.
    expect(normal([0, 3], KEY).shape).toEqual([0, 3]);
    expect(calls).toHaveLength(2);
  });

  it('webgpu: one program per draw, uniforms as int32 words and float32 values', async () => {
    await use('webgpu');
    expect(activeSampler()).toBe('gpu');
    const t = normal([2, 3], KEY, 0.5, 3);
    expect(Array.from(t.dataSync())).toEqual(new Array(6).fill(8));
    t.dispose();
    const [k0, k1, k2] = counterWords(KEY);
    expect(calls[0]!.uniforms).toEqual([
      { type: 'int32', data: [k0 | 0] },
      { type: 'int32', data: [k1 | 0] },
      { type: 'int32', data: [k2 | 0] },
      { type: 'float32', data: [0.5] },
      { type: 'float32', data: [3] },
    ]);
    expect(calls[0]!.program.uniforms).toMatch(/tfnK0 : i32, tfnK1 : i32, tfnK2 : i32/);
    expect(calls[0]!.program.getUserCode!()).toContain('fn main(index : i32)');
  });

  it('a shader that fails to compile: CPU samples, one warning, no error', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await use('webgl', (b) => {
      b.failWith = 'Failed to compile fragment shader.';
    });
    const t = normal([1000], KEY);
    expect(Array.from(t.dataSync())).toEqual(Array.from(fillNormal(new Float32Array(1000), KEY)));
    t.dispose();
    const u = uniform([10], KEY);
    expect(Array.from(u.dataSync())).toEqual(Array.from(fillUniform(new Float32Array(10), KEY)));
    u.dispose();
    expect(activeSampler()).toBe('wasm');
    expect(ours(warn)).toHaveLength(1);
    expect(ours(warn)[0]).toMatch(
      /noise on the "webgl" backend is drawn on the CPU.*Failed to compile fragment shader/,
    );
    // A new backend object is checked afresh.
    await use('webgl');
    expect(activeSampler()).toBe('gpu');
  });

  it('WebGL 1: the CPU sampler, with the reason', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    tf.env().set('WEBGL_VERSION', 1);
    await use('webgl');
    normal([4], KEY).dispose();
    expect(calls).toHaveLength(0);
    expect(activeSampler()).toBe('wasm');
    expect(ours(warn)).toHaveLength(1);
    expect(ours(warn)[0]).toMatch(/WebGL 1 has no 32-bit unsigned integers/);
  });

  it('webgpu: a validation error on the first draw turns the sampler off for later draws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await use('webgpu', (b) => {
      b.scopeError = 'Error while parsing WGSL';
    });
    normal([4], KEY).dispose();
    expect(calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the error scope settles
    expect(activeSampler()).toBe('wasm');
    const t = normal([4], KEY);
    expect(Array.from(t.dataSync())).toEqual(Array.from(fillNormal(new Float32Array(4), KEY)));
    t.dispose();
    expect(calls).toHaveLength(1);
    expect(ours(warn)).toHaveLength(1);
    expect(ours(warn)[0]).toMatch(/"webgpu".*Error while parsing WGSL/);
  });

  it('useGpuSampler(false) draws on the CPU on a GPU backend; it rejects non-booleans', async () => {
    await use('webgl');
    useGpuSampler(false);
    expect(activeSampler()).toBe('wasm');
    useWasmSampler(false);
    expect(activeSampler()).toBe('js');
    const t = normal([16], KEY);
    expect(Array.from(t.dataSync())).toEqual(Array.from(fillNormal(new Float32Array(16), KEY)));
    t.dispose();
    expect(calls).toHaveLength(0);
    expect(webgl).toBeInstanceOf(FakeWebGL);
    expect(() => useGpuSampler('yes' as unknown as boolean)).toThrow(
      'useGpuSampler expects a boolean, but got yes.',
    );
  });

  it('cpu and wasm backends use the CPU sampler', async () => {
    await tf.setBackend(original);
    expect(activeSampler()).toBe('wasm');
    expect(webgpu === undefined || webgpu instanceof FakeWebGPU).toBe(true);
  });
});
