/**
 * End to end: GaussianJitter's structured noise on webgl and webgpu, in Debian's headless
 * Chromium (WebGL2 and WebGPU on SwiftShader), through the GPU sampler page
 * (test/support/browser/pages/gpu.ts), with the statistics of the cpu and wasm unit tests
 * (packages/tfjs-noise/test/gaussian_jitter_structured.test.ts):
 *
 * - `correlationLength` l in {1, 2, 4}, 100 fields of 64 x 64 each: the lag-1 and lag-2
 *   correlations along rows and columns, from pairs at least 3 l from the edges, within 0.03 of
 *   exp(-d^2 / (2 l^2)), each with a jackknife standard error below 0.01 (a third of the
 *   tolerance); the std within 2% of the one given, and within 4% in the fields' outermost ring
 *   (the edges are not damped). The field is built on the GPU from the GPU sampler's white
 *   noise: a second training call uploads no noise (less than 1% of the field's bytes), and
 *   nothing is left after the layer is disposed.
 * - `noiseShape` [null, 1, 1, null]: values exactly equal along the shared axes.
 * - `snrDb` 20 on 200 signals of 32 x 32: the SNR averaged over examples within 0.2 dB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onGpuPage, type PageBrowser, startPageBrowser } from '../support/browser/page_browser';
import type { GpuPage } from '../support/browser/pages/gpu';

declare global {
  interface Window {
    gpu: GpuPage;
  }
}

const FIELDS = 100;
const LENGTHS = [1, 2, 4];

describe('GaussianJitter structured noise on webgl and webgpu (headless Chromium)', () => {
  let pages: PageBrowser;

  beforeAll(async () => {
    pages = await startPageBrowser();
  }, 600_000);

  afterAll(async () => {
    await pages?.close();
  });

  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`${backend}: correlation, std, edges, no uploads; noiseShape exact; snrDb`, async () => {
      await onGpuPage(pages, async (page) => {
        const info = await page.evaluate((b) => window.gpu.init(b), backend);
        expect(info.backend).toBe(backend);
        expect(info.sampler).toBe('gpu');
        const reports = await page.evaluate(
          ({ lengths, fields }) => window.gpu.fields(lengths, fields),
          { lengths: LENGTHS, fields: FIELDS },
        );
        for (const report of reports) {
          const l = report.length;
          console.log(`${backend}: ${JSON.stringify(report)}`);
          for (const { d, axis, r, se } of report.lags) {
            const target = Math.exp(-(d * d) / (2 * l * l));
            const what = `${backend} l ${l} lag ${d} along ${axis}`;
            expect(se, `${what}: standard error`).toBeLessThan(0.01);
            expect(Math.abs(r - target), `${what}: ${r} vs ${target}`).toBeLessThan(0.03);
          }
          expect(Math.abs(report.rms / 0.5 - 1), `${backend} l ${l}: std`).toBeLessThan(0.02);
          expect(Math.abs(report.edgeRms / 0.5 - 1), `${backend} l ${l}: edges`).toBeLessThan(0.04);
          const padded = 64 + 2 * (Math.ceil(3 * l) + 3);
          expect(report.uploads, `${backend} l ${l}: bytes uploaded`).toBeLessThan(
            0.01 * FIELDS * padded * padded * 4,
          );
          expect(report.leaked).toBe(0);
        }
        const other = await page.evaluate(() => window.gpu.sharedAndSnr());
        console.log(`${backend}: ${JSON.stringify(other)}`);
        expect(other.sharedExact).toBe(true);
        expect(other.distinct).toBe(12);
        expect(Math.abs(other.snrDb - 20)).toBeLessThan(0.2);
        expect(other.leaked).toBe(0);
      });
    }, 300_000);
  }
});
