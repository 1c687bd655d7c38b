/**
 * AnnealedGradientNoise: Gaussian noise with an annealed variance added to every gradient
 * (Neelakantan et al. 2015, "Adding Gradient Noise Improves Learning for Very Deep Networks"),
 * as a wrapper around any tfjs optimizer.
 */
import {
  add,
  addN,
  div,
  maximum,
  mul,
  type Optimizer,
  type Scalar,
  type serialization,
  sqrt,
  square,
  sum,
} from '@tensorflow/tfjs-core';
import { normal } from '../random/noise';
import { randomSeed } from '../random/noise_key';
import { NoiseState } from '../random/noise_state';
import { type NamedTensor, registerBuiltIn } from '../tfjs_internals';
import { checkNonNegative, checkPositive, checkSeed, requireArgs } from '../validate';
import {
  betaPowerWeightNames,
  optimizerFromConfig,
  stepWeightName,
  WrappingOptimizer,
} from './wrapping_optimizer';

const OWNER = 'AnnealedGradientNoise';

/** The paper's decay exponent of the noise variance. */
export const DEFAULT_GAMMA = 0.55;

/**
 * Name of the wrapper's step counter among the optimizer weights (`getWeights`, and the
 * `optimizer` weight group of a model saved with `includeOptimizer: true`).
 *
 * @example
 * ```ts
 * import { GRADIENT_NOISE_STEP_WEIGHT } from 'tfjs-noise/extend';
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.01 });
 * const weights = await optimizer.getWeights();
 * // The step comes first:
 * console.log(weights[0]?.name === GRADIENT_NOISE_STEP_WEIGHT); // prints: true
 * ```
 */
export const GRADIENT_NOISE_STEP_WEIGHT = stepWeightName(OWNER);

/**
 * Names of the extra optimizer weights that hold the wrapped optimizer's running products of its
 * decay rates (`accBeta1`, `accBeta2` of tfjs's Adam), saved after the wrapped optimizer's own
 * weights. tfjs's `Adam.setWeights` recomputes them as `beta^(t + 1)` with `pow`, which differs
 * in the last bits from the product the uninterrupted run keeps; the wrapper restores the saved
 * products, so a resumed run is bit-identical.
 *
 * @example
 * ```ts
 * import { GRADIENT_NOISE_BETA_POWER_WEIGHTS } from 'tfjs-noise/extend';
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.001 });
 * const names = (await optimizer.getWeights()).map((w) => w.name);
 * const saved = GRADIENT_NOISE_BETA_POWER_WEIGHTS.every((n) => names.includes(n));
 * console.log(saved); // prints: true
 * ```
 */
export const GRADIENT_NOISE_BETA_POWER_WEIGHTS: readonly string[] = betaPowerWeightNames(OWNER);

/**
 * The noise std of the paper's schedule at step `step` (t): `sqrt(eta / (1 + t)^gamma)`.
 * `eta` is the noise *variance* at the first step (t = 0); `gamma` the decay exponent of the
 * variance (default 0.55, the paper's and the optimizer's). Each argument must be a finite
 * number >= 0, else an `Error` naming it.
 *
 * @example
 * ```ts
 * tfn.train.annealedStddev({ eta: 0.3, step: 0 }); // sqrt(0.3) = 0.5477...
 * tfn.train.annealedStddev({ eta: 0.3, gamma: 0.55, step: 99 }); // sqrt(0.3 / 100^0.55)
 * ```
 */
export function annealedStddev(args: { eta: number; gamma?: number; step: number }): number {
  const { eta, gamma = DEFAULT_GAMMA, step } = requireArgs('annealedStddev', args);
  checkNonNegative('annealedStddev', 'eta', eta);
  checkNonNegative('annealedStddev', 'gamma', gamma);
  checkNonNegative('annealedStddev', 'step', step);
  return stddevAt(eta, gamma, step);
}

function stddevAt(eta: number, gamma: number, t: number): number {
  return Math.sqrt(eta / (1 + t) ** gamma);
}

/**
 * Arguments of {@link annealedGradientNoise}.
 *
 * @example
 * ```ts
 * const args: tfn.AnnealedGradientNoiseArgs = { eta: 0.3, gamma: 0.55, clipNorm: 5, seed: 1 };
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.momentum(0.01, 0.9), args);
 * ```
 */
export interface AnnealedGradientNoiseArgs {
  /**
   * Noise variance at the first step (t = 0), a finite number >= 0. The paper uses 0.01, 0.3 or
   * 1.0. With 0 the wrapper trains exactly like the optimizer it wraps.
   */
  eta: number;
  /** Decay exponent: the variance at step t is `eta / (1 + t)^gamma`. Default 0.55. */
  gamma?: number;
  /**
   * Integer seed of the noise. If omitted a random seed is drawn; either way the seed is kept in
   * the config, so a reloaded model continues the same noise stream.
   */
  seed?: number;
  /**
   * If set (a finite number > 0), the gradients are first rescaled so that their global norm
   * (over all variables together) is at most `clipNorm`, as in the paper; the noise is added
   * after clipping. Default: no clipping.
   */
  clipNorm?: number;
}

/**
 * Serialized configuration of an {@link AnnealedGradientNoise} optimizer (in the training config
 * of a model saved with `includeOptimizer: true`).
 *
 * @example
 * ```ts
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.001), { eta: 0.01, seed: 1 });
 * const config = optimizer.getConfig() as tfn.AnnealedGradientNoiseConfig;
 * console.log(config.optimizer.className, config.gamma); // prints: Adam 0.55
 * ```
 */
export interface AnnealedGradientNoiseConfig extends serialization.ConfigDict {
  eta: number;
  gamma: number;
  seed: number;
  clipNorm: number | null;
  /** The wrapped optimizer: its registered class name and its own config. */
  optimizer: { className: string; config: serialization.ConfigDict };
}

/**
 * Wraps a tfjs optimizer and adds annealed Gaussian noise to every gradient before the wrapped
 * optimizer applies it: at step t (counted from 0) each gradient entry gets independent
 * N(0, sigma_t^2) noise with `sigma_t^2 = eta / (1 + t)^gamma`.
 *
 * Args: the optimizer to wrap (sgd, momentum, adam, adamax, rmsprop, adagrad, adadelta, or any
 * `tf.Optimizer`) and {@link AnnealedGradientNoiseArgs}.
 *
 * - The noise for gradient number i (in the order the gradients are passed, which for
 *   `model.fit` is the order of the model's trainable weights) at step t is drawn from the shared
 *   noise source with key (seed, streamId('AnnealedGradientNoise', i), t). It does not depend on
 *   variable names, which tfjs may change (e.g. suffixes after a reload).
 * - State: one {@link NoiseState} (`state`: the seed, the stream `AnnealedGradientNoise` and the
 *   step t, which is the wrapper's `iterations`). `getWeights` returns the step (as
 *   {@link GRADIENT_NOISE_STEP_WEIGHT}) followed by the wrapped optimizer's weights and, for
 *   Adam, its running beta powers ({@link GRADIENT_NOISE_BETA_POWER_WEIGHTS}); `setWeights`
 *   restores all of them; `getConfig` carries the wrapped optimizer's class and config.
 *   So `model.save(handler, {includeOptimizer: true})` and `tf.loadLayersModel(handler)` give a
 *   model whose optimizer continues at the saved step with the same noise, bit for bit (a save
 *   made before the beta powers were saved resumes with tfjs's recomputed powers).
 * - Step limit: the steps are saved as int32, so the wrapper's step and the wrapped optimizer's
 *   `iter` can be at most `MAX_STEP` (2^31 - 1, `tfjs-noise/extend`). `setWeights` rejects a step that is not
 *   an int32 integer in [0, 2^31 - 1]; a step when either counter is at 2^31 - 1 throws (naming
 *   the counter) before anything changes, instead of wrapping to -2^31.
 * - t counts the wrapper's own steps (from 0 for a new wrapper, from the saved step for a
 *   restored one), not steps the wrapped optimizer took before it was wrapped.
 * - The wrapper owns the wrapped optimizer: `dispose()` disposes both.
 * - Adamax: tfjs's `AdamaxOptimizer` cannot save its state (its `getWeights` throws), so a
 *   wrapped Adamax trains normally but cannot be saved with `includeOptimizer: true`.
 *
 * @example
 * ```ts
 * const optimizer = new tfn.AnnealedGradientNoise(tf.train.adam(0.001), { eta: 0.3, seed: 1 });
 * model.compile({ optimizer, loss: 'categoricalCrossentropy' });
 * console.log(optimizer.noiseStddev); // the std the next step will use
 * ```
 */
export class AnnealedGradientNoise extends WrappingOptimizer {
  /** @nocollapse */
  static className = OWNER;

  /** Noise variance at step 0. */
  readonly eta: number;
  /** Decay exponent of the noise variance. */
  readonly gamma: number;
  /** The seed of the noise stream. */
  readonly seed: number;
  /** Global-norm clipping threshold applied before the noise, or null for none. */
  readonly clipNorm: number | null;
  /**
   * The noise state: the seed, the stream (`AnnealedGradientNoise`; gradient i draws from its
   * stream i) and the step (`iterations`), saved with the optimizer's weights.
   */
  readonly state: NoiseState;

  /**
   * @param optimizer The optimizer to wrap (the wrapper takes ownership of it).
   * @param args See {@link AnnealedGradientNoiseArgs}.
   */
  constructor(optimizer: Optimizer, args: AnnealedGradientNoiseArgs) {
    super(optimizer);
    requireArgs(OWNER, args);
    this.eta = checkNonNegative(OWNER, 'eta', args.eta);
    this.gamma = checkNonNegative(OWNER, 'gamma', args.gamma ?? DEFAULT_GAMMA);
    this.clipNorm = args.clipNorm == null ? null : checkPositive(OWNER, 'clipNorm', args.clipNorm);
    this.seed = checkSeed(OWNER, args.seed) ?? randomSeed();
    this.state = new NoiseState({
      owner: OWNER,
      seed: this.seed,
      stream: OWNER,
      stepName: GRADIENT_NOISE_STEP_WEIGHT,
    });
  }

  /** The noise std of the next step: `sqrt(eta / (1 + iterations)^gamma)`. For logging. */
  get noiseStddev(): number {
    return stddevAt(this.eta, this.gamma, this.iterations);
  }

  /**
   * The gradients of step `t`, clipped by their global norm if `clipNorm` is set, each float32
   * gradient i plus N(0, sigma_t^2) noise drawn with key (seed, stream i, t); null (unchanged)
   * when there is neither noise nor clipping.
   */
  protected override transformGradients(gradients: NamedTensor[], t: number): NamedTensor[] | null {
    const std = stddevAt(this.eta, this.gamma, t);
    if (std === 0 && this.clipNorm === null) return null;
    const clipped = this.clipNorm === null ? gradients : clipByGlobalNorm(gradients, this.clipNorm);
    if (std === 0) return clipped;
    return clipped.map(({ name, tensor }, i) =>
      tensor == null || tensor.dtype !== 'float32'
        ? { name, tensor }
        : { name, tensor: add(tensor, normal(tensor.shape, this.state.key(i, t), 0, std)) },
    );
  }

  /** The wrapper's arguments (see {@link AnnealedGradientNoiseConfig}). */
  protected override ownConfig(): serialization.ConfigDict {
    return { eta: this.eta, gamma: this.gamma, seed: this.seed, clipNorm: this.clipNorm };
  }

  /**
   * Rebuilds a wrapper from `getConfig` output (see {@link AnnealedGradientNoiseConfig}); the
   * wrapped optimizer is made by its registered class (every tfjs optimizer is registered). Used
   * by `tf.loadLayersModel` for a model saved with `includeOptimizer: true`. Throws, naming the
   * field, on a config that does not describe a wrapper around a registered optimizer.
   *
   * @nocollapse
   */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const inner = optimizerFromConfig(OWNER, config.optimizer);
    const args = {
      eta: config.eta,
      gamma: config.gamma,
      seed: config.seed,
      clipNorm: config.clipNorm,
    } as AnnealedGradientNoiseArgs;
    return new cls(inner, args);
  }
}
registerBuiltIn(AnnealedGradientNoise);

/** Rescales the gradients so that their global L2 norm is at most `clipNorm`. */
function clipByGlobalNorm(list: NamedTensor[], clipNorm: number): NamedTensor[] {
  const present = list.filter((g) => g.tensor != null).map((g) => g.tensor);
  if (present.length === 0) return list;
  const norm = sqrt(addN(present.map((g) => sum(square(g)))));
  // Exactly 1 when the norm is within the bound, so the gradients pass unchanged.
  const factor = div(clipNorm, maximum(norm, clipNorm)) as Scalar;
  return list.map(({ name, tensor }) => ({
    name,
    tensor: tensor == null ? tensor : mul(tensor, factor),
  }));
}

/**
 * Annealed gradient noise (Neelakantan et al. 2015) around any tfjs optimizer: adds
 * N(0, eta / (1 + t)^gamma) noise to every gradient at step t, optionally after clipping the
 * gradients by their global norm.
 *
 * @example
 * ```ts
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.sgd(0.01), { eta: 0.3, seed: 1 });
 * model.compile({ optimizer, loss: 'meanSquaredError' });
 * await model.fit(xs, ys, { epochs: 10 });
 * ```
 *
 * @param optimizer The optimizer to wrap; the returned wrapper owns it.
 * @param args See {@link AnnealedGradientNoiseArgs}.
 */
export function annealedGradientNoise(
  optimizer: Optimizer,
  args: AnnealedGradientNoiseArgs,
): AnnealedGradientNoise {
  return new AnnealedGradientNoise(optimizer, args);
}
