import { chromium } from 'playwright-core';
import { buildBackendPages } from './backends/build';
import { CHROMIUM_ARGS, ensureChromium } from './playground/chromium';
import { serveStatic } from './playground/server';

const exe = await ensureChromium();
const dir = await buildBackendPages();
const server = await serveStatic(dir);
const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
for (const backend of (process.argv[2] ?? 'webgl,webgpu').split(',')) {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) =>
    console.log(`[${backend} console.${m.type()}] ${m.text().slice(0, 2000)}`),
  );
  page.on('pageerror', (e) => console.log(`[${backend} pageerror] ${e.message}`));
  await page.goto(`${server.url}gpu.html`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const info = await page.evaluate((b) => window.gpu.init(b as never), backend);
  console.log(backend, JSON.stringify(info));
  let t = Date.now();
  try {
    console.log(
      JSON.stringify(
        await page.evaluate(() => window.gpu.bits('uniform', 8, { seed: 1, stream: 0, step: 0 })),
      ),
    );
    console.log(
      JSON.stringify(await page.evaluate(() => window.gpu.distribution(1_000_000))),
      (Date.now() - t) / 1000,
    );
    t = Date.now();
    console.log('drawUploads', await page.evaluate(() => window.gpu.drawUploads(1_000_000)));
    console.log(
      'perStep',
      JSON.stringify(
        await page.evaluate(() =>
          window.gpu.uploadsPerStep([
            'clean',
            'gaussianJitter',
            'weightNoise',
            'noisyActivation',
            'annealedGradientNoise',
          ]),
        ),
      ),
      (Date.now() - t) / 1000,
    );
    console.log('cpu sampler', await page.evaluate(() => window.gpu.useGpuSampler(false)));
    console.log(
      'perStep cpu',
      JSON.stringify(
        await page.evaluate(() =>
          window.gpu.uploadsPerStep(['clean', 'gaussianJitter', 'weightNoise']),
        ),
      ),
    );
  } catch (e) {
    console.log('ERR', (e as Error).message.slice(0, 3000));
  }
}
await browser.close();
await server.close();
