/**
 * The noise kinds of the built-in MLP builder (a dependency-free module, so the CLI can check
 * flags before it loads tfjs).
 */

/**
 * The kinds `buildMlp` understands: the noise kinds, and two classic regularizers to compare
 * them with (`dropout`: rate; `l2`: weight-decay factor).
 *
 * @example
 * ```ts
 * import { MLP_KINDS } from '@tfjs-noise/tune';
 *
 * const kind: string = 'dropout';
 * const known = (MLP_KINDS as readonly string[]).includes(kind); // true
 * ```
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
 *
 * @example
 * ```ts
 * import { DEFAULT_AMOUNTS } from '@tfjs-noise/tune';
 *
 * console.log(DEFAULT_AMOUNTS.input); // [0.05, 0.1, 0.2, 0.4]
 * const grid = { kinds: ['input'], amounts: [0, ...DEFAULT_AMOUNTS.input, 0.8] };
 * ```
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

/**
 * The kinds searched by default.
 *
 * @example
 * ```ts
 * import { DEFAULT_AMOUNTS, DEFAULT_KINDS } from '@tfjs-noise/tune';
 *
 * // The CLI's default grid (no noise is added as the baseline):
 * const grid = DEFAULT_KINDS.flatMap((kind) =>
 *   DEFAULT_AMOUNTS[kind].map((amount) => ({ kind, amount })),
 * );
 * ```
 */
export const DEFAULT_KINDS: readonly MlpKind[] = ['input', 'weight', 'gradient'];

/**
 * The plain regularizers a search of the built-in MLP measures beside noise by default, on the
 * same folds and seeds: L2 weight decay 0.01 and dropout 0.2 (the two peers that helped most
 * often on the small-data suite, docs/choosing-noise.md). They are reported and compared in the
 * verdict, never recommended in place of noise (to recommend one, put it in the grid).
 *
 * @example
 * ```ts
 * import { DEFAULT_PEERS } from '@tfjs-noise/tune';
 *
 * console.log(DEFAULT_PEERS.map((p) => `${p.kind} ${p.amount}`).join(', ')); // 'l2 0.01, dropout 0.2'
 * ```
 */
export const DEFAULT_PEERS: readonly { readonly kind: MlpKind; readonly amount: number }[] = [
  { kind: 'l2', amount: 0.01 },
  { kind: 'dropout', amount: 0.2 },
];

/**
 * A noise kind of `buildMlp`.
 *
 * @example
 * ```ts
 * import type { MlpKind } from '@tfjs-noise/tune';
 *
 * const compared: MlpKind[] = ['input', 'weight', 'gradient', 'l2', 'dropout'];
 * ```
 */
export type MlpKind = (typeof MLP_KINDS)[number];
