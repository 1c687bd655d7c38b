/**
 * End to end: every tfjs-noise component on every browser backend (webgl, webgpu, wasm, cpu) in
 * Debian's headless Chromium (WebGL2 and WebGPU on SwiftShader). Two small pages are bundled
 * with esbuild from the workspace (test/support/browser/pages): the matrix page imports tfjs-noise's
 * published ESM build, the plain page only `@tensorflow/tfjs` (the build checks both).
 *
 * Per backend, in a fresh browser context, with the backend chosen before any model is built:
 * - the noise is drawn by the GPU sampler on webgl and webgpu, by the CPU one on wasm and cpu;
 * - each component in its own small model trains: the loss is finite at every epoch and lower
 *   after the last than after the first; `tf.memory().numTensors` is the same at the end of
 *   every epoch; a training-mode forward pass differs from `predict` (noise in the layers), or
 *   the optimizer / loss wrapper counted every batch (noise there); the schedule lowered the
 *   std every epoch;
 * - IndexedDB: save, reload the page, load: bit-identical predictions;
 * - the `stripNoise` copy, saved to IndexedDB, loads in the plain page (where tfjs-noise's
 *   classes are not registered: loading the noisy model fails there) and predicts bit for bit as
 *   the original.
 * A backend that cannot start fails its test. Console errors and page errors fail it too.
 */

import type { BackendName } from '@tfjs-noise/support/browser/pages/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type PageBrowser, startPageBrowser, watch } from '../support/browser/page_browser';
import type { CaseResult, MatrixPage } from '../support/browser/pages/noise';
import type { PlainPage } from '../support/browser/pages/plain';

declare global {
  interface Window {
    matrix: MatrixPage;
    plain: PlainPage;
  }
}

const BACKENDS: BackendName[] = ['webgl', 'webgpu', 'wasm', 'cpu'];
const NOISE_CLASSES = ['GaussianJitter', 'WeightNoise', 'NoisyActivation'];

/** The checks of one trained case that do not need another page. */
function checkTraining(backend: string, r: CaseResult): void {
  const what = `${backend} ${r.name}`;
  expect(r.losses, what).toHaveLength(r.epochs);
  for (const loss of r.losses) expect(Number.isFinite(loss), `${what}: loss ${loss}`).toBe(true);
  expect(r.losses.at(-1)!, `${what}: losses ${r.losses}`).toBeLessThan(r.losses[0]!);
  expect(new Set(r.tensors).size, `${what}: tensors at each epoch's end ${r.tensors}`).toBe(1);
  // The stripped copy predicts as the original, in the same page.
  expect(r.strippedPredictions, what).toEqual(r.predictions);
  expect(r.predictions.length, what).toBeGreaterThan(0);
  if (r.forwardDiffers !== null) expect(r.forwardDiffers, `${what}: noisy forward`).toBe(true);
  const leftOver = r.strippedClasses.filter((c) => NOISE_CLASSES.includes(c));
  expect(r.strippedClasses.length, what).toBeGreaterThan(0);
  expect(leftOver, what).toEqual(r.strippable ? [] : ['NoisyActivation']);
  // The noise is in the layers, except for the optimizer wrapper and the target noise.
  const inLayers = r.name !== 'annealedGradientNoise' && !r.name.startsWith('targets-');
  expect(
    r.classes.some((c) => NOISE_CLASSES.includes(c)),
    what,
  ).toBe(inLayers);
  const { extra } = r;
  if (r.name === 'annealedGradientNoise') {
    expect(extra.iterations, what).toBe(r.batches);
    expect(extra.noiseStddev, what).toBe(extra.expectedStddev);
  }
  if (r.name.startsWith('targets-')) expect(extra.targetSteps, what).toBe(r.batches);
  if (r.name === 'noiseSchedule') {
    const s = r.scheduled!;
    expect(s, what).toHaveLength(r.epochs);
    for (let i = 1; i < s.length; i++) expect(s[i]!, what).toBeLessThan(s[i - 1]!);
    expect(extra.jitterStddev, what).toBe(s.at(-1));
  }
}

describe('every tfjs-noise component on every browser backend (headless Chromium)', () => {
  let pages: PageBrowser;

  beforeAll(async () => {
    pages = await startPageBrowser();
  }, 600_000);

  afterAll(async () => {
    await pages?.close();
  });

  for (const backend of BACKENDS) {
    it(`${backend}: trains every component, reloads from IndexedDB, strips to plain tfjs`, async () => {
      const context = await pages.browser.newContext();
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        watch(page, problems);
        await open(page, `${pages.url}noise.html`);

        // The backend starts (or the test fails), alone, and tfjs-layers uses its epsilon.
        const info = await page.evaluate((b) => window.matrix.init(b), backend);
        expect(info.backend).toBe(backend);
        expect(info.initialised).toEqual([backend]);
        expect(info.layersEpsilon / info.epsilon).toBeCloseTo(1, 5);
        if (backend === 'webgpu') expect(info.device).not.toBe('none');
        if (backend === 'webgl') expect(info.device).not.toBe('unknown');
        // Noise is drawn in a shader on the GPU backends, by the WebAssembly ziggurat elsewhere.
        expect(info.sampler).toBe(backend === 'webgl' || backend === 'webgpu' ? 'gpu' : 'wasm');
        console.log(`${backend}: ${info.device}, float${info.floatPrecision}, eps ${info.epsilon}`);

        // Every case trains on wasm too, the conv1d one included: tfjs-backend-wasm 4.22 has no
        // Conv2DBackpropFilter kernel, and importing tfjs-noise registers one.
        const names = await page.evaluate(() => window.matrix.cases());
        expect(names).toContain('weightNoise-conv1d');
        const results = await page.evaluate((n) => window.matrix.train(n), names);
        expect(results.map((r) => r.name)).toEqual(names);
        for (const r of results) checkTraining(backend, r);
        console.log(
          `${backend}: ${results.map((r) => `${r.name} ${r.seconds.toFixed(1)} s`).join(', ')}`,
        );

        // Reload the page (a new JavaScript realm), load every model back from IndexedDB.
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
        expect((await page.evaluate((b) => window.matrix.init(b), backend)).backend).toBe(backend);
        const reloaded = await page.evaluate((n) => window.matrix.reload(n), names);
        for (const [i, r] of results.entries()) {
          expect(reloaded[i]!.name).toBe(r.name);
          expect(reloaded[i]!.classes, r.name).toEqual(r.classes);
          expect(reloaded[i]!.predictions, `${backend} ${r.name} after reload`).toEqual(
            r.predictions,
          );
        }

        // The plain page: no tfjs-noise. The stripped copies load and predict bit for bit.
        await open(page, `${pages.url}plain.html`);
        expect((await page.evaluate((b) => window.plain.init(b), backend)).backend).toBe(backend);
        expect(await page.evaluate(() => window.plain.noiseClassesRegistered())).toEqual([]);
        const noisy = await page.evaluate(
          (r) => window.plain.load(r.name, r.input, false),
          results[0]!,
        );
        expect(noisy.error).toMatch(/Unknown layer: GaussianJitter/);
        for (const r of results) {
          const loaded = await page.evaluate(
            ({ name, input }) => window.plain.load(name, input, true),
            { name: r.name, input: r.input },
          );
          if (r.strippable) {
            expect(loaded.error, r.name).toBeUndefined();
            expect(loaded.predictions, `${backend} ${r.name} stripped, plain tfjs`).toEqual(
              r.predictions,
            );
          } else {
            // Paper-mode NoisyActivation has no tfjs equivalent: stripNoise keeps it.
            expect(loaded.error, r.name).toMatch(/Unknown layer: NoisyActivation/);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 240_000);
  }

  it('tfjs-layers keeps the epsilon of the first backend it asked (choose the backend first)', async () => {
    const context = await pages.browser.newContext();
    const problems: string[] = [];
    try {
      const page = await context.newPage();
      watch(page, problems);
      await open(page, `${pages.url}noise.html`);
      const webgl = await page.evaluate(() => window.matrix.init('webgl'));
      const cpu = await page.evaluate(() => window.matrix.switchBackend('cpu'));
      expect(cpu.epsilon).toBe(1e-7);
      // Still webgl's (1e-4 where WebGL renders to float16 textures, as on SwiftShader).
      expect(cpu.layersEpsilon).toBe(webgl.layersEpsilon);
      expect(webgl.layersEpsilon / webgl.epsilon).toBeCloseTo(1, 5);
      console.log(
        `webgl epsilon ${webgl.epsilon}; tfjs-layers on cpu after webgl: ${cpu.layersEpsilon}`,
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
