/**
 * WeightNoise: a wrapper that perturbs the weights of the layer it wraps while training
 * (Graves 2011; NoisyNet, Fortunato et al. 2017), once per training batch.
 */
import { mul, type serialization, type Tensor, tidy } from '@tensorflow/tfjs-core';
import {
  initializers,
  type LayerVariable,
  layers,
  type Shape,
  SymbolicTensor,
} from '@tensorflow/tfjs-layers';
import type { LayerSpec, NoiseComponent } from '../noise_component';
import type { NoiseKey } from '../random/noise_key';
import { randomSeed } from '../random/noise_key';
import type { NoiseState } from '../random/noise_state';
import {
  currentTape,
  fromRegisteredConfig,
  isRecordingGradients,
  type Kwargs,
  registerBuiltIn,
  registeredClass,
  withReadsAs,
} from '../tfjs_internals';
import {
  checkBoolean,
  checkNonNegative,
  checkOneOf,
  checkSeed,
  fail,
  requireArgs,
  show,
} from '../validate';
import {
  floatInput,
  keepSavedStream,
  NoiseLayer,
  type NoiseLayerArgs,
  SCHEDULED_STDDEV,
} from './noise_layer';
import { NOISE_MODES, type NoiseMode } from './noise_mode';
import { checkSavedWeightNames, connectedLayers } from './weight_names';
import { factorizedNoise, fanIn, independentNoise, perturb } from './weight_noise_draw';

/**
 * The layer types WeightNoise can wrap, and the weights it perturbs in each (by the weight's own
 * name; `bias` too when `perturbBias` is set).
 *
 * @example
 * ```ts
 * console.log(tfn.WEIGHT_NOISE_TARGETS.LSTM); // prints: ['kernel', 'recurrent_kernel']
 * const wrappable = (layer: tf.layers.Layer) =>
 *   Object.hasOwn(tfn.WEIGHT_NOISE_TARGETS, layer.getClassName());
 * ```
 */
export const WEIGHT_NOISE_TARGETS: Readonly<Record<string, readonly string[]>> = {
  Dense: ['kernel'],
  Conv1D: ['kernel'],
  Conv2D: ['kernel'],
  Conv3D: ['kernel'],
  Conv2DTranspose: ['kernel'],
  DepthwiseConv2D: ['depthwise_kernel'],
  SimpleRNN: ['kernel', 'recurrent_kernel'],
  LSTM: ['kernel', 'recurrent_kernel'],
  GRU: ['kernel', 'recurrent_kernel'],
};

/** Layer types on which factorized noise makes no sense (no input x output kernel). */
const NOT_FACTORIZABLE = new Set(['DepthwiseConv2D']);

/**
 * Arguments of {@link weightNoise}.
 *
 * @example
 * ```ts
 * const args: tfn.WeightNoiseArgs = {
 *   layer: tf.layers.conv2d({ filters: 8, kernelSize: 3 }),
 *   stddev: 0.05,
 *   perturbBias: true,
 *   seed: 1,
 * };
 * model.add(tfn.layers.weightNoise(args));
 * ```
 */
export interface WeightNoiseArgs extends NoiseLayerArgs {
  /** The layer whose weights are perturbed (see {@link WEIGHT_NOISE_TARGETS}). */
  layer: layers.Layer;
  /**
   * Noise std, a number >= 0; required unless `learnableScale` is set. Can be changed between
   * batches through the `stddev` property (schedules do this).
   */
  stddev?: number;
  /** `'additive'` (default): `W + stddev * eps`; `'multiplicative'`: `W * (1 + stddev * eps)`. */
  mode?: NoiseMode;
  /**
   * Factorized Gaussian noise (NoisyNet): for a kernel with fan-in p and q outputs, eps_ij =
   * f(e_i) f(e_j) with f(x) = sgn(x) sqrt(|x|), so p + q samples per batch instead of p * q; the
   * bias uses f(e_j). Default false.
   */
  factorized?: boolean;
  /**
   * Makes the noise scale a trainable weight with the shape of each perturbed weight (NoisyNet's
   * sigma), initialised to `sigma0 / sqrt(fanIn)`. Inference uses the mean (clean) weights.
   * Default false.
   */
  learnableScale?: boolean;
  /** Initial scale for `learnableScale`: sigma = sigma0 / sqrt(fan_in). Default 0.5. */
  sigma0?: number;
  /** Also perturb the bias. Default false. */
  perturbBias?: boolean;
  /** Integer seed; drawn at random if omitted, and saved in the config either way. */
  seed?: number;
}

/**
 * Serialized configuration of a {@link WeightNoise} layer (the `config` of the layer in a saved
 * `model.json`): the wrapper's arguments and the wrapped layer's class name and config. For a
 * wrapped recurrent layer it also holds `goBackwards`, the wrapped layer's: given, it overrides
 * the wrapped layer's own (tfjs's Bidirectional builds its backward copy by setting it on the
 * wrapper's config).
 *
 * @example
 * ```ts
 * const wrapper = tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 4 }), stddev: 0.05 });
 * const config = wrapper.getConfig() as tfn.WeightNoiseConfig;
 * console.log(config.layer.className, config.stddev); // prints: Dense 0.05
 * ```
 */
export interface WeightNoiseConfig extends serialization.ConfigDict {
  layer: { className: string; config: serialization.ConfigDict };
  stddev: number | null;
  mode: NoiseMode;
  factorized: boolean;
  learnableScale: boolean;
  sigma0: number;
  perturbBias: boolean;
  seed: number;
}

/** One perturbed weight of the wrapped layer. */
interface Target {
  variable: LayerVariable;
  /** The weight's short name: 'kernel', 'recurrent_kernel', 'bias', ... */
  role: string;
  /** Trainable noise scale (learnableScale only). */
  sigma: LayerVariable | null;
}

const OWNER = 'WeightNoise';

/** The short name of a weight: the part after the last '/'. */
function roleOf(v: LayerVariable): string {
  return v.originalName.slice(v.originalName.lastIndexOf('/') + 1);
}

/**
 * Throws unless `className` is a layer type WeightNoise can wrap (an own key of
 * {@link WEIGHT_NOISE_TARGETS}, so 'constructor' or 'toString' never pass).
 */
function checkWrappable(owner: string, className: string, hasNoWeights: boolean): void {
  if (!Object.hasOwn(WEIGHT_NOISE_TARGETS, className)) {
    const supported = Object.keys(WEIGHT_NOISE_TARGETS).join(', ');
    throw new Error(
      `${owner}: \`layer\` must be a layer with a kernel to perturb (${supported}), but got ` +
        `${className}${hasNoWeights ? ', which has no weights' : ''}.`,
    );
  }
}

/**
 * The wrapped layer's config with `goBackwards` set as the wrapper's config says (tfjs's
 * Bidirectional builds its backward layer by setting `goBackwards` on the config of the layer it
 * wraps, here the WeightNoise); unchanged when the wrapper's config has none.
 */
function withGoBackwards(
  owner: string,
  config: serialization.ConfigDict,
  goBackwards: unknown,
): serialization.ConfigDict {
  if (goBackwards == null) return config;
  if (typeof goBackwards !== 'boolean' || typeof config.goBackwards !== 'boolean') {
    fail(owner, 'goBackwards', 'a boolean, for a wrapped recurrent layer only', goBackwards);
  }
  return { ...config, goBackwards };
}

/**
 * Perturbs the weights of the wrapped layer during training: each training batch draws one
 * noise sample per perturbed weight, and the wrapped layer computes with the noisy weights
 * (for recurrent layers the same noisy weights serve every time step of the batch, as Graves
 * recommends). Gradients flow to the clean weights (and to the scale, with `learnableScale`).
 * At inference the wrapped layer runs with its clean weights: its outputs are bit-identical to
 * the unwrapped layer's.
 *
 * Saved weights are the wrapped layer's clean weights, under its own weight names (as if it were
 * not wrapped), followed by the wrapper's `noise_step` and, with `learnableScale`, the scales.
 *
 * Args: see {@link WeightNoiseArgs}.
 *
 * Call arguments: those of the wrapped layer; int32 and bool inputs are cast to float32 before
 * the wrapped layer sees them. Noise is applied only when `training` is true (as in
 * `model.fit`).
 *
 * Once per batch: inside a training step (a gradient tape, as in `fit` or
 * `optimizer.minimize`), the noisy weights are drawn at the first call and reused by further
 * calls of the same step, so a layer shared by two branches sees one noise sample. Outside a
 * gradient tape, each `apply(x, {training: true})` draws fresh noise, also after a training step
 * that threw (no noisy weights of a failed step are kept or reused).
 *
 * @example
 * ```ts
 * const dense = tf.layers.dense({ units: 4, inputShape: [3] });
 * const wrapper = new tfn.WeightNoise({ layer: dense, stddev: 0.1, seed: 1 });
 * const x = tf.ones([2, 3]);
 * wrapper.apply(x); // the clean weights: as dense.apply(x)
 * wrapper.apply(x, { training: true }); // noisy weights, drawn fresh outside a training step
 * console.log(wrapper.layer === dense, wrapper.step); // prints: true 1
 * ```
 */
export class WeightNoise extends NoiseLayer {
  /** @nocollapse */
  static className = 'WeightNoise';

  /**
   * Replaced by the layer it wraps in `stripNoise` copies (with the clean weights); `stddev` can
   * be scheduled unless the scale is learnable.
   */
  static readonly noise: NoiseComponent<WeightNoise> = {
    ...SCHEDULED_STDDEV,
    strip: (config) => ({ kind: 'unwrap', inner: config.layer as unknown as LayerSpec }),
    wrapped: (layer) => layer.layer,
  };

  /** The wrapped layer. */
  readonly layer: layers.Layer;
  /** Additive or multiplicative noise. */
  readonly mode: NoiseMode;
  /** Factorized noise (NoisyNet). */
  readonly factorized: boolean;
  /** Trainable noise scale (NoisyNet sigma). */
  readonly learnableScale: boolean;
  /** Initial scale factor of `learnableScale`. */
  readonly sigma0: number;
  /** Whether the bias is perturbed too. */
  readonly perturbBias: boolean;
  /** Seed of this layer's noise stream. */
  readonly seed: number;

  private stddevValue: number | null;
  /** Whether the first training call has checked the saved weight names of the model. */
  private namesChecked = false;
  private targets: Target[] = [];
  /** Noisy weights of the current training step, and the gradient tape of that step. */
  private cache: { noisy: Tensor[]; tape: unknown } | null = null;

  constructor(args: WeightNoiseArgs) {
    super(requireArgs(OWNER, args));
    if (!(args.layer instanceof layers.Layer)) {
      fail(OWNER, 'layer', 'a tfjs layer (e.g. tf.layers.dense({...}))', args.layer);
    }
    const className = args.layer.getClassName();
    checkWrappable(OWNER, className, args.layer.built && args.layer.weights.length === 0);
    this.layer = args.layer;
    this.learnableScale = checkBoolean(OWNER, 'learnableScale', args.learnableScale ?? false);
    if (this.learnableScale) {
      if (args.stddev != null) {
        fail(
          OWNER,
          'stddev',
          'omitted when learnableScale is true (sigma0 sets the scale)',
          args.stddev,
        );
      }
      this.stddevValue = null;
    } else {
      this.stddevValue = checkNonNegative(OWNER, 'stddev', args.stddev);
    }
    this.sigma0 = checkNonNegative(OWNER, 'sigma0', args.sigma0 ?? 0.5);
    this.mode = checkOneOf(OWNER, 'mode', args.mode ?? 'additive', NOISE_MODES);
    this.factorized = checkBoolean(OWNER, 'factorized', args.factorized ?? false);
    if (this.factorized && NOT_FACTORIZABLE.has(className)) {
      fail(
        OWNER,
        'factorized',
        `false for ${className} (its kernel has no fan-in x output shape)`,
        true,
      );
    }
    this.perturbBias = checkBoolean(OWNER, 'perturbBias', args.perturbBias ?? false);
    this.seed = checkSeed(OWNER, args.seed) ?? randomSeed();
    this.supportsMasking = this.layer.supportsMasking;
  }

  /** Noise std (null with `learnableScale`). Settable between batches. */
  get stddev(): number | null {
    return this.stddevValue;
  }

  set stddev(value: number | null) {
    if (this.learnableScale) {
      fail(OWNER, 'stddev', 'left alone when learnableScale is true', value);
    }
    this.stddevValue = checkNonNegative(OWNER, 'stddev', value);
  }

  /** The wrapped recurrent layer's `returnSequences` (read by tfjs's Bidirectional). */
  get returnSequences(): boolean | undefined {
    return (this.layer as { returnSequences?: boolean }).returnSequences;
  }

  /** The wrapped recurrent layer's `returnState` (read by tfjs's Bidirectional). */
  get returnState(): boolean | undefined {
    return (this.layer as { returnState?: boolean }).returnState;
  }

  /** The wrapped layer's `stateful` (a stateful RNN keeps its state between batches). */
  override get stateful(): boolean {
    return this.layer.stateful;
  }

  /** Resets the wrapped layer's states (a stateful RNN's). */
  override resetStates(): void {
    this.layer.resetStates();
  }

  override get trainableWeights(): LayerVariable[] {
    if (!this.trainable) return [];
    return [...this.layer.trainableWeights, ...super.trainableWeights];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    if (!this.trainable) {
      return [...this.layer.weights, ...super.trainableWeights, ...super.nonTrainableWeights];
    }
    return [...this.layer.nonTrainableWeights, ...super.nonTrainableWeights];
  }

  /**
   * The wrapped layer's regularization losses (e.g. its kernel's L2), then this layer's own:
   * a model trains with them as it would with the layer unwrapped.
   */
  override get losses(): layers.Layer['losses'] {
    return [...this.layer.losses, ...super.losses];
  }

  override build(inputShape: Shape | Shape[]): void {
    if (!this.layer.built) {
      this.layer.build(inputShape);
      this.layer.built = true;
    }
    // Weights built here are scoped under this wrapper's name; save them under the wrapped
    // layer's own names, as if it were not wrapped.
    const prefix = `${this.name}/`;
    for (const v of this.layer.weights) {
      if (v.originalName.startsWith(prefix)) {
        const renamed = `${this.layer.name}/${v.originalName.slice(prefix.length)}`;
        (v as { originalName: string }).originalName = renamed;
      }
    }
    const className = this.layer.getClassName();
    const roles = [...(WEIGHT_NOISE_TARGETS[className] ?? [])];
    if (this.perturbBias) roles.push('bias');
    const byRole = new Map(this.layer.trainableWeights.map((v) => [roleOf(v), v]));
    for (const role of roles) {
      const variable = byRole.get(role);
      if (!variable) {
        fail(
          OWNER,
          role === 'bias' ? 'perturbBias' : 'layer',
          `usable: ${className} has no trainable ${role}`,
          this.layer.name,
        );
      }
      this.targets.push({ variable, role, sigma: null });
    }
    const kernelFanIn = fanIn(this.targets[0]!.variable.shape);
    if (this.learnableScale) {
      for (const target of this.targets) {
        target.sigma = this.addWeight(
          `${target.role}_sigma`,
          target.variable.shape,
          'float32',
          initializers.constant({ value: this.sigma0 / Math.sqrt(kernelFanIn) }),
          undefined,
          true,
        );
      }
    }
    this.addNoiseStep();
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.layer.computeOutputShape(inputShape);
  }

  override computeMask(inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
    return this.layer.computeMask(inputs, mask) as Tensor | Tensor[];
  }

  /**
   * Calls the layer as tfjs does. Used on symbolic inputs (a model being built), it then checks
   * that the wrapped layer's weight names clash with no layer connected to it (a clash throws an
   * `Error` naming both layers, since the saved model could not be loaded).
   */
  override apply(
    inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[],
    kwargs?: Kwargs,
  ): Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[] {
    const output = super.apply(inputs, kwargs);
    const symbolic = Array.isArray(output) ? output[0] : output;
    if (symbolic instanceof SymbolicTensor) checkSavedWeightNames(connectedLayers(this));
    return output;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    // int32 / bool inputs are cast to float32 (see floatInput): inside a tidy of ours where
    // the call makes one, else inside the training step's own scope.
    const asFloat = () => (Array.isArray(inputs) ? inputs.map(floatInput) : floatInput(inputs));
    if (kwargs.training !== true || this.noiseState === null) {
      return tidy(() => this.layer.call(asFloat(), kwargs));
    }
    if (!this.namesChecked) {
      // Layers added after this one was applied are connected by now: check before training.
      checkSavedWeightNames(connectedLayers(this));
      this.namesChecked = true;
    }
    if (!isRecordingGradients()) {
      // Not recording gradients (e.g. `apply(x, {training: true})` by hand, or after a step
      // that threw, which leaves tfjs's last tape set): fresh noise for this call, disposed
      // with it; nothing of an earlier step is kept.
      this.dropCache();
      return tidy(() => this.callWith(this.drawNoisyWeights(), asFloat(), kwargs));
    }
    const floats = asFloat();
    // The tape of the step being recorded identifies the step (tfjs starts a new one per step).
    const tape = currentTape();
    // Inside a training step (a gradient tape): draw at the first call and reuse the noisy
    // weights for further calls in the same step. They are made outside any tidy of ours, so
    // they live as long as the step's forward pass.
    if (
      this.cache === null ||
      this.cache.tape !== tape ||
      this.cache.noisy.some((t) => t.isDisposed)
    ) {
      this.dropCache();
      this.cache = { tape, noisy: this.drawNoisyWeights() };
    }
    return this.callWith(this.cache.noisy, floats, kwargs);
  }

  /** Calls the wrapped layer with its perturbed weights reading as `noisy`. */
  private callWith(noisy: Tensor[], inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    const variables = this.targets.map((t) => t.variable);
    return withReadsAs(variables, noisy, () => this.layer.call(inputs, kwargs));
  }

  /** The config; throws first if a saved model would hold a weight name twice (see `apply`). */
  override getConfig(): serialization.ConfigDict {
    checkSavedWeightNames(connectedLayers(this));
    const config: WeightNoiseConfig = {
      layer: { className: this.layer.getClassName(), config: this.layer.getConfig() },
      stddev: this.stddevValue,
      mode: this.mode,
      factorized: this.factorized,
      learnableScale: this.learnableScale,
      sigma0: this.sigma0,
      perturbBias: this.perturbBias,
      seed: this.seed,
    };
    const goBackwards = config.layer.config.goBackwards;
    const full: serialization.ConfigDict = { ...super.getConfig(), ...config };
    if (typeof goBackwards === 'boolean') full.goBackwards = goBackwards;
    return full;
  }

  /** @nocollapse */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const { layer, goBackwards, ...rest } = config as unknown as WeightNoiseConfig & {
      goBackwards?: unknown;
    };
    // Errors name this wrapper as the file does, since a model.json may hold several.
    const owner = typeof rest.name === 'string' ? `${OWNER} ${show(rest.name)}` : OWNER;
    if (layer != null && (typeof layer !== 'object' || Array.isArray(layer))) {
      fail(owner, 'layer', 'an object {className, config}', layer);
    }
    const className: unknown = layer?.className;
    const entry = registeredClass(className);
    if (!entry || !(entry[0].prototype instanceof layers.Layer)) {
      fail(owner, 'layer.className', 'a registered layer class', className);
    }
    checkWrappable(owner, className as string, false);
    const innerConfig: unknown = layer.config;
    if (innerConfig === null || typeof innerConfig !== 'object' || Array.isArray(innerConfig)) {
      fail(
        owner,
        'layer.config',
        `an object (the config of the wrapped ${className})`,
        innerConfig,
      );
    }
    const inner = fromRegisteredConfig(
      entry,
      withGoBackwards(owner, innerConfig as serialization.ConfigDict, goBackwards),
    ) as unknown as layers.Layer;
    const args = { ...rest, layer: inner, stddev: rest.stddev ?? undefined };
    return keepSavedStream(new cls(args as unknown as serialization.ConfigDict), config);
  }

  /** Disposes the wrapper's weights, which include the wrapped layer's (see the getters). */
  override dispose(): ReturnType<layers.Layer['dispose']> {
    this.dropCache();
    return super.dispose();
  }

  private dropCache(): void {
    if (this.cache) {
      for (const t of this.cache.noisy) if (!t.isDisposed) t.dispose();
      this.cache = null;
    }
  }

  /** Draws the next step's noise and returns the perturbed weights. */
  private drawNoisyWeights(): Tensor[] {
    // Redrawn in the same step (its noisy weights were disposed, e.g. per time step inside
    // TimeDistributed), the step is the same and so is the noise: one sample per batch.
    const state = this.noiseState as NoiseState;
    const { step } = state.next();
    // A fixed std is applied while drawing (on the small vectors when factorized): one
    // weight-sized tensor op less per step. A learnable sigma multiplies unit noise in the graph.
    const eps = this.drawNoise(state, step, this.learnableScale ? 1 : (this.stddevValue ?? 0));
    const noisy = this.targets.map((target, i) =>
      tidy(() => {
        const e = eps[i] as Tensor;
        const delta = target.sigma ? mul(e, target.sigma.read()) : e;
        return perturb(target.variable.read(), delta, this.mode);
      }),
    );
    for (const e of eps) e.dispose();
    return noisy;
  }

  /**
   * Noise with std `scale` for every target at `step`: independent or factorized; target (or
   * factor) `index` draws from the state's stream `index`.
   */
  private drawNoise(state: NoiseState, step: number, scale: number): Tensor[] {
    const keyOf = (index: number): NoiseKey => state.key(index, step);
    const weights = this.targets.map((t) => ({
      shape: t.variable.shape as number[],
      isBias: t.role === 'bias',
    }));
    return this.factorized
      ? factorizedNoise(weights, keyOf, scale)
      : independentNoise(weights, keyOf, scale);
  }
}
registerBuiltIn(WeightNoise);

/**
 * Wraps a layer so that its weights are perturbed by Gaussian noise while training, once per
 * batch (per sequence for recurrent layers). Inference uses the clean weights.
 *
 * @example
 * ```ts
 * const lstm = tf.sequential();
 * const recurrent = tf.layers.lstm({ units: 32, inputShape: [50, 8] });
 * lstm.add(tfn.layers.weightNoise({ layer: recurrent, stddev: 0.075 })); // one sample per sequence
 * model.add(
 *   tfn.layers.weightNoise({
 *     layer: tf.layers.dense({ units: 500, activation: 'relu' }),
 *     stddev: 0.05,
 *     seed: 1,
 *   }),
 * );
 * model.add(
 *   tfn.layers.weightNoise({
 *     layer: tf.layers.dense({ units: 4 }), // a NoisyNet layer
 *     factorized: true,
 *     learnableScale: true,
 *   }),
 * );
 * ```
 */
export function weightNoise(args: WeightNoiseArgs): WeightNoise {
  return new WeightNoise(args);
}
