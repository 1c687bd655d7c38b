/**
 * NoiseState: the one noise state of every tfjs-noise component (the noise layers,
 * AnnealedGradientNoise, the target noises): a seed, a stream and a step.
 *
 * Design (after Keras 3's `SeedGenerator`, a seed and a counter that every random layer owns and
 * advances with `next()`):
 *
 * - The noise of a draw is a pure function of its {@link NoiseKey} (seed, stream, step) (see
 *   `noise_key.ts`), so the seed and the step are all the state there is: the seed is saved in
 *   the component's config (or given again by the code that builds it), the step where the
 *   component saves its state. Restoring both resumes the noise bit for bit.
 * - The step is a JavaScript number, the state's own. Drawing reads no tensor: a device read per
 *   training step would stall the GPU backends. The saved copies are written from it:
 *   - a noise layer: its non-trainable int32 weight `noise_step` ({@link NOISE_STEP_WEIGHT}),
 *     bound with {@link NoiseState.saveIn}, written at every step and so saved and loaded with
 *     the model's weights;
 *   - AnnealedGradientNoise: the optimizer's weights (`getWeights` / `setWeights`, saved with
 *     `includeOptimizer: true`), where the state's step is the optimizer's `iterations`;
 *   - a target noise (a loss wrapper, not a layer: tfjs saves no loss, and a reloaded model is
 *     compiled again): the model's user-defined metadata (`model.setUserDefinedMetadata`, saved
 *     in model.json), written by `noise.saveTo(model)` before `model.save` and read back by
 *     `noise.restoreFrom(loaded)`; the seed is saved there too, so even an unseeded target
 *     noise resumes.
 * - Values written into a layer's `noise_step` from outside (`loadLayersModel`,
 *   `model.setWeights`, `layer.setWeights`: tfjs-layers writes them all through the weight's
 *   `LayerVariable.write`) are checked before they are stored, then adopted as the state's step.
 *   That check is the one patch left on the weight (its own `write`): tfjs-layers has no other
 *   hook on its weight-loading path that runs before the value is stored (a weight constraint
 *   runs after it, and after tfjs's own dtype check, so a bad save would be half-loaded or
 *   refused with an error that names neither the layer nor the weight). Because every write
 *   reaches the state, the state no longer watches the weight's tensor for changes: a tensor
 *   assigned to the weight's internal `tf.Variable` directly (not a tfjs-layers path) is not
 *   seen.
 * - Several calls in one training step (a shared layer, TimeDistributed) share the step: the
 *   first call inside a gradient tape advances it, further calls in the same tape get the same
 *   step and a call index 1, 2, ... ({@link NoiseState.next}); the call index picks the stream.
 *   Components that count steps themselves (the optimizer, the target noise) use
 *   {@link NoiseState.advance}.
 * - Steps are saved as int32, so a step is an integer in [0, {@link MAX_STEP}]: a restored value
 *   outside throws (naming the component and the saved name), and a step at the limit throws
 *   instead of wrapping.
 */
import { scalar, type Tensor } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import {
  checkStepLeft,
  currentTape,
  interceptWrites,
  MAX_STEP,
  readStepSync,
} from '../tfjs_internals';
import { fail } from '../validate';
import { type NoiseKey, streamId } from './noise_key';

/**
 * What a training call draws noise for: the step (the batch) and the call's index in it.
 *
 * @example
 * ```ts
 * import { type NoiseDraw } from 'tfjs-noise/extend';
 * const draw: NoiseDraw = { step: 12, call: 0 }; // the first call of the 13th batch
 * const key: tfn.random.NoiseKey = { seed: 1, stream: tfn.random.streamId('Mine', draw.call), step: draw.step };
 * ```
 */
export interface NoiseDraw {
  /** The training step: the number of training batches before this one. */
  step: number;
  /**
   * 0 for the first call of the layer in this step; 1, 2, ... for further calls in the same
   * step (a layer shared by several inputs, or applied per time step by TimeDistributed).
   */
  call: number;
}

/**
 * Name of a noise layer's step weight (saved as `<layer name>/noise_step`), where the layer's
 * {@link NoiseState} saves its step.
 *
 * @example
 * ```ts
 * import { NOISE_STEP_WEIGHT } from 'tfjs-noise/extend';
 * const jitter = model.layers.find((l) => l instanceof tfn.GaussianJitter)!;
 * const stepWeight = jitter.weights.find((w) => w.name.endsWith(NOISE_STEP_WEIGHT));
 * ```
 */
export const NOISE_STEP_WEIGHT = 'noise_step';

/**
 * Arguments of a {@link NoiseState}.
 *
 * @example
 * ```ts
 * import { NoiseState, type NoiseStateArgs } from 'tfjs-noise/extend';
 * const args: NoiseStateArgs = { owner: 'MyNoise', seed: 1, stream: 'my-app/noise' };
 * const state = new NoiseState(args);
 * ```
 */
export interface NoiseStateArgs {
  /** The component, for messages: e.g. its class name. */
  owner: string;
  /**
   * The seed, a safe integer. May be left out only by a component that gives it later (a noise
   * layer whose seed is first seen by `nextNoiseKey`); reading `seed` before throws.
   */
  seed?: number;
  /**
   * The stream name: draw `i` of a step (a call, a gradient, a weight) uses the stream
   * `streamId(stream, i)`. A function is asked again at every draw (a layer's stream index may be
   * fixed late).
   */
  stream: string | (() => string);
  /** The name of the saved step, for messages. Default `<owner>/step`. */
  stepName?: string;
  /** The first step (a restored one). Default 0. */
  step?: number;
}

/**
 * The noise state of one component: its seed, its stream and its step. `next()` (a layer's
 * training call) or `advance()` (a component that counts steps itself) returns the key of the
 * next noise and counts the step; `step` and `restore(step)` (for a layer, its bound
 * `noise_step` weight) save and restore it. Every component of tfjs-noise keeps its
 * state in one: a {@link NoiseLayer}'s `noiseState`, an `AnnealedGradientNoise`'s `state`,
 * a `tfn.targets.TargetNoise`'s `state`.
 *
 * @example
 * ```ts
 * import { NoiseState } from 'tfjs-noise/extend';
 * const state = new NoiseState({ owner: 'MyNoise', seed: 1, stream: 'my-app/noise' });
 * const key = state.advance(); // the key of step 0; the state is now at step 1
 * const noise = tfn.random.normal([4], key);
 * const saved = state.step; // 1
 * const resumed = new NoiseState({ owner: 'MyNoise', seed: 1, stream: 'my-app/noise' });
 * resumed.restore(saved);
 * console.log(resumed.advance().step); // prints: 1
 * ```
 */
export class NoiseState {
  /** The component, for messages. */
  readonly owner: string;
  private stepNameValue: string;
  private seedValue: number | undefined;
  private readonly streamName: string | (() => string);
  private count: number;
  /** The gradient tape of the step counted last by `next` (null outside one), and its calls. */
  private stepTape: unknown = null;
  private calls = 0;
  /** Stream ids by draw index, for the stream name they were computed for. */
  private streamIds: number[] = [];
  private streamIdsFor = '';
  /** Writes the bound weight without the check of outside writes; null when not bound. */
  private writeWeight: ((value: Tensor) => LayerVariable) | null = null;

  /** @param args See {@link NoiseStateArgs}. */
  constructor(args: NoiseStateArgs) {
    this.owner = args.owner;
    this.seedValue = args.seed;
    this.streamName = args.stream;
    this.stepNameValue = args.stepName ?? `${args.owner}/step`;
    this.count = 0;
    if (args.step !== undefined) this.restore(args.step);
  }

  /** The seed of the noise (throws if the component has not given it yet). */
  get seed(): number {
    if (this.seedValue === undefined) {
      fail(this.owner, 'seed', 'given before the first draw', undefined);
    }
    return this.seedValue;
  }

  /** The name of the saved step, for messages (a layer's `<layer name>/noise_step` once bound). */
  get stepName(): string {
    return this.stepNameValue;
  }

  /** The step of the next draw: the number of steps so far (restored ones included). */
  get step(): number {
    return this.count;
  }

  /** The stream of draw `index` of a step: `streamId(<stream name>, index)`. */
  stream(index = 0): number {
    const name = typeof this.streamName === 'string' ? this.streamName : this.streamName();
    if (name !== this.streamIdsFor) {
      this.streamIds = [];
      this.streamIdsFor = name;
    }
    let id = this.streamIds[index];
    if (id === undefined) {
      id = streamId(name, index);
      this.streamIds[index] = id;
    }
    return id;
  }

  /** The key of draw `index` at `step` (default: the next step); changes nothing. */
  key(index = 0, step = this.count): NoiseKey {
    return { seed: this.seed, stream: this.stream(index), step };
  }

  /**
   * The key of the next step (draw 0), counting the step: for a component that counts its steps
   * itself (one call per step). Throws, naming the component and its saved step, if the step is
   * at {@link MAX_STEP}.
   */
  advance(): NoiseKey {
    const key = this.key(0);
    this.setCount(key.step + 1);
    this.stepTape = null;
    return key;
  }

  /**
   * The key and call index of this training call. Inside a training step (a gradient tape, as
   * in `fit`), the first call counts the step; further calls in the same step (a shared layer,
   * TimeDistributed) get the same step, the call index 1, 2, ... and the stream of their index.
   * Outside a gradient tape (`apply(x, {training: true})` by hand), every call is a step of its
   * own.
   */
  next(): NoiseKey & NoiseDraw {
    const tape = currentTape();
    if (tape !== null && tape === this.stepTape) {
      this.calls += 1;
      const step = this.count - 1;
      return { seed: this.seed, stream: this.stream(this.calls), step, call: this.calls };
    }
    const seed = this.seed;
    const step = this.count;
    this.setCount(step + 1);
    this.stepTape = tape;
    this.calls = 0;
    return { seed, stream: this.stream(0), step, call: 0 };
  }

  /** Throws, naming the component and its saved step, unless another step can be counted. */
  checkLeft(): void {
    checkStepLeft(this.owner, this.stepName, this.count);
  }

  /**
   * Sets the step (a saved one): an integer in [0, {@link MAX_STEP}], else an `Error` naming
   * the component and its saved step. Written to the bound weight, if any.
   */
  restore(step: number): void {
    if (!Number.isInteger(step) || step < 0 || step > MAX_STEP) {
      fail(this.owner, this.stepName, `an integer in [0, ${MAX_STEP}]`, step);
    }
    this.count = step;
    this.stepTape = null;
    this.writeCount();
  }

  /**
   * Makes `variable` (a layer's int32 scalar weight, e.g. `noise_step`) the saved place of the
   * step: the state writes its step into it now (no read: on a GPU backend that would wait for
   * the device) and at every step, and checks and adopts every value written to it from outside
   * (`loadLayersModel`, `setWeights`), refusing with an `Error` naming the component and the
   * weight anything but an int32 scalar holding an integer in [0, {@link MAX_STEP}].
   */
  saveIn(variable: LayerVariable): this {
    if (this.writeWeight !== null) fail(this.owner, this.stepName, 'bound once', variable.name);
    this.stepNameValue = variable.originalName;
    this.writeWeight = interceptWrites(variable, (value, write) => {
      const step = readStepSync(this.owner, this.stepName, value);
      write(value);
      this.count = step;
      this.stepTape = null;
    });
    this.writeCount();
    return this;
  }

  /**
   * Sets the seed: of a component that knows it only at its first draw (see
   * {@link NoiseStateArgs.seed}), or restored with the step (a target noise).
   *
   * @internal
   */
  useSeed(seed: number): void {
    this.seedValue = seed;
  }

  private setCount(next: number): void {
    this.checkLeft();
    this.count = next;
    this.writeCount();
  }

  private writeCount(): void {
    if (this.writeWeight === null) return;
    const value = scalar(this.count, 'int32');
    this.writeWeight(value);
    value.dispose();
  }
}
