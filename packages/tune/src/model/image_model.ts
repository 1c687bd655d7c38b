/**
 * loadImageModel: a folder saved by `tfjs-noise-tune images DIR --save`, as a classifier of
 * image files (or of pixels) that answers with class names and probabilities. Node only (it
 * reads files).
 */
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { type Tensor, tensor4d, tidy } from '@tensorflow/tfjs-core';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { fail } from 'tfjs-noise/extend';
import { loadFromDir } from 'tfjs-noise/node';
import { decodeImage, readImageBytes, toPixels } from '../data/image_folder';
import { checkImageMetadata, type ImageMetadata } from './image_metadata';

const OWNER = 'loadImageModel';

/**
 * One image's answer of {@link ImageModel.predict}.
 *
 * @example
 * ```ts
 * import type { ImagePrediction } from '@tfjs-noise/tune';
 *
 * const answer: ImagePrediction = { prediction: 'cat', probabilities: { cat: 0.9, dog: 0.1 } };
 * ```
 */
export interface ImagePrediction {
  /** The most probable class (2 classes: `classes[1]` when its probability is above 0.5). */
  prediction: string;
  /** Each class's probability. */
  probabilities: Record<string, number>;
}

/**
 * A saved image model, loaded (see {@link loadImageModel}).
 *
 * @example
 * ```ts
 * import { type ImageModel, loadImageModel } from '@tfjs-noise/tune';
 *
 * const digits: ImageModel = await loadImageModel('digits-model');
 * console.log(digits.metadata.classes, digits.metadata.size);
 * digits.dispose();
 * ```
 */
export interface ImageModel {
  /** What the saved model says about itself (classes, size, channels...). */
  readonly metadata: ImageMetadata;
  /** The plain copy (`plain/`): takes `[batch, height, width, channels]` pixels, 0-255. */
  readonly model: LayersModel;
  /**
   * Predicts images given as pixels `[n][height][width][channels]` of the model's size, values
   * as decoded (0-255).
   */
  predict(pixels: readonly (readonly (readonly (readonly number[])[])[])[]): ImagePrediction[];
  /**
   * Predicts PNG or JPEG files: each decoded, turned gray if the model is, and resized to its
   * size as the search did (see `toPixels`). A file that cannot be read or decoded throws an
   * Error naming it.
   */
  predictFiles(paths: readonly string[]): ImagePrediction[];
  /** Frees the model's weights. */
  dispose(): void;
}

/**
 * Loads a folder written by `tfjs-noise-tune images DIR --save <dir>`: its plain model
 * (`<dir>/plain`, which needs neither tfjs-noise nor this package: the standardization is a
 * layer of the model) with the classes, size and channels of its metadata. A folder whose model
 * has no such metadata (a table's model, say) is refused with an Error.
 *
 * @param dir The `--save` folder.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs';
 * import { loadImageModel } from '@tfjs-noise/tune';
 *
 * const digits = await loadImageModel('digits-model');
 * const [answer] = digits.predictFiles(['new/seven.png']);
 * console.log(answer?.prediction, answer?.probabilities);
 * digits.dispose();
 * ```
 */
export async function loadImageModel(dir: string): Promise<ImageModel> {
  if (typeof dir !== 'string' || dir === '') fail(OWNER, 'dir', 'a folder path', dir);
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    fail(OWNER, 'dir', 'a folder saved by tfjs-noise-tune images --save', dir);
  }
  const model = await loadLayersModel(loadFromDir(join(dir, 'plain')));
  let metadata: ImageMetadata;
  try {
    metadata = checkImageMetadata(
      OWNER,
      join(dir, 'plain', 'model.json'),
      model.getUserDefinedMetadata(),
    );
    const shape = model.inputs[0]!.shape as (number | null)[];
    const want = [null, ...metadata.size, metadata.grayscale ? 1 : 3];
    if (shape.length !== 4 || shape.some((s, i) => s !== want[i])) {
      fail(OWNER, 'userDefinedMetadata.size', `the model's input [${want.slice(1).join(', ')}]`, [
        metadata.size,
        metadata.grayscale,
      ]);
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  const predict = (pixels: readonly (readonly (readonly (readonly number[])[])[])[]) =>
    predictPixels(model, metadata, pixels);
  return {
    metadata,
    model,
    predict,
    predictFiles: (paths) =>
      predict(paths.map((p) => toPixels(decodeImage(readImageBytes(p), p), metadata))),
    dispose: () => model.dispose(),
  };
}

function predictPixels(
  model: LayersModel,
  meta: ImageMetadata,
  pixels: readonly (readonly (readonly (readonly number[])[])[])[],
): ImagePrediction[] {
  if (!Array.isArray(pixels)) fail(`${OWNER}: predict`, 'pixels', 'an array of images', pixels);
  if (pixels.length === 0) return [];
  const [h, w] = meta.size;
  const c = meta.grayscale ? 1 : 3;
  const out = tidy(() => {
    const x = tensor4d(pixels as number[][][][], [pixels.length, h, w, c]);
    return (model.predict(x) as Tensor).dataSync() as Float32Array;
  });
  const k = out.length / pixels.length;
  return pixels.map((_, r) => {
    const values = Array.from(out.subarray(r * k, (r + 1) * k));
    const p = k === 1 ? [1 - values[0]!, values[0]!] : values;
    // As the search scores: class 1 above 0.5 (2 classes), else the most probable class.
    const best = k === 1 ? (values[0]! > 0.5 ? 1 : 0) : p.indexOf(Math.max(...p));
    return {
      prediction: meta.classes[best]!,
      probabilities: Object.fromEntries(meta.classes.map((name, j) => [name, p[j]!])),
    };
  });
}
