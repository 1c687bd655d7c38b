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
  type serialization,
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
import { randomSeed } from '../random/noise_key';
import { type Kwargs, registerBuiltIn } from '../tfjs_internals';
import {
  checkBoolean,
  checkFinite,
  checkNonNegative,
  checkOneOf,
  checkSeed,
  fail,
  requireArgs,
} from '../validate';
import {
  floatInput,
  keepSavedStream,
  NoiseLayer,
  type NoiseLayerArgs,
  SCHEDULED_STDDEV,
} from './noise_layer';

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
export interface NoisyActivationArgs extends NoiseLayerArgs {
  /**
   * `'hardTanh'` (max(min(x, 1), -1)) or `'hardSigmoid'` (the paper's max(min(0.25x + 0.5, 1),
   * 0)) for the noisy activation of Gulcehre et al.; or the name of any tfjs activation
   * (`'relu'`, `'tanh'`, `'sigmoid'`, `'elu'`, ...) for the plain mode, which adds Gaussian noise
   * of std `stddev` to the activation's input or output.
   */
  activation: string;
  /**
   * Gulcehre et al. mode only (rejected in the plain mode, as are `c`, `p` and `halfNormal`).
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
  /** Plain mode: noise std (required there; rejected for hardTanh and hardSigmoid). */
  stddev?: number;
  /**
   * Plain mode: add the noise to the activation's `'input'` (default) or `'output'` (rejected for
   * hardTanh and hardSigmoid).
   */
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
 * console.log(config.alpha, config.stddev); // prints: 1.15 null
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

/** The arguments that only the Gulcehre et al. mode uses. */
const SATURATING_ONLY = ['alpha', 'c', 'p', 'halfNormal'] as const;
/** The arguments that only the plain mode uses. */
const PLAIN_ONLY = ['stddev', 'noiseAt'] as const;

/** Whether `activation` selects the Gulcehre et al. mode. */
function isSaturating(activation: unknown): activation is SaturatingActivation {
  return (SATURATING as readonly unknown[]).includes(activation);
}

/** `args.activation`, checked to be a string. */
function activationOf(args: NoisyActivationArgs): string {
  if (typeof args.activation !== 'string') {
    fail(OWNER, 'activation', "a string such as 'hardTanh' or 'relu'", args.activation);
  }
  return args.activation;
}

/** Throws, naming the argument and the mode, if `args` sets one that the mode ignores. */
function rejectIgnored(
  args: NoisyActivationArgs,
  fields: readonly (keyof NoisyActivationArgs)[],
  mode: string,
): void {
  for (const field of fields) {
    if (args[field] != null) {
      fail(OWNER, field, `omitted for ${args.activation} (${mode})`, args[field]);
    }
  }
}

/**
 * A noisy activation function, in one of two modes, each a subclass:
 * {@link SaturatingNoisyActivation} (`activation: 'hardTanh' | 'hardSigmoid'`, the noisy
 * activations of Gulcehre et al.) and {@link PlainNoisyActivation} (any tfjs activation, with
 * Gaussian noise of std `stddev`). `new NoisyActivation(args)` and `noisyActivation(args)` make
 * the subclass of the mode `args.activation` selects; an argument that mode ignores is an error
 * naming the argument and the mode. Both save under the class name `NoisyActivation`, and
 * `fromConfig` picks the mode from the saved `activation`, so models saved before the split load
 * as they did.
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
 * console.log(layer.saturating, layer instanceof tfn.SaturatingNoisyActivation); // prints: true true
 * ```
 */
export class NoisyActivation extends NoiseLayer {
  /** @nocollapse */
  static className = 'NoisyActivation';

  /**
   * How `stripNoise` treats a saved NoisyActivation of either mode (by its config): a plain-mode
   * layer becomes tfjs's Activation layer; a Gulcehre-mode layer is kept. Each mode's class
   * declares its own (only the plain mode's `stddev` can be scheduled).
   */
  static readonly noise: NoiseComponent<NoisyActivation> = { strip: strippedNoisyActivation };

  // Assigned by the constructor (`!`: its dispatch branch returns another object instead).
  /** The activation's name. */
  readonly activation!: string;
  /** Seed of this layer's noise stream. */
  readonly seed!: number;

  /**
   * Makes the layer of the mode `args.activation` selects: a {@link SaturatingNoisyActivation}
   * for hardTanh and hardSigmoid, else a {@link PlainNoisyActivation}.
   */
  // biome-ignore lint/correctness/noUnreachableSuper: `new NoisyActivation` returns the mode's subclass
  constructor(args: NoisyActivationArgs) {
    if (new.target === NoisyActivation) {
      // The mode's subclass replaces this object: `new NoisyActivation(args)` keeps working.
      // biome-ignore lint/correctness/noConstructorReturn: dispatch to the mode's subclass
      return noisyActivationOf(args);
    }
    super(requireArgs(OWNER, args));
    this.activation = activationOf(args);
    this.seed = checkSeed(OWNER, args.seed) ?? randomSeed();
    this.supportsMasking = true;
  }

  /** True for the Gulcehre et al. mode (hardTanh, hardSigmoid). */
  get saturating(): boolean {
    return this instanceof SaturatingNoisyActivation;
  }

  override build(_inputShape: Shape | Shape[]): void {
    this.addNoiseStep();
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tidy(() => {
      const x = floatInput(Array.isArray(inputs) ? (inputs[0] as Tensor) : inputs);
      const training = kwargs.training === true && this.noiseState !== null;
      if (!training) return this.activate(x, null);
      const key = this.nextNoiseKey(this.seed);
      return this.activate(x, (stddev = 1) => normal(x.shape, key, 0, stddev));
    });
  }

  /**
   * The mode's output for float32 `x`; `noise(stddev)` draws this training step's noise, and is
   * null at inference. Each mode's class overrides it.
   */
  protected activate(_x: Tensor, _noise: ((stddev?: number) => Tensor) | null): Tensor {
    return fail(OWNER, 'activation', 'handled by a mode (a subclass)', this.activation);
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), activation: this.activation, seed: this.seed };
  }

  /**
   * The layer of the mode the saved `activation` selects; the saved fields of the other mode
   * (models saved before the split hold both) are left out.
   *
   * @nocollapse
   */
  static override fromConfig<T extends serialization.Serializable>(
    _cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const ignored: readonly string[] = isSaturating(config.activation)
      ? PLAIN_ONLY
      : SATURATING_ONLY;
    const args: serialization.ConfigDict = {};
    for (const [field, value] of Object.entries(config)) {
      if (!ignored.includes(field)) args[field] = value;
    }
    return keepSavedStream(
      noisyActivationOf(args as unknown as NoisyActivationArgs),
      config,
    ) as unknown as T;
  }
}
registerBuiltIn(NoisyActivation);

/** The NoisyActivation of the mode `args.activation` selects. */
function noisyActivationOf(args: NoisyActivationArgs): NoisyActivation {
  const activation = activationOf(requireArgs(OWNER, args));
  return isSaturating(activation)
    ? new SaturatingNoisyActivation(args as SaturatingNoisyActivationArgs)
    : new PlainNoisyActivation(args as PlainNoisyActivationArgs);
}

/**
 * Arguments of {@link SaturatingNoisyActivation}: those of {@link NoisyActivationArgs} that the
 * Gulcehre et al. mode uses.
 *
 * @example
 * ```ts
 * const args: tfn.SaturatingNoisyActivationArgs = { activation: 'hardSigmoid', halfNormal: true };
 * model.add(new tfn.SaturatingNoisyActivation(args));
 * ```
 */
export type SaturatingNoisyActivationArgs = Omit<
  NoisyActivationArgs,
  'activation' | (typeof PLAIN_ONLY)[number]
> & { activation: SaturatingActivation };

/**
 * **Gulcehre et al. mode** of {@link NoisyActivation} (`activation: 'hardTanh' | 'hardSigmoid'`):
 * with h the hard function, u its first-order Taylor expansion at 0 (x for hardTanh, 0.25x + 0.5
 * for hardSigmoid), delta = h(x) - u(x), sigma(x) = c (sigmoid(p delta) - 0.5)^2 and
 * d(x) = -sgn(x) sgn(1 - alpha), the layer computes (paper, Eq. 10-11)
 *
 *     phi(x, xi) = alpha h(x) + (1 - alpha) u(x) + d(x) sigma(x) xi
 *
 * with xi ~ N(0, 1), or |N(0, 1)| with `halfNormal`. In the linear regime delta = 0, so
 * sigma = 0 and no noise is added; noise appears only where the unit saturates. p is a trainable
 * weight with one value per unit (the last axis). At inference xi is replaced by its mean
 * (0, or sqrt(2/pi) for half-normal noise): `predict` is deterministic and equals the formula.
 * `stddev` and `noiseAt` (plain mode) are rejected. Saved as `NoisyActivation`; kept by
 * `stripNoise` (tfjs has no equivalent; it is deterministic at inference).
 *
 * @example
 * ```ts
 * const layer = new tfn.SaturatingNoisyActivation({ activation: 'hardTanh', alpha: 1.1 });
 * model.add(layer);
 * console.log(layer.getClassName()); // prints: NoisyActivation
 * ```
 */
export class SaturatingNoisyActivation extends NoisyActivation {
  /** Kept by `stripNoise`; not scheduled (its noise scale is learned). */
  static override readonly noise: NoiseComponent<SaturatingNoisyActivation> = {
    strip: () => ({ kind: 'keep' }),
    step: (layer) => layer.step,
  };

  /** alpha. */
  readonly alpha: number;
  /** c. */
  readonly c: number;
  /** Initial p. */
  readonly p0: number;
  /** Half-normal noise. */
  readonly halfNormal: boolean;

  private pWeight: LayerVariable | null = null;

  constructor(args: SaturatingNoisyActivationArgs) {
    super(requireArgs(OWNER, args));
    if (!isSaturating(this.activation)) {
      fail(
        OWNER,
        'activation',
        "'hardTanh' or 'hardSigmoid' (the Gulcehre et al. mode)",
        this.activation,
      );
    }
    rejectIgnored(
      args,
      PLAIN_ONLY,
      'the Gulcehre et al. mode: its noise scale is learned; stddev and noiseAt belong to the plain mode',
    );
    this.alpha = checkFinite(OWNER, 'alpha', args.alpha ?? 1.15);
    this.c = checkNonNegative(OWNER, 'c', args.c ?? 0.5);
    this.p0 = checkFinite(OWNER, 'p', args.p ?? 1);
    this.halfNormal = checkBoolean(OWNER, 'halfNormal', args.halfNormal ?? false);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
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
    super.build(inputShape);
  }

  protected override activate(x: Tensor, noise: ((stddev?: number) => Tensor) | null): Tensor {
    let xi: Tensor | number;
    if (noise) xi = this.halfNormal ? abs(noise()) : noise();
    else xi = this.halfNormal ? Math.sqrt(2 / Math.PI) : 0;
    return this.saturatingForm(x, xi);
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
      stddev: null,
      noiseAt: 'input',
      seed: this.seed,
    };
    return { ...super.getConfig(), ...config };
  }
}

/**
 * Arguments of {@link PlainNoisyActivation}: those of {@link NoisyActivationArgs} that the plain
 * mode uses (`stddev` is required).
 *
 * @example
 * ```ts
 * const args: tfn.PlainNoisyActivationArgs = { activation: 'relu', stddev: 0.1, noiseAt: 'output' };
 * model.add(new tfn.PlainNoisyActivation(args));
 * ```
 */
export type PlainNoisyActivationArgs = Omit<
  NoisyActivationArgs,
  'stddev' | (typeof SATURATING_ONLY)[number]
> & { stddev: number };

/**
 * **Plain mode** of {@link NoisyActivation} (any tfjs activation name, with `stddev`): adds
 * N(0, stddev^2) noise to the activation's input (default) or output during training; the plain
 * activation at inference. `alpha`, `c`, `p` and `halfNormal` (Gulcehre et al. mode) are
 * rejected. Saved as `NoisyActivation`; `stripNoise` replaces it by tfjs's Activation layer, and
 * `noiseSchedule` can set its `stddev`.
 *
 * @example
 * ```ts
 * const layer = new tfn.PlainNoisyActivation({ activation: 'relu', stddev: 0.1, seed: 1 });
 * model.add(layer);
 * layer.stddev = 0.05; // less noise from the next batch on
 * ```
 */
export class PlainNoisyActivation extends NoisyActivation {
  /** Replaced by tfjs's Activation in `stripNoise` copies; `stddev` can be scheduled. */
  static override readonly noise: NoiseComponent<PlainNoisyActivation> = {
    ...SCHEDULED_STDDEV,
    strip: strippedNoisyActivation,
  };

  /** Where the noise is added. */
  readonly noiseAt: NoiseAt;

  private stddevValue: number;
  private readonly plain: layers.Layer;

  constructor(args: PlainNoisyActivationArgs) {
    super(requireArgs(OWNER, args));
    const plain = isSaturating(this.activation) ? null : tfjsActivation(this.activation);
    if (plain === null) {
      fail(
        OWNER,
        'activation',
        "'hardTanh', 'hardSigmoid' or the name of a tfjs activation ('relu', 'tanh', 'sigmoid', ...)",
        this.activation,
      );
    }
    this.plain = plain;
    rejectIgnored(
      args as NoisyActivationArgs,
      SATURATING_ONLY,
      'the plain mode: alpha, c, p and halfNormal belong to hardTanh and hardSigmoid',
    );
    this.noiseAt = checkOneOf(OWNER, 'noiseAt', args.noiseAt ?? 'input', NOISE_AT);
    this.stddevValue = checkNonNegative(OWNER, 'stddev', args.stddev);
  }

  /** The noise std. Settable between batches (e.g. by schedules). */
  get stddev(): number {
    return this.stddevValue;
  }

  set stddev(value: number) {
    this.stddevValue = checkNonNegative(OWNER, 'stddev', value);
  }

  protected override activate(x: Tensor, noise: ((stddev?: number) => Tensor) | null): Tensor {
    const activate = (t: Tensor) => this.plain.call(t, {}) as Tensor;
    if (noise === null || this.stddevValue === 0) return activate(x);
    const eps = noise(this.stddevValue);
    return this.noiseAt === 'input' ? activate(add(x, eps)) : add(activate(x), eps);
  }

  override getConfig(): serialization.ConfigDict {
    const config: NoisyActivationConfig = {
      activation: this.activation,
      alpha: 1.15,
      c: 0.5,
      p: 1,
      halfNormal: false,
      stddev: this.stddevValue,
      noiseAt: this.noiseAt,
      seed: this.seed,
    };
    return { ...super.getConfig(), ...config };
  }
}

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
 * A noisy activation layer: Gulcehre et al.'s noisy hardTanh / hardSigmoid (a
 * {@link SaturatingNoisyActivation}), or any tfjs activation with Gaussian noise on its input or
 * output (a {@link PlainNoisyActivation}, with `stddev`). An argument the mode ignores is an
 * error naming the argument and the mode.
 *
 * @example
 * ```ts
 * model.add(tf.layers.dense({ units: 64, inputShape: [8] }));
 * model.add(tfn.layers.noisyActivation({ activation: 'hardTanh' })); // the paper's defaults
 * model.add(tf.layers.dense({ units: 64 }));
 * const plain = tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1 }); // plain mode
 * model.add(plain);
 * plain.stddev = 0.05; // a PlainNoisyActivation: its std can be changed between batches
 * ```
 */
export function noisyActivation(args: SaturatingNoisyActivationArgs): SaturatingNoisyActivation;
export function noisyActivation(args: PlainNoisyActivationArgs): PlainNoisyActivation;
export function noisyActivation(args: NoisyActivationArgs): NoisyActivation;
export function noisyActivation(args: NoisyActivationArgs): NoisyActivation {
  return noisyActivationOf(args);
}
