/**
 * Loading a tfjs model from files in Node without tfjs-node: `model.json` and the weight files
 * its manifest names, all inside one folder.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { io } from '@tensorflow/tfjs-core';
import { containedFile } from './contained_file';
import { readModelJson } from './model_json';
import { checkWeightBytes } from './weight_bytes';

/**
 * An IO handler that reads a folder written by {@link saveToDir} (or by tfjs's `file://`
 * handler): `await tf.loadLayersModel(loadFromDir('out/model'))`. The files are read when it is
 * called.
 *
 * It throws an `Error` naming the field and the value received if `model.json` is not a JSON
 * object with a `modelTopology` and a well-formed `weightsManifest`, if a manifest path names a
 * file outside the folder (`../x.bin`, an absolute path, or a symlink that resolves outside;
 * nothing outside is read), or if the weight files do not hold exactly the bytes of the weights
 * the manifest lists.
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
  const { groups, rest } = readModelJson(owner, dir);
  const realDir = realpathSync(dir);
  const paths = groups.flatMap((g) => g.paths);
  const bins = groups.flatMap((g, i) =>
    g.paths.map((p, j) =>
      readFileSync(containedFile(owner, `weightsManifest[${i}].paths[${j}]`, realDir, p)),
    ),
  );
  const bin = Buffer.concat(bins);
  const specs = groups.flatMap((g) => g.weights);
  checkWeightBytes(owner, specs, bin, paths);
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return io.fromMemory({ ...rest, weightSpecs: specs, weightData } as io.ModelArtifacts);
}
