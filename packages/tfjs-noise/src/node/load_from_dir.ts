/**
 * Loading a tfjs model from files in Node without tfjs-node: `model.json` and the weight files
 * its manifest names, all inside one folder.
 */
import { constants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { io } from '@tensorflow/tfjs-core';
import { fail, show } from '../validate';
import { parseModelJson, WEIGHTS_SHA256 } from './model_json';
import { closeFiles, type OpenedFile, openContained, readOpened } from './open_contained';
import { readHooks } from './read_hooks';
import { checkWeightBytes, checkWeightFileSizes } from './weight_bytes';

/** The real path of the model folder `dir`, or an `Error` for `owner` naming `dir`. */
function realFolder(owner: string, dir: unknown): string {
  if (typeof dir !== 'string' || dir.includes('\0')) {
    fail(owner, 'dir', 'a folder path without NUL bytes', dir);
  }
  try {
    return realpathSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(
      `${owner}: \`dir\` must be an existing folder holding model.json, but got ${show(dir)} ` +
        `(${code}).`,
    );
  }
}

/** Reads `model.json` of the model folder `realDir` (contained, a regular file) as text. */
function readModelText(owner: string, realDir: string): string {
  const file = openContained(owner, 'model.json', realDir, 'model.json');
  try {
    if (file.size > constants.MAX_STRING_LENGTH) {
      throw new Error(
        `${owner}: \`model.json\` must hold at most ${constants.MAX_STRING_LENGTH} bytes (the ` +
          `longest string Node makes), but got ${file.size} bytes.`,
      );
    }
    return readOpened(owner, file).toString('utf8');
  } finally {
    closeFiles([file]);
  }
}

/**
 * Opens the file of `file`'s path unless another path of the manifest named it already (by
 * another name too: a symlink, `./`), which would multiply its bytes in memory.
 */
function openOnce(
  owner: string,
  realDir: string,
  arg: string,
  path: string,
  seen: Map<string, OpenedFile>,
): OpenedFile {
  const file = openContained(owner, arg, realDir, path);
  const first = seen.get(file.identity);
  if (first !== undefined) {
    closeFiles([file]);
    throw new Error(
      `${owner}: \`${arg}\` must name a file no other path names, but got ${show(path)}, the ` +
        `file of \`${first.arg}\`.`,
    );
  }
  seen.set(file.identity, file);
  return file;
}

/**
 * Throws an `Error` for `owner` unless the SHA-256 of `bin` (the weight files `paths`) is
 * `expected`, the `weightsSha256` of model.json: the files were written by another save (a
 * reader racing a writer) or changed since.
 */
function checkWeightHash(owner: string, expected: string, bin: Buffer, paths: string[]): void {
  const actual = createHash('sha256').update(bin).digest('hex');
  if (actual === expected) return;
  throw new Error(
    `${owner}: the weight files (weightsManifest paths ${paths.map(show).join(', ')}) must hash ` +
      `to \`${WEIGHTS_SHA256}\` ${show(expected)}, but got ${show(actual)}: they were written ` +
      'by another save, or changed after model.json was.',
  );
}

/**
 * An IO handler that reads a folder written by {@link saveToDir} (or by tfjs's `file://`
 * handler): `await tf.loadLayersModel(loadFromDir('out/model'))`. The files are read when it is
 * called.
 *
 * Nothing outside the folder is read, even if the folder changes meanwhile: `model.json` and
 * each weight file must resolve inside it (a manifest path `../x.bin`, an absolute path, or a
 * symlink that resolves outside is refused), each file is opened first and then checked (a
 * regular file, not a FIFO or a folder; the same file as a fresh look-up of its real path inside
 * the folder), and only the checked descriptor is read. The sizes of the weight files are
 * compared with what the manifest's weights take before any of them is read, and two paths
 * naming one file are refused, so a refused folder never costs more memory than its model. If
 * `model.json` has a `weightsSha256` (saveToDir writes one), the weight files' bytes must have
 * that SHA-256: weights of another save (a load racing a save that wrote the same file names)
 * are an error, never loaded under this topology; a `model.json` without it (an older save,
 * tfjs's `file://` handler) loads as before.
 *
 * It throws an `Error` naming the field and the value received if `dir` or `model.json` is
 * unusable, if `model.json` is not a JSON object with a `modelTopology` and a well-formed
 * `weightsManifest`, if a manifest path breaks one of the rules above, or if the weight files do
 * not hold exactly the bytes of the weights the manifest lists (or not the bytes of its
 * `weightsSha256`). No message quotes the text of a
 * file that is not a JSON object.
 *
 * @example
 * ```ts
 * import 'tfjs-noise'; // registers the noise layers, which the saved model may use
 * import { loadFromDir } from 'tfjs-noise/node';
 *
 * const loaded = await tf.loadLayersModel(loadFromDir('out/model'));
 * loaded.predict(tf.zeros([1, 2]));
 * ```
 */
export function loadFromDir(dir: string): io.IOHandler {
  const owner = 'loadFromDir';
  const realDir = realFolder(owner, dir);
  const { groups, sha256, rest } = parseModelJson(
    owner,
    join(dir, 'model.json'),
    readModelText(owner, realDir),
  );
  readHooks.afterModelJson?.(realDir);
  const paths = groups.flatMap((g) => g.paths);
  const specs = groups.flatMap((g) => g.weights);
  const seen = new Map<string, OpenedFile>();
  try {
    const files = groups.flatMap((g, i) =>
      g.paths.map((p, j) => openOnce(owner, realDir, `weightsManifest[${i}].paths[${j}]`, p, seen)),
    );
    checkWeightFileSizes(
      owner,
      specs,
      files.reduce((sum, f) => sum + f.size, 0),
      paths,
    );
    const bin = Buffer.concat(files.map((f) => readOpened(owner, f)));
    checkWeightBytes(owner, specs, bin, paths);
    if (sha256 !== undefined) checkWeightHash(owner, sha256, bin, paths);
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    return io.fromMemory({ ...rest, weightSpecs: specs, weightData } as io.ModelArtifacts);
  } finally {
    closeFiles([...seen.values()]);
  }
}
