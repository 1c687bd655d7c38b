/**
 * The shared base of the noise layers: the saved training-step counter, and shape and mask
 * passed through unchanged.
 */
import { cast, type Tensor } from '@tensorflow/tfjs-core';
import { initializers, layers, type Shape, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { NoiseComponent } from '../noise_component';
import { checkSameTfjsLayers } from '../one_tfjs';
import type { Kwargs } from '../tfjs_internals';
import { NOISE_STEP_WEIGHT, NoiseStep } from './noise_step';

/** A layer that draws noise per training step and saves its step with its weights. */
export abstract class NoiseLayer extends layers.Layer {
  /** The step counter; null until `build` calls {@link addNoiseStep}. */
  protected noiseStep: NoiseStep | null = null;

  /**
   * Number of training steps (noise draws) so far, including those restored from a save. Saved
   * as the int32 weight `noise_step`: a loaded value must be an int32 integer in
   * [0, 2^31 - 1] (else the load throws, naming the layer and the weight), and training stops
   * with an error at 2^31 - 1 ({@link MAX_STEP}) instead of wrapping.
   */
  get step(): number {
    return this.noiseStep?.value ?? 0;
  }

  /** Adds the non-trainable `noise_step` weight; call from `build`. */
  protected addNoiseStep(): void {
    this.noiseStep = new NoiseStep(
      this.addWeight(NOISE_STEP_WEIGHT, [], 'int32', initializers.zeros(), undefined, false),
      this.getClassName(),
    );
  }

  /**
   * Calls the layer as tfjs does, after checking that symbolic inputs come from the same copy of
   * tfjs-layers as tfjs-noise (two copies of tfjs break in unclear ways).
   */
  override apply(
    inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[],
    kwargs?: Kwargs,
  ): Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[] {
    checkSameTfjsLayers(inputs, `${this.getClassName()} ${JSON.stringify(this.name)}`);
    return super.apply(inputs, kwargs);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
    return mask as Tensor;
  }
}

/**
 * The schedulable part of a noise layer's {@link NoiseComponent} declaration: the amount is the
 * layer's `stddev` when that is one number (not per feature, not a learnable scale, not a fixed
 * mode), and the step is its saved `noise_step`.
 */
export const SCHEDULED_STDDEV: Omit<NoiseComponent<NoiseLayer & StddevLayer>, 'strip'> = {
  amount: (layer) => (typeof layer.stddev === 'number' ? layer.stddev : undefined),
  setAmount: (layer, value) => {
    layer.stddev = value;
  },
  step: (layer) => layer.step,
};

/** A noise layer whose amount is its `stddev` property. */
interface StddevLayer {
  stddev: number | number[] | null;
}

/**
 * `x` as float32: int32 and bool inputs are cast (as Keras casts inputs to the layer's float
 * dtype), so every backend computes in floats; float32 tensors are returned as they are. Some
 * tfjs kernels mishandle int32 (tfjs-backend-wasm's clipByValue reads int32 data as float32
 * bits) or reject it (conv, tanh).
 */
export function floatInput(x: Tensor): Tensor {
  return x.dtype === 'int32' || x.dtype === 'bool' ? cast(x, 'float32') : x;
}
