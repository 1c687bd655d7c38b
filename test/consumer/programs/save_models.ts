/**
 * A consumer program (copied by consumer.test.ts into the temporary install, typechecked and
 * compiled there as ESM and as CJS; no top-level await). Trains a model with every tfjs-noise
 * layer and the gradient-noise optimizer and saves it with `saveToDir`; trains a second model
 * whose `stripNoise` copy is plain tfjs and saves that copy. Writes the inputs and predictions
 * to `<dir>/expected.json` for the loading processes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { saveToDir } from 'tfjs-noise/node';

const dir = process.argv[2] as string;
if (!dir) throw new Error('usage: save_models <dir>');

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

async function main(): Promise<void> {
  const x = tf.randomNormal([16, 3], 0, 1, 'float32', 1);
  const y = tf.randomNormal([16, 1], 0, 1, 'float32', 2);
  const noisy = tf.sequential();
  noisy.add(tfn.layers.gaussianJitter({ stddev: [0.1, 0.2, 0.3], inputShape: [3], seed: 1 }));
  noisy.add(
    tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 8 }), stddev: 0.05, seed: 2 }),
  );
  noisy.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 3 })); // the paper's mode
  noisy.add(
    tfn.layers.weightNoise({
      layer: tf.layers.dense({ units: 4 }),
      factorized: true,
      learnableScale: true,
      seed: 4,
    }),
  );
  noisy.add(tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1, seed: 5 })); // plain
  noisy.add(tf.layers.dense({ units: 1 }));
  noisy.compile({
    optimizer: tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.01, seed: 6 }),
    loss: 'meanSquaredError',
  });
  await noisy.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
  await noisy.save(saveToDir(join(dir, 'noisy')), { includeOptimizer: true });

  // Its stripNoise copy is plain tfjs: GaussianJitter and Dropout dropped, WeightNoise replaced
  // by the LSTM and Dense it wraps, the plain-mode NoisyActivation by tfjs's Activation.
  const xs = tf.randomNormal([6, 5, 2], 0, 1, 'float32', 7);
  const ys = tf.randomNormal([6, 1], 0, 1, 'float32', 8);
  const seq = tf.sequential();
  seq.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [5, 2], seed: 9 }));
  seq.add(tfn.layers.weightNoise({ layer: tf.layers.lstm({ units: 3 }), stddev: 0.05, seed: 10 }));
  seq.add(tfn.layers.noisyActivation({ activation: 'tanh', stddev: 0.1, seed: 11 }));
  seq.add(tf.layers.dropout({ rate: 0.2 }));
  seq.add(tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 1 }), stddev: 0.05, seed: 12 }));
  seq.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await seq.fit(xs, ys, { epochs: 3, verbose: 0 });
  const plain = tfn.stripNoise(seq);
  await plain.save(saveToDir(join(dir, 'plain')));

  const expected = {
    x: values(x),
    noisyClasses: noisy.layers.map((l) => l.getClassName()),
    noisyStep: (noisy.layers[0] as tfn.GaussianJitter).step,
    noisy: values(noisy.predict(x) as tf.Tensor),
    xs: values(xs),
    plainClasses: plain.layers.map((l) => l.getClassName()),
    seq: values(seq.predict(xs) as tf.Tensor),
  };
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));
  console.log(JSON.stringify({ saved: true }));
}

main();
