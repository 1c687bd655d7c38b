/**
 * A consumer program (see save_models.ts): without tfjs-noise imported, loading the model with
 * noise layers must fail with tfjs's "Unknown layer" error. Prints that error as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: load_unknown <dir>');

async function main(): Promise<void> {
  const folder = join(dir!, 'noisy');
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  // The weights file the manifest names (saveToDir gives each save its own name).
  const bin = readFileSync(join(folder, json.weightsManifest[0]!.paths[0]!));
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  });
  try {
    await tf.loadLayersModel(handler);
    console.log(JSON.stringify({ error: null }));
  } catch (err) {
    console.log(JSON.stringify({ error: (err as Error).message }));
  }
}

main();
