/**
 * `tfjs-noise-tune images DIR` in-process on a tiny folder of generated PNG and JPEG files: the
 * search, the report, `--save` of a model that takes raw pixels (0-255) and `predict` on image
 * files decoded and resized as the search did; the notes (images resized, files left out) and
 * the usage errors (a single class, an empty class folder, an undecodable file, a bad flag).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { readImageFolder } from '../src/data/image_folder';
import { loadImageModel } from '../src/index';
import { encodePng, rgba, writeStripes } from './image_files';

const root = mkdtempSync(join(tmpdir(), 'tune-images-cli-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const quick = [
  '--size',
  '8x8',
  '--grayscale',
  '--folds',
  '2',
  '--epochs',
  '3',
  '--kinds',
  'input,snr',
  '--amounts',
  '10',
  '--peers',
  'none',
  '--workers',
  '0',
  '--backend',
  'cpu',
  '--progress',
  'none',
];

describe('tfjs-noise-tune images', () => {
  it('searches, reports, saves a raw-pixel model and predicts image files as the search read them', async () => {
    const data = join(root, 'data');
    writeStripes(data, { perClass: 6, size: 12, formats: 'mixed', classes: ['h', 'v', 'x'] });
    writeFileSync(
      join(data, 'h', 'odd.png'),
      encodePng(
        10,
        16,
        rgba(10, 16, (i) => 30 * (i % 2)),
      ),
    );
    writeFileSync(join(data, 'notes.txt'), 'not an image');
    const save = join(root, 'saved');
    const report = join(root, 'report');
    const r = await run(['images', data, ...quick, '--out', report, '--save', save]);
    expect(r.err.filter((l) => l.includes('error'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'tfjs-noise-tune images: note: resized 19 images to 8x8 (height x width; sizes found: 12x12: 18, 10x16: 1).',
    );
    expect(r.err).toContain(
      'tfjs-noise-tune images: note: left out 1 file that is not a PNG or JPEG image in a class folder (notes.txt).',
    );
    expect(r.out[0]).toMatch(/^.*data: 19 images, 3 classes \(h 7, v 6, x 6\); 8x8 gray/);
    expect(r.out[0]).toContain('snr (SNR dB, more is less noise: 10)');
    expect(r.out.join('\n')).toMatch(/^snr\s+10\s/m);
    const results = JSON.parse(readFileSync(join(report, 'results.json'), 'utf8'));
    expect(results.data.classes).toEqual(['h', 'v', 'x']);
    expect(results.data.resized).toEqual({ '12x12': 18, '10x16': 1 });
    expect(results.search.grid).toEqual([
      { kind: 'input', amount: 0 },
      { kind: 'input', amount: 10 },
      { kind: 'snr', amount: 10 },
    ]);
    expect(r.out.at(-1)).toMatch(
      /^saved the final model \(.*, trained on all 19 images; it takes \[batch, 8, 8, 1\] pixels 0-255\)/,
    );

    // The plain model takes raw pixels: the same answers from files and from read pixels.
    const model = await loadImageModel(save);
    try {
      expect(model.metadata).toMatchObject({
        classes: ['h', 'v', 'x'],
        size: [8, 8],
        grayscale: true,
      });
      expect(model.model.inputs[0]!.shape).toEqual([null, 8, 8, 1]);
      const folder = readImageFolder(data, { size: [8, 8], grayscale: true });
      const fromPixels = model.predict(folder.x);
      const fromFiles = model.predictFiles(folder.files.map((f) => join(data, f)));
      expect(fromFiles).toEqual(fromPixels);
      const sums = fromPixels.map((a) => Object.values(a.probabilities).reduce((s, p) => s + p, 0));
      for (const s of sums) expect(s).toBeCloseTo(1, 5);
    } finally {
      model.dispose();
    }

    // predict on a folder of new files (one level of sub-folders too), and on one file.
    const fresh = join(root, 'fresh');
    mkdirSync(join(fresh, 'more'), { recursive: true });
    copyFileSync(join(data, 'v', 'v-1.jpg'), join(fresh, 'a.jpg'));
    copyFileSync(join(data, 'h', 'h-0.png'), join(fresh, 'more', 'b.png'));
    const p = await run(['predict', save, fresh]);
    expect(p.code).toBe(0);
    expect(p.out[0]).toBe('file,prediction,probability_h,probability_v,probability_x');
    expect(p.out.slice(1).map((l) => l.split(',')[0])).toEqual(['a.jpg', 'more/b.png']);
    for (const line of p.out.slice(1)) expect(['h', 'v', 'x']).toContain(line.split(',')[1]);
    const one = await run(['predict', save, join(fresh, 'a.jpg')]);
    expect(one.out[1]).toBe(p.out[1]);
    writeFileSync(join(fresh, 'broken.png'), 'nope');
    const bad = await run(['predict', save, fresh]);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([
      `tfjs-noise-tune predict: error: ${join(fresh, 'broken.png')} is neither a PNG nor a JPEG file (its first bytes are not a PNG or JPEG signature).`,
    ]);
    expect(tf.memory().numTensors).toBeLessThan(10_000);
  }, 300_000);

  it('stops with exit code 2 and a named cause: one class, an empty class, an undecodable file, a bad flag', async () => {
    const one = join(root, 'one');
    writeStripes(one, { perClass: 3, size: 8, classes: ['only'] });
    let r = await run(['images', one, ...quick]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `tfjs-noise-tune images: error: ${one} has a single class folder (only): a classifier needs at least 2 classes, one folder each.`,
    ]);
    mkdirSync(join(one, 'empty'));
    r = await run(['images', one, ...quick]);
    expect(r.err).toEqual([
      `tfjs-noise-tune images: error: the class folder ${join(one, 'empty')} holds no PNG or JPEG file (.png, .jpg, .jpeg).`,
    ]);
    writeFileSync(join(one, 'empty', 'cut.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
    r = await run(['images', one, ...quick]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      new RegExp(
        `^tfjs-noise-tune images: error: ${join(one, 'empty', 'cut.jpg')} could not be decoded as a JPEG file`,
      ),
    );
    r = await run(['images', one, '--size', '28']);
    expect(r.err).toEqual([
      "tfjs-noise-tune images: error: --size must be HxW (height x width in pixels, each 1 to 4096, e.g. 28x28), but got '28'.",
    ]);
    r = await run(['images', one, '--kinds', 'blur']);
    expect(r.err[0]).toMatch(
      /--kinds: unknown kind 'blur' \(the convnet's kinds: none, input, correlated/,
    );
    r = await run(['images', one, '--robustness-correlation', '2']);
    expect(r.err).toEqual([
      'tfjs-noise-tune images: error: --robustness-correlation needs --robustness <std> (the noise it shapes).',
    ]);
    r = await run(['images', '--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('Usage: tfjs-noise-tune images <dir> [options]');
  }, 120_000);
});
