/**
 * A consumer program (see save_models.ts): a process that imports only @tensorflow/tfjs (and
 * node:fs) loads the stripNoise copy `<dir>/plain` and predicts. Prints one JSON line, with
 * whether any tfjs-noise class is registered (it must not be).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: load_plain <dir>');

function fromDir(folder: string): tf.io.IOHandler {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  // The weights file the manifest names (saveToDir gives each save its own name).
  const bin = readFileSync(join(folder, json.weightsManifest[0]!.paths[0]!));
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  });
}

async function main(): Promise<void> {
  const expected = JSON.parse(readFileSync(join(dir!, 'expected.json'), 'utf8')) as {
    xs: number[];
  };
  const model = await tf.loadLayersModel(fromDir(join(dir!, 'plain')));
  const registered = Object.keys(tf.serialization.SerializationMap.getMap().classNameMap);
  console.log(
    JSON.stringify({
      classes: model.layers.map((l) => l.getClassName()),
      plugin: registered.filter((c) => /Jitter|WeightNoise|NoisyActivation|GradientNoise/.test(c)),
      y: Array.from((model.predict(tf.tensor3d(expected.xs, [6, 5, 2])) as tf.Tensor).dataSync()),
    }),
  );
}

main();
