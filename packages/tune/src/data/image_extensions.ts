/**
 * Which files are images for `tfjs-noise-tune images` and `predict` (light: no decoder, no
 * tfjs, so the CLI tells an image from a CSV file before it loads them).
 */
import { extname } from 'node:path';

/** The file name extensions read as images (any case); other files are left out, and counted. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

/** Whether `name` has one of the {@link IMAGE_EXTENSIONS}. */
export function isImageFile(name: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}
