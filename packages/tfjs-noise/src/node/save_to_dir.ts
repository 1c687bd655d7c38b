/**
 * Saving a tfjs model as files in Node without tfjs-node: `model.json` (topology and weight
 * manifest) and `weights.bin` in one folder, the layout of tfjs's `file://` handler, replaced all
 * or nothing.
 */
import { mkdirSync } from 'node:fs';
import { io } from '@tensorflow/tfjs-core';
import { checkUniqueWeightSpecs } from '../layers/weight_names';
import { replaceFiles } from './replace_files';

/**
 * An IO handler that writes `model.json` and `weights.bin` into `dir` (created if missing):
 * `await model.save(saveToDir('out/model'))`.
 *
 * A save over an earlier one replaces it all or nothing: both files are written in full to
 * temporary files in `dir` first, then renamed over the old ones, `weights.bin` before
 * `model.json`; if the save fails (disk full, a write error), the folder still holds the earlier
 * model and no temporary file. A symlinked `model.json` or `weights.bin` is replaced by a file,
 * never written through. A model with two weights of the same name (which tfjs could not load,
 * e.g. a layer of a nested model named like a layer outside it) is refused before anything is
 * written.
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
    const manifest = [{ paths: ['weights.bin'], weights: specs }];
    mkdirSync(dir, { recursive: true });
    replaceFiles('saveToDir', dir, [
      { name: 'weights.bin', data: bin },
      { name: 'model.json', data: JSON.stringify({ ...rest, weightsManifest: manifest }) },
    ]);
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: bin.byteLength,
      },
    };
  });
}
