/**
 * The noise kinds of the built-in MLP builder (a dependency-free module, so the CLI can check
 * flags before it loads tfjs).
 */

/**
 * What a kind of the built-in MLP is: a noise of tfjs-noise, a plain regularizer to compare noise
 * with, or the model without either.
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY } from '@tfjs-noise/tune';
 *
 * const role: 'noise' | 'peer' | 'none' = MLP_KIND_REGISTRY.dropout.role;
 * console.log(role); // prints: peer
 * ```
 */
export interface MlpKindInfo {
  /** `'noise'` (tfjs-noise), `'peer'` (a plain regularizer) or `'none'` (no regularization). */
  readonly role: 'noise' | 'peer' | 'none';
  /** What the amount is, for messages and help (`'stddev'`, `'rate'`, ...). */
  readonly amount: string;
  /** The amounts searched when none are given (see {@link DEFAULT_AMOUNTS}). */
  readonly defaults: readonly number[];
}

/**
 * The one registry of the built-in MLP's kinds, in the order they are listed: what each is and
 * its default amounts. {@link MLP_KINDS}, {@link DEFAULT_AMOUNTS} and the CLI's help and flag
 * checks are read from it; `buildMlp` applies each kind (its `KIND_LAYERS` table must have an
 * entry for every kind here, which the compiler checks). Input and activation noise are stds in
 * standardized units, weight noise an absolute std on the weights, gradient noise the eta (a
 * variance) of annealed gradient noise, which Adam then normalizes (so much smaller amounts);
 * dropout a rate; l2 a decay factor.
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY } from '@tfjs-noise/tune';
 *
 * console.log(MLP_KIND_REGISTRY.input); // prints: { role: 'noise', amount: 'stddev', defaults: [0.05, 0.1, 0.2, 0.4] }
 * ```
 */
export const MLP_KIND_REGISTRY = {
  none: { role: 'none', amount: 'ignored', defaults: [0] },
  input: { role: 'noise', amount: 'stddev', defaults: [0.05, 0.1, 0.2, 0.4] },
  weight: { role: 'noise', amount: 'stddev', defaults: [0.02, 0.05, 0.1] },
  activation: { role: 'noise', amount: 'stddev', defaults: [0.05, 0.1, 0.2, 0.4] },
  gradient: { role: 'noise', amount: 'eta', defaults: [1e-4, 1e-3] },
  dropout: { role: 'peer', amount: 'rate', defaults: [0.1, 0.2, 0.5] },
  l2: { role: 'peer', amount: 'decay', defaults: [1e-4, 1e-3, 1e-2] },
} as const satisfies Readonly<Record<string, MlpKindInfo>>;

/**
 * A noise kind of `buildMlp`: a key of {@link MLP_KIND_REGISTRY}.
 *
 * @example
 * ```ts
 * import type { MlpKind } from '@tfjs-noise/tune';
 *
 * const compared: MlpKind[] = ['input', 'weight', 'gradient', 'l2', 'dropout'];
 * ```
 */
export type MlpKind = keyof typeof MLP_KIND_REGISTRY;

/**
 * The kinds `buildMlp` understands (the keys of {@link MLP_KIND_REGISTRY}): the noise kinds, and
 * two classic regularizers to compare them with (`dropout`: rate; `l2`: weight-decay factor).
 *
 * @example
 * ```ts
 * import { MLP_KINDS } from '@tfjs-noise/tune';
 *
 * const kind: string = 'dropout';
 * const known = (MLP_KINDS as readonly string[]).includes(kind);
 * console.log(known); // prints: true
 * ```
 */
export const MLP_KINDS = Object.keys(MLP_KIND_REGISTRY) as readonly MlpKind[];

/**
 * The amounts searched for each kind when none are given (the CLI without `--amounts`), from
 * {@link MLP_KIND_REGISTRY}. Amount 0 (no noise) is always added once as the baseline.
 *
 * @example
 * ```ts
 * import { DEFAULT_AMOUNTS } from '@tfjs-noise/tune';
 *
 * console.log(DEFAULT_AMOUNTS.input); // prints: [0.05, 0.1, 0.2, 0.4]
 * const grid = { kinds: ['input'], amounts: [0, ...DEFAULT_AMOUNTS.input, 0.8] };
 * ```
 */
export const DEFAULT_AMOUNTS: { readonly [K in MlpKind]: readonly number[] } = defaultAmounts();

/** Each kind's `defaults`, by kind. */
function defaultAmounts(): Record<MlpKind, readonly number[]> {
  const amounts = {} as Record<MlpKind, readonly number[]>;
  for (const kind of MLP_KINDS) amounts[kind] = MLP_KIND_REGISTRY[kind].defaults;
  return amounts;
}

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
 * console.log(DEFAULT_PEERS.map((p) => `${p.kind} ${p.amount}`).join(', ')); // prints: l2 0.01, dropout 0.2
 * ```
 */
export const DEFAULT_PEERS: readonly { readonly kind: MlpKind; readonly amount: number }[] = [
  { kind: 'l2', amount: 0.01 },
  { kind: 'dropout', amount: 0.2 },
];
