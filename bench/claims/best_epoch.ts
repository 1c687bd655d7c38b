/**
 * Early stopping as a score: a callback that, after every epoch, evaluates the model on a
 * validation set and a test set and keeps the test score of the epoch with the lowest validation
 * loss (what restoring the best weights would score). One training run thus gives both the
 * score without early stopping (the last epoch) and with it.
 */
import * as tf from '@tensorflow/tfjs';

/** A data set as tensors. */
export interface Split {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** Tracks the best-validation epoch of a training run. */
export class BestEpoch {
  /** Lowest validation loss so far. */
  bestVal = Number.POSITIVE_INFINITY;
  /** Test loss at that epoch. */
  testAtBest = Number.NaN;
  /** That epoch (1-based). */
  epoch = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly val: Split,
    private readonly test: Split,
  ) {}

  /** The callback to pass to `fit`. */
  callback(): tf.CustomCallbackArgs {
    return {
      onEpochEnd: async (epoch) => {
        const val = lossOn(this.model, this.val);
        if (val < this.bestVal) {
          this.bestVal = val;
          this.testAtBest = lossOn(this.model, this.test);
          this.epoch = epoch + 1;
        }
      },
    };
  }
}

/** The model's (first) loss on a split, without noise. */
export function lossOn(model: tf.LayersModel, d: Split): number {
  return tf.tidy(() => {
    const out = model.evaluate(d.x, d.y, { batchSize: 1024 });
    return (Array.isArray(out) ? out[0]! : out).dataSync()[0] as number;
  });
}
