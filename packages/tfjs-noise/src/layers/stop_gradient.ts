/** A tensor's value with no gradient through it (the noise scales are not trained through). */
import { customGrad, type GradSaveFunc, type Tensor, zerosLike } from '@tensorflow/tfjs-core';

/** Identity in the forward pass, zero gradient. */
export const stopGradient = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const x = args[0] as Tensor;
  return { value: x.clone(), gradFunc: (dy: Tensor) => zerosLike(dy) };
}) as (x: Tensor) => Tensor;
