/**
 * Step counters saved as int32 scalars (the noise layers' `noise_step`, AnnealedGradientNoise's
 * step and the wrapped optimizer's `iter`, which tfjs saves as int32): their limit, the check of
 * a saved value, and the error of a counter that is full.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { failTensor } from '../validate';

/**
 * The largest value a saved step counter can hold: 2^31 - 1, the int32 maximum. The noise
 * layers' `noise_step` and AnnealedGradientNoise's step stop there with an error instead of
 * wrapping to -2^31 (a wrapped counter would make a save that cannot be loaded).
 *
 * @example
 * ```ts
 * import { MAX_STEP } from 'tfjs-noise/extend';
 * const jitter = model.layers.find((l) => l instanceof tfn.GaussianJitter) as tfn.GaussianJitter;
 * console.log(MAX_STEP - jitter.step); // training steps left before the counter is full
 * ```
 */
export const MAX_STEP = 2 ** 31 - 1;

/**
 * `value`, read from `tensor`, if `tensor` is an int32 scalar holding an integer in [0,
 * {@link MAX_STEP}]; otherwise throws, naming `owner`, the weight `name` and the tensor received.
 */
export function checkStep(
  owner: string,
  name: string,
  tensor: Tensor,
  value: number | undefined,
): number {
  if (
    tensor.dtype !== 'int32' ||
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_STEP
  ) {
    failTensor(owner, name, `an int32 scalar holding an integer in [0, ${MAX_STEP}]`, tensor);
  }
  return value;
}

/** The step `tensor` holds, read synchronously (see {@link checkStep}). */
export function readStepSync(owner: string, name: string, tensor: Tensor): number {
  const value = tensor.size === 1 && tensor.dtype === 'int32' ? tensor.dataSync()[0] : undefined;
  return checkStep(owner, name, tensor, value);
}

/** The step `tensor` holds, read without blocking (see {@link checkStep}). */
export async function readStep(owner: string, name: string, tensor: Tensor): Promise<number> {
  const value = tensor.size === 1 ? (await tensor.data())[0] : undefined;
  return checkStep(owner, name, tensor, value);
}

/**
 * Throws unless the counter `name` of `owner`, at `value`, can take another step: at
 * {@link MAX_STEP} the error names both and says the counter would wrap to -2^31.
 */
export function checkStepLeft(owner: string, name: string, value: number): void {
  if (value >= MAX_STEP) {
    throw new Error(
      `${owner}: \`${name}\` is ${value}, the largest step its int32 weight can hold; ` +
        'refusing another training step rather than letting it wrap to -2^31.',
    );
  }
}
