/**
 * What a model saved by `tfjs-noise-tune images DIR --save` says about itself, in its
 * `model.json`'s `userDefinedMetadata`: the classes, and how files become its input.
 */
import { fail } from 'tfjs-noise/extend';
import type { NoiseSetting } from '../types';

/** The format tag of {@link ImageMetadata}. */
export const IMAGE_FORMAT = 'tfjs-noise-tune/images';

/**
 * The `userDefinedMetadata` of both models of a `tfjs-noise-tune images DIR --save` folder
 * (`model/` and `plain/`). The models take `[batch, height, width, channels]` pixels as decoded
 * (0-255, RGB or gray), resized to `size` bilinearly; the rescaling and the per-channel
 * standardization are the model's first layer. They answer with class probabilities (2
 * classes: one number, the probability of `classes[1]`; more: one per class).
 *
 * @example
 * ```ts
 * import type { ImageMetadata } from '@tfjs-noise/tune';
 *
 * const plain = await tf.loadLayersModel('https://example.com/digits/plain/model.json');
 * const meta = plain.getUserDefinedMetadata() as ImageMetadata;
 * console.log(meta.classes, meta.size, meta.grayscale ? 'gray' : 'RGB');
 * ```
 */
export interface ImageMetadata {
  /** Always `'tfjs-noise-tune/images'`. */
  format: typeof IMAGE_FORMAT;
  /** Format version, 1. */
  version: 1;
  /** Always classification. */
  task: 'classification';
  /** Class names (the class folders' names) in output order. */
  classes: string[];
  /** Height and width of the input, in pixels: every image is resized to it. */
  size: [number, number];
  /** True: one gray channel (tfjs's `rgbToGrayscale`); false: 3 channels, RGB. */
  grayscale: boolean;
  /** How images of another size were resized: always `'bilinear'` (half-pixel centers). */
  resize: 'bilinear';
  /** What the output is, in words. */
  output: string;
  /** The noise setting the model was trained with. */
  setting: NoiseSetting;
  /** The search's recommendation, in words. */
  recommendation: string;
}

/** The metadata of a saved image model, checked (for `owner`'s errors; `where` names it). */
export function checkImageMetadata(owner: string, where: string, value: unknown): ImageMetadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `${owner}: ${where} has no tfjs-noise-tune metadata (userDefinedMetadata): it was not ` +
        'saved by tfjs-noise-tune images --save.',
    );
  }
  const m = value as Partial<ImageMetadata>;
  if (m.format !== IMAGE_FORMAT) {
    fail(owner, 'userDefinedMetadata.format', `'${IMAGE_FORMAT}'`, m.format);
  }
  if (m.version !== 1) fail(owner, 'userDefinedMetadata.version', '1', m.version);
  const classes = m.classes;
  if (
    !Array.isArray(classes) ||
    classes.length < 2 ||
    classes.some((c) => typeof c !== 'string') ||
    new Set(classes).size !== classes.length
  ) {
    fail(owner, 'userDefinedMetadata.classes', 'an array of at least 2 distinct names', classes);
  }
  const size = m.size;
  if (
    !Array.isArray(size) ||
    size.length !== 2 ||
    size.some((s) => !Number.isInteger(s) || s < 1 || s > 4096)
  ) {
    fail(owner, 'userDefinedMetadata.size', '[height, width], integers in [1, 4096]', size);
  }
  if (typeof m.grayscale !== 'boolean') {
    fail(owner, 'userDefinedMetadata.grayscale', 'a boolean', m.grayscale);
  }
  return {
    ...(m as ImageMetadata),
    task: 'classification',
    classes: [...classes],
    size: [size[0]!, size[1]!],
  };
}
