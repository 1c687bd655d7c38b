/**
 * A folder of images as a classification data set, in the convention of Keras's
 * `image_dataset_from_directory`: `DIR/<class>/` holds that class's image files. PNG and JPEG
 * files are decoded with pure-JavaScript decoders (`pngjs`, `jpeg-js`: no native build), turned
 * gray if asked, and resized to one size with tfjs's bilinear resize, so the search, the saved
 * model's checks and `predict` see pixels made the same way. Node only (it reads files).
 *
 * Reads stay inside the folder given: a symbolic link among its entries is refused (named), and
 * each file is opened without following a final link and checked to be a regular file before
 * anything is read from it.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';
import { image, type Tensor3D, tensor3d, tidy } from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { IMAGE_EXTENSIONS, isImageFile } from './image_extensions';

/** The largest image file read, in bytes (a larger file is refused, named). */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** How images become pixels: the size they are resized to and the number of channels. */
export interface PixelFormat {
  /** Height and width in pixels (the size every image is resized to). */
  readonly size: readonly [number, number];
  /** True: one gray channel (tfjs's `rgbToGrayscale` weights); false: red, green, blue. */
  readonly grayscale: boolean;
}

/** One decoded image: `width x height` RGBA bytes. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  readonly data: Uint8Array;
}

/** A folder of class folders of images, read (see {@link readImageFolder}). */
export interface ImageFolder {
  /** The class names: the names of the class folders, sorted (the label is the index). */
  classes: string[];
  /** Each image's file, as `<class>/<name>` (relative to the folder). */
  files: string[];
  /** Each image's pixels, `[h][w][c]`, values as decoded (0-255), resized if needed. */
  x: number[][][][];
  /** Each image's class index. */
  y: number[];
  /** How many images each class has, in `classes`' order. */
  counts: number[];
  /**
   * The sizes (height x width, `'32x40'`) of the images that had another size than the
   * format's, and how many had each: they were resized.
   */
  resized: Map<string, number>;
  /** Files left out: not PNG or JPEG by their extension, hidden, or beside the class folders. */
  ignored: string[];
}

/** Why a folder or a file could not be read: the CLI prints it as a usage error. */
export class ImageFolderError extends Error {
  override name = 'ImageFolderError';
}

/**
 * The bytes of the file `path`, opened without following a final symbolic link and checked to
 * be a regular file of at most {@link MAX_IMAGE_BYTES} before it is read (a FIFO or a device is
 * never read from).
 */
export function readImageBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImageFolderError(
      code === 'ELOOP'
        ? `${path} is a symbolic link: only files inside the folder are read.`
        : `${path} cannot be read (${code ?? (e as Error).message}).`,
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ImageFolderError(`${path} is not a regular file.`);
    if (stats.size > MAX_IMAGE_BYTES) {
      throw new ImageFolderError(
        `${path} has ${stats.size} bytes, more than the ${MAX_IMAGE_BYTES} read for an image.`,
      );
    }
    const bytes = new Uint8Array(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Decodes PNG or JPEG bytes (told apart by their first bytes, whatever the extension) to RGBA;
 * anything else, or a file the decoder refuses, throws an {@link ImageFolderError} naming
 * `name`. A PNG's 16-bit samples are scaled to 8 bits, its palette and gray expanded; the alpha
 * channel is not used later (a transparent pixel is its color).
 */
export function decodeImage(bytes: Uint8Array, name: string): DecodedImage {
  const why = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];
  if (startsWith(bytes, PNG_MAGIC)) {
    try {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    } catch (e) {
      throw new ImageFolderError(`${name} could not be decoded as a PNG file (${why(e)}).`);
    }
  }
  if (startsWith(bytes, JPEG_MAGIC)) {
    try {
      const jpg = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: 50,
        maxMemoryUsageInMB: 512,
      });
      return { width: jpg.width, height: jpg.height, data: jpg.data };
    } catch (e) {
      throw new ImageFolderError(`${name} could not be decoded as a JPEG file (${why(e)}).`);
    }
  }
  throw new ImageFolderError(
    `${name} is neither a PNG nor a JPEG file (its first bytes are not a PNG or JPEG signature).`,
  );
}

/**
 * An image's pixels in `format`: `[h][w][c]` values as decoded (0-255; gray with tfjs's
 * `rgbToGrayscale`), resized with `tf.image.resizeBilinear` (half-pixel centers, as
 * TensorFlow 2's `tf.image.resize`) when its size is not the format's. Runs on the tfjs backend
 * in use.
 */
export function toPixels(decoded: DecodedImage, format: PixelFormat): number[][][] {
  const [h, w] = format.size;
  return tidy(() => {
    const { width, height, data } = decoded;
    const rgb = new Float32Array(width * height * 3);
    for (let p = 0; p < width * height; p++) {
      rgb[3 * p] = data[4 * p]!;
      rgb[3 * p + 1] = data[4 * p + 1]!;
      rgb[3 * p + 2] = data[4 * p + 2]!;
    }
    let t: Tensor3D = tensor3d(rgb, [height, width, 3]);
    if (format.grayscale) t = image.rgbToGrayscale(t);
    if (height !== h || width !== w) t = image.resizeBilinear(t, [h, w], false, true);
    return t.arraySync();
  });
}

/** The entries of `dir`, sorted, with a symbolic link refused (named). */
function entriesOf(dir: string, shown: string) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.isSymbolicLink()) {
      throw new ImageFolderError(
        `${join(shown, e.name)} is a symbolic link: only files and folders inside ${shown} are read (copy the images in).`,
      );
    }
  }
  return entries;
}

/**
 * Reads `dir` as `dir/<class>/<image files>`: every class folder (sorted by name; hidden ones
 * left out) is a class, and every PNG or JPEG file in it (by extension, any case; not in
 * sub-folders) an image of that class. Throws an {@link ImageFolderError} for a folder that is
 * not one, fewer than 2 class folders, a class folder with no image file, a symbolic link, or a
 * file that does not decode (each named). Images of another size than `format.size` are resized
 * and counted by their size in `resized`.
 */
export function readImageFolder(dir: string, format: PixelFormat): ImageFolder {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(dir);
  } catch {
    throw new ImageFolderError(`${dir} does not exist.`);
  }
  if (stats.isSymbolicLink()) {
    throw new ImageFolderError(`${dir} is a symbolic link; give the folder it points to.`);
  }
  if (!stats.isDirectory()) {
    throw new ImageFolderError(
      `${dir} is not a folder (expected a folder of class folders of images).`,
    );
  }
  const ignored: string[] = [];
  const classDirs: string[] = [];
  for (const e of entriesOf(dir, dir)) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) classDirs.push(e.name);
    else ignored.push(e.name);
  }
  if (classDirs.length === 0) {
    throw new ImageFolderError(
      `${dir} has no class folders: put each class's images in a folder of its own (${dir}/<class>/).`,
    );
  }
  if (classDirs.length === 1) {
    throw new ImageFolderError(
      `${dir} has a single class folder (${classDirs[0]}): a classifier needs at least 2 classes, one folder each.`,
    );
  }
  const out: ImageFolder = {
    classes: classDirs,
    files: [],
    x: [],
    y: [],
    counts: [],
    resized: new Map(),
    ignored,
  };
  const [h, w] = format.size;
  classDirs.forEach((name, label) => {
    const classDir = join(dir, name);
    let count = 0;
    for (const e of entriesOf(classDir, classDir)) {
      const file = `${name}/${e.name}`;
      if (e.name.startsWith('.') || !e.isFile() || !isImageFile(e.name)) {
        ignored.push(file);
        continue;
      }
      const path = join(classDir, e.name);
      const decoded = decodeImage(readImageBytes(path), path);
      if (decoded.height !== h || decoded.width !== w) {
        const size = `${decoded.height}x${decoded.width}`;
        out.resized.set(size, (out.resized.get(size) ?? 0) + 1);
      }
      out.files.push(file);
      out.x.push(toPixels(decoded, format));
      out.y.push(label);
      count++;
    }
    if (count === 0) {
      throw new ImageFolderError(
        `the class folder ${classDir} holds no PNG or JPEG file (${IMAGE_EXTENSIONS.join(', ')}).`,
      );
    }
    out.counts.push(count);
  });
  return out;
}

/**
 * The image files (PNG or JPEG by extension) of `dir` for prediction: those directly in it and
 * in its sub-folders one level down (a `DIR/<class>/` layout works too), sorted, as paths
 * relative to `dir`; hidden entries left out, a symbolic link refused (named). Throws an
 * {@link ImageFolderError} when there is none.
 */
export function listImageFiles(dir: string): string[] {
  const files: string[] = [];
  for (const e of entriesOf(dir, dir)) {
    if (e.name.startsWith('.')) continue;
    if (e.isFile() && isImageFile(e.name)) files.push(e.name);
    if (!e.isDirectory()) continue;
    for (const f of entriesOf(join(dir, e.name), join(dir, e.name))) {
      if (!f.name.startsWith('.') && f.isFile() && isImageFile(f.name)) {
        files.push(`${e.name}/${f.name}`);
      }
    }
  }
  if (files.length === 0) {
    throw new ImageFolderError(
      `${dir} holds no PNG or JPEG file (${IMAGE_EXTENSIONS.join(', ')}), in it or in its sub-folders.`,
    );
  }
  return files;
}
