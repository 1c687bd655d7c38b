/**
 * WrappingOptimizer: the plumbing of an optimizer that changes the gradients and lets another
 * tfjs optimizer apply them. A subclass supplies only the gradient transformation
 * (`transformGradients`) and its own config; this module keeps the step, saves and restores the
 * wrapped optimizer's state exactly, rebuilds it from a config, and answers `instanceof`.
 */
import {
  keep,
  Optimizer,
  scalar,
  type serialization,
  type Tensor,
  tidy,
  Variable,
} from '@tensorflow/tfjs-core';
import type { NoiseState } from '../random/noise_state';
import {
  BETA_POWER_FIELDS,
  betaPowerVariables,
  checkStepLeft,
  fromRegisteredConfig,
  type NamedTensor,
  type NamedTensorMap,
  readStep,
  registeredClass,
  useOrdinaryInstanceof,
} from '../tfjs_internals';
import { fail, failTensor, show } from '../validate';

/** The wrapper's step weight of the wrapper class `className`, e.g. `AnnealedGradientNoise/step`. */
export function stepWeightName(className: string): string {
  return `${className}/step`;
}

/**
 * The wrapper's weights that hold the wrapped optimizer's running products of its decay rates
 * (`accBeta1`, `accBeta2` of tfjs's Adam), e.g. `AnnealedGradientNoise/accBeta1`.
 */
export function betaPowerWeightNames(className: string): readonly string[] {
  return BETA_POWER_FIELDS.map((field) => `${className}/${field}`);
}

/**
 * An optimizer that transforms the gradients and hands them to the optimizer it wraps.
 *
 * - State: its own step (`iterations`: the step of the subclass's {@link NoiseState} `state`,
 *   saved as the int32 weight `<className>/step`), the
 *   wrapped optimizer's weights, and, for an optimizer that keeps running beta powers (Adam),
 *   those powers (`<className>/accBeta1`, `accBeta2`): tfjs's `Adam.setWeights` recomputes them
 *   as `beta^(t + 1)` with `pow`, which differs in the last bits from the running product, so the
 *   saved products are restored and a resumed run is bit-identical.
 * - Config: the subclass's own fields plus `optimizer: {className, config}`; `fromConfig`
 *   rebuilds the wrapped optimizer by its registered class.
 * - Step limit: both steps are saved as int32; a step at {@link MAX_STEP} throws, naming the
 *   counter, instead of wrapping to -2^31.
 * - It owns the wrapped optimizer: `dispose()` disposes both.
 */
export abstract class WrappingOptimizer extends Optimizer {
  /** The wrapped optimizer, which applies the transformed gradients. */
  readonly optimizer: Optimizer;
  /** Scalars handed out by the last `getWeights`, disposed at the next call or `dispose`. */
  private readonly saved: Tensor[] = [];
  /**
   * The wrapper's noise state (seed, stream, step); its step is the wrapper's `iterations`,
   * saved by `getWeights` as `<className>/step` and restored by `setWeights`.
   */
  abstract readonly state: NoiseState;

  /** @param optimizer The optimizer to wrap (the wrapper takes ownership of it). */
  constructor(optimizer: Optimizer) {
    super();
    const owner = this.getClassName();
    if (!isOptimizer(optimizer)) {
      fail(owner, 'optimizer', 'a tf.Optimizer, e.g. tf.train.adam(0.001)', optimizer);
    }
    if (optimizer instanceof WrappingOptimizer && optimizer.getClassName() === owner) {
      fail(owner, 'optimizer', `an optimizer that is not itself an ${owner}`, owner);
    }
    this.optimizer = optimizer;
  }

  /**
   * The gradients that the wrapped optimizer applies at step `step` (counted from 0), computed
   * inside a `tidy`; or null to hand the gradients over unchanged.
   */
  protected abstract transformGradients(
    gradients: NamedTensor[],
    step: number,
  ): NamedTensor[] | null;

  /** The subclass's own config fields (the wrapped optimizer's are added by `getConfig`). */
  protected abstract ownConfig(): serialization.ConfigDict;

  /** The wrapper's step: the step of its {@link NoiseState}. */
  override get iterations(): number {
    return this.state.step;
  }

  /** Counts a step in the wrapper's {@link NoiseState}. */
  protected override incrementIterations(): void {
    this.state.advance();
  }

  /**
   * Transforms the gradients, lets the wrapped optimizer apply them, and advances the step.
   *
   * @param variableGradients Gradients by variable name, or a list of named gradients.
   */
  override applyGradients(variableGradients: NamedTensorMap | NamedTensor[]): void {
    const t = this.iterations;
    const owner = this.getClassName();
    this.state.checkLeft();
    checkStepLeft(owner, 'iter (wrapped optimizer)', this.optimizer.iterations);
    const list: NamedTensor[] = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({
          name,
          tensor: variableGradients[name] as Tensor,
        }));
    tidy(() => {
      const changed = this.transformGradients(list, t);
      this.optimizer.applyGradients(changed ?? variableGradients);
    });
    this.incrementIterations();
  }

  /**
   * The wrapper's step (an int32 scalar named `<className>/step`), the wrapped optimizer's
   * weights (for tfjs optimizers: their `iter` scalar, then their slot variables), and, when the
   * wrapped optimizer keeps running beta powers (Adam), those powers as float32 scalars. The
   * scalars belong to the wrapper and stay valid until the next `getWeights` or `dispose`.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const owner = this.getClassName();
    let inner: NamedTensor[];
    try {
      inner = await this.optimizer.getWeights();
    } catch (err) {
      throw new Error(
        `${owner}: the wrapped optimizer (${this.optimizer.getClassName()}) cannot save its ` +
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
    const names = betaPowerWeightNames(owner);
    const powers: NamedTensor[] = [];
    this.betaPowers().forEach((variable, i) => {
      if (variable === null) return;
      const copy = keep(variable.clone());
      this.saved.push(copy);
      powers.push({ name: names[i] as string, tensor: copy });
    });
    return [{ name: stepWeightName(owner), tensor: step }, ...inner, ...powers];
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
    const owner = this.getClassName();
    const stepName = stepWeightName(owner);
    const index = weightValues.findIndex((w) => w.name === stepName);
    if (index < 0) {
      fail(
        owner,
        'weights',
        `a list that holds the wrapper's step \`${stepName}\``,
        weightValues.map((w) => w.name),
      );
    }
    const step = await readStep(owner, stepName, (weightValues[index] as NamedTensor).tensor);
    const names = betaPowerWeightNames(owner);
    const fields = this.betaPowers();
    const powers: [Variable, number][] = [];
    const inner: NamedTensor[] = [];
    for (const [i, w] of weightValues.entries()) {
      if (i === index) continue;
      const slot = names.indexOf(w.name);
      if (slot < 0) {
        // tfjs optimizers save their own step first, as `iter` (int32, like the wrapper's).
        if (inner.length === 0 && w.name === 'iter') await readStep(owner, 'iter', w.tensor);
        inner.push(w);
        continue;
      }
      const variable = fields[slot];
      if (variable == null) {
        fail(
          owner,
          w.name,
          `absent for a wrapped ${this.optimizer.getClassName()}, which keeps no such value`,
          'a saved value',
        );
      }
      powers.push([variable, await readBetaPower(owner, w.name, w.tensor)]);
    }
    await this.optimizer.setWeights(inner);
    for (const [variable, value] of powers) {
      tidy(() => variable.assign(scalar(value, 'float32')));
    }
    this.state.restore(step);
  }

  /**
   * The subclass's fields and the wrapped optimizer's registered class name and config
   * (`optimizer: {className, config}`); JSON-safe, saved in a model's training config.
   */
  override getConfig(): serialization.ConfigDict {
    return {
      ...this.ownConfig(),
      optimizer: { className: this.optimizer.getClassName(), config: this.optimizer.getConfig() },
    };
  }

  /** Disposes the wrapped optimizer's variables and the wrapper's own tensors. */
  override dispose(): void {
    this.optimizer.dispose();
    this.disposeSaved();
    super.dispose();
  }

  /**
   * The wrapped optimizer's running beta powers (tfjs's Adam keeps `accBeta1` and `accBeta2`
   * as scalar variables), in the order of {@link betaPowerWeightNames}; null where it has none.
   */
  private betaPowers(): (Variable | null)[] {
    return betaPowerVariables(this.optimizer);
  }

  private disposeSaved(): void {
    for (const t of this.saved.splice(0)) t.dispose();
  }
}
// tf.Optimizer answers `instanceof` by duck typing, so every optimizer would pass
// `x instanceof AnnealedGradientNoise`; the wrapper classes check the prototype chain.
useOrdinaryInstanceof(WrappingOptimizer);

/**
 * The wrapped optimizer of a wrapper's config entry `{className, config}`, built by its
 * registered class; throws, naming the field (`owner` names the wrapper), if the entry does not
 * describe a registered tf.Optimizer other than the wrapper itself.
 */
export function optimizerFromConfig(owner: string, entry: unknown): Optimizer {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    fail(owner, 'optimizer', 'an object {className, config}', entry);
  }
  const { className, config } = entry as { className?: unknown; config?: unknown };
  const registered = registeredClass(className);
  if (
    typeof className !== 'string' ||
    className === owner ||
    registered === undefined ||
    !isOptimizer(registered[0]?.prototype)
  ) {
    fail(
      owner,
      'optimizer.className',
      'the registered class name of a tf.Optimizer (e.g. "Adam")',
      className,
    );
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    fail(owner, 'optimizer.config', 'an object', config);
  }
  const optimizer = fromRegisteredConfig(registered, { ...(config as serialization.ConfigDict) });
  if (!isOptimizer(optimizer)) {
    fail(owner, 'optimizer', `a config that builds a tf.Optimizer (got ${show(className)})`, entry);
  }
  return optimizer;
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

/** A saved beta power: a float32 scalar in [0, 1]; throws naming `name`. */
async function readBetaPower(owner: string, name: string, tensor: Tensor): Promise<number> {
  const value = tensor.size === 1 ? (await tensor.data())[0] : undefined;
  if (tensor.dtype !== 'float32' || typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    failTensor(owner, name, 'a float32 scalar in [0, 1]', tensor);
  }
  return value;
}
