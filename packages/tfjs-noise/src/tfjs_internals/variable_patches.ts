/**
 * Patches of a tfjs-layers `LayerVariable`'s own methods: `read` (what the layer computes with)
 * and `write` (what `setWeights` and `loadLayersModel` store). tfjs has no public way to call a
 * layer with other weights, or to be told when a weight is written from outside.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';

/**
 * Runs `fn` with each of `variables` reading as the tensor at the same index of `values` (an own
 * `read` on the variable object, shadowing `LayerVariable.prototype.read`, which tfjs's layers
 * call to get their weights), and removes the patches afterwards, also when `fn` throws.
 */
export function withReadsAs<T>(
  variables: readonly LayerVariable[],
  values: readonly Tensor[],
  fn: () => T,
): T {
  const patched = variables.map((v) => v as { read: () => Tensor });
  patched.forEach((v, i) => {
    v.read = () => values[i] as Tensor;
  });
  try {
    return fn();
  } finally {
    for (const v of patched) delete (v as { read?: () => Tensor }).read;
  }
}

/**
 * Sends every later write of `variable` (tfjs writes saved and set weights through
 * `LayerVariable.write`) through `onWrite`, which gets the value and the variable's own write;
 * returns that own write, for writes that must not pass through `onWrite`.
 */
export function interceptWrites(
  variable: LayerVariable,
  onWrite: (value: Tensor, write: (value: Tensor) => LayerVariable) => void,
): (value: Tensor) => LayerVariable {
  const write = variable.write.bind(variable);
  variable.write = (value: Tensor) => {
    onWrite(value, write);
    return variable;
  };
  return write;
}
