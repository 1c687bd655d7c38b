/** Scores of trained models that the example scripts and the benchmarks share. */
import * as tf from '@tensorflow/tfjs';

/**
 * The share of the rows of `x` whose prediction (a probability, thresholded at 0.5) equals the
 * row's 0/1 label in `y`.
 */
export function binaryAccuracy(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => {
    const pred = tf.greater(model.predict(x) as tf.Tensor, 0.5);
    return tf.mean(tf.cast(tf.equal(pred, tf.cast(y, 'bool')), 'float32')).dataSync()[0] as number;
  });
}
