/**
 * Saving a tfjs model as files in Node without tfjs-node: `model.json` (topology and weight
 * manifest) and one weights file in one folder, the layout of tfjs's `file://` handler, replaced
 * all or nothing. The weights file has a name of its own per save (`weights.<random>.bin`) and
 * `model.json` holds the SHA-256 of its bytes, so that a reader racing a save never pairs the
 * topology of one save with the weights of another.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { io } from '@tensorflow/tfjs-core';
import { checkUniqueWeightSpecs } from '../layers/weight_names';
import { WEIGHTS_SHA256 } from './model_json';
import { replaceFiles } from './replace_files';

/** The names of weight files a save of saveToDir (or tfjs's `file://` handler) gives. */
const WEIGHTS_FILE = /^weights(\.[0-9a-f]{16})?\.bin$/;

/**
 * The weight files the folder's current `model.json` names that a save may remove once its own
 * `model.json` is in place: plain names of the form saveToDir or tfjs's `file://` handler
 * writes, directly in `dir`. Nothing if there is no readable regular `model.json`.
 */
function oldWeightFiles(dir: string): string[] {
  try {
    const path = join(dir, 'model.json');
    if (!lstatSync(path).isFile()) return [];
    const json = JSON.parse(readFileSync(path, 'utf8')) as { weightsManifest?: unknown };
    const groups = Array.isArray(json.weightsManifest) ? json.weightsManifest : [];
    const paths = groups.flatMap((g) => (Array.isArray(g?.paths) ? (g.paths as unknown[]) : []));
    return paths.filter((p): p is string => typeof p === 'string' && WEIGHTS_FILE.test(p));
  } catch {
    return []; // no model.json, or not one of ours: nothing to remove
  }
}

/**
 * An IO handler that writes `model.json` and `weights.<random>.bin` into `dir` (created if
 * missing): `await model.save(saveToDir('out/model'))`.
 *
 * A save over an earlier one replaces it all or nothing: both files are written in full to
 * temporary files in `dir` first, then renamed into place, the weights file before
 * `model.json`; if the save fails (disk full, a write error), the folder still holds the earlier
 * model and no temporary file. The weights file's name is new on every save (16 random hex
 * digits) and `model.json` names it, with the SHA-256 of its bytes (`weightsSha256`, checked by
 * {@link loadFromDir}); the weight files of the replaced `model.json` are removed after the
 * swap. So a reader that read the old `model.json` finds the old weights or none, never the new
 * ones, with {@link loadFromDir} and with tfjs's own loaders. A symlinked `model.json` or
 * weights file is replaced (or removed), never written through. A model with two weights of the
 * same name (which tfjs could not load, e.g. a layer of a nested model named like a layer
 * outside it) is refused before anything is written.
 *
 * @example
 * ```ts
 * import { saveToDir } from 'tfjs-noise/node';
 *
 * await model.save(saveToDir('out/model'));
 * await model.save(saveToDir('out/checkpoint'), { includeOptimizer: true });
 * ```
 */
export function saveToDir(dir: string): io.IOHandler {
  return io.withSaveHandler(async (artifacts) => {
    const { weightData, weightSpecs, ...rest } = artifacts;
    const specs = weightSpecs ?? [];
    checkUniqueWeightSpecs('saveToDir', specs, ' Nothing was written.');
    const buffers = weightData == null ? [] : Array.isArray(weightData) ? weightData : [weightData];
    const bin = Buffer.concat(buffers.map((b) => Buffer.from(b)));
    const name = `weights.${randomBytes(8).toString('hex')}.bin`;
    const manifest = [{ paths: [name], weights: specs }];
    const sha256 = createHash('sha256').update(bin).digest('hex');
    mkdirSync(dir, { recursive: true });
    const old = oldWeightFiles(dir);
    replaceFiles('saveToDir', dir, [
      { name, data: bin },
      {
        name: 'model.json',
        data: JSON.stringify({ ...rest, weightsManifest: manifest, [WEIGHTS_SHA256]: sha256 }),
      },
    ]);
    for (const file of old) {
      try {
        unlinkSync(join(dir, file));
      } catch {
        // Already gone (another save removed it): nothing left to do.
      }
    }
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: bin.byteLength,
      },
    };
  });
}
