/**
 * loadFromDir on hostile files: a FIFO, a folder or a huge sparse file in place of a weights
 * file, a manifest naming one file many times, a model.json linked to a file outside the folder,
 * a NUL byte in a path, and shapes whose size overflows. Each is a named `Error` naming the field,
 * given before any weight file is read; no content of a refused file appears in a message.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFromDir } from '../src/node';
import {
  edited,
  type Json,
  loadError,
  loadedBytes,
  manifest,
  modelFolder,
  type SavedFiles,
  saveGoodModel,
  tempRoot,
} from './model_folder';

const { root, remove } = tempRoot('tfn-files-');
afterAll(remove);

let good: SavedFiles;
let cases = 0;
beforeAll(async () => {
  good = await saveGoodModel(join(root, 'good'));
});

/** A new model folder with the good files, model.json edited by `edit` if given. */
function folder(edit?: (json: Json) => void): string {
  const json = edit ? edited(good.modelJson, edit) : good.modelJson;
  return modelFolder(root, `case${cases++}`, json, good.weights);
}

const isWindows = process.platform === 'win32';

describe('loadFromDir: only regular files are read', () => {
  it.skipIf(isWindows)('refuses a FIFO named weights.bin at once (no hang)', () => {
    const dir = folder();
    const fifo = join(dir, 'weights.bin');
    rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    // Were the FIFO opened for reading, this writer would end the wait after 2 s (so that the
    // test fails instead of hanging); it is killed when the test ends.
    const writer = spawn('sh', ['-c', `sleep 2; : > '${fifo}'`], { stdio: 'ignore' });
    const started = Date.now();
    try {
      expect(loadError(dir).message).toMatch(
        /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name a regular file .*, but got "weights\.bin", a FIFO\.$/,
      );
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      writer.kill();
    }
  });

  it('refuses a folder in place of a weights file, naming the field', () => {
    const dir = folder((j) => (manifest(j)[0]!.paths = ['sub.bin']));
    mkdirSync(join(dir, 'sub.bin'));
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name a regular file .*, but got "sub\.bin", a folder\.$/,
    );
  });

  it('names the field of a weights file that does not exist', () => {
    const dir = folder((j) => (manifest(j)[0]!.paths = ['missing.bin']));
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name an existing file .*, but got "missing\.bin" \(ENOENT\)\.$/,
    );
  });
});

describe('loadFromDir: memory stays bounded before a refusal', () => {
  it('refuses a manifest naming one file 300 times, before reading it', () => {
    const dir = folder((j) => (manifest(j)[0]!.paths = Array(300).fill('weights.bin')));
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[1\]` must name a file no other path names, but got "weights\.bin", the file of `weightsManifest\[0\]\.paths\[0\]`\.$/,
    );
  });

  it('refuses two names of one file (a symlink inside the folder), in different groups', () => {
    const dir = folder((j) => {
      const [group] = manifest(j);
      j.weightsManifest = [group, { paths: ['link.bin'], weights: [] }];
    });
    symlinkSync('weights.bin', join(dir, 'link.bin'));
    expect(loadError(dir).message).toContain(
      '`weightsManifest[1].paths[0]` must name a file no other path names, but got "link.bin"',
    );
  });

  it('compares the file sizes with the manifest before reading (an 8 GiB sparse file)', () => {
    const dir = folder();
    const fd = openSync(join(dir, 'weights.bin'), 'r+');
    ftruncateSync(fd, 8 * 2 ** 30);
    closeSync(fd);
    expect(loadError(dir).message).toBe(
      `loadFromDir: the weight files (weightsManifest paths "weights.bin") must hold ` +
        `${good.weights.byteLength} bytes, the size of the weights in the manifest, but got ` +
        `${8 * 2 ** 30} bytes.`,
    );
  });
});

describe('loadFromDir: model.json stays in the folder, and its content stays private', () => {
  const secret = 'AWS_SECRET=abc123';

  it('refuses a model.json symlinked to a file outside the folder, without reading it', () => {
    const dir = folder();
    writeFileSync(join(dir, '..', 'secret.txt'), secret);
    rmSync(join(dir, 'model.json'));
    symlinkSync(join(dir, '..', 'secret.txt'), join(dir, 'model.json'));
    const message = loadError(dir).message;
    expect(message).toMatch(/^loadFromDir: `model\.json` must name a file inside the model folder/);
    expect(message).toMatch(/which resolves to ".*secret\.txt"/);
    expect(message).not.toContain('AWS_SECRET');
  });

  it('a model.json that is not JSON: the message shows none of its text', () => {
    const dir = folder();
    writeFileSync(join(dir, 'model.json'), secret);
    const message = loadError(dir).message;
    expect(message).toMatch(/`model\.json` must be JSON, but .*model\.json could not be parsed/);
    expect(message).not.toContain('AWS_SECRET');
  });

  it('a model.json that is JSON but not an object: names its type, not its text', () => {
    const dir = folder();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(secret));
    const message = loadError(dir).message;
    expect(message).toMatch(/`model\.json` must be a JSON object .*, but got a string\.$/);
    expect(message).not.toContain('AWS_SECRET');
  });

  it('loads a model.json symlinked to a file inside the folder', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.json'), JSON.stringify(good.modelJson));
    rmSync(join(dir, 'model.json'));
    symlinkSync('real.json', join(dir, 'model.json'));
    expect(await loadedBytes(dir)).toEqual(good.weights);
  });
});

describe('loadFromDir: no raw errors', () => {
  it('a NUL byte in a manifest path is a named Error, not a TypeError', () => {
    const dir = folder((j) => (manifest(j)[0]!.paths = ['weights\0.bin']));
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must be a non-empty file name without NUL bytes, but got "weights\\u0000\.bin"\.$/,
    );
  });

  it('a NUL byte in the folder path is a named Error, not a TypeError', () => {
    expect(() => loadFromDir('out\0model')).toThrow(
      /^loadFromDir: `dir` must be a folder path without NUL bytes, but got "out\\u0000model"\.$/,
    );
  });

  it('a missing folder names `dir` and model.json', () => {
    expect(loadError(join(root, 'missing')).message).toMatch(
      /^loadFromDir: `dir` must be an existing folder holding model\.json, but got ".*missing" \(ENOENT\)\.$/,
    );
  });

  it('a shape whose size is not a safe integer names the shape, not string weights', () => {
    for (const shape of [Array(20).fill(2 ** 53 - 1), [2 ** 30, 2 ** 30]]) {
      const dir = folder((j) => ((manifest(j)[0]!.weights as Json[])[0]!.shape = shape));
      const message = loadError(dir).message;
      expect(message).toMatch(
        /^loadFromDir: `weightsManifest\[0\]\.weights\[0\]\.shape` must be an array of integers >= 0 whose product is at most 2\^53 - 1, but got /,
      );
      expect(message).not.toContain('string');
    }
  });
});
