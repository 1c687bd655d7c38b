/**
 * Reading a folder of class folders of images: PNG and JPEG decoding (files written here with the
 * same encoders), bilinear resizing and gray conversion, and the errors that name the folder or
 * the file (an empty class folder, an undecodable file, a single class, a symbolic link).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeImage,
  listImageFiles,
  readImageBytes,
  readImageFolder,
  toPixels,
} from '../src/data/image_folder';
import { encodeJpeg, encodePng, rgba, writeStripes } from './image_files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tune-images-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const gray28 = { size: [28, 28] as [number, number], grayscale: true };

describe('decodeImage / toPixels', () => {
  it('decodes a PNG exactly and a JPEG to within its compression, as RGBA', () => {
    const data = rgba(4, 6, (i, j) => 40 * i + 10 * j);
    const png = decodeImage(encodePng(4, 6, data), 'a.png');
    expect([png.width, png.height]).toEqual([6, 4]);
    expect(Array.from(png.data)).toEqual(Array.from(data));
    const flat = rgba(8, 8, () => 128);
    const jpg = decodeImage(encodeJpeg(8, 8, flat), 'a.jpg');
    expect([jpg.width, jpg.height]).toEqual([8, 8]);
    // A flat gray JPEG decodes to within 2 levels of its value.
    for (let p = 0; p < 64; p++) expect(Math.abs(jpg.data[4 * p]! - 128)).toBeLessThanOrEqual(2);
  });

  it('tells PNG from JPEG by their bytes, not their names, and names a file that is neither', () => {
    const data = rgba(2, 2, () => 7);
    expect(decodeImage(encodePng(2, 2, data), 'really-a-png.jpg').width).toBe(2);
    expect(() => decodeImage(new TextEncoder().encode('not an image'), 'cat/x.png')).toThrow(
      'cat/x.png is neither a PNG nor a JPEG file (its first bytes are not a PNG or JPEG signature).',
    );
    const truncated = encodePng(2, 2, data).subarray(0, 30);
    expect(() => decodeImage(truncated, 'cat/cut.png')).toThrow(
      /^cat\/cut\.png could not be decoded as a PNG file/,
    );
  });

  it('keeps pixels of the right size as decoded (0-255), gray by tfjs weights, RGB otherwise', () => {
    const data = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255]);
    const decoded = { width: 2, height: 2, data };
    expect(toPixels(decoded, { size: [2, 2], grayscale: false })).toEqual([
      [
        [255, 0, 0],
        [0, 255, 0],
      ],
      [
        [0, 0, 255],
        [10, 20, 30],
      ],
    ]);
    const gray = toPixels(decoded, { size: [2, 2], grayscale: true });
    // tf.image.rgbToGrayscale: 0.2989 R + 0.587 G + 0.114 B.
    expect(gray[0]![0]![0]).toBeCloseTo(0.2989 * 255, 3);
    expect(gray[1]![1]![0]).toBeCloseTo(0.2989 * 10 + 0.587 * 20 + 0.114 * 30, 3);
  });

  it('resizes bilinearly with half-pixel centers: a 2x2 image to 4x4 keeps its corners and means', () => {
    const data = rgba(2, 2, (i, j) => (i === 0 ? (j === 0 ? 0 : 100) : j === 0 ? 200 : 40));
    const out = toPixels({ width: 2, height: 2, data }, { size: [4, 4], grayscale: false });
    const v = out.map((row) => row.map((px) => px[0]!));
    // Half-pixel centers: the outer pixels repeat the corners; the inner ones interpolate.
    expect(v[0]![0]).toBeCloseTo(0, 3);
    expect(v[0]![3]).toBeCloseTo(100, 3);
    expect(v[3]![0]).toBeCloseTo(200, 3);
    expect(v[3]![3]).toBeCloseTo(40, 3);
    expect(v[0]![1]).toBeCloseTo(25, 3); // 3/4 of 0 + 1/4 of 100
    const mean = v.flat().reduce((a, b) => a + b, 0) / 16;
    expect(mean).toBeCloseTo((0 + 100 + 200 + 40) / 4, 3);
  });

  it('leaks no tensor', () => {
    const decoded = { width: 3, height: 3, data: rgba(3, 3, () => 1) };
    const before = tf.memory().numTensors;
    toPixels(decoded, { size: [5, 5], grayscale: true });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('readImageFolder', () => {
  it('reads class folders (sorted), PNG and JPEG, resizes other sizes and counts them', () => {
    writeStripes(dir, { perClass: 3, formats: 'mixed' });
    mkdirSync(join(dir, 'vertical', 'nested'));
    writeFileSync(join(dir, 'vertical', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'README.md'), 'x');
    writeFileSync(
      join(dir, 'vertical', 'big.png'),
      encodePng(
        40,
        30,
        rgba(40, 30, () => 9),
      ),
    );
    const folder = readImageFolder(dir, gray28);
    expect(folder.classes).toEqual(['horizontal', 'vertical']);
    expect(folder.counts).toEqual([3, 4]);
    expect(folder.y).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(folder.files.slice(0, 3)).toEqual([
      'horizontal/horizontal-0.png',
      'horizontal/horizontal-1.jpg',
      'horizontal/horizontal-2.png',
    ]);
    expect(folder.x.every((im) => im.length === 28 && im[0]!.length === 28)).toBe(true);
    expect(folder.x[0]![0]![0]!.length).toBe(1);
    expect(folder.resized).toEqual(new Map([['40x30', 1]]));
    expect(folder.ignored).toEqual(['README.md', 'vertical/nested', 'vertical/notes.txt']);
    // The big image is flat gray 9: resized, it stays 9 everywhere (x 0.9999, the sum of
    // rgbToGrayscale's weights).
    const big = folder.x[folder.files.indexOf('vertical/big.png')]!;
    expect(big.flat(2).every((v) => Math.abs(v - 9 * 0.9999) < 1e-4)).toBe(true);
    // RGB: 3 channels, equal for a gray image.
    const rgb = readImageFolder(dir, { size: [28, 28], grayscale: false });
    expect(rgb.x[0]![5]![5]).toEqual([
      rgb.x[0]![5]![5]![0],
      rgb.x[0]![5]![5]![0],
      rgb.x[0]![5]![5]![0],
    ]);
  });

  it('names an empty class folder, a single class, no class folders and an undecodable file', () => {
    writeStripes(dir, { perClass: 2 });
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', 'readme.txt'), 'no images');
    expect(() => readImageFolder(dir, gray28)).toThrow(
      `the class folder ${join(dir, 'empty')} holds no PNG or JPEG file (.png, .jpg, .jpeg).`,
    );
    rmSync(join(dir, 'empty'), { recursive: true });
    writeFileSync(join(dir, 'vertical', 'broken.jpg'), 'not a jpeg');
    expect(() => readImageFolder(dir, gray28)).toThrow(
      `${join(dir, 'vertical', 'broken.jpg')} is neither a PNG nor a JPEG file`,
    );
    rmSync(join(dir, 'vertical'), { recursive: true });
    expect(() => readImageFolder(dir, gray28)).toThrow(
      `${dir} has a single class folder (horizontal): a classifier needs at least 2 classes, one folder each.`,
    );
    rmSync(join(dir, 'horizontal'), { recursive: true });
    expect(() => readImageFolder(dir, gray28)).toThrow(`${dir} has no class folders`);
    expect(() => readImageFolder(join(dir, 'absent'), gray28)).toThrow('does not exist.');
  });

  it('reads nothing outside the folder: a symbolic link (to a file or a folder) is refused, named', () => {
    writeStripes(dir, { perClass: 2 });
    const outside = mkdtempSync(join(tmpdir(), 'tune-outside-'));
    try {
      writeFileSync(
        join(outside, 'secret.png'),
        encodePng(
          2,
          2,
          rgba(2, 2, () => 1),
        ),
      );
      symlinkSync(join(outside, 'secret.png'), join(dir, 'vertical', 'link.png'));
      expect(() => readImageFolder(dir, gray28)).toThrow(
        `${join(dir, 'vertical', 'link.png')} is a symbolic link: only files and folders inside ${join(dir, 'vertical')} are read`,
      );
      rmSync(join(dir, 'vertical', 'link.png'));
      symlinkSync(outside, join(dir, 'linked'));
      expect(() => readImageFolder(dir, gray28)).toThrow(
        `${join(dir, 'linked')} is a symbolic link`,
      );
      rmSync(join(dir, 'linked'));
      // Opened without following a final link, whoever passes a path.
      symlinkSync(join(outside, 'secret.png'), join(dir, 'direct.png'));
      expect(() => readImageBytes(join(dir, 'direct.png'))).toThrow(
        'is a symbolic link: only files inside the folder are read.',
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('lists the images to predict: in the folder and one level of sub-folders, sorted', () => {
    writeStripes(dir, { perClass: 2, formats: 'mixed' });
    writeFileSync(
      join(dir, 'loose.png'),
      encodePng(
        2,
        2,
        rgba(2, 2, () => 1),
      ),
    );
    expect(listImageFiles(dir)).toEqual([
      'horizontal/horizontal-0.png',
      'horizontal/horizontal-1.jpg',
      'loose.png',
      'vertical/vertical-0.png',
      'vertical/vertical-1.jpg',
    ]);
    const none = join(dir, 'none');
    mkdirSync(none);
    expect(() => listImageFiles(none)).toThrow(`${none} holds no PNG or JPEG file`);
  });
});
