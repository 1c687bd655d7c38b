/**
 * The browser benchmark (pnpm bench:gpu) in its --quick mode, on webgl and webgpu in Debian's
 * headless Chromium (SwiftShader): it runs end to end, prints a table per backend with the
 * issue's targets, and writes its JSON. Only the structure and the honesty of the output are
 * asserted, never a time: every row is there, every number is finite and positive, the CPU
 * sampler uploads at least the noise it draws, and the GPU sampler uploads far less.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GpuBenchResult, rowsOf } from '@tfjs-noise/bench/gpu/results';
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/process/run_node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODEL = 'MLP 784-256-256-10 b32';
const PLACEMENTS = ['jitter', 'tfjs', 'weight', 'factorized', 'gradient'];
const LABELS = [
  'GaussianJitter',
  'tf.layers.gaussianNoise',
  'WeightNoise',
  'WeightNoise factorized',
  'AnnealedGradientNoise',
];

/** The measures every backend's table must print, with a value (and the target, if any). */
function expectedLines(): [string, string][] {
  const lines: [string, string][] = [
    [`${MODEL}: step, clean`, 'ms'],
    [`${MODEL}: clean, second copy (noise floor) / clean`, 'x'],
  ];
  for (const label of LABELS) lines.push([`${MODEL}: ${label} / clean`, 'x']);
  for (const what of [
    'GPU sampler (tfn.random.normal), ms per draw',
    'CPU sampler (wasm) + upload, ms per draw',
    'tf.randomNormal + upload, ms per draw',
  ]) {
    lines.push([`normal 1e6: ${what}`, 'ms']);
  }
  lines.push(['normal 1e6: GPU sampler speed-up vs tf.randomNormal', 'x']);
  lines.push(['normal 1e6: CPU sampler speed-up vs tf.randomNormal', 'x']);
  const up = `${MODEL} uploads/step`;
  lines.push([`${up}: clean`, 'kB']);
  for (const label of LABELS) {
    if (label === 'tf.layers.gaussianNoise') lines.push([`${up}: ${label}`, 'kB']);
    else lines.push([`${up}: ${label}, GPU sampler`, 'kB'], [`${up}: ${label}, CPU sampler`, 'kB']);
    lines.push([`${up}: ${label}: noise drawn`, 'kB']);
  }
  return lines;
}

/** Runs the runner with a bad command line: its exit code and stderr. */
function fails(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/gpu/main.ts', ...args],
      { cwd: root, timeout: 60_000 },
      (e, _out, stderr) => resolve({ code: e ? (e.code as number) : 0, stderr }),
    );
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function checkResult(r: GpuBenchResult, backend: string): void {
  expect(r.info.backend).toBe(backend);
  expect(r.info.device).toMatch(/\S/);
  expect(r.info.device).not.toMatch(/^(unknown|none)$/);
  expect(r.info.tfjs).toMatch(/^\d+\.\d+\.\d+$/);
  expect([16, 32]).toContain(r.info.floatPrecision);
  expect(r.info.sampler).toBe('gpu');
  expect(r.info.cpuSampler).toBe('wasm');
  expect(r.settings.quick).toBe(true);

  expect(r.steps.map((s) => s.model)).toEqual([MODEL]);
  expect(r.steps[0]!.ms.map((v) => v.placement)).toEqual(['none', 'none', ...PLACEMENTS]);
  expect(r.sampler.map((s) => s.n)).toEqual([1e6]);
  for (const s of r.sampler) {
    for (const ms of [s.gpu, s.cpu, s.tfRandomNormal]) expect(ms).toBeGreaterThan(0);
  }
  // Every number of the table (times, ratios, bytes) is finite and positive.
  const rows = rowsOf(r);
  expect(rows).toHaveLength(expectedLines().length);
  for (const row of rows) {
    expect(Number.isFinite(row.value), row.measure).toBe(true);
    expect(row.value, row.measure).toBeGreaterThan(0);
  }

  // Uploads per step: the CPU sampler uploads every sample it draws, the GPU sampler none.
  const u = Object.fromEntries(r.uploads.map((x) => [x.placement, x]));
  expect(Object.keys(u)).toEqual(['none', ...PLACEMENTS]);
  const clean = u.none!.gpuSampler;
  expect(u.none!.cpuSampler).toBeNull();
  expect(u.none!.noise).toBeNull();
  for (const p of ['jitter', 'weight', 'factorized', 'gradient']) {
    const { gpuSampler, cpuSampler, noise } = u[p]!;
    const what = `${backend} ${p}: GPU ${gpuSampler} B, CPU ${cpuSampler} B, noise ${noise} B`;
    expect(noise, what).toBeGreaterThan(0);
    expect(cpuSampler!, what).toBeGreaterThanOrEqual(noise!);
    expect(cpuSampler! - gpuSampler, what).toBeGreaterThanOrEqual(0.9 * noise!);
    // What the GPU sampler adds to the clean model's uploads (small per-kernel parameters).
    expect(gpuSampler - clean, what).toBeLessThan(0.5 * noise!);
    // Jitter, weight and gradient noise (>= 166 kB a step here): far below, tfjs's own included.
    if (p !== 'factorized') expect(gpuSampler, what).toBeLessThan(0.1 * noise!);
  }
  // tf.layers.gaussianNoise draws the same noise as GaussianJitter with tf.randomNormal, and
  // uploads it.
  expect(u.tfjs!.noise).toBe(u.jitter!.noise);
  expect(u.tfjs!.gpuSampler).toBeGreaterThanOrEqual(u.jitter!.noise!);
}

describe('bench:gpu', () => {
  it('--quick measures webgl and webgpu, prints both tables and writes its JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-bench-gpu-'));
    try {
      const file = join(dir, 'gpu.json');
      const out = await runNode(['bench/gpu/main.ts', '--quick', '--out', file], root);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        quick: boolean;
        results: GpuBenchResult[];
      };
      expect(saved.quick).toBe(true);
      expect(saved.results.map((r) => r.info.backend)).toEqual(['webgl', 'webgpu']);
      for (const r of saved.results) checkResult(r, r.info.backend);

      for (const backend of ['webgl', 'webgpu']) {
        expect(out).toMatch(new RegExp(`^${backend}: .+; tfjs \\d+\\.\\d+\\.\\d+, `, 'm'));
        for (const [measure, unit] of expectedLines()) {
          const target =
            measure.endsWith(': GaussianJitter / clean') ||
            measure.endsWith(': WeightNoise / clean')
              ? ` +<= 1\\.0[25] (met|NOT met)`
              : measure.includes('GPU sampler speed-up')
                ? ` +>= 100 (met|NOT met)`
                : '';
          expect(out).toMatch(
            new RegExp(
              `^${backend} +${escapeRegExp(measure)} +\\d+\\.\\d\\d ${unit}${target}$`,
              'm',
            ),
          );
        }
      }
      expect(out).toMatch(/^On SwiftShader \(CPU emulation of the GPU\) times mean little/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('rejects bad flags with one line and exit code 2, before building anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-bench-gpu-flags-'));
    const file = join(dir, 'gpu.json');
    try {
      const cases: [string[], string][] = [
        [['--only', 'cpu'], "--only must be webgl or webgpu, but got 'cpu'."],
        [['--rounds=-1'], "--rounds must be an integer >= 1, but got '-1'."],
        [['--rounds', '-1'], "Option '--rounds' argument is ambiguous. Did you forget"],
        [['--models', 'mlp,gan'], '--models must be a comma-separated list of mlp, convnet, lstm'],
        [['--nope'], "unknown flag '--nope' (flags: --quick, --only, --out, --serve, --models,"],
        [['--out', dir], '--out must be a file path'],
      ];
      // With --out (where the case is not about it): nothing may be written.
      const results = await Promise.all(
        cases.map(([args]) => fails(args.includes('--out') ? args : [...args, '--out', file])),
      );
      for (const [i, r] of results.entries()) {
        const [args, message] = cases[i]!;
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(r.stderr, args.join(' ')).toContain(`bench/gpu/main.ts: error: ${message}`);
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
