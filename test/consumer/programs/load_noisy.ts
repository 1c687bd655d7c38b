/**
 * A consumer program (see save_models.ts): in a new process, imports tfjs-noise (which registers
 * its classes), loads `<dir>/noisy` with `loadFromDir`, predicts, then trains it one more epoch
 * with the reloaded optimizer. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { GaussianJitter } from 'tfjs-noise';
import { loadFromDir } from 'tfjs-noise/node';
// The side-effect import registers the classes (an import used only for types is elided).
import 'tfjs-noise';

const dir = process.argv[2];
if (!dir) throw new Error('usage: load_noisy <dir>');

async function main(): Promise<void> {
  const expected = JSON.parse(readFileSync(join(dir!, 'expected.json'), 'utf8')) as {
    x: number[];
  };
  const model = await tf.loadLayersModel(loadFromDir(join(dir!, 'noisy')));
  const x = tf.tensor2d(expected.x, [16, 3]);
  const y = Array.from((model.predict(x) as tf.Tensor).dataSync());
  const step = (model.layers[0] as GaussianJitter).step;
  const history = await model.fit(x, tf.zeros([16, 1]), { epochs: 1, batchSize: 8, verbose: 0 });
  console.log(
    JSON.stringify({
      classes: model.layers.map((l) => l.getClassName()),
      optimizer: model.optimizer.getClassName(),
      step,
      y,
      stepAfter: (model.layers[0] as GaussianJitter).step,
      loss: history.history.loss?.[0],
    }),
  );
}

main();
