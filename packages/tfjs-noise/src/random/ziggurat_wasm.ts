/**
 * The WebAssembly build of the shared Gaussian sampler (`ziggurat.wat`), loaded lazily and
 * synchronously from the bytes in `ziggurat_wasm_bytes.ts` (about 1.8 kB, under the 4 kB that
 * browsers allow to compile synchronously on the main thread).
 *
 * It is not a second generator: it runs the same xoshiro128** words through the same ziggurat
 * tables and calls the same `Math.log` / `Math.exp` on the slow path, so its output is
 * bit-identical to the JavaScript loop in `sampler.ts` (a test compares them). It is only about
 * twice as fast. Where WebAssembly is missing or refused (for example a Content Security Policy
 * without `'wasm-unsafe-eval'`), {@link wasmZiggurat} returns null and the JavaScript loop runs.
 */
import { F, SIGNED_K, SIGNED_W, TAIL_START, W } from './ziggurat_tables';
import { ZIGGURAT_WASM_BASE64 } from './ziggurat_wasm_bytes';

/** Byte offsets of the memory layout documented in ziggurat.wat. */
const K_OFFSET = 0;
const SIGNED_W_OFFSET = 2048;
const W_OFFSET = 6144;
const F_OFFSET = 8192;
const STATE_OFFSET = 10240;
const OUT_OFFSET = 16384;
const PAGE = 65536;
/**
 * Samples per kernel call. The array is filled chunk by chunk, so wasm memory stays at
 * 16 kB + 512 kB whatever the request, and each chunk is still in cache when it is copied out.
 */
const CHUNK = 1 << 16;

interface ZigguratExports {
  readonly memory: WebAssembly.Memory;
  fill32(n: number): void;
  fill64(n: number): void;
}

/** The loaded kernel: fills arrays from a xoshiro128** state. */
export interface WasmZiggurat {
  /**
   * Fills `out` with N(0, 1) samples, starting from generator state `state` (4 words, as
   * `keyState` returns it). Same bits as the JavaScript sampler for the same state.
   */
  fill(out: Float32Array | Float64Array, state: Uint32Array): void;
}

let loaded: WasmZiggurat | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function instantiate(): WasmZiggurat {
  const module = new WebAssembly.Module(decodeBase64(ZIGGURAT_WASM_BASE64));
  const instance = new WebAssembly.Instance(module, {
    env: { log: Math.log, exp: Math.exp, tailStart: TAIL_START },
  });
  const ex = instance.exports as unknown as ZigguratExports;
  const need = OUT_OFFSET + CHUNK * 8;
  if (ex.memory.buffer.byteLength < need) {
    ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / PAGE));
  }
  const buf = ex.memory.buffer;
  new Int32Array(buf, K_OFFSET, SIGNED_K.length).set(SIGNED_K);
  new Float64Array(buf, SIGNED_W_OFFSET, SIGNED_W.length).set(SIGNED_W);
  new Float64Array(buf, W_OFFSET, W.length).set(W);
  new Float64Array(buf, F_OFFSET, F.length).set(F);
  const state = new Uint32Array(buf, STATE_OFFSET, 4);
  const out32 = new Float32Array(buf, OUT_OFFSET, CHUNK);
  const out64 = new Float64Array(buf, OUT_OFFSET, CHUNK);
  return {
    fill(out, start) {
      state.set(start);
      const n = out.length;
      const f32 = out instanceof Float32Array;
      const src = f32 ? out32 : out64;
      for (let i = 0; i < n; i += CHUNK) {
        const c = Math.min(CHUNK, n - i);
        if (f32) ex.fill32(c);
        else ex.fill64(c);
        out.set(c === CHUNK ? src : src.subarray(0, c), i);
      }
    },
  };
}

/**
 * The WebAssembly sampler, instantiated on first use; null where WebAssembly is unavailable or
 * refused (then it is not tried again).
 */
export function wasmZiggurat(): WasmZiggurat | null {
  if (loaded === undefined) {
    try {
      loaded = typeof WebAssembly === 'object' ? instantiate() : null;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
