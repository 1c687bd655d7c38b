/**
 * The one noise-mode type of tfjs-noise: how a layer applies its noise to a value (an input, an
 * activation or a weight). GaussianJitter and WeightNoise take it as their `mode`.
 */

/**
 * How noise eps of std s is applied to a value v: `'additive'` gives `v + s*eps`,
 * `'multiplicative'` gives `v * (1 + s*eps)` (not `v + v*s*eps`, so an infinite value stays
 * infinite).
 *
 * @example
 * ```ts
 * const mode: tfn.NoiseMode = 'multiplicative';
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, mode, inputShape: [4] }));
 * model.add(tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 8 }), stddev: 0.1, mode }));
 * ```
 */
export type NoiseMode = 'additive' | 'multiplicative';

/**
 * Every {@link NoiseMode}, for checks (`checkOneOf(owner, 'mode', value, NOISE_MODES)`).
 *
 * @example
 * ```ts
 * console.log(tfn.NOISE_MODES); // prints: ['additive', 'multiplicative']
 * ```
 */
export const NOISE_MODES: readonly NoiseMode[] = ['additive', 'multiplicative'];
