/**
 * The training-step counter of a noise layer, kept in a non-trainable int32 weight so that it is
 * saved and restored with the model's weights. Noise for step t is a pure function of
 * (seed, stream, t) (see `random/noise_key.ts`), so a reloaded model continues with exactly the
 * noise it would have drawn without the interruption.
 */
import { scalar, type Tensor } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import { checkStepLeft, currentTape, interceptWrites, readStepSync } from '../tfjs_internals';

/**
 * What a training call draws noise for: the step (the batch) and the call's index in it.
 *
 * @example
 * ```ts
 * const draw: tfn.NoiseDraw = { step: 12, call: 0 }; // the first call of the 13th batch
 * const key: tfn.NoiseKey = { seed: 1, stream: tfn.random.streamId('Mine', draw.call), step: draw.step };
 * ```
 */
export interface NoiseDraw {
  /** The training step: the number of training batches before this one. */
  step: number;
  /**
   * 0 for the first call of the layer in this step; 1, 2, ... for further calls in the same
   * step (a layer shared by several inputs, or applied per time step by TimeDistributed).
   */
  call: number;
}

/**
 * Name of the step weight inside a layer (saved as `<layer name>/noise_step`).
 *
 * @example
 * ```ts
 * const jitter = model.layers.find((l) => l instanceof tfn.GaussianJitter)!;
 * const stepWeight = jitter.weights.find((w) => w.name.endsWith(tfn.NOISE_STEP_WEIGHT));
 * ```
 */
export const NOISE_STEP_WEIGHT = 'noise_step';

/**
 * Counts a layer's training steps (batches). The count lives in a weight; a JavaScript copy
 * avoids a device read on every step.
 *
 * - Inside a training step (a gradient tape, as in `fit`), the first call of the layer advances
 *   the count; further calls in the same step (a shared layer, TimeDistributed) do not, and get
 *   the same step with a call index 1, 2, ... Outside a gradient tape (`apply(x, {training:
 *   true})` by hand), every call is a step of its own.
 * - Values written from outside (`loadLayersModel`, `model.setWeights`, `layer.setWeights`, all
 *   of which write through the weight's `write`) are checked when they are written: an int32
 *   scalar holding an integer in [0, {@link MAX_STEP}], else an `Error` naming the layer class
 *   and the weight (`<layer name>/noise_step`) with the value received. A value assigned to the
 *   underlying tensor directly is checked the same way at its first use.
 * - A training call when the counter is at {@link MAX_STEP} throws (naming the layer and the
 *   weight) instead of wrapping the counter to -2^31.
 *
 * A {@link NoiseLayer} makes one with `addNoiseStep()`; `layer.step` reads it.
 *
 * @example
 * ```ts
 * class MyNoise extends tfn.NoiseLayer {
 *   override build(): void {
 *     this.addNoiseStep(); // this.noiseStep = new tfn.NoiseStep(<the noise_step weight>, 'MyNoise')
 *     this.built = true;
 *   }
 *   drawFor(): tfn.NoiseDraw | undefined {
 *     return this.noiseStep?.next(); // { step, call }, advancing the saved step
 *   }
 * }
 * ```
 */
export class NoiseStep {
  private readonly variable: LayerVariable;
  private readonly owner: string;
  private readonly write: (value: Tensor) => LayerVariable;
  private count = 0;
  private knownDataId: unknown;
  /** The gradient tape of the step counted last (null outside one), and its calls so far. */
  private stepTape: unknown = null;
  private calls = 0;

  /**
   * @param variable The layer's step weight, made in its `build` by
   *   `this.addWeight(NOISE_STEP_WEIGHT, [], 'int32', initializers.zeros(), undefined, false)`.
   * @param owner The layer's class name, for messages.
   */
  constructor(variable: LayerVariable, owner: string) {
    this.variable = variable;
    this.owner = owner;
    this.knownDataId = variable.read().dataId;
    // Check values written from outside before they reach the weight.
    this.write = interceptWrites(variable, (value, write) => {
      const checked = this.check(value);
      write(value);
      this.count = checked;
      this.knownDataId = variable.read().dataId;
    });
  }

  /** The current step: the number of training steps so far (including restored ones). */
  get value(): number {
    const current = this.variable.read();
    if (current.dataId !== this.knownDataId) {
      this.count = this.check(current);
      this.knownDataId = current.dataId;
    }
    return this.count;
  }

  /**
   * Returns the step and call index for this training call; the first call of a training step
   * advances the saved counter by one.
   */
  next(): NoiseDraw {
    const tape = currentTape();
    const current = this.variable.read();
    if (tape !== null && tape === this.stepTape && current.dataId === this.knownDataId) {
      this.calls += 1;
      return { step: this.count - 1, call: this.calls };
    }
    const step = this.value;
    checkStepLeft(this.owner, this.variable.originalName, step);
    this.count = step + 1;
    const updated = scalar(this.count, 'int32');
    this.write(updated);
    updated.dispose();
    this.knownDataId = this.variable.read().dataId;
    this.stepTape = tape;
    this.calls = 0;
    return { step, call: 0 };
  }

  /** The step held by `value`, or an `Error` naming the layer and the weight. */
  private check(value: Tensor): number {
    return readStepSync(this.owner, this.variable.originalName, value);
  }
}
