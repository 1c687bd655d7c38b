/**
 * End to end: the GPU sampler of `tfn.random` on webgl and webgpu, in Debian's headless Chromium
 * (WebGL2 and WebGPU on SwiftShader), through the page test/support/browser/pages/gpu.ts.
 *
 * - Distribution: 1e6 normal and 1e6 uniform samples, mean and variance within 5 standard errors,
 *   a Kolmogorov-Smirnov test at alpha = 1e-4, and no correlation (|r| < 5 / sqrt(n), five
 *   standard errors of a correlation of independent samples) between neighbouring elements, or
 *   with the draw of the next step, the next stream, the next seed.
 * - The integers are the reference generator's: uniform samples equal `uniformAt` (Threefry-2x32
 *   in JavaScript) bit for bit, normal samples equal `normalAt` up to float32 rounding.
 * - Determinism: the same key gives the same bits; a seeded training run of all four components is
 *   bit-identical when repeated; resuming after a save to IndexedDB and a page reload continues
 *   bit for bit as a run that never stopped.
 * - No upload of samples: the bytes the page hands to WebGL2 / WebGPU, counted at the API calls,
 *   are the same per training step with noise as without, give or take a few uniforms, while the
 *   CPU sampler (the control) uploads the whole noise every step.
 * - Fallback: on WebGL 1 the CPU sampler is used, with one warning, and gives its own bits.
 */

import * as tfn from 'tfjs-noise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterWords, normalAt, uniformAt } from '../../packages/tfjs-noise/src/random/threefry';
import { onGpuPage, type PageBrowser, startPageBrowser } from '../support/browser/page_browser';
import type { GpuPage } from '../support/browser/pages/gpu';

declare global {
  interface Window {
    gpu: GpuPage;
  }
}

const GPU_BACKENDS = ['webgl', 'webgpu'] as const;
const N = 1_000_000;
/** Noise samples per training step in the upload models (a 1024 x 64 kernel, 64 x 1024 inputs). */
const NOISE_BYTES_PER_STEP = 65_536 * 4;

/** Float32 bits of numbers (rounded to float32 first). */
function bitsOf(values: number[]): number[] {
  return Array.from(new Uint32Array(Float32Array.from(values).buffer));
}

function floatsOf(bits: number[]): Float32Array {
  return new Float32Array(Uint32Array.from(bits).buffer);
}

describe('the GPU sampler on webgl and webgpu (headless Chromium)', () => {
  let pages: PageBrowser;

  beforeAll(async () => {
    pages = await startPageBrowser();
  }, 600_000);

  afterAll(async () => {
    await pages?.close();
  });

  for (const backend of GPU_BACKENDS) {
    it(`${backend}: distribution, reference bits, determinism, resume, no uploads`, async () => {
      await onGpuPage(pages, async (page, warnings) => {
        const info = await page.evaluate((b) => window.gpu.init(b), backend);
        expect(info.backend).toBe(backend);
        expect(info.sampler).toBe('gpu');

        // Distribution of 1e6 samples.
        const d = await page.evaluate((n) => window.gpu.distribution(n), N);
        const se = 1 / Math.sqrt(N);
        expect(Math.abs(d.normal.mean)).toBeLessThan(5 * se);
        expect(Math.abs(d.normal.variance - 1)).toBeLessThan(5 * Math.sqrt(2) * se);
        expect(Math.abs(d.uniform.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12) * se);
        // Var of (u - 1/2)^2 for U(0, 1) is 1/80 - 1/144.
        expect(Math.abs(d.uniform.variance - 1 / 12)).toBeLessThan(
          5 * Math.sqrt(1 / 80 - 1 / 144) * se,
        );
        // KS critical value at alpha = 1e-4: sqrt(-ln(alpha / 2) / 2) / sqrt(n) = 0.0021 for 1e6.
        const ks = Math.sqrt(-Math.log(1e-4 / 2) / 2) * se;
        expect(d.normal.ks).toBeLessThan(ks);
        expect(d.uniform.ks).toBeLessThan(ks);
        for (const r of [
          d.normal.lag1,
          d.uniform.lag1,
          d.nextStep,
          d.nextStream,
          d.nextSeed,
          d.uniformVsNormal,
        ]) {
          expect(Math.abs(r)).toBeLessThan(5 * se);
        }
        expect(d.uniform.min).toBeGreaterThanOrEqual(0);
        expect(d.uniform.max).toBeLessThan(1);
        // Box-Muller from 32-bit words bounds |z| by sqrt(2 ln 2^33) = 6.77; 1e6 draws reach ~4.9.
        expect(d.normal.maxAbs).toBeGreaterThan(4);
        expect(d.normal.maxAbs).toBeLessThan(6.8);
        expect(d.shapedEqualsFlat).toBe(true);
        expect(d.leaked).toBe(0);
        console.log(`${backend}: ${JSON.stringify(d)}`);

        // The reference generator's integers, for keys with large and negative fields.
        const keys: tfn.random.NoiseKey[] = [
          { seed: 12345, stream: 7, step: 3 },
          { seed: -9_007_199_254_740_991, stream: 4_294_967_295, step: 2 ** 40 + 5 },
        ];
        const M = 65_536;
        for (const key of keys) {
          const words = counterWords(key);
          const index = Array.from({ length: M }, (_, i) => i);
          const u = await page.evaluate((k) => window.gpu.bits('uniform', 65_536, k), key);
          expect(u).toEqual(bitsOf(index.map((i) => uniformAt(words, i))));
          const z = floatsOf(await page.evaluate((k) => window.gpu.bits('normal', 65_536, k), key));
          let worst = 0;
          for (const i of index) {
            const diff = Math.abs((z[i] as number) - normalAt(words, i));
            worst = Math.max(worst, diff);
          }
          // float32 log, sqrt and the shaders' cos polynomial, a few ulp each on |z| < 7: a few
          // 1e-6 (1.5e-6 measured on SwiftShader). A built-in cos of WGSL's allowed accuracy
          // (2^-11) would miss this by far, as SwiftShader's did (5e-4).
          expect(worst, `${backend} normal vs reference, max |difference|`).toBeLessThan(1e-5);
          console.log(`${backend}: normal vs reference, max |difference| ${worst}`);
          // The affine maps: low + (high - low) u, mean + stddev z (float32, so within 1e-6).
          const scaled = floatsOf(
            await page.evaluate((k) => window.gpu.bits('uniform', 1000, k, -2, 3), key),
          );
          for (let i = 0; i < 1000; i++) {
            expect(Math.abs((scaled[i] as number) - (-2 + 5 * uniformAt(words, i)))).toBeLessThan(
              1e-6,
            );
          }
        }

        // Determinism: same key, same bits; a seeded run repeated is bit-identical.
        const key = keys[0]!;
        const once = await page.evaluate((k) => window.gpu.bits('normal', 4096, k, 1, 2), key);
        expect(await page.evaluate((k) => window.gpu.bits('normal', 4096, k, 1, 2), key)).toEqual(
          once,
        );
        const K = 2;
        const E = 2;
        const first = await page.evaluate((e) => window.gpu.trainAll(e), K + E);
        const second = await page.evaluate((e) => window.gpu.trainAll(e), K + E);
        expect(second.weights).toEqual(first.weights);
        for (const loss of first.losses) expect(Number.isFinite(loss)).toBe(true);
        expect(new Set(first.tensors).size, `tensors per epoch ${first.tensors}`).toBe(1);

        // Uploads: a 1e6-sample draw and training steps move no noise-sized data.
        const drawn = await page.evaluate((n) => window.gpu.drawUploads(n), N);
        expect(drawn, 'bytes uploaded by a 1e6-sample draw').toBeLessThan(1024);
        const components = [
          'clean',
          'gaussianJitter',
          'weightNoise',
          'noisyActivation',
          'annealedGradientNoise',
        ] as const;
        const perStep = await page.evaluate((c) => window.gpu.uploadsPerStep([...c]), components);
        console.log(`${backend}: bytes uploaded per step, GPU sampler: ${JSON.stringify(perStep)}`);
        for (const c of components.slice(1)) {
          // A few uniforms and scalars per step (the key, a step count): < 2% of the noise.
          expect(perStep[c]! - perStep.clean!, c).toBeLessThan(0.02 * NOISE_BYTES_PER_STEP);
        }
        // The control: the CPU sampler uploads the whole noise every step, and the counter sees it.
        expect(await page.evaluate(() => window.gpu.useGpuSampler(false))).toBe('wasm');
        const cpu = await page.evaluate(() =>
          window.gpu.uploadsPerStep(['clean', 'gaussianJitter']),
        );
        expect(cpu.gaussianJitter! - cpu.clean!).toBeGreaterThanOrEqual(NOISE_BYTES_PER_STEP);
        expect(await page.evaluate(() => window.gpu.useGpuSampler(true))).toBe('gpu');

        // Resume: train K epochs, save, reload the page, continue: as the run that never stopped.
        await page.evaluate((k) => window.gpu.trainAndSave(k), K);
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
        expect((await page.evaluate((b) => window.gpu.init(b), backend)).sampler).toBe('gpu');
        const resumed = await page.evaluate(({ k, e }) => window.gpu.loadAndContinue(k, e), {
          k: K,
          e: E,
        });
        expect(resumed).toEqual(first.weights);

        expect(warnings.filter((w) => w.includes('tfjs-noise'))).toEqual([]);
      });
    }, 300_000);
  }

  it('falls back to the CPU sampler on WebGL 1, with one warning, and draws its bits', async () => {
    await onGpuPage(pages, async (page, warnings) => {
      const info = await page.evaluate(() => window.gpu.init('webgl', 1));
      expect(info.backend).toBe('webgl');
      expect(info.sampler).toBe('wasm');
      const key = { seed: 5, stream: 1, step: 9 };
      const drawn = await page.evaluate((k) => window.gpu.bits('normal', 4096, k), key);
      expect(drawn).toEqual(bitsOf(Array.from(tfn.random.fillNormal(new Float32Array(4096), key))));
      await page.evaluate((k) => window.gpu.bits('uniform', 10, k), key);
      const ours = warnings.filter((w) => w.includes('tfjs-noise'));
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatch(/drawn on the CPU.*WebGL 1 has no 32-bit unsigned integers/);
    });
  }, 120_000);
});
