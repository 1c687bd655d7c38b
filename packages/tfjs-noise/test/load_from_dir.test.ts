/**
 * loadFromDir on hostile folders: manifest paths that leave the model folder (`../`, absolute,
 * a symlink out of it), malformed manifests, and weight files of the wrong length. Each gives an
 * `Error` naming `loadFromDir`, the field and the value received; nothing outside the folder is
 * read.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFromDir } from '../src/node';
import { saveGoodModel } from './model_folder';

const root = mkdtempSync(join(tmpdir(), 'tfn-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Json = Record<string, unknown>;
let modelJson: Json;
let weights: Buffer;
let folders = 0;

beforeAll(async () => {
  ({ modelJson, weights } = await saveGoodModel(join(root, 'good')));
});

/** A new model folder (inside its own parent) holding `json` as model.json and the weights. */
function folder(json: unknown, bin: Buffer = weights, raw?: string): string {
  const parent = join(root, `case${folders++}`);
  const dir = join(parent, 'model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), raw ?? JSON.stringify(json));
  writeFileSync(join(dir, 'weights.bin'), bin);
  return dir;
}

/** The good model.json with `edit` applied to a deep copy. */
function edited(edit: (json: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(modelJson)) as Json;
  edit(copy);
  return copy;
}

/** The error loadFromDir throws (asserting it is a plain Error, not a TypeError). */
function loadError(dir: string): Error {
  try {
    loadFromDir(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('Error');
    return e as Error;
  }
  throw new Error('loadFromDir did not throw');
}

const manifest = (json: Json) => json.weightsManifest as Json[];

describe('loadFromDir: manifest paths stay inside the folder', () => {
  it('refuses ../secret.bin (a file beside the folder) and names the path', () => {
    const dir = folder(edited((j) => (manifest(j)[0]!.paths = ['../secret.bin'])));
    writeFileSync(join(dir, '..', 'secret.bin'), weights);
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name a file inside the model folder .*, but got "\.\.\/secret\.bin"/,
    );
  });

  it('refuses an absolute path, a deeper ../ and a ../ after a folder name', () => {
    for (const path of [join(root, 'x.bin'), '../../x.bin', 'a/../../x.bin']) {
      const dir = folder(edited((j) => (manifest(j)[0]!.paths = ['weights.bin', path])));
      expect(loadError(dir).message).toContain(
        `\`weightsManifest[0].paths[1]\` must name a file inside the model folder`,
      );
      expect(loadError(dir).message).toContain(JSON.stringify(path));
    }
  });

  it('refuses a symlink in the folder that resolves outside it, naming the link and its target', () => {
    const dir = folder(edited((j) => (manifest(j)[0]!.paths = ['link.bin'])));
    writeFileSync(join(dir, '..', 'secret.bin'), weights);
    symlinkSync(join(dir, '..', 'secret.bin'), join(dir, 'link.bin'));
    const message = loadError(dir).message;
    expect(message).toMatch(/`weightsManifest\[0\]\.paths\[0\]` must name a file inside/);
    expect(message).toMatch(/"link\.bin", which resolves to ".*secret\.bin"/);
  });

  it('loads through a symlink that stays inside the folder, and from a symlinked folder', async () => {
    const dir = folder(edited((j) => (manifest(j)[0]!.paths = ['link.bin'])));
    symlinkSync('weights.bin', join(dir, 'link.bin'));
    const viaLink = join(root, 'folder-link');
    symlinkSync(dir, viaLink);
    for (const d of [dir, viaLink]) {
      const model = await tfl.loadLayersModel(loadFromDir(d));
      const kernel = model.getWeights()[0]!;
      expect(Array.from(kernel.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
      model.dispose();
    }
  });
});

describe('loadFromDir: malformed model.json', () => {
  // Each case's model.json is made when its test runs (after beforeAll has saved the good one).
  const cases: [string, () => unknown, RegExp][] = [
    ['null', () => null, /`model\.json` must be a JSON object .*, but got null\./],
    ['an array', () => [], /`model\.json` must be a JSON object .*, but got an array\./],
    [
      'no modelTopology',
      () => edited((j) => delete j.modelTopology),
      /`modelTopology` must be an object, but got undefined\./,
    ],
    [
      'no weightsManifest',
      () => edited((j) => delete j.weightsManifest),
      /`weightsManifest` must be an array of weight groups, but got undefined\./,
    ],
    [
      'weightsManifest an object',
      () => edited((j) => (j.weightsManifest = { paths: ['weights.bin'] })),
      /`weightsManifest` must be an array of weight groups, but got \{"paths":\["weights\.bin"\]\}\./,
    ],
    [
      'a null group',
      () => edited((j) => (j.weightsManifest = [null])),
      /`weightsManifest\[0\]` must be an object with `paths` and `weights`, but got null\./,
    ],
    [
      'paths a string',
      () => edited((j) => (manifest(j)[0]!.paths = 'weights.bin')),
      /`weightsManifest\[0\]\.paths` must be an array of file names, but got "weights\.bin"\./,
    ],
    [
      'a path not a string',
      () => edited((j) => (manifest(j)[0]!.paths = [7])),
      /`weightsManifest\[0\]\.paths\[0\]` must be a non-empty file name, but got 7\./,
    ],
    [
      'no weights',
      () => edited((j) => delete manifest(j)[0]!.weights),
      /`weightsManifest\[0\]\.weights` must be an array of weight specs, but got undefined\./,
    ],
    [
      'a weight without a name',
      () => edited((j) => delete (manifest(j)[0]!.weights as Json[])[0]!.name),
      /`weightsManifest\[0\]\.weights\[0\]\.name` must be a non-empty string, but got undefined\./,
    ],
    [
      'a shape with a negative size',
      () => edited((j) => ((manifest(j)[0]!.weights as Json[])[1]!.shape = [-2])),
      /`weightsManifest\[0\]\.weights\[1\]\.shape` must be an array of integers >= 0, but got \[-2\]\./,
    ],
    [
      'an unknown dtype',
      () => edited((j) => ((manifest(j)[0]!.weights as Json[])[0]!.dtype = 'float64')),
      /`weightsManifest\[0\]\.weights\[0\]\.dtype` must be one of .*'float32'.*, but got "float64"\./,
    ],
    [
      'an unknown quantization dtype',
      () =>
        edited((j) => ((manifest(j)[0]!.weights as Json[])[0]!.quantization = { dtype: 'int4' })),
      /`weightsManifest\[0\]\.weights\[0\]\.quantization\.dtype` must be one of .*'uint8'.*, but got "int4"\./,
    ],
  ];
  for (const [what, json, expected] of cases) {
    it(`${what}: a named error`, () => {
      const message = loadError(folder(json())).message;
      expect(message).toMatch(/^loadFromDir: /);
      expect(message).toMatch(expected);
    });
  }

  it('text that is not JSON: names the file', () => {
    const dir = folder(null, weights, '{"modelTopology": ');
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `model\.json` must be JSON, but .*model\.json could not be parsed: /,
    );
  });
});

describe('loadFromDir: weight files hold exactly the bytes of the manifest', () => {
  it('a weights file 4 bytes short or 4 bytes long is an error naming both counts', () => {
    const expected = weights.byteLength;
    const short = folder(modelJson, weights.subarray(0, expected - 4));
    expect(loadError(short).message).toBe(
      `loadFromDir: the weight files (weightsManifest paths "weights.bin") must hold ${expected} ` +
        `bytes, the size of the weights in the manifest, but got ${expected - 4} bytes.`,
    );
    const long = folder(modelJson, Buffer.concat([weights, Buffer.alloc(4)]));
    expect(loadError(long).message).toContain(`but got ${expected + 4} bytes`);
  });

  it('counts quantized weights by their stored dtype and strings by their lengths', async () => {
    // One uint8-quantized float32 of 6 values (6 bytes) and one string weight of two strings.
    const json = edited((j) => {
      manifest(j)[0]!.weights = [
        { name: 'q', shape: [2, 3], dtype: 'float32', quantization: { dtype: 'uint8' } },
        { name: 's', shape: [2], dtype: 'string' },
      ];
    });
    const strings = Buffer.alloc(4 + 2 + 4 + 3);
    strings.writeUInt32LE(2, 0);
    strings.write('ab', 4);
    strings.writeUInt32LE(3, 6);
    strings.write('cde', 10);
    const exact = Buffer.concat([Buffer.alloc(6), strings]);
    expect(() => loadFromDir(folder(json, exact))).not.toThrow();
    expect(loadError(folder(json, exact.subarray(0, exact.byteLength - 1))).message).toContain(
      `but got ${exact.byteLength - 1} bytes`,
    );
  });
});
