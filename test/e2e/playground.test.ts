/**
 * End to end: the built playground (packages/playground/dist) in Debian's headless Chromium,
 * driven by playwright-core. On the wasm and cpu backends (chosen in the page's own backend
 * menu): train the clean and the noisy network, check both pictures and accuracies, save to
 * IndexedDB and as downloads, reload the page, load the model back and compare its predictions
 * with those at save time, bit for bit. Any console error or page error fails the test.
 * Screenshots (trained, and after the reload and load) go to test/e2e/output/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePlaygroundBuilt } from './playground/build';
import { CHROMIUM_ARGS, ensureChromium } from './playground/chromium';
import { type StaticServer, serveStatic } from './playground/server';

const OUTPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'output');

/** The part of the page's `window.playground` hook that the test reads. */
interface Hook {
  backend: string;
  epoch: number;
  tensors: number;
  saved?: number[];
  loaded?: number[];
  loadedStripped?: number[];
  settled(): Promise<void>;
  gridPredictions(which: 'clean' | 'noisy'): Promise<number[]>;
}
declare global {
  interface Window {
    playground: Hook;
  }
}

/** Noise settings per backend (the two runs cover every kind) and the layers they must add. */
const CASES = [
  {
    backend: 'wasm',
    noise: { 'input-jitter': '0.15', 'weight-noise': '0.03', 'gradient-noise': '0.005' },
    architecture: 'GaussianJitter › WeightNoise(Dense) › WeightNoise(Dense) › WeightNoise(Dense)',
    classes: ['GaussianJitter', 'WeightNoise'],
  },
  {
    backend: 'cpu',
    noise: { 'input-jitter': '0', 'activation-jitter': '0.2', 'noisy-activation': '0.3' },
    architecture: 'Dense(linear) › NoisyActivation(relu) › GaussianJitter › Dense(linear)',
    classes: ['GaussianJitter', 'NoisyActivation'],
  },
] as const;

/** Class-coloured pixels of a canvas: [blue-ish, orange-ish, distinct colours, total]. */
function canvasStats(page: Page, id: string): Promise<[number, number, number, number]> {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let blue = 0;
    let orange = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (b > r + 40) blue++;
      if (r > b + 40) orange++;
    }
    return [blue, orange, colours.size, data.length / 4] as [number, number, number, number];
  }, id);
}

describe('playground in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const executablePath = await ensureChromium();
    const dist = await ensurePlaygroundBuilt();
    server = await serveStatic(dist);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    mkdirSync(OUTPUT_DIR, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const c of CASES) {
    it(`trains, saves, reloads and loads on ${c.backend}`, async () => {
      const context: BrowserContext = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
      });
      const problems: string[] = [];
      const downloadsDir = mkdtempSync(join(tmpdir(), 'tfjs-noise-playground-'));
      try {
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
        page.on('response', (r) => {
          if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
        });
        const settled = () => page.evaluate(() => window.playground.settled());

        // The page picks a backend by itself (webgl, else wasm, else cpu) and shows it.
        await page.goto(server.url);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
        const auto = await page.textContent('#backend-in-use');
        expect(['webgl', 'wasm', 'cpu']).toContain(auto);
        expect(await page.inputValue('#backend')).toBe(auto);

        // Nothing saved yet in this fresh browser context.
        await page.click('#load');
        await settled();
        expect(await page.textContent('#status')).toMatch(/Nothing saved yet/);

        // Switch backend through the menu; the choice goes into the URL.
        await page.selectOption('#backend', c.backend);
        await settled();
        expect(await page.textContent('#backend-in-use')).toBe(c.backend);
        expect(page.url()).toContain(`backend=${c.backend}`);

        // Data and noise settings.
        await page.selectOption('#dataset', 'circles');
        await page.fill('#n-train', '40');
        await page.fill('#label-noise', '0.1');
        for (const [id, value] of Object.entries(c.noise)) await page.fill(`#${id}`, value);
        await settled();
        expect(await page.textContent('#architecture')).toContain(c.architecture);

        // Train until both accuracies are shown and some epochs are done, then pause.
        await page.click('#train');
        await page.waitForFunction(
          () =>
            window.playground.epoch >= 30 &&
            document.getElementById('clean-acc')?.dataset.test != null &&
            document.getElementById('noisy-acc')?.dataset.test != null,
          undefined,
          { timeout: 60_000, polling: 100 },
        );
        await page.click('#train');
        await settled();
        await page.waitForSelector('body[data-state="paused"]');
        for (const id of ['clean-acc', 'noisy-acc']) {
          expect(await page.textContent(`#${id}`)).toMatch(/^train \d+\.\d% · test \d+\.\d%$/);
          const test = Number(await page.getAttribute(`#${id}`, 'data-test'));
          expect(test).toBeGreaterThan(0.6); // the circles are easy: far better than chance
        }

        // No tensor leaks: training on (and drawing after every chunk) keeps the count flat.
        const tensors = await page.evaluate(() => window.playground.tensors);
        const epoch = await page.evaluate(() => window.playground.epoch);
        await page.click('#train');
        await page.waitForFunction((e) => window.playground.epoch >= e + 10, epoch);
        await page.click('#train');
        await settled();
        expect(await page.evaluate(() => window.playground.tensors)).toBe(tensors);

        // Both boundary pictures show both classes and a gradient, not a blank canvas.
        for (const id of ['clean-canvas', 'noisy-canvas']) {
          const [blue, orange, colours, total] = await canvasStats(page, id);
          expect(blue / total, id).toBeGreaterThan(0.1);
          expect(orange / total, id).toBeGreaterThan(0.05);
          expect(colours, id).toBeGreaterThan(50);
        }
        const [lossBlue, lossOrange] = await canvasStats(page, 'loss-canvas');
        expect(lossBlue).toBeGreaterThan(50); // the clean network's curves
        expect(lossOrange).toBeGreaterThan(50); // the noisy network's curves

        // Same seed and initial weights, but the noise changed what the noisy network learned.
        const clean = await page.evaluate(() => window.playground.gridPredictions('clean'));
        const noisy = await page.evaluate(() => window.playground.gridPredictions('noisy'));
        expect(noisy).toHaveLength(64 * 64);
        expect(noisy).not.toEqual(clean);

        // Save: four downloads (model.json and weights of the noisy and the stripped model)
        // and IndexedDB.
        const downloads: string[] = [];
        const allDownloaded = new Promise<void>((resolve) => {
          page.on('download', async (d) => {
            const file = join(downloadsDir, d.suggestedFilename());
            await d.saveAs(file);
            downloads.push(d.suggestedFilename());
            if (downloads.length === 4) resolve();
          });
        });
        await page.click('#save');
        await settled();
        await page.waitForSelector('body[data-saved="true"]');
        await allDownloaded;
        expect(downloads.sort()).toEqual([
          'tfjs-noise-playground-noisy.json',
          'tfjs-noise-playground-noisy.weights.bin',
          'tfjs-noise-playground-stripped.json',
          'tfjs-noise-playground-stripped.weights.bin',
        ]);
        const noisyJson = readFileSync(
          join(downloadsDir, 'tfjs-noise-playground-noisy.json'),
          'utf8',
        );
        const strippedJson = readFileSync(
          join(downloadsDir, 'tfjs-noise-playground-stripped.json'),
          'utf8',
        );
        for (const name of c.classes) {
          expect(noisyJson).toContain(`"class_name":"${name}"`);
          expect(strippedJson).not.toContain(`"class_name":"${name}"`);
        }
        expect(JSON.parse(strippedJson).weightsManifest[0].paths).toEqual([
          './tfjs-noise-playground-stripped.weights.bin',
        ]);
        await page.screenshot({
          path: join(OUTPUT_DIR, `playground-${c.backend}-trained.png`),
          fullPage: true,
        });
        const saved = await page.evaluate(() => window.playground.saved);
        expect(saved).toHaveLength(64 * 64);
        const savedEpoch = Number(await page.textContent('#epoch'));

        // Reload: the backend choice survives (URL); the model comes back from IndexedDB.
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
        expect(await page.textContent('#backend-in-use')).toBe(c.backend);
        expect(await page.evaluate(() => window.playground.saved)).toBeUndefined();
        await page.click('#load');
        await settled();
        await page.waitForSelector('body[data-loaded="true"]');
        const loaded = await page.evaluate(() => window.playground.loaded);
        const loadedStripped = await page.evaluate(() => window.playground.loadedStripped);
        expect(loaded).toEqual(saved);
        expect(loadedStripped).toEqual(saved);
        const status = await page.textContent('#load-status');
        expect(status).toContain(`epoch ${savedEpoch}`);
        expect(status).toContain('from the predictions at save time: 0;');
        const [loadedBlue, loadedOrange] = await canvasStats(page, 'loaded-canvas');
        expect(loadedBlue).toBeGreaterThan(1000);
        expect(loadedOrange).toBeGreaterThan(1000);

        await page.screenshot({
          path: join(OUTPUT_DIR, `playground-${c.backend}-loaded.png`),
          fullPage: true,
        });

        // The wasm binaries were served by us, with the MIME type streaming compilation needs.
        if (c.backend === 'wasm') {
          const wasm = server.requests.filter((r) => r.path.endsWith('.wasm'));
          expect(wasm.length).toBeGreaterThan(0);
          for (const r of wasm) expect(r).toMatchObject({ status: 200, type: 'application/wasm' });
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
        rmSync(downloadsDir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
