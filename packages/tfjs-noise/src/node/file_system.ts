/**
 * Saving and loading a tfjs model as files in Node without tfjs-node: `model.json` (topology and
 * weight manifest) and `weights.bin` in one folder, the layout of tfjs's `file://` handler.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * An IO handler that reads a folder written by {@link saveToDir} (or by tfjs's `file://`
 * handler): `await tf.loadLayersModel(loadFromDir('out/model'))`. The files are read when it is
 * called.
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
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
    [key: string]: unknown;
  };
  const { weightsManifest, ...rest } = json;
  const specs = weightsManifest.flatMap((g) => g.weights);
  const bins = weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
  const bin = Buffer.concat(bins);
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return io.fromMemory({ ...rest, weightSpecs: specs, weightData } as io.ModelArtifacts);
}
