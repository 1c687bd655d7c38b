/**
 * AnnealedGradientNoise: Gaussian noise with an annealed variance added to every gradient
 * (Neelakantan et al. 2015, "Adding Gradient Noise Improves Learning for Very Deep Networks"),
 * as a wrapper around any tfjs optimizer.
 */
import {
  add,
  addN,
  div,
  keep,
  maximum,
  mul,
  Optimizer,
  type Scalar,
  scalar,
  serialization,
  sqrt,
  square,
  sum,
  type Tensor,
  tidy,
  Variable,
} from '@tensorflow/tfjs-core';
import { MAX_STEP } from '../layers/noise_step';
import { normal } from '../random/noise';
import { type NoiseKey, randomSeed, streamId } from '../random/noise_key';
import type { NamedTensor, NamedTensorMap } from '../tfjs_types';
import {
  checkNonNegative,
  checkPositive,
  checkSeed,
  fail,
  failTensor,
  requireArgs,
  show,
} from '../validate';

const OWNER = 'AnnealedGradientNoise';

/** The paper's decay exponent of the noise variance. */
export const DEFAULT_GAMMA = 0.55;

/**
 * Name of the wrapper's step counter among the optimizer weights (`getWeights`, and the
 * `optimizer` weight group of a model saved with `includeOptimizer: true`).
 *
 * @example
 * ```ts
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.sgd(0.1), { eta: 0.01 });
 * const weights = await optimizer.getWeights();
 * console.log(weights[0]?.name === tfn.GRADIENT_NOISE_STEP_WEIGHT); // true: the step comes first
 * ```
 */
export const GRADIENT_NOISE_STEP_WEIGHT = 'AnnealedGradientNoise/step';

/**
 * Names of the extra optimizer weights that hold the wrapped optimizer's running products of its
 * decay rates (`accBeta1`, `accBeta2` of tfjs's Adam), saved after the wrapped optimizer's own
 * weights. tfjs's `Adam.setWeights` recomputes them as `beta^(t + 1)` with `pow`, which differs
 * in the last bits from the product the uninterrupted run keeps; the wrapper restores the saved
 * products, so a resumed run is bit-identical.
 *
 * @example
 * ```ts
 * const optimizer = tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.001 });
 * const names = (await optimizer.getWeights()).map((w) => w.name);
 * const saved = tfn.GRADIENT_NOISE_BETA_POWER_WEIGHTS.every((n) => names.includes(n)); // true
 * ```
 */
export const GRADIENT_NOISE_BETA_POWER_WEIGHTS: readonly string[] = [
  'AnnealedGradientNoise/accBeta1',
  'AnnealedGradientNoise/accBeta2',
];

/** The fields of the wrapped optimizer saved under {@link GRADIENT_NOISE_BETA_POWER_WEIGHTS}. */
const BETA_POWER_FIELDS = ['accBeta1', 'accBeta2'] as const;

/**
 * The noise std of the paper's schedule at step `t`: `sqrt(eta / (1 + t)^gamma)`.
 * `eta` is the noise *variance* at the first step (t = 0).
 *
 * @example
 * ```ts
 * tfn.train.annealedStddev(0.3, 0.55, 0); // sqrt(0.3) = 0.5477...
 * tfn.train.annealedStddev(0.3, 0.55, 99); // sqrt(0.3 / 100^0.55)
 * ```
 *
 * @param eta Variance at t = 0, a finite number >= 0.
 * @param gamma Decay exponent, a finite number >= 0 (the paper uses 0.55).
 * @param t Step, counted from 0: a finite number >= 0.
 */
export function annealedStddev(eta: number, gamma: number, t: number): number {
  checkNonNegative('annealedStddev', 'eta', eta);
  checkNonNegative('annealedStddev', 'gamma', gamma);
  checkNonNegative('annealedStddev', 't', t);
  return stddevAt(eta, gamma, t);
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
 * console.log(config.optimizer.className, config.gamma); // 'Adam' 0.55
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
 * - State: the step t is the wrapper's `iterations`. `getWeights` returns it (as
 *   {@link GRADIENT_NOISE_STEP_WEIGHT}) followed by the wrapped optimizer's weights and, for
 *   Adam, its running beta powers ({@link GRADIENT_NOISE_BETA_POWER_WEIGHTS}); `setWeights`
 *   restores all of them; `getConfig` carries the wrapped optimizer's class and config.
 *   So `model.save(handler, {includeOptimizer: true})` and `tf.loadLayersModel(handler)` give a
 *   model whose optimizer continues at the saved step with the same noise, bit for bit (a save
 *   made before the beta powers were saved resumes with tfjs's recomputed powers).
 * - Step limit: the steps are saved as int32, so the wrapper's step and the wrapped optimizer's
 *   `iter` can be at most {@link MAX_STEP} (2^31 - 1). `setWeights` rejects a step that is not
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
export class AnnealedGradientNoise extends Optimizer {
  /** @nocollapse */
  static className = 'AnnealedGradientNoise';

  /** The wrapped optimizer, which applies the noisy gradients. */
  readonly optimizer: Optimizer;
  /** Noise variance at step 0. */
  readonly eta: number;
  /** Decay exponent of the noise variance. */
  readonly gamma: number;
  /** The seed of the noise stream. */
  readonly seed: number;
  /** Global-norm clipping threshold applied before the noise, or null for none. */
  readonly clipNorm: number | null;

  private readonly streams: number[] = [];
  /** Scalars handed out by the last `getWeights`, disposed at the next call or `dispose`. */
  private readonly saved: Tensor[] = [];

  /**
   * @param optimizer The optimizer to wrap (the wrapper takes ownership of it).
   * @param args See {@link AnnealedGradientNoiseArgs}.
   */
  constructor(optimizer: Optimizer, args: AnnealedGradientNoiseArgs) {
    super();
    if (!isOptimizer(optimizer)) {
      fail(OWNER, 'optimizer', 'a tf.Optimizer, e.g. tf.train.adam(0.001)', optimizer);
    }
    if (optimizer instanceof AnnealedGradientNoise) {
      fail(OWNER, 'optimizer', 'an optimizer that is not itself an AnnealedGradientNoise', OWNER);
    }
    requireArgs(OWNER, args);
    this.optimizer = optimizer;
    this.eta = checkNonNegative(OWNER, 'eta', args.eta);
    this.gamma = checkNonNegative(OWNER, 'gamma', args.gamma ?? DEFAULT_GAMMA);
    this.clipNorm = args.clipNorm == null ? null : checkPositive(OWNER, 'clipNorm', args.clipNorm);
    this.seed = checkSeed(OWNER, args.seed) ?? randomSeed();
  }

  /** The noise std of the next step: `sqrt(eta / (1 + iterations)^gamma)`. For logging. */
  get noiseStddev(): number {
    return stddevAt(this.eta, this.gamma, this.iterations);
  }

  /**
   * Clips (if `clipNorm` is set) and perturbs the gradients, then lets the wrapped optimizer
   * apply them, and advances the step.
   *
   * @param variableGradients Gradients by variable name, or a list of named gradients.
   */
  override applyGradients(variableGradients: NamedTensorMap | NamedTensor[]): void {
    const t = this.iterations;
    const innerStep = this.optimizer.iterations;
    if (t >= MAX_STEP || innerStep >= MAX_STEP) {
      const [name, value] =
        t >= MAX_STEP ? [GRADIENT_NOISE_STEP_WEIGHT, t] : ['iter (wrapped optimizer)', innerStep];
      throw new Error(
        `${OWNER}: \`${name}\` is ${value}, the largest step an int32 counter can hold ` +
          `(${MAX_STEP}); refusing another step rather than letting it wrap to -2^31.`,
      );
    }
    const std = stddevAt(this.eta, this.gamma, t);
    if (std === 0 && this.clipNorm === null) {
      this.optimizer.applyGradients(variableGradients);
    } else {
      const list: NamedTensor[] = Array.isArray(variableGradients)
        ? variableGradients
        : Object.keys(variableGradients).map((name) => ({
            name,
            tensor: variableGradients[name] as Tensor,
          }));
      tidy(() => {
        const clipped = this.clipNorm === null ? list : clipByGlobalNorm(list, this.clipNorm);
        const noisy =
          std === 0
            ? clipped
            : clipped.map(({ name, tensor }, i) =>
                tensor == null || tensor.dtype !== 'float32'
                  ? { name, tensor }
                  : { name, tensor: add(tensor, normal(tensor.shape, this.keyFor(i, t), 0, std)) },
              );
        this.optimizer.applyGradients(noisy);
      });
    }
    this.incrementIterations();
  }

  /**
   * The wrapper's step (an int32 scalar named {@link GRADIENT_NOISE_STEP_WEIGHT}), the wrapped
   * optimizer's weights (for tfjs optimizers: their `iter` scalar, then their slot variables),
   * and, when the wrapped optimizer keeps running beta powers (Adam), those powers as float32
   * scalars named {@link GRADIENT_NOISE_BETA_POWER_WEIGHTS}. The scalars belong to the wrapper
   * and stay valid until the next `getWeights` or `dispose`.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    let inner: NamedTensor[];
    try {
      inner = await this.optimizer.getWeights();
    } catch (err) {
      throw new Error(
        `${OWNER}: the wrapped optimizer (${this.optimizer.getClassName()}) cannot save its ` +
          `state: ${(err as Error).message}`,
      );
    }
    this.disposeSaved();
    const step = keep(scalar(this.iterations, 'int32'));
    this.saved.push(step);
    // tfjs optimizers return a fresh `iter` scalar that nobody disposes (model.save leaks it);
    // the wrapper takes it over. Variables (the slots) stay with the wrapped optimizer.
    const first = inner[0];
    if (first?.name === 'iter' && !(first.tensor instanceof Variable)) {
      this.saved.push(keep(first.tensor));
    }
    const powers: NamedTensor[] = [];
    this.betaPowers().forEach((variable, i) => {
      if (variable === null) return;
      const copy = keep(variable.clone());
      this.saved.push(copy);
      powers.push({ name: GRADIENT_NOISE_BETA_POWER_WEIGHTS[i] as string, tensor: copy });
    });
    return [{ name: GRADIENT_NOISE_STEP_WEIGHT, tensor: step }, ...inner, ...powers];
  }

  /**
   * Restores the step, the wrapped optimizer's weights and (if saved) its beta powers from a
   * list made by `getWeights` (e.g. by `tf.loadLayersModel` for a model saved with
   * `includeOptimizer: true`). Checks everything before changing anything: the step and the
   * wrapped optimizer's `iter` must be int32 integers in [0, 2^31 - 1], the beta powers float32
   * numbers in [0, 1]; otherwise it throws, naming the weight and the value received.
   *
   * @param weightValues The wrapper's step weight and the wrapped optimizer's weights.
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const index = weightValues.findIndex((w) => w.name === GRADIENT_NOISE_STEP_WEIGHT);
    if (index < 0) {
      fail(
        OWNER,
        'weights',
        `a list that holds the wrapper's step \`${GRADIENT_NOISE_STEP_WEIGHT}\``,
        weightValues.map((w) => w.name),
      );
    }
    const step = await readStep(
      GRADIENT_NOISE_STEP_WEIGHT,
      (weightValues[index] as NamedTensor).tensor,
    );
    const fields = this.betaPowers();
    const powers: [Variable, number][] = [];
    const inner: NamedTensor[] = [];
    for (const [i, w] of weightValues.entries()) {
      if (i === index) continue;
      const slot = GRADIENT_NOISE_BETA_POWER_WEIGHTS.indexOf(w.name);
      if (slot < 0) {
        // tfjs optimizers save their own step first, as `iter` (int32, like the wrapper's).
        if (inner.length === 0 && w.name === 'iter') await readStep('iter', w.tensor);
        inner.push(w);
        continue;
      }
      const variable = fields[slot];
      if (variable == null) {
        fail(
          OWNER,
          w.name,
          `absent for a wrapped ${this.optimizer.getClassName()}, which keeps no such value`,
          'a saved value',
        );
      }
      powers.push([variable, await readBetaPower(w.name, w.tensor)]);
    }
    await this.optimizer.setWeights(inner);
    for (const [variable, value] of powers) {
      tidy(() => variable.assign(scalar(value, 'float32')));
    }
    this.iterations_ = step;
  }

  /**
   * The wrapper's arguments and the wrapped optimizer's registered class name and config (see
   * {@link AnnealedGradientNoiseConfig}); JSON-safe, saved in a model's training config.
   */
  override getConfig(): serialization.ConfigDict {
    const config: AnnealedGradientNoiseConfig = {
      eta: this.eta,
      gamma: this.gamma,
      seed: this.seed,
      clipNorm: this.clipNorm,
      optimizer: { className: this.optimizer.getClassName(), config: this.optimizer.getConfig() },
    };
    return config;
  }

  /**
   * Rebuilds a wrapper from {@link AnnealedGradientNoise.getConfig} output; the wrapped optimizer
   * is made by its registered class (every tfjs optimizer is registered). Used by
   * `tf.loadLayersModel` for a model saved with `includeOptimizer: true`. Throws, naming the
   * field, on a config that does not describe a wrapper around a registered optimizer.
   *
   * @nocollapse
   */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const inner = optimizerFromConfig(config.optimizer);
    const args = {
      eta: config.eta,
      gamma: config.gamma,
      seed: config.seed,
      clipNorm: config.clipNorm,
    } as AnnealedGradientNoiseArgs;
    return new cls(inner, args);
  }

  /** Disposes the wrapped optimizer's variables and the wrapper's own tensors. */
  override dispose(): void {
    this.optimizer.dispose();
    this.disposeSaved();
    super.dispose();
  }

  /**
   * The wrapped optimizer's running beta powers (tfjs's Adam keeps `accBeta1` and `accBeta2`
   * as scalar variables), in the order of {@link GRADIENT_NOISE_BETA_POWER_WEIGHTS}; null where
   * it has none.
   */
  private betaPowers(): (Variable | null)[] {
    const fields = this.optimizer as unknown as Partial<Record<string, unknown>>;
    return BETA_POWER_FIELDS.map((field) => {
      const value = fields[field];
      return value instanceof Variable && value.size === 1 && value.dtype === 'float32'
        ? value
        : null;
    });
  }

  private disposeSaved(): void {
    for (const t of this.saved.splice(0)) t.dispose();
  }

  private keyFor(index: number, step: number): NoiseKey {
    let stream = this.streams[index];
    if (stream === undefined) {
      stream = streamId(OWNER, index);
      this.streams[index] = stream;
    }
    return { seed: this.seed, stream, step };
  }
}
serialization.registerClass(AnnealedGradientNoise);
// tf.Optimizer answers `instanceof` by duck typing, so every optimizer would pass
// `x instanceof AnnealedGradientNoise`; restore the ordinary prototype-chain check here.
Object.defineProperty(AnnealedGradientNoise, Symbol.hasInstance, {
  value(this: abstract new (...args: never[]) => unknown, instance: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, instance);
  },
});

/** A saved step: an int32 scalar holding an integer in [0, MAX_STEP]; throws naming `name`. */
async function readStep(name: string, tensor: Tensor): Promise<number> {
  const value = tensor.size === 1 ? (await tensor.data())[0] : undefined;
  if (
    tensor.dtype !== 'int32' ||
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_STEP
  ) {
    failTensor(OWNER, name, `an int32 scalar holding an integer in [0, ${MAX_STEP}]`, tensor);
  }
  return value;
}

/** A saved beta power: a float32 scalar in [0, 1]; throws naming `name`. */
async function readBetaPower(name: string, tensor: Tensor): Promise<number> {
  const value = tensor.size === 1 ? (await tensor.data())[0] : undefined;
  if (tensor.dtype !== 'float32' || typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    failTensor(OWNER, name, 'a float32 scalar in [0, 1]', tensor);
  }
  return value;
}

/** True for tfjs optimizers (tfjs checks for the methods, not the prototype chain). */
function isOptimizer(value: unknown): value is Optimizer {
  if (value === null || typeof value !== 'object') return false;
  const o = value as Partial<Record<string, unknown>>;
  return (
    typeof o.minimize === 'function' &&
    typeof o.computeGradients === 'function' &&
    typeof o.applyGradients === 'function' &&
    typeof o.getWeights === 'function' &&
    typeof o.setWeights === 'function' &&
    typeof o.getConfig === 'function' &&
    typeof o.getClassName === 'function'
  );
}

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

/** Rebuilds the wrapped optimizer from its `{className, config}` entry, checking every step. */
function optimizerFromConfig(entry: unknown): Optimizer {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    fail(OWNER, 'optimizer', 'an object {className, config}', entry);
  }
  const { className, config } = entry as { className?: unknown; config?: unknown };
  const classes = serialization.SerializationMap.getMap().classNameMap;
  if (
    typeof className !== 'string' ||
    className === OWNER ||
    !Object.hasOwn(classes, className) ||
    !isOptimizer(classes[className]?.[0]?.prototype)
  ) {
    fail(
      OWNER,
      'optimizer.className',
      'the registered class name of a tf.Optimizer (e.g. "Adam")',
      className,
    );
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    fail(OWNER, 'optimizer.config', 'an object', config);
  }
  const [cls, fromConfig] = classes[className] as [
    serialization.SerializableConstructor<serialization.Serializable>,
    serialization.FromConfigMethod<serialization.Serializable>,
  ];
  const optimizer = fromConfig(cls, { ...(config as serialization.ConfigDict) });
  if (!isOptimizer(optimizer)) {
    fail(OWNER, 'optimizer', `a config that builds a tf.Optimizer (got ${show(className)})`, entry);
  }
  return optimizer;
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
