/**
 * End to end: the built playground (packages/playground/dist) in Debian's headless Chromium,
 * driven by playwright-core, on each backend of its menu: webgl (the page's own choice here),
 * webgpu, wasm and cpu (chosen in the menu, which reloads the page with the choice and the
 * settings in the URL). Per backend: tfjs-layers uses the backend's epsilon even after the page
 * ran another backend first; the first step on webgl / webgpu says "Compiling shaders"; train the
 * clean and the noisy network, check both pictures, the loss plot and the accuracies; save to
 * IndexedDB and as downloads; open the page afresh (default settings), Load, and check that the
 * form and the "Noisy network" line show the saved model's settings and that its predictions are
 * those at save time, bit for bit. Any console error or page error fails the test. Screenshots
 * (trained, and after the load) go to test/e2e/output/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The page's hook (its `declare global` types `window.playground` here too).
import type { PlaygroundHook } from '@tfjs-noise/playground/hook';
import { CHROMIUM_ARGS, ensureChromium } from '@tfjs-noise/support/browser/chromium';
import { type StaticServer, serveStatic } from '@tfjs-noise/support/browser/server';
import { MLP_KIND_REGISTRY, NOISE_KINDS } from '@tfjs-noise/tune/kinds';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePlaygroundBuilt } from '../support/browser/playground_build';

const OUTPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'output');

/**
 * Noise settings per backend (together they cover every kind of the page) and the layers they
 * must add; training points and the epochs trained before the checks and then for the leak
 * check. Every case also sets 32 hidden units (the default is 64), so that Load has settings to
 * restore that differ from a fresh page's. WebGPU on SwiftShader takes about 2 s per epoch here
 * (both networks and the drawing; tfjs alone, without noise, is as slow): fewer epochs, on more
 * points.
 */
const CASES = [
  {
    backend: 'webgl',
    nTrain: '40',
    epochs: 30,
    more: 10,
    noise: { 'input-jitter': '0.1', 'activation-jitter': '0.1', 'weight-noise': '0.05' },
    architecture:
      'GaussianJitter › WeightNoise(Dense) › GaussianJitter › WeightNoise(Dense) › GaussianJitter › WeightNoise(Dense)',
    classes: ['GaussianJitter', 'WeightNoise'],
  },
  {
    backend: 'webgpu',
    nTrain: '80',
    epochs: 8,
    more: 2,
    noise: { 'input-jitter': '0.1', 'weight-noise': '0.05', 'gradient-noise': '0.001' },
    architecture: 'GaussianJitter › WeightNoise(Dense) › WeightNoise(Dense) › WeightNoise(Dense)',
    classes: ['GaussianJitter', 'WeightNoise'],
  },
  {
    backend: 'wasm',
    nTrain: '40',
    epochs: 30,
    more: 10,
    noise: { 'input-jitter': '0.15', 'weight-noise': '0.03', 'gradient-noise': '0.005' },
    architecture: 'GaussianJitter › WeightNoise(Dense) › WeightNoise(Dense) › WeightNoise(Dense)',
    classes: ['GaussianJitter', 'WeightNoise'],
  },
  {
    backend: 'cpu',
    nTrain: '40',
    epochs: 30,
    more: 10,
    noise: { 'input-jitter': '0', 'activation-jitter': '0.2', 'noisy-activation': '0.3' },
    architecture: 'Dense(linear) › NoisyActivation(relu) › GaussianJitter › Dense(linear)',
    classes: ['GaussianJitter', 'NoisyActivation'],
  },
] as const;

/** A fresh page's settings (index.html), which the test changes and Load must bring back. */
const DEFAULTS: Record<string, string> = {
  dataset: 'circles',
  'n-train': '40',
  'label-noise': '0.1',
  seed: '1',
  units: '64',
  'input-jitter': '0.15',
  'activation-jitter': '0',
  'weight-noise': '0',
  'noisy-activation': '0',
  'gradient-noise': '0',
};

/** The hook's data properties (not its methods). */
type HookData = {
  [K in keyof PlaygroundHook as PlaygroundHook[K] extends (...args: never[]) => unknown
    ? never
    : K]: PlaygroundHook[K];
};

/** A data property of the page's `window.playground`. */
function hookValue<K extends keyof HookData>(page: Page, key: K): Promise<HookData[K]> {
  return page.evaluate((k) => window.playground[k], key) as Promise<HookData[K]>;
}

/** The values of the settings form, by field id. */
function formValues(page: Page): Promise<Record<string, string>> {
  return page.evaluate((ids) => {
    const values: Record<string, string> = {};
    for (const id of ids) values[id] = (document.getElementById(id) as HTMLInputElement).value;
    return values;
  }, Object.keys(DEFAULTS));
}

/** Waits until the page has loaded, chosen its backend and built its first run. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
}

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

  it('shows one slider per noise kind of the registry (@tfjs-noise/tune/kinds), as it describes it', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await ready(page);
      const fields = await page.$$eval('#noise-fields input', (inputs) =>
        (inputs as HTMLInputElement[]).map((input) => ({
          id: input.id,
          type: input.type,
          max: Number(input.max),
          step: Number(input.step),
          label: document.querySelector(`label[for="${input.id}"]`)?.textContent,
          title: (document.querySelector(`label[for="${input.id}"]`) as HTMLElement | null)?.title,
        })),
      );
      expect(fields).toEqual(
        NOISE_KINDS.map((kind) => {
          const { label, amount, component, range } = MLP_KIND_REGISTRY[kind];
          return {
            id: label.replace(/ /g, '-'),
            type: 'range',
            max: range.max,
            step: range.step,
            label: `${label[0]?.toUpperCase()}${label.slice(1)} ${amount}`,
            title: component,
          };
        }),
      );
      // The ids (and so the URL's parameters) of the sliders the page had before they were
      // read from the registry: a link shared then still sets the same noise.
      expect(fields.map((f) => f.id)).toEqual([
        'input-jitter',
        'weight-noise',
        'activation-jitter',
        'noisy-activation',
        'gradient-noise',
      ]);
    } finally {
      await context.close();
    }
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
        const epsilons = () => page.evaluate(() => window.playground.epsilons());

        // The page picks a backend by itself (webgl, else wasm, else cpu) and shows it.
        await page.goto(server.url);
        await ready(page);
        const auto = await page.textContent('#backend-in-use');
        expect(['webgl', 'wasm', 'cpu']).toContain(auto);
        expect(await page.inputValue('#backend')).toBe(auto);
        // webgpu is offered: this Chromium has navigator.gpu.
        expect(await page.textContent('#backend option[value="webgpu"]')).toBe('webgpu');
        // Reading tfjs-layers' epsilon caches it, as a training step would.
        const autoEpsilons = await epsilons();
        expect(autoEpsilons.layers / autoEpsilons.backend).toBeCloseTo(1, 5);

        // Nothing saved yet in this fresh browser context.
        await page.click('#load');
        await settled();
        expect(await page.textContent('#status')).toMatch(/Nothing saved yet/);

        // Switch backend through the menu: the page reloads with the choice in the URL, and
        // tfjs-layers then uses the new backend's epsilon, not the first one's.
        if (auto !== c.backend) {
          await Promise.all([
            page.waitForURL((u) => u.searchParams.get('backend') === c.backend),
            page.selectOption('#backend', c.backend),
          ]);
          await ready(page);
        }
        expect(await page.textContent('#backend-in-use')).toBe(c.backend);
        expect(page.url()).toContain(`backend=${c.backend}`);
        const eps = await epsilons();
        expect(eps.layers / eps.backend).toBeCloseTo(1, 5);

        // Data and noise settings; each change goes into the URL too.
        await page.selectOption('#dataset', 'circles');
        await page.selectOption('#units', '32');
        await page.fill('#n-train', c.nTrain);
        await page.fill('#label-noise', '0.1');
        for (const [id, value] of Object.entries(c.noise)) await page.fill(`#${id}`, value);
        await settled();
        expect(await page.textContent('#architecture')).toContain(c.architecture);
        const chosen = await formValues(page);
        expect(chosen).not.toEqual(DEFAULTS);
        expect(new URL(page.url()).searchParams.get('units')).toBe('32');

        // Train until both accuracies are shown and some epochs are done, then pause. On webgl
        // and webgpu the first step compiles shaders, and the page says so meanwhile.
        const gpu = c.backend === 'webgl' || c.backend === 'webgpu';
        await page.click('#train');
        if (gpu) {
          await page.waitForFunction(
            () =>
              (document.getElementById('status') as HTMLOutputElement).value.startsWith(
                'Compiling shaders',
              ),
            undefined,
            { polling: 50, timeout: 60_000 },
          );
        }
        await page.waitForFunction(
          (epochs) =>
            window.playground.epoch >= epochs &&
            document.getElementById('clean-acc')?.dataset.test != null &&
            document.getElementById('noisy-acc')?.dataset.test != null,
          c.epochs,
          { timeout: 90_000, polling: 100 },
        );
        await page.click('#train');
        await settled();
        await page.waitForSelector('body[data-state="paused"]');
        // One notice for the first prediction and one for the first training step, on the GPU
        // backends only.
        expect(await hookValue(page, 'compileNotices')).toBe(gpu ? 2 : 0);
        for (const id of ['clean-acc', 'noisy-acc']) {
          expect(await page.textContent(`#${id}`)).toMatch(/^train \d+\.\d% · test \d+\.\d%$/);
          const test = Number(await page.getAttribute(`#${id}`, 'data-test'));
          expect(test).toBeGreaterThan(0.6); // the circles are easy: far better than chance
        }

        // No tensor leaks: training on (and drawing after every chunk) keeps the count flat.
        const tensors = await hookValue(page, 'tensors');
        const epoch = await hookValue(page, 'epoch');
        await page.click('#train');
        await page.waitForFunction(
          ([e, more]) => window.playground.epoch >= (e as number) + (more as number),
          [epoch, c.more],
          {
            timeout: 60_000,
          },
        );
        await page.click('#train');
        await settled();
        expect(await hookValue(page, 'tensors')).toBe(tensors);

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
        // The loss plot's axes: titles and ticks are drawn (dark text pixels in the margins).
        const axisInk = await page.evaluate(() => {
          const canvas = document.getElementById('loss-canvas') as HTMLCanvasElement;
          const ctx = canvas.getContext('2d')!;
          const dark = (x: number, y: number, w: number, h: number) => {
            const { data } = ctx.getImageData(x, y, w, h);
            let n = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! < 300) n++;
            return n;
          };
          // Left margin (y title and tick labels) and bottom margin (x tick labels and title).
          return {
            yTitle: dark(0, 0, 22, canvas.height),
            yLabels: dark(22, 0, 34, canvas.height - 38),
            xLabels: dark(58, canvas.height - 32, canvas.width - 58, 14),
            xTitle: dark(58, canvas.height - 16, canvas.width - 58, 16),
          };
        });
        for (const [part, ink] of Object.entries(axisInk)) expect(ink, part).toBeGreaterThan(20);

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
        const saved = await hookValue(page, 'saved');
        expect(saved).toHaveLength(64 * 64);
        const savedEpoch = Number(await page.textContent('#epoch'));

        // A fresh page on the same backend, without settings in the URL: the form shows the
        // defaults. Load brings the model back from IndexedDB, and its settings into the form.
        await page.goto(`${server.url}?backend=${c.backend}`);
        await ready(page);
        expect(await page.textContent('#backend-in-use')).toBe(c.backend);
        expect(await hookValue(page, 'saved')).toBeUndefined();
        expect(await formValues(page)).toEqual(DEFAULTS);
        await page.click('#load');
        await settled();
        await page.waitForSelector('body[data-loaded="true"]');
        expect(await formValues(page)).toEqual(chosen);
        expect(await page.textContent('#architecture')).toContain(c.architecture);
        expect(await page.textContent('#input-jitter-value')).toBe(
          Number(chosen['input-jitter']).toFixed(2),
        );
        expect(new URL(page.url()).searchParams.get('units')).toBe('32');
        const loaded = await hookValue(page, 'loaded');
        const loadedStripped = await hookValue(page, 'loadedStripped');
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
    }, 240_000);
  }
});
