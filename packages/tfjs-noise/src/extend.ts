/**
 * `tfjs-noise/extend`: for authors of noise components of their own (a noise layer, an optimizer
 * wrapper, a package built on tfjs-noise such as `@tfjs-noise/tune`), not for training a model.
 * The root, `tfjs-noise`, holds what a model's author uses; this entry point holds the rest that
 * is public:
 *
 * - the base class of the noise layers and its declaration (`NoiseLayer`, `NoiseLayerArgs`,
 *   `SCHEDULED_STDDEV`, `StddevLayer`, `floatInput`);
 * - the noise-component contract that `stripNoise` and `noiseSchedule` read (`NoiseComponent`,
 *   `StripAction`, `LayerSpec`, `noiseComponentOf`, `noiseComponentOfClass`,
 *   `TFJS_NOISE_LAYERS`);
 * - the noise state every component keeps and the names of the weights it saves
 *   (`NoiseState`, `NoiseStateArgs`, `NoiseDraw`, `NOISE_STEP_WEIGHT`, `MAX_STEP`,
 *   `GRADIENT_NOISE_STEP_WEIGHT`, `GRADIENT_NOISE_BETA_POWER_WEIGHTS`);
 * - the argument checks of every tfjs-noise component (`fail`, `show`, `checkNonNegative`,
 *   `checkSeed`, `requireArgs`, ...), helpers for your own components' arguments: each throws an
 *   `Error` whose message names the component, the argument and the value received, as Keras
 *   does (``MyNoise: `rate` must be a finite number >= 0, but got -1.``). For optional
 *   arguments, `undefined` and `null` both mean "omitted" (JSON configs carry null).
 *
 * Import `tfjs-noise` too: it registers the layers and checks that one copy of tfjs is loaded.
 * See docs/saving.md, "Your own noise layer", and docs/api-names.md for every public name.
 *
 * @example
 * ```ts
 * import * as tfn from 'tfjs-noise';
 * import { checkNonNegative, type NoiseComponent, NoiseLayer } from 'tfjs-noise/extend';
 *
 * class MyNoise extends NoiseLayer {
 *   static className = 'MyNoise';
 *   static readonly noise: NoiseComponent<MyNoise> = { strip: () => ({ kind: 'drop' }) };
 *   readonly rate: number;
 *   constructor(args: { rate: number }) {
 *     super({});
 *     this.rate = checkNonNegative('MyNoise', 'rate', args.rate);
 *   }
 * }
 * console.log(tfn.version);
 * ```
 *
 * @module tfjs-noise/extend
 */

export {
  floatInput,
  NoiseLayer,
  type NoiseLayerArgs,
  SCHEDULED_STDDEV,
  type StddevLayer,
} from './layers/noise_layer';
export {
  type LayerSpec,
  type NoiseComponent,
  noiseComponentOf,
  noiseComponentOfClass,
  type StripAction,
  TFJS_NOISE_LAYERS,
} from './noise_component';
export {
  GRADIENT_NOISE_BETA_POWER_WEIGHTS,
  GRADIENT_NOISE_STEP_WEIGHT,
} from './optimizers/annealed_gradient_noise';
export {
  NOISE_STEP_WEIGHT,
  type NoiseDraw,
  NoiseState,
  type NoiseStateArgs,
} from './random/noise_state';
export { MAX_STEP } from './tfjs_internals';
export {
  checkBoolean,
  checkFinite,
  checkInt,
  checkNonEmptyArray,
  checkNonNegative,
  checkNonNegativeOrArray,
  checkOneOf,
  checkPositive,
  checkSafeInteger,
  checkSeed,
  fail,
  failTensor,
  requireArgs,
  show,
} from './validate';
