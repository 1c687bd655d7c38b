import * as tf from '@tensorflow/tfjs-core';
// As `@tensorflow/tfjs` does: tfjs-layers code uses chained tensor methods.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';

await tf.setBackend('cpu');
await tf.ready();
