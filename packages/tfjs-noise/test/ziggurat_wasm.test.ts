import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { NoiseKey } from '../src/random/noise_key';
import { fillNormal, fillNormalJs, useWasmSampler, WASM_MIN_LENGTH } from '../src/random/sampler';
import { ZIGGURAT_WASM_BASE64 } from '../src/random/ziggurat_wasm_bytes';

// The WebAssembly sampler must give exactly the bits of the JavaScript one: the same key must
// give the same noise whichever runs (a model trained in a browser without WebAssembly resumes
// bit-identically in Node). So every comparison below is on raw bytes, not with a tolerance.

function sameBits(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function both(n: number, key: NoiseKey, f32: boolean, mean?: number, stddev?: number) {
  const make = () => (f32 ? new Float32Array(n) : new Float64Array(n));
  return {
    wasm: fillNormal(make(), key, mean, stddev),
    js: fillNormalJs(make(), key, mean, stddev),
  };
}

describe('WebAssembly sampler', () => {
  it('is in use in Node', () => {
    expect(useWasmSampler(true)).toBe(true);
  });

  it('ships the bytes of ziggurat.wat as compiled now', async () => {
    const script = new URL('../scripts/build_wasm.mjs', import.meta.url).href;
    const { watToBase64, WAT_FILE } = (await import(script)) as {
      watToBase64(source: string): Promise<string>;
      WAT_FILE: string;
    };
    const compiled = await watToBase64(readFileSync(WAT_FILE, 'utf8'));
    expect(compiled).toBe(ZIGGURAT_WASM_BASE64);
  });

  it('gives the same bits as the JavaScript sampler across keys, lengths and array types', () => {
    const TWO_32 = 2 ** 32;
    const keys: NoiseKey[] = [];
    for (const seed of [0, 1, -1, -123456789, TWO_32 + 5, 2 ** 53 - 1, -(2 ** 53) + 1]) {
      for (const stream of [0, 123456, TWO_32 - 1]) {
        for (const step of [0, 7, TWO_32 + 1, 2 ** 53 - 1]) keys.push({ seed, stream, step });
      }
    }
    // Lengths around the JS/wasm switch and around the 65,536-sample chunk the kernel fills
    // between copies (the generator state must carry over chunk boundaries).
    const lengths = [WASM_MIN_LENGTH - 1, WASM_MIN_LENGTH, 1001, 65535, 65536, 65537, 140001];
    let arrays = 0;
    for (const [q, key] of keys.entries()) {
      const n = lengths[q % lengths.length] as number;
      for (const f32 of [true, false]) {
        const { wasm, js } = both(n, key, f32);
        expect(sameBits(wasm, js), `${JSON.stringify(key)} n=${n} f32=${f32}`).toBe(true);
        arrays++;
      }
    }
    expect(arrays).toBe(2 * 84);
  });

  it('agrees on 2e6 samples including the tail and wedge (slow-path) draws, with mean/stddev', () => {
    const { wasm, js } = both(2_000_000, { seed: 9, stream: 3, step: 11 }, true, 0.25, 3);
    expect(sameBits(wasm, js)).toBe(true);
    // The slow path must actually have run: the base layer's tail starts at 3.654 standard
    // deviations (2.6e-4 of samples, about 520 here).
    let tail = 0;
    for (const x of wasm) if (Math.abs(x - 0.25) > 3 * 3.6541528853610088) tail++;
    expect(tail).toBeGreaterThan(300);
  });

  it('is a switch that changes speed only, and validates its argument', () => {
    const key = { seed: 5, stream: 1, step: 2 };
    const on = fillNormal(new Float32Array(10_000), key);
    expect(useWasmSampler(false)).toBe(false);
    const off = fillNormal(new Float32Array(10_000), key);
    expect(useWasmSampler(true)).toBe(true);
    expect(sameBits(on, off)).toBe(true);
    expect(() => useWasmSampler('no' as unknown as boolean)).toThrow(/expects a boolean/);
  });

  it('falls back to JavaScript where WebAssembly is missing', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const fresh = await import('../src/random/sampler');
      expect(fresh.useWasmSampler(true)).toBe(false);
      const key = { seed: 77, stream: 0, step: 0 };
      const a = fresh.fillNormal(new Float32Array(5000), key);
      expect(sameBits(a, fillNormalJs(new Float32Array(5000), key))).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
