/**
 * The training-step counter of a noise layer, kept in a non-trainable int32 weight so that it is
 * saved and restored with the model's weights. Noise for step t is a pure function of
 * (seed, stream, t) (see `random/noise_key.ts`), so a reloaded model continues with exactly the
 * noise it would have drawn without the interruption.
 */
import { scalar } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';

/** Name of the step weight inside a layer (saved as `<layer name>/noise_step`). */
export const NOISE_STEP_WEIGHT = 'noise_step';

/**
 * Counts a layer's training calls. The count lives in a weight; a JavaScript copy avoids a
 * device read on every step. The copy is refreshed (one read) only when the weight was written
 * from outside, e.g. by `loadLayersModel` or `setWeights`, which is detected by the weight's
 * data id changing.
 */
export class NoiseStep {
  private readonly variable: LayerVariable;
  private count = 0;
  private knownDataId: unknown;

  /**
   * @param variable The layer's step weight, made in its `build` by
   *   `this.addWeight(NOISE_STEP_WEIGHT, [], 'int32', initializers.zeros(), undefined, false)`.
   */
  constructor(variable: LayerVariable) {
    this.variable = variable;
    this.knownDataId = variable.read().dataId;
  }

  /** The current step: the number of training calls so far (including restored ones). */
  get value(): number {
    const current = this.variable.read();
    if (current.dataId !== this.knownDataId) {
      this.count = current.dataSync()[0] as number;
      this.knownDataId = current.dataId;
    }
    return this.count;
  }

  /** Returns the step for this training call and advances the saved counter by one. */
  next(): number {
    const step = this.value;
    this.count = step + 1;
    const updated = scalar(this.count, 'int32');
    this.variable.write(updated);
    updated.dispose();
    this.knownDataId = this.variable.read().dataId;
    return step;
  }
}
