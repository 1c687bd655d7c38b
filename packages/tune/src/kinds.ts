/**
 * The noise kinds of the built-in MLP builder (a dependency-free module, so the CLI can check
 * flags before it loads tfjs).
 */

/**
 * The kinds `buildMlp` understands: the noise kinds, and two classic regularizers to compare
 * them with (`dropout`: rate; `l2`: weight-decay factor).
 */
export const MLP_KINDS = [
  'none',
  'input',
  'weight',
  'activation',
  'gradient',
  'dropout',
  'l2',
] as const;

/**
 * The amounts searched for each kind when none are given (the CLI without `--amounts`): input
 * and activation noise are stds in standardized units, weight noise an absolute std on the
 * weights, gradient noise the eta (a variance) of annealed gradient noise, which Adam then
 * normalizes (so much smaller amounts); dropout a rate; l2 a decay factor. Amount 0 (no noise)
 * is always added once as the baseline.
 */
export const DEFAULT_AMOUNTS: { readonly [K in MlpKind]: readonly number[] } = {
  none: [0],
  input: [0.05, 0.1, 0.2, 0.4],
  weight: [0.02, 0.05, 0.1],
  activation: [0.05, 0.1, 0.2, 0.4],
  gradient: [1e-4, 1e-3],
  dropout: [0.1, 0.2, 0.5],
  l2: [1e-4, 1e-3, 1e-2],
};

/** The kinds searched by default. */
export const DEFAULT_KINDS: readonly MlpKind[] = ['input', 'weight', 'gradient'];

/** A noise kind of `buildMlp`. */
export type MlpKind = (typeof MLP_KINDS)[number];
