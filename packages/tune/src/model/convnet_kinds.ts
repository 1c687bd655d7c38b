/**
 * The registry of the built-in convnet's kinds, alone: it imports nothing (no tfjs), so the CLI's
 * `images` command checks its flags and writes its grid before it loads tfjs. `buildConvnet`
 * (`./convnet`) applies each kind.
 */

/**
 * What a kind of the built-in convnet is (as `MlpKindInfo`, from `@tfjs-noise/tune/kinds`, is for the MLP), and which way its
 * amounts order the noise.
 *
 * @example
 * ```ts
 * import { CONVNET_KIND_REGISTRY } from '@tfjs-noise/tune';
 *
 * const { amount, direction } = CONVNET_KIND_REGISTRY.snr;
 * console.log(amount, direction); // prints: SNR dB less-noise
 * ```
 */
export interface ConvnetKindInfo {
  /** `'noise'` (tfjs-noise), `'peer'` (a plain regularizer) or `'none'` (no regularization). */
  readonly role: 'noise' | 'peer' | 'none';
  /** What the amount is, for messages, help and plots (`'stddev'`, `'SNR dB'`, `'rate'`...). */
  readonly amount: string;
  /**
   * `'more-noise'` when a larger amount is more noise (a stddev, a rate), `'less-noise'` when it
   * is less (an SNR in dB): wherever amounts are ordered (the grid's edge, the plot), this says
   * which way. Amount 0 is no noise for every kind either way.
   */
  readonly direction: 'more-noise' | 'less-noise';
  /** The amounts searched when none are given (amount 0, no noise, is added once). */
  readonly defaults: readonly number[];
  /** The kind in words, for tables and help. */
  readonly label: string;
  /** What applies it, for help. */
  readonly component: string;
}

/**
 * The correlation length, in pixels (images) or samples (signals), of the convnet's kind
 * `correlated` when `builderOptions.correlationLength` is not given: entries 2 apart have
 * correlation exp(-1/2) = 0.61, 4 apart 0.14 (blobs a few pixels wide on a 28x28 digit, the
 * scale of a stroke).
 *
 * @example
 * ```ts
 * import { CONVNET_CORRELATION_LENGTH } from '@tfjs-noise/tune';
 *
 * console.log(CONVNET_CORRELATION_LENGTH); // prints: 2
 * ```
 */
export const CONVNET_CORRELATION_LENGTH = 2;

/**
 * The kinds of the built-in convnet (`buildConvnet`), in order: what each is, its amount, the
 * direction of its amounts and its default amounts. Input amounts are in standardized units
 * (the input is standardized per channel); `snr` is a signal-to-noise ratio in dB of each
 * standardized example (more dB is less noise; amount 0 is still no noise, not 0 dB).
 *
 * @example
 * ```ts
 * import { CONVNET_KIND_REGISTRY } from '@tfjs-noise/tune';
 *
 * const { label, defaults } = CONVNET_KIND_REGISTRY.correlated;
 * console.log(`${label}: ${defaults.join(', ')}`); // prints: correlated input noise: 0.1, 0.2, 0.4
 * ```
 */
export const CONVNET_KIND_REGISTRY = {
  none: {
    role: 'none',
    amount: 'ignored',
    direction: 'more-noise',
    defaults: [0],
    label: 'no noise',
    component: 'nothing',
  },
  input: {
    role: 'noise',
    amount: 'stddev',
    direction: 'more-noise',
    defaults: [0.1, 0.2, 0.4],
    label: 'pixel noise',
    component: 'tfn.layers.gaussianJitter on the input: i.i.d. per pixel (sample) and channel',
  },
  correlated: {
    role: 'noise',
    amount: 'stddev',
    direction: 'more-noise',
    defaults: [0.1, 0.2, 0.4],
    label: 'correlated input noise',
    component:
      'tfn.layers.gaussianJitter with correlationLength (builderOptions.correlationLength, default 2)',
  },
  'per-channel': {
    role: 'noise',
    amount: 'stddev',
    direction: 'more-noise',
    defaults: [0.1, 0.2, 0.4],
    label: 'per-channel input noise',
    component:
      'tfn.layers.gaussianJitter with noiseShape [null, 1, 1, null]: one shift per example and channel',
  },
  snr: {
    role: 'noise',
    amount: 'SNR dB',
    direction: 'less-noise',
    defaults: [20, 14, 8],
    label: 'input noise at an SNR',
    component: "tfn.layers.gaussianJitter with snrDb: noise std = the example's RMS x 10^(-dB/20)",
  },
  weight: {
    role: 'noise',
    amount: 'stddev',
    direction: 'more-noise',
    defaults: [0.02, 0.05, 0.1],
    label: 'weight noise',
    component: 'tfn.layers.weightNoise around both conv layers',
  },
  l2: {
    role: 'peer',
    amount: 'decay',
    direction: 'more-noise',
    defaults: [1e-4, 1e-3, 1e-2],
    label: 'L2 weight decay',
    component: 'tf.regularizers.l2 on every kernel',
  },
  dropout: {
    role: 'peer',
    amount: 'rate',
    direction: 'more-noise',
    defaults: [0.1, 0.2, 0.5],
    label: 'dropout',
    component: 'tfn.layers.seededDropout after the dense hidden layer',
  },
  'spatial-dropout': {
    role: 'peer',
    amount: 'rate',
    direction: 'more-noise',
    defaults: [0.1, 0.2, 0.3],
    label: 'spatial dropout',
    component: 'tfn.layers.seededDropout of whole feature maps after the pooling',
  },
} as const satisfies Readonly<Record<string, ConvnetKindInfo>>;

/**
 * A kind of the built-in convnet: a key of {@link CONVNET_KIND_REGISTRY}.
 *
 * @example
 * ```ts
 * import type { ConvnetKind } from '@tfjs-noise/tune';
 *
 * const kinds: ConvnetKind[] = ['input', 'correlated', 'weight'];
 * ```
 */
export type ConvnetKind = keyof typeof CONVNET_KIND_REGISTRY;

/**
 * The kinds of the built-in convnet (the keys of {@link CONVNET_KIND_REGISTRY}): `none`, the
 * noise kinds `input`, `correlated`, `per-channel`, `snr` and `weight`, and the peers `l2`,
 * `dropout` and `spatial-dropout` (per-channel dropout).
 *
 * @example
 * ```ts
 * import { CONVNET_KINDS } from '@tfjs-noise/tune';
 *
 * console.log(CONVNET_KINDS.join(', ')); // prints: none, input, correlated, per-channel, snr, weight, l2, dropout, spatial-dropout
 * ```
 */
export const CONVNET_KINDS = Object.keys(CONVNET_KIND_REGISTRY) as readonly ConvnetKind[];

/**
 * The convnet's kinds whose larger amounts are less noise (`snr`): what `CONVNET_BUILDER`
 * declares as its `lessNoise`, so that the search orders their amounts the right way.
 *
 * @example
 * ```ts
 * import { CONVNET_LESS_NOISE } from '@tfjs-noise/tune';
 *
 * console.log(CONVNET_LESS_NOISE); // prints: ['snr']
 * ```
 */
export const CONVNET_LESS_NOISE: readonly ConvnetKind[] = CONVNET_KINDS.filter(
  (kind) => CONVNET_KIND_REGISTRY[kind].direction === 'less-noise',
);

/**
 * The peers a search with the built-in convnet trains when `peers` is not given: L2 weight
 * decay, dropout and spatial (per-channel) dropout.
 *
 * @example
 * ```ts
 * import { CONVNET_DEFAULT_PEERS } from '@tfjs-noise/tune';
 *
 * console.log(CONVNET_DEFAULT_PEERS.map((p) => `${p.kind} ${p.amount}`).join(', ')); // prints: l2 0.001, dropout 0.2, spatial-dropout 0.2
 * ```
 */
export const CONVNET_DEFAULT_PEERS: readonly {
  readonly kind: ConvnetKind;
  readonly amount: number;
}[] = [
  { kind: 'l2', amount: 0.001 },
  { kind: 'dropout', amount: 0.2 },
  { kind: 'spatial-dropout', amount: 0.2 },
];
