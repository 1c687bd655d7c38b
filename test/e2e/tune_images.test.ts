import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Smoke test of `tfjs-noise-tune images DIR` then `predict`, run from source with tsx in a fresh
// process (worker threads, the default backend) on a tiny folder of generated PNG and JPEG
// files, with a quick setting (2 folds, 3 epochs). It checks the table, the report, the saved
// model and the predictions' format; it asserts nothing about accuracy or time.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-tune-images-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// The encoders the CLI decodes with, from the tune package's dependencies.
const requireTune = createRequire(join(root, 'packages', 'tune', 'package.json'));
type Rgba = { width: number; height: number; data: Buffer };
const { PNG } = requireTune('pngjs') as {
  PNG: { new (o: { width: number; height: number }): Rgba; sync: { write(png: Rgba): Buffer } };
};
const jpeg = requireTune('jpeg-js') as { encode(image: Rgba, quality: number): { data: Buffer } };

type Run = { status: number | null; stdout: string; stderr: string };

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'packages/tune/src/cli/bin.ts', ...args],
      { cwd: root, timeout: 280_000 },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A 16x16 image of stripes (horizontal or vertical), shifted by `k`, as RGBA bytes. */
function stripes(horizontal: boolean, k: number): Buffer {
  const data = Buffer.alloc(16 * 16 * 4);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = Math.floor(((horizontal ? i : j) + k) / 2) % 2 ? 220 : 30;
      data.set([v, v, v, 255], 4 * (16 * i + j));
    }
  }
  return data;
}

function writeImage(path: string, data: Buffer): void {
  if (path.endsWith('.png')) {
    const png = new PNG({ width: 16, height: 16 });
    data.copy(png.data);
    writeFileSync(path, PNG.sync.write(png));
  } else {
    writeFileSync(path, jpeg.encode({ width: 16, height: 16, data }, 90).data);
  }
}

describe('tfjs-noise-tune images', () => {
  it('searches a folder of class folders, saves a raw-pixel model, and predicts new files', async () => {
    const data = join(dir, 'shapes');
    for (const name of ['across', 'down']) {
      mkdirSync(join(data, name), { recursive: true });
      for (let k = 0; k < 10; k++) {
        const file = join(data, name, `${k}.${k % 3 === 0 ? 'jpg' : 'png'}`);
        writeImage(file, stripes(name === 'across', k));
      }
    }
    const out = join(dir, 'report');
    const save = join(dir, 'model');
    const r = await cli([
      'images',
      data,
      '--size',
      '12x12',
      '--grayscale',
      '--folds',
      '2',
      '--epochs',
      '3',
      '--kinds',
      'input,correlated',
      '--amounts',
      '0.2',
      '--peers',
      'spatial-dropout:0.2',
      '--robustness',
      '0.5',
      '--robustness-correlation',
      '2',
      '--robustness-draws',
      '2',
      '--progress',
      'none',
      '--out',
      out,
      '--save',
      save,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      'resized 20 images to 12x12 (height x width; sizes found: 16x16: 20)',
    );
    expect(r.stdout.split('\n')[0]).toMatch(
      /shapes: 20 images, 2 classes \(across 10, down 10\); 12x12 gray, .*Chosen for robustness: held-out images also scored under correlated pixel noise of 0\.5 std \(correlation length 2 pixels\)\./,
    );
    for (const row of ['input\\s+0\\s', 'input\\s+0\\.2\\s', 'correlated\\s+0\\.2\\s']) {
      expect(r.stdout).toMatch(new RegExp(`^${row}`, 'm'));
    }
    expect(r.stdout).toMatch(/^spatial-dropout\s+0\.2\s+.*\(peer\)$/m);
    expect(r.stdout).toMatch(/^recommendation: /m);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.data).toMatchObject({ images: 20, classes: ['across', 'down'], channels: 1 });
    expect(results.search.robustness).toMatchObject({ stddev: 0.5, correlationLength: 2 });
    expect(readFileSync(join(out, 'cv_score.svg'), 'utf8')).toMatch(/^<svg/);
    const model = JSON.parse(readFileSync(join(save, 'plain', 'model.json'), 'utf8'));
    expect(model.userDefinedMetadata).toMatchObject({
      format: 'tfjs-noise-tune/images',
      classes: ['across', 'down'],
      size: [12, 12],
      grayscale: true,
    });

    const fresh = join(dir, 'new');
    mkdirSync(fresh);
    writeImage(join(fresh, 'a.png'), stripes(true, 5));
    writeImage(join(fresh, 'b.jpg'), stripes(false, 6));
    const p = await cli(['predict', save, fresh]);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const lines = p.stdout.trim().split('\n');
    expect(lines[0]).toBe('file,prediction,probability_across,probability_down');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['a.png', 'b.jpg']);
    for (const line of lines.slice(1)) {
      const [, cls, pa, pd] = line.split(',');
      expect(['across', 'down']).toContain(cls);
      expect(Number(pa) + Number(pd)).toBeCloseTo(1, 5);
    }
  }, 300_000);
});
