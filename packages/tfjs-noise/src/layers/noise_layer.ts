/**
 * The shared base of the noise layers: the saved training-step counter, and shape and mask
 * passed through unchanged.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { initializers, layers, type Shape } from '@tensorflow/tfjs-layers';
import { NOISE_STEP_WEIGHT, NoiseStep } from './noise_step';

/** A layer that draws noise per training step and saves its step with its weights. */
export abstract class NoiseLayer extends layers.Layer {
  /** The step counter; null until `build` calls {@link addNoiseStep}. */
  protected noiseStep: NoiseStep | null = null;

  /** Number of training steps (noise draws) so far, including those restored from a save. */
  get step(): number {
    return this.noiseStep?.value ?? 0;
  }

  /** Adds the non-trainable `noise_step` weight; call from `build`. */
  protected addNoiseStep(): void {
    this.noiseStep = new NoiseStep(
      this.addWeight(NOISE_STEP_WEIGHT, [], 'int32', initializers.zeros(), undefined, false),
    );
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
    return mask as Tensor;
  }
}
