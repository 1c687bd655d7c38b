/**
 * NoisyActivation: the noisy hard-saturating activations of Gulcehre, Moczulski, Denil and
 * Bengio, "Noisy Activation Functions" (ICML 2016), and plain noisy versions of any tfjs
 * activation.
 */
import {
  abs,
  add,
  clipByValue,
  mul,
  serialization,
  sigmoid,
  sign,
  square,
  sub,
  type Tensor,
  tidy,
} from '@tensorflow/tfjs-core';
import { initializers, type LayerVariable, layers, type Shape } from '@tensorflow/tfjs-layers';
import type { NoiseComponent, StripAction } from '../noise_component';
import { normal } from '../random/noise';
import { randomSeed, streamId } from '../random/noise_key';
import type { Kwargs, LayerArgs } from '../tfjs_internals';
import {
  checkBoolean,
  checkFinite,
  checkNonNegative,
  checkOneOf,
  checkSeed,
  fail,
  requireArgs,
} from '../validate';
import { floatInput, NoiseLayer, SCHEDULED_STDDEV } from './noise_layer';
import type { NoiseStep } from './noise_step';

/**
 * The hard-saturating functions of Gulcehre et al. (2016), with their noisy form.
 *
 * @example
 * ```ts
 * const activation: tfn.SaturatingActivation = 'hardSigmoid';
 * model.add(tfn.layers.noisyActivation({ activation, halfNormal: true }));
 * ```
 */
export type SaturatingActivation = 'hardTanh' | 'hardSigmoid';

/**
 * Where the plain mode adds its noise: to the activation's input or to its output.
 *
 * @example
 * ```ts
 * const noiseAt: tfn.NoiseAt = 'output';
 * model.add(tfn.layers.noisyActivation({ activation: 'sigmoid', stddev: 0.05, noiseAt }));
 * ```
 */
export type NoiseAt = 'input' | 'output';

const SATURATING: readonly SaturatingActivation[] = ['hardTanh', 'hardSigmoid'];
const NOISE_AT: readonly NoiseAt[] = ['input', 'output'];
const OWNER = 'NoisyActivation';
const STREAM = streamId(OWNER);

/**
 * Arguments of {@link noisyActivation}.
 *
 * @example
 * ```ts
 * const paper: tfn.NoisyActivationArgs = { activation: 'hardTanh', alpha: 1.15, c: 0.5, p: 1 };
 * const plain: tfn.NoisyActivationArgs = { activation: 'relu', stddev: 0.1, seed: 1 };
 * model.add(tfn.layers.noisyActivation(paper));
 * ```
 */
export interface NoisyActivationArgs extends LayerArgs {
  /**
   * `'hardTanh'` (max(min(x, 1), -1)) or `'hardSigmoid'` (the paper's max(min(0.25x + 0.5, 1),
   * 0)) for the noisy activation of Gulcehre et al.; or the name of any tfjs activation
   * (`'relu'`, `'tanh'`, `'sigmoid'`, `'elu'`, ...) for the plain mode, which adds Gaussian noise
   * of std `stddev` to the activation's input or output.
   */
  activation: string;
  /**
   * alpha of the paper (Section 4.2): the output is alpha h(x) + (1 - alpha) u(x) + noise; alpha
   * > 1 pushes saturated units back towards the linear regime. Default 1.15, as in the authors'
   * code (`NTanhP`) and experiments.
   */
  alpha?: number;
  /** c of the paper's noise scale sigma(x) = c (sigmoid(p delta) - 0.5)^2 (Section 4.1). Default 0.5. */
  c?: number;
  /** Initial value of p, a trainable parameter per unit (Section 4.1). Default 1. */
  p?: number;
  /**
   * Half-normal noise |N(0, 1)| instead of N(0, 1) (Section 4.2, the "NANIS"-style variant whose
   * noise has a direction). Default false.
   */
  halfNormal?: boolean;
  /** Plain mode: noise std (required there; not used by hardTanh/hardSigmoid). */
  stddev?: number;
  /** Plain mode: add the noise to the activation's `'input'` (default) or `'output'`. */
  noiseAt?: NoiseAt;
  /** Integer seed; drawn at random if omitted, and saved in the config either way. */
  seed?: number;
}

/**
 * Serialized configuration of a {@link NoisyActivation} layer (the `config` of the layer in a
 * saved `model.json`).
 *
 * @example
 * ```ts
 * const layer = tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 1 });
 * const config = layer.getConfig() as tfn.NoisyActivationConfig;
 * console.log(config.alpha, config.stddev); // 1.15 null
 * ```
 */
export interface NoisyActivationConfig extends serialization.ConfigDict {
  activation: string;
  alpha: number;
  c: number;
  p: number;
  halfNormal: boolean;
  stddev: number | null;
  noiseAt: NoiseAt;
  seed: number;
}

/** The tfjs activation with this name, or null if tfjs has none. */
function tfjsActivation(name: string): layers.Layer | null {
  try {
    return layers.activation({ activation: name as never });
  } catch {
    return null;
  }
}

/**
 * A noisy activation function.
 *
 * **Gulcehre et al. mode** (`activation: 'hardTanh' | 'hardSigmoid'`): with h the hard function,
 * u its first-order Taylor expansion at 0 (x for hardTanh, 0.25x + 0.5 for hardSigmoid),
 * delta = h(x) - u(x), sigma(x) = c (sigmoid(p delta) - 0.5)^2 and
 * d(x) = -sgn(x) sgn(1 - alpha), the layer computes (paper, Eq. 10-11)
 *
 *     phi(x, xi) = alpha h(x) + (1 - alpha) u(x) + d(x) sigma(x) xi
 *
 * with xi ~ N(0, 1), or |N(0, 1)| with `halfNormal`. In the linear regime delta = 0, so
 * sigma = 0 and no noise is added; noise appears only where the unit saturates. p is a trainable
 * weight with one value per unit (the last axis). At inference xi is replaced by its mean
 * (0, or sqrt(2/pi) for half-normal noise): `predict` is deterministic and equals the formula.
 *
 * **Plain mode** (any tfjs activation name, with `stddev`): adds N(0, stddev^2) noise to the
 * activation's input (default) or output during training; the plain activation at inference.
 *
 * Args: see {@link NoisyActivationArgs}.
 *
 * Call arguments:
 * - `inputs`: one tensor, the pre-activations; the last axis holds the units. int32 and bool
 *   inputs are cast to float32 first; the output is float32.
 * - `training`: noise only when true (as in `model.fit`).
 *
 * @example
 * ```ts
 * const layer = new tfn.NoisyActivation({ activation: 'hardTanh', seed: 1 });
 * const x = tf.tensor2d([[-3, 0.5, 3]]);
 * layer.apply(x); // deterministic: 1.15 h(x) - 0.15 x = [[-0.7, 0.5, 0.7]]
 * layer.apply(x, { training: true }); // noise where the unit saturates (x = -3 and 3)
 * console.log(layer.saturating); // true (paper mode)
 * ```
 */
export class NoisyActivation extends NoiseLayer {
  /** @nocollapse */
  static className = 'NoisyActivation';

  /**
   * In `stripNoise` copies, a plain-mode layer becomes tfjs's Activation layer; a Gulcehre-mode
   * layer (hardTanh, hardSigmoid) is kept (tfjs has no equivalent; it is deterministic at
   * inference). Plain mode's `stddev` can be scheduled.
   */
  static readonly noise: NoiseComponent<NoisyActivation> = {
    ...SCHEDULED_STDDEV,
    strip: strippedNoisyActivation,
  };

  /** The activation's name. */
  readonly activation: string;
  /** alpha (Gulcehre mode). */
  readonly alpha: number;
  /** c (Gulcehre mode). */
  readonly c: number;
  /** Initial p (Gulcehre mode). */
  readonly p0: number;
  /** Half-normal noise (Gulcehre mode). */
  readonly halfNormal: boolean;
  /** Where the plain mode adds noise. */
  readonly noiseAt: NoiseAt;
  /** Seed of this layer's noise stream. */
  readonly seed: number;

  private stddevValue: number | null;
  private readonly plain: layers.Layer | null;
  private pWeight: LayerVariable | null = null;

  constructor(args: NoisyActivationArgs) {
    super(requireArgs(OWNER, args));
    if (typeof args.activation !== 'string') {
      fail(OWNER, 'activation', "a string such as 'hardTanh' or 'relu'", args.activation);
    }
    this.activation = args.activation;
    const saturating = (SATURATING as readonly string[]).includes(this.activation);
    this.plain = saturating ? null : tfjsActivation(this.activation);
    if (!saturating && this.plain === null) {
      fail(
        OWNER,
        'activation',
        "'hardTanh', 'hardSigmoid' or the name of a tfjs activation ('relu', 'tanh', 'sigmoid', ...)",
        this.activation,
      );
    }
    this.alpha = checkFinite(OWNER, 'alpha', args.alpha ?? 1.15);
    this.c = checkNonNegative(OWNER, 'c', args.c ?? 0.5);
    this.p0 = checkFinite(OWNER, 'p', args.p ?? 1);
    this.halfNormal = checkBoolean(OWNER, 'halfNormal', args.halfNormal ?? false);
    this.noiseAt = checkOneOf(OWNER, 'noiseAt', args.noiseAt ?? 'input', NOISE_AT);
    if (saturating) {
      if (args.stddev != null) {
        fail(
          OWNER,
          'stddev',
          `omitted for ${this.activation} (its noise scale is learned)`,
          args.stddev,
        );
      }
      this.stddevValue = null;
    } else {
      this.stddevValue = checkNonNegative(OWNER, 'stddev', args.stddev);
    }
    this.seed = checkSeed(OWNER, args.seed) ?? randomSeed();
    this.supportsMasking = true;
  }

  /** True for the Gulcehre et al. mode (hardTanh, hardSigmoid). */
  get saturating(): boolean {
    return this.plain === null;
  }

  /** Plain mode: the noise std (null in Gulcehre mode). Settable between batches. */
  get stddev(): number | null {
    return this.stddevValue;
  }

  set stddev(value: number | null) {
    if (this.saturating) fail(OWNER, 'stddev', `left alone for ${this.activation}`, value);
    this.stddevValue = checkNonNegative(OWNER, 'stddev', value);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    if (this.saturating) {
      const units = shape[shape.length - 1];
      if (units == null) fail(OWNER, 'inputs', 'a tensor whose last axis has a known size', shape);
      this.pWeight = this.addWeight(
        'p',
        [units],
        'float32',
        initializers.constant({ value: this.p0 }),
        undefined,
        true,
      );
    }
    this.addNoiseStep();
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tidy(() => {
      const x = floatInput(Array.isArray(inputs) ? (inputs[0] as Tensor) : inputs);
      const training = kwargs.training === true && this.noiseStep !== null;
      const { step, call } = training ? (this.noiseStep as NoiseStep).next() : { step: 0, call: 0 };
      // Further calls in the same step (a shared layer) draw from streams of their own.
      const stream = call === 0 ? STREAM : streamId(OWNER, call);
      const noise = (stddev = 1) => normal(x.shape, { seed: this.seed, stream, step }, 0, stddev);
      if (this.plain) {
        const activate = (t: Tensor) => this.plain?.call(t, {}) as Tensor;
        if (!training || this.stddevValue === 0) return activate(x);
        const eps = noise(this.stddevValue ?? 0);
        return this.noiseAt === 'input' ? activate(add(x, eps)) : add(activate(x), eps);
      }
      let xi: Tensor | number;
      if (training) xi = this.halfNormal ? abs(noise()) : noise();
      else xi = this.halfNormal ? Math.sqrt(2 / Math.PI) : 0;
      return this.saturatingForm(x, xi);
    });
  }

  /** phi(x, xi) of Gulcehre et al.; xi a tensor of noise or its mean. */
  private saturatingForm(x: Tensor, xi: Tensor | number): Tensor {
    const [h, u] =
      this.activation === 'hardTanh'
        ? [clipByValue(x, -1, 1), x]
        : [clipByValue(add(mul(x, 0.25), 0.5), 0, 1), add(mul(x, 0.25), 0.5)];
    const mean = add(mul(h, this.alpha), mul(u, 1 - this.alpha));
    if (xi === 0) return mean;
    const delta = sub(h, u);
    const p = (this.pWeight as LayerVariable).read();
    const sigma = mul(square(sub(sigmoid(mul(p, delta)), 0.5)), this.c);
    const d = mul(sign(x), -Math.sign(1 - this.alpha));
    return add(mean, mul(mul(d, sigma), xi));
  }

  override getConfig(): serialization.ConfigDict {
    const config: NoisyActivationConfig = {
      activation: this.activation,
      alpha: this.alpha,
      c: this.c,
      p: this.p0,
      halfNormal: this.halfNormal,
      stddev: this.stddevValue,
      noiseAt: this.noiseAt,
      seed: this.seed,
    };
    return { ...super.getConfig(), ...config };
  }

  /** @nocollapse */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const args = { ...config, stddev: config.stddev ?? undefined };
    return new cls(args);
  }
}
serialization.registerClass(NoisyActivation);

/** What `stripNoise` makes of a NoisyActivation with `config` (see `NoisyActivation.noise`). */
function strippedNoisyActivation(config: serialization.ConfigDict): StripAction {
  if (config.stddev == null) return { kind: 'keep' };
  const plain: serialization.ConfigDict = {};
  for (const field of ['name', 'trainable', 'activation', 'dtype', 'batchInputShape']) {
    const value = config[field];
    if (value != null) plain[field] = value;
  }
  return { kind: 'replace', by: { className: 'Activation', config: plain } };
}

/**
 * A noisy activation layer: Gulcehre et al.'s noisy hardTanh / hardSigmoid, or any tfjs
 * activation with Gaussian noise on its input or output.
 *
 * @example
 * ```ts
 * model.add(tf.layers.dense({ units: 64, inputShape: [8] }));
 * model.add(tfn.layers.noisyActivation({ activation: 'hardTanh' })); // the paper's defaults
 * model.add(tf.layers.dense({ units: 64 }));
 * model.add(tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1 })); // plain mode
 * ```
 */
export function noisyActivation(args: NoisyActivationArgs): NoisyActivation {
  return new NoisyActivation(args);
}
