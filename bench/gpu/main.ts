/**
 * The browser benchmark, on webgl then webgpu, in Debian's headless Chromium.
 *
 *   pnpm bench:gpu                          # full run
 *   pnpm bench:gpu --quick                  # smoke run used by the tests: the MLP only, 1e6
 *                                           # samples, few rounds (no assertions on time)
 *   pnpm bench:gpu --only webgpu --out results.json
 *   pnpm bench:gpu --models mlp,lstm --rounds 31 --reps 31
 *   pnpm bench:gpu --serve                  # build and serve the page, to open it by hand
 *                                           # (with the flags above in its address)
 *
 * Builds the page (bench/gpu/page.ts), serves it on 127.0.0.1, opens it once per backend in
 * a fresh browser context, and prints one table per backend with the targets beside the
 * measured numbers (met / NOT met: informative, nothing asserts on them). `--out` writes the
 * results as JSON. Here Chromium runs WebGL2 and WebGPU on SwiftShader, the CPU emulation of a
 * GPU: the times say little about a GPU. On a machine with one, `--serve` and open the page in a
 * browser that uses it.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CHROMIUM_ARGS, ensureChromium } from '@tfjs-noise/support/browser/chromium';
import { serveStatic } from '@tfjs-noise/support/browser/server';
import { FlagError, parseFlags, readFlagsOrExit } from '@tfjs-noise/support/flags';
import { chromium } from 'playwright-core';
import { formatRows } from '../timing';
import { buildGpuBenchPage } from './build';
// The page's hook (its `declare global` types `window.gpuBench` here too).
import type {} from './page';
import {
  deviceNote,
  GPU_BENCH_BACKENDS,
  type GpuBenchBackend,
  type GpuBenchResult,
  type GpuBenchSettings,
  headerOf,
  parseOverrides,
  rowsOf,
  type SettingsOverrides,
  settingsFor,
} from './results';

interface Flags {
  settings: GpuBenchSettings;
  /** The settings' flags as the page's address takes them (for --serve). */
  query: string;
  only?: GpuBenchBackend;
  out?: string;
  serve: boolean;
}

/**
 * Reads the command line before anything runs (@tfjs-noise/support's flag parser): a bad or
 * unknown flag prints one line on stderr and exits with code 2 (nothing is measured or written).
 */
function flags(): Flags {
  return readFlagsOrExit('bench/gpu/main.ts', () => {
    const values = parseFlags({
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
      serve: { type: 'boolean' },
      models: { type: 'string' },
      rounds: { type: 'string' },
      reps: { type: 'string' },
    });
    const only = values.only;
    if (only !== undefined && !(GPU_BENCH_BACKENDS as readonly string[]).includes(only)) {
      throw new FlagError(`--only must be webgl or webgpu, but got '${only}'.`);
    }
    if (values.out !== undefined) {
      const out = resolve(values.out);
      if (values.out.trim() === '' || (existsSync(out) && statSync(out).isDirectory())) {
        throw new FlagError(`--out must be a file path (results.json), but got '${values.out}'.`);
      }
    }
    let overrides: SettingsOverrides;
    try {
      // The same checks as the page's address (`&rounds=N`), so the page has them too.
      overrides = parseOverrides((name) => values[name as 'models' | 'rounds' | 'reps'], '--');
    } catch (err) {
      throw new FlagError((err as Error).message);
    }
    const query = (['models', 'rounds', 'reps'] as const)
      .filter((k) => values[k] !== undefined)
      .map((k) => `&${k}=${values[k]}`)
      .join('');
    return {
      settings: settingsFor(values.quick, overrides),
      query: `${values.quick ? '&quick' : ''}${query}`,
      serve: values.serve,
      ...(only ? { only: only as GpuBenchBackend } : {}),
      ...(values.out !== undefined ? { out: resolve(values.out) } : {}),
    };
  });
}

/** Builds and serves the page until the process is stopped (Ctrl-C). */
async function serveForever(query: string): Promise<void> {
  const dir = await buildGpuBenchPage();
  const server = await serveStatic(dir);
  const stop = async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log('open one of these in a browser on this machine (Ctrl-C stops the server):');
  for (const b of GPU_BENCH_BACKENDS) {
    console.log(`  ${server.url}gpu.html?backend=${b}${query}`);
  }
}

/** Runs the page on each backend in a fresh context; fails on any page or console error. */
async function measure(
  backends: GpuBenchBackend[],
  settings: GpuBenchSettings,
): Promise<GpuBenchResult[]> {
  const executablePath = await ensureChromium();
  const dir = await buildGpuBenchPage();
  const server = await serveStatic(dir);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const results: GpuBenchResult[] = [];
  try {
    for (const backend of backends) {
      const context = await browser.newContext();
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
          else if (m.text().startsWith('[gpu bench]')) process.stderr.write(`${m.text()}\n`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        await page.goto(`${server.url}gpu.html`);
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
        const result = await page.evaluate(({ b, s }) => window.gpuBench.run(b, s), {
          b: backend,
          s: settings,
        });
        if (problems.length > 0) throw new Error(`${backend}: ${problems.join('\n')}`);
        results.push(result);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** One table per backend, then what the numbers mean here. */
function report(results: GpuBenchResult[]): void {
  for (const r of results) {
    console.log('');
    for (const line of headerOf(r)) console.log(line);
    for (const line of formatRows(rowsOf(r))) console.log(line);
  }
  console.log('');
  const note = results.map((r) => deviceNote(r.info.device)).find((n) => n !== null);
  if (note) {
    console.log(
      `${note} The page is ready for a machine with one: pnpm bench:gpu --serve there, then ` +
        'open gpu.html?backend=webgl (or webgpu) in a browser that uses the GPU.',
    );
  }
}

async function main() {
  const f = flags();
  if (f.serve) return serveForever(f.query);
  const backends = f.only ? [f.only] : [...GPU_BENCH_BACKENDS];
  const t0 = Date.now();
  const results = await measure(backends, f.settings);
  report(results);
  const quick = f.settings.quick;
  console.log(`bench:gpu${quick ? ' --quick' : ''}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (f.out) {
    mkdirSync(dirname(f.out), { recursive: true });
    writeFileSync(f.out, `${JSON.stringify({ quick, results }, null, 2)}\n`);
    console.log(`wrote ${f.out}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
