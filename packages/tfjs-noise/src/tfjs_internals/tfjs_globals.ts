/**
 * tfjs-core's global map (`globalThis._tfGlobals`), where the first tfjs-core loaded in a program
 * registers its Tensor class (key `Tensor`) so that every copy makes tensors of one class.
 */

/**
 * The Tensor class that the first tfjs-core loaded in this program registered, or undefined if
 * the map is missing or changes shape in a later tfjs (the two-copies check is then skipped).
 */
export function firstTensorClass(): unknown {
  const globals = (globalThis as { _tfGlobals?: unknown })._tfGlobals;
  return globals instanceof Map ? globals.get('Tensor') : undefined;
}
