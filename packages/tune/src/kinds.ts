/**
 * The noise kinds of the built-in MLP builder (a dependency-free module, so the CLI can check
 * flags before it loads tfjs).
 */

/** The noise kinds `buildMlp` understands. */
export const MLP_KINDS = ['none', 'input', 'weight', 'activation', 'gradient'] as const;

/** A noise kind of `buildMlp`. */
export type MlpKind = (typeof MLP_KINDS)[number];
