/**
 * The last step of examples/images and examples/signals: a trained model with noise layers is
 * copied without them (`tfn.stripNoise`), saved to a folder (`tfjs-noise/node`'s `saveToDir`),
 * loaded back (`loadFromDir`) and checked: the reloaded copy has no noise layer and predicts what
 * the trained model predicts at inference.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { loadFromDir, saveToDir } from 'tfjs-noise/node';

/** What {@link stripSaveReload} found. */
export interface Reloaded {
  /** The reloaded model's layer classes, in order. */
  layers: string[];
  /** Largest absolute difference between the two models' predictions on `x`. */
  maxDiff: number;
}

/** Strips `model`'s noise, saves the copy to `dir`, reloads it and compares predictions on `x`. */
export async function stripSaveReload(
  model: tf.LayersModel,
  dir: string,
  x: tf.Tensor,
): Promise<Reloaded> {
  await tfn.stripNoise(model).save(saveToDir(dir));
  const again = await tf.loadLayersModel(loadFromDir(dir));
  const maxDiff = tf.tidy(() => {
    const a = model.predict(x) as tf.Tensor;
    const b = again.predict(x) as tf.Tensor;
    return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number;
  });
  const layers = again.layers.map((l) => l.getClassName());
  again.dispose();
  return { layers, maxDiff };
}
