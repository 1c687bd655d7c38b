/**
 * `@tfjs-noise/tune/kinds`: the registry of noise kinds, alone. It imports nothing (no tfjs, no
 * Node module), so the CLI checks its flags before it loads tfjs, and a browser page can read it:
 * the playground writes its noise sliders from it.
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY, NOISE_KINDS } from '@tfjs-noise/tune/kinds';
 *
 * const names = NOISE_KINDS.map((kind) => MLP_KIND_REGISTRY[kind].label);
 * // ['input jitter', 'weight noise', 'activation jitter', 'noisy activation', 'gradient noise']
 * ```
 *
 * @module @tfjs-noise/tune/kinds
 */

/**
 * What a kind of the built-in MLP is: a noise of tfjs-noise, a plain regularizer to compare noise
 * with, or the model without either.
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY } from '@tfjs-noise/tune/kinds';
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
  /** The kind in words, for tables, plots and forms (`'input jitter'`, `'weight noise'`, ...). */
  readonly label: string;
  /** What applies it, for help and tooltips (`'tfn.layers.gaussianJitter on the input'`). */
  readonly component: string;
  /**
   * The amounts worth trying by hand, for a noise kind: from 0 to `max` in steps of `step` (the
   * playground's slider).
   */
  readonly range?: { readonly max: number; readonly step: number };
}

/**
 * The one registry of the noise kinds, in the order they are listed: what each is, its name in
 * words, what applies it, its default amounts and (noise kinds) the amounts worth trying by
 * hand. {@link MLP_KINDS}, {@link DEFAULT_AMOUNTS}, the CLI's help and flag checks and its plots
 * are read from it, and so are the playground's noise sliders and the circles example's rows
 * (through `@tfjs-noise/tune/kinds`, which imports nothing). `buildMlp` applies each kind: its
 * `KIND_LAYERS` table must have an entry for every kind here, which the compiler checks; so a
 * new kind is an entry here and its layers there. Input, activation and pre-activation noise are
 * stds in standardized units, weight noise an absolute std on the weights, gradient noise the
 * eta (a variance) of annealed gradient noise, which Adam then normalizes (so much smaller
 * amounts); dropout a rate; l2 a decay factor.
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY } from '@tfjs-noise/tune/kinds';
 *
 * const { label, amount, defaults } = MLP_KIND_REGISTRY.input;
 * console.log(`${label} (${amount}): ${defaults.join(', ')}`); // prints: input jitter (stddev): 0.05, 0.1, 0.2, 0.4
 * ```
 */
export const MLP_KIND_REGISTRY = {
  none: {
    role: 'none',
    amount: 'ignored',
    defaults: [0],
    label: 'no noise',
    component: 'nothing',
  },
  input: {
    role: 'noise',
    amount: 'stddev',
    defaults: [0.05, 0.1, 0.2, 0.4],
    label: 'input jitter',
    component: 'tfn.layers.gaussianJitter on the input',
    range: { max: 0.5, step: 0.01 },
  },
  weight: {
    role: 'noise',
    amount: 'stddev',
    defaults: [0.02, 0.05, 0.1],
    label: 'weight noise',
    component: 'tfn.layers.weightNoise around a Dense layer',
    range: { max: 0.3, step: 0.01 },
  },
  activation: {
    role: 'noise',
    amount: 'stddev',
    defaults: [0.05, 0.1, 0.2, 0.4],
    label: 'activation jitter',
    component: 'tfn.layers.gaussianJitter after a hidden layer',
    range: { max: 1, step: 0.01 },
  },
  preactivation: {
    role: 'noise',
    amount: 'stddev',
    defaults: [0.05, 0.1, 0.2, 0.4],
    label: 'noisy activation',
    component: 'tfn.layers.noisyActivation: noise on the pre-activation of a hidden layer',
    range: { max: 1, step: 0.01 },
  },
  gradient: {
    role: 'noise',
    amount: 'eta',
    defaults: [1e-4, 1e-3],
    label: 'gradient noise',
    component: 'tfn.train.annealedGradientNoise around Adam: variance eta / (1 + t)^0.55',
    range: { max: 0.1, step: 0.001 },
  },
  dropout: {
    role: 'peer',
    amount: 'rate',
    defaults: [0.1, 0.2, 0.5],
    label: 'dropout',
    component: 'tfn.layers.seededDropout after a hidden layer (a new seeded mask per step)',
  },
  l2: {
    role: 'peer',
    amount: 'decay',
    defaults: [1e-4, 1e-3, 1e-2],
    label: 'L2 weight decay',
    component: 'tf.regularizers.l2 on the kernels',
  },
} as const satisfies Readonly<Record<string, MlpKindInfo>>;

/**
 * A noise kind of `buildMlp`: a key of {@link MLP_KIND_REGISTRY}.
 *
 * @example
 * ```ts
 * import type { MlpKind } from '@tfjs-noise/tune/kinds';
 *
 * const compared: MlpKind[] = ['input', 'weight', 'gradient', 'l2', 'dropout'];
 * ```
 */
export type MlpKind = keyof typeof MLP_KIND_REGISTRY;

/**
 * A kind of noise of tfjs-noise in {@link MLP_KIND_REGISTRY} (role `'noise'`; not the peers and
 * not `none`).
 *
 * @example
 * ```ts
 * import type { MlpNoiseKind } from '@tfjs-noise/tune/kinds';
 *
 * const amounts: { [K in MlpNoiseKind]?: number } = { input: 0.1, gradient: 0.001 };
 * ```
 */
export type MlpNoiseKind = {
  [K in MlpKind]: (typeof MLP_KIND_REGISTRY)[K]['role'] extends 'noise' ? K : never;
}[MlpKind];

/**
 * The noise kinds of {@link MLP_KIND_REGISTRY}, in its order: what a form of noise settings
 * lists (the playground's sliders).
 *
 * @example
 * ```ts
 * import { MLP_KIND_REGISTRY, NOISE_KINDS } from '@tfjs-noise/tune/kinds';
 *
 * for (const kind of NOISE_KINDS) {
 *   const { label, amount, range } = MLP_KIND_REGISTRY[kind];
 *   console.log(`${label} ${amount}: 0 to ${range.max} by ${range.step}`);
 * }
 * ```
 */
export const NOISE_KINDS = Object.keys(MLP_KIND_REGISTRY).filter(
  (kind) => MLP_KIND_REGISTRY[kind as MlpKind].role === 'noise',
) as readonly MlpNoiseKind[];

/**
 * The kinds `buildMlp` understands (the keys of {@link MLP_KIND_REGISTRY}): the noise kinds, and
 * two classic regularizers to compare them with (`dropout`: rate; `l2`: weight-decay factor).
 *
 * @example
 * ```ts
 * import { MLP_KINDS } from '@tfjs-noise/tune/kinds';
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
 * import { DEFAULT_AMOUNTS } from '@tfjs-noise/tune/kinds';
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
 * import { DEFAULT_AMOUNTS, DEFAULT_KINDS } from '@tfjs-noise/tune/kinds';
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
 * import { DEFAULT_PEERS } from '@tfjs-noise/tune/kinds';
 *
 * console.log(DEFAULT_PEERS.map((p) => `${p.kind} ${p.amount}`).join(', ')); // prints: l2 0.01, dropout 0.2
 * ```
 */
export const DEFAULT_PEERS: readonly { readonly kind: MlpKind; readonly amount: number }[] = [
  { kind: 'l2', amount: 0.01 },
  { kind: 'dropout', amount: 0.2 },
];
