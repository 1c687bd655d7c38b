import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tfn from 'tfjs-noise';

tf.env().set('PROD', true);
await tf.setBackend(process.argv[2]!);
await tf.ready();
for (const [kind, steps] of [
  ['dense', 8],
  ['lstm', 4],
  ['lstm', 8],
  ['wnlstm', 8],
  ['gru', 8],
] as const) {
  const x = tf.randomNormal([48, steps, 1]);
  const y = tf.randomNormal([48, 1]);
  const m = tf.sequential();
  if (kind === 'dense') {
    m.add(tf.layers.flatten({ inputShape: [steps, 1] }));
    m.add(tf.layers.dense({ units: 16 }));
  } else if (kind === 'lstm') m.add(tf.layers.lstm({ units: 16, inputShape: [steps, 1] }));
  else if (kind === 'gru') m.add(tf.layers.gru({ units: 16, inputShape: [steps, 1] }));
  else
    m.add(
      tfn.layers.weightNoise({
        layer: tf.layers.lstm({ units: 16 }),
        stddev: 0.075,
        seed: 1,
        inputShape: [steps, 1],
      }),
    );
  m.add(tf.layers.dense({ units: 1 }));
  m.compile({ optimizer: tf.train.adam(0.003), loss: 'meanSquaredError' });
  await m.fit(x, y, { epochs: 1, batchSize: 1, shuffle: false, verbose: 0 });
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0 });
  console.log(kind, steps, ((performance.now() - t0) / (3 * 48)).toFixed(2), 'ms/step');
}
