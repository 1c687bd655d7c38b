/**
 * The running beta powers of tfjs's Adam: the non-public fields `accBeta1` and `accBeta2`, scalar
 * float32 variables holding beta1^t and beta2^t as running products. tfjs's `Adam.setWeights`
 * recomputes them as `beta^(t + 1)` with `pow`, which differs in the last bits, so a wrapper that
 * must resume bit-identically saves and restores them itself.
 */
import { type Optimizer, Variable } from '@tensorflow/tfjs-core';

/** The fields of an optimizer that hold running beta powers (tfjs's Adam). */
export const BETA_POWER_FIELDS = ['accBeta1', 'accBeta2'] as const;

/**
 * The running beta powers of `optimizer`, in the order of {@link BETA_POWER_FIELDS}; null where
 * it has none (every optimizer but Adam, or a later tfjs that keeps them otherwise).
 */
export function betaPowerVariables(optimizer: Optimizer): (Variable | null)[] {
  const fields = optimizer as unknown as Partial<Record<string, unknown>>;
  return BETA_POWER_FIELDS.map((field) => {
    const value = fields[field];
    return value instanceof Variable && value.size === 1 && value.dtype === 'float32'
      ? value
      : null;
  });
}
