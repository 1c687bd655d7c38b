// The README's snippet as an ESM TypeScript user compiles it (module/moduleResolution nodenext):
// tfjs-noise's public types must resolve without reaching into tfjs's dist/ internals.
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';

const model = tf.sequential();
model.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [2], seed: 1, name: 'jitter' }));
model.add(
  tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 8 }), stddev: 0.05, name: 'noisy' }),
);
model.add(tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1, name: 'act' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({
  optimizer: tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.01 }),
  loss: 'binaryCrossentropy',
});
export const plain: tf.LayersModel = tfn.stripNoise(model);
