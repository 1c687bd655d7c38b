/**
 * Saving a tfjs model as files in Node without tfjs-node: `model.json` (topology and
 * weight manifest) and `weights.bin` in one folder, the layout of tfjs's `file://` handler.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from '@tensorflow/tfjs-core';

/**
 * An IO handler that writes `model.json` and `weights.bin` into `dir` (created if missing):
 * `await model.save(saveToDir('out/model'))`.
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
    mkdirSync(dir, { recursive: true });
    const { weightData, ...json } = artifacts;
    const buffers = weightData == null ? [] : Array.isArray(weightData) ? weightData : [weightData];
    const bin = Buffer.concat(buffers.map((b) => Buffer.from(b)));
    const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
    const { weightSpecs: _specs, ...rest } = json;
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...rest, weightsManifest: manifest }));
    writeFileSync(join(dir, 'weights.bin'), bin);
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: bin.byteLength,
      },
    };
  });
}
