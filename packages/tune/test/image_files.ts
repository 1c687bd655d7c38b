/**
 * Small image folders for the tests of `images`: striped images (two or more classes) written
 * as PNG or JPEG files with the encoders the CLI decodes with.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { random } from 'tfjs-noise';

/** RGBA bytes of a `h x w` image from a gray value per pixel (0-255). */
export function rgba(h: number, w: number, gray: (i: number, j: number) => number): Uint8Array {
  const data = new Uint8Array(h * w * 4);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const v = Math.max(0, Math.min(255, Math.round(gray(i, j))));
      data.set([v, v, v, 255], 4 * (i * w + j));
    }
  }
  return data;
}

/** A PNG file's bytes. */
export function encodePng(h: number, w: number, data: Uint8Array): Buffer {
  const png = new PNG({ width: w, height: h });
  png.data = Buffer.from(data);
  return PNG.sync.write(png);
}

/** A JPEG file's bytes (quality 90). */
export function encodeJpeg(h: number, w: number, data: Uint8Array): Buffer {
  return jpeg.encode({ width: w, height: h, data }, 90).data;
}

/**
 * Writes `perClass` images of each class into `dir/<class>/`: class 0 horizontal stripes,
 * class 1 vertical, class 2 (if asked) a checkerboard, with seeded pixel noise of std `noise`
 * (0-255 units), as PNG (even images) and JPEG (odd ones) when `formats` is 'mixed'.
 */
export function writeStripes(
  dir: string,
  options: {
    perClass: number;
    size?: number;
    classes?: string[];
    noise?: number;
    seed?: number;
    formats?: 'png' | 'mixed';
  },
): void {
  const size = options.size ?? 28;
  const classes = options.classes ?? ['horizontal', 'vertical'];
  const noise = options.noise ?? 60;
  const patterns = [
    (i: number, _j: number) => (Math.floor(i / 3) % 2 ? 200 : 55),
    (_i: number, j: number) => (Math.floor(j / 3) % 2 ? 200 : 55),
    (i: number, j: number) => ((Math.floor(i / 3) + Math.floor(j / 3)) % 2 ? 200 : 55),
  ];
  classes.forEach((name, c) => {
    mkdirSync(join(dir, name), { recursive: true });
    for (let k = 0; k < options.perClass; k++) {
      const z = random.fillNormal(new Float64Array(size * size), {
        seed: options.seed ?? 0,
        stream: 1 + c,
        step: k,
      });
      const data = rgba(size, size, (i, j) => patterns[c % 3]!(i, j) + noise * z[i * size + j]!);
      const jpg = options.formats === 'mixed' && k % 2 === 1;
      const file = join(dir, name, `${name}-${k}.${jpg ? 'jpg' : 'png'}`);
      writeFileSync(file, jpg ? encodeJpeg(size, size, data) : encodePng(size, size, data));
    }
  });
}
