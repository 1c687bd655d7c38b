import * as tf from '@tensorflow/tfjs-core';
// As `@tensorflow/tfjs` does: some tfjs-layers code (e.g. the orthogonal initializer of RNNs)
// uses chained tensor methods.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-wasm';

await tf.setBackend('wasm');
await tf.ready();
