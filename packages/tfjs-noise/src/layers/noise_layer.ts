/**
 * The shared base of the noise layers: the layer's {@link NoiseState} (seed, stream and a step
 * saved in the int32 weight `noise_step`), and shape and mask passed through unchanged. Public:
 * a user's noise layer that extends {@link NoiseLayer} saves and resumes its noise like the
 * built-in layers (see docs/layers.md, "Your own noise layer").
 */
import { cast, type serialization, type Tensor } from '@tensorflow/tfjs-core';
import { initializers, layers, type Shape, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { NoiseComponent } from '../noise_component';
import { checkSameTfjsLayers } from '../one_tfjs';
import { type NoiseKey, streamId } from '../random/noise_key';
import { NOISE_STEP_WEIGHT, NoiseState } from '../random/noise_state';
import { connectedLayers, type Kwargs, type LayerArgs } from '../tfjs_internals';
import { checkInt, fail, show } from '../validate';

/**
 * Arguments every {@link NoiseLayer} takes, besides tfjs's layer arguments.
 *
 * @example
 * ```ts
 * import { type NoiseLayerArgs } from 'tfjs-noise/extend';
 * const args: NoiseLayerArgs = { streamIndex: 1 }; // the second stream of its class and seed
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1, ...args }));
 * ```
 */
export interface NoiseLayerArgs extends LayerArgs {
  /**
   * Which noise stream of its class and seed the layer draws from: an integer >= 0. Omitted
   * (the usual case), it is the layer's rank among the noise layers of its class and seed in
   * its model, in the order the model-building code applied them (0 for the first), so that two
   * layers of one class with one seed draw different noise; it is saved in the config. Give the
   * same value to two layers only to make them draw the same noise.
   */
  streamIndex?: number;
}

/**
 * The stream of the noise that the layer class `className` with stream index `streamIndex`
 * draws for its call (or weight) `index`. Stream index 0 is the stream of versions before
 * stream indices, so a layer saved by them draws as it did.
 */
export function layerStream(className: string, streamIndex: number, index: number): number {
  return streamId(layerStreamName(className, streamIndex), index);
}

/** The stream name of the layer class `className` with stream index `streamIndex`. */
function layerStreamName(className: string, streamIndex: number): string {
  return streamIndex === 0 ? className : `${className}#${streamIndex}`;
}

/** Stream indices fixed so far: given, read from a saved config, or assigned. */
const streamIndices = new WeakMap<NoiseLayer, number>();
/** The order in which noise layers were first applied (to symbolic or concrete inputs). */
const applyOrder = new WeakMap<NoiseLayer, number>();
let applied = 0;

/** A layer's seed, if it keeps one as `seed` (as tfjs-noise's layers do). */
const seedOf = (layer: NoiseLayer): unknown => (layer as { seed?: unknown }).seed;

/**
 * Fixes the stream index of `layer` and of every noise layer of its class and seed connected to
 * it that has none yet: in the order they were first applied, each takes the smallest index
 * that no layer of the group has.
 */
function assignStreams(layer: NoiseLayer): void {
  const peers = connectedLayers(layer).filter(
    (other): other is NoiseLayer =>
      other instanceof NoiseLayer &&
      other.getClassName() === layer.getClassName() &&
      seedOf(other) === seedOf(layer),
  );
  const taken = new Set(peers.flatMap((p) => streamIndices.get(p) ?? []));
  const order = (p: NoiseLayer) => applyOrder.get(p) ?? Number.POSITIVE_INFINITY;
  const open = peers.filter((p) => !streamIndices.has(p)).sort((a, b) => order(a) - order(b));
  let next = 0;
  for (const peer of open) {
    while (taken.has(next)) next++;
    streamIndices.set(peer, next);
    taken.add(next);
  }
}

/**
 * For a noise layer built from the saved `config` (in a `fromConfig`): keeps its saved
 * `streamIndex`, or 0 for a config saved before stream indices existed (their layers all drew
 * from stream 0, and so still do). Anything else is returned as it is.
 */
export function keepSavedStream<T>(layer: T, config: serialization.ConfigDict): T {
  if (layer instanceof NoiseLayer && !streamIndices.has(layer)) {
    const saved = config.streamIndex;
    streamIndices.set(
      layer,
      saved == null ? 0 : checkInt(layer.getClassName(), 'streamIndex', saved, 0),
    );
  }
  return layer;
}

/**
 * A layer that draws noise per training step and saves its step with its weights: the base of
 * GaussianJitter, WeightNoise and NoisyActivation, and of your own noise layers. A subclass
 * calls `addNoiseStep()` in `build` and `nextNoiseKey(seed)` in a training `call`, and draws
 * its noise from that key (`tfn.random.normal(shape, key)`): the noise of step t is then a pure
 * function of (seed, class name, stream index, t), and a saved and reloaded model resumes with exactly the
 * noise it would have drawn. Declare `static readonly noise` (for
 * example `{ ...SCHEDULED_STDDEV, strip: () => ({ kind: 'drop' }) }`) to be scheduled and
 * stripped, and register the class with `tf.serialization.registerClass`.
 *
 * @example
 * ```ts
 * import { type NoiseComponent, NoiseLayer, SCHEDULED_STDDEV } from 'tfjs-noise/extend';
 * class UniformJitter extends NoiseLayer {
 *   static className = 'UniformJitter';
 *   static readonly noise: NoiseComponent<UniformJitter> = {
 *     ...SCHEDULED_STDDEV,
 *     strip: () => ({ kind: 'drop' }),
 *   };
 *   stddev: number;
 *   readonly seed: number;
 *   constructor(args: { stddev: number; seed: number; inputShape?: number[] }) {
 *     super(args);
 *     this.stddev = args.stddev;
 *     this.seed = args.seed;
 *   }
 *   override build(): void {
 *     this.addNoiseStep();
 *     this.built = true;
 *   }
 *   override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
 *     const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
 *     if (kwargs.training !== true) return x;
 *     const half = this.stddev * Math.sqrt(3); // uniform noise of std `stddev`
 *     return tf.tidy(() => tf.add(x, tfn.random.uniform(x.shape, this.nextNoiseKey(this.seed), -half, half)));
 *   }
 *   override getConfig(): tf.serialization.ConfigDict {
 *     return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
 *   }
 * }
 * tf.serialization.registerClass(UniformJitter);
 * ```
 */
export abstract class NoiseLayer extends layers.Layer {
  /**
   * The layer's noise state: its seed, its stream (the class name and stream index) and its
   * step, saved in the `noise_step` weight; null until `build` calls {@link addNoiseStep}.
   */
  protected noiseState: NoiseState | null = null;

  /** Whether the seed of the first training call was found in `getConfig()` (checked once). */
  private seedSaved = false;

  /** @param args tfjs's layer arguments, and `streamIndex` (see {@link NoiseLayerArgs}). */
  constructor(args: NoiseLayerArgs = {}) {
    super(args);
    if (args.streamIndex != null) {
      streamIndices.set(this, checkInt(this.getClassName(), 'streamIndex', args.streamIndex, 0));
    }
  }

  /**
   * Which noise stream of its class and seed this layer draws from (see
   * {@link NoiseLayerArgs.streamIndex}): given, saved, or fixed when first needed (the first
   * training call or `getConfig`) from the layer's rank in its model. A layer loaded from a
   * config saved before stream indices existed has 0.
   */
  get streamIndex(): number {
    if (!streamIndices.has(this)) assignStreams(this);
    return streamIndices.get(this) as number;
  }

  /**
   * Number of training steps (noise draws) so far, including those restored from a save. Saved
   * as the int32 weight `noise_step`: a loaded value must be an int32 integer in
   * [0, 2^31 - 1] (else the load throws, naming the layer and the weight), and training stops
   * with an error at 2^31 - 1 (`MAX_STEP` of `tfjs-noise/extend`) instead of wrapping.
   */
  get step(): number {
    return this.noiseState?.step ?? 0;
  }

  /**
   * Adds the non-trainable `noise_step` weight and the layer's {@link NoiseState}, which saves
   * its step there; call from `build`. The state's seed is the layer's `seed` property when that
   * is a safe integer, else the seed first given to {@link nextNoiseKey}.
   */
  protected addNoiseStep(): void {
    const className = this.getClassName();
    const seed = seedOf(this);
    this.noiseState = new NoiseState({
      owner: className,
      seed: typeof seed === 'number' && Number.isSafeInteger(seed) ? seed : undefined,
      stream: () => layerStreamName(className, this.streamIndex),
    }).saveIn(
      this.addWeight(NOISE_STEP_WEIGHT, [], 'int32', initializers.zeros(), undefined, false),
    );
  }

  /**
   * The key of this training call's noise, from the layer's {@link NoiseState}: advances the
   * saved step on the first call of a training step (see {@link NoiseState.next}). The stream
   * is `streamId(<class name>, call)` for stream index 0 and
   * `streamId('<class name>#<stream index>', call)` for the others: further calls in the same
   * step (a shared layer, TimeDistributed) draw from streams of their own. Call it only in
   * training, after `build` has called `addNoiseStep()` (else an `Error` naming the layer
   * class). On the first call, `seed` must be a safe integer
   * that `getConfig()` holds (as `seed`, or under a name of your own), else an `Error` names the
   * layer, its class and the missing seed: a layer reloaded without its seed would draw other
   * noise (a fresh random seed) or fail.
   *
   * @param seed The layer's seed (save it in the config so that a reloaded layer resumes).
   */
  protected nextNoiseKey(seed: number): NoiseKey {
    const state = this.noiseState;
    if (state === null) {
      fail(this.getClassName(), 'noise_step', 'added by addNoiseStep() in build', null);
    }
    if (!this.seedSaved) this.checkSeedSaved(seed);
    state.useSeed(seed);
    const { stream, step } = state.next();
    return { seed, stream, step };
  }

  /**
   * Throws an `Error` naming the layer and its class unless `seed` is a safe integer held by the
   * layer's config (a top-level value of `getConfig()`, e.g. `seed`): a layer reloaded from a
   * save is built from its config alone, so a seed missing there is `undefined` after a reload
   * (or a fresh random one), and the resumed noise would not be the noise of the save.
   */
  private checkSeedSaved(seed: number): void {
    const layer = `${this.getClassName()} ${show(this.name)}`;
    const fix = 'add the seed to getConfig() and read it back in the constructor.';
    if (!Number.isSafeInteger(seed)) {
      throw new Error(
        `${layer}: the seed given to \`nextNoiseKey\` must be a safe integer, but got ` +
          `${show(seed)}. A layer loaded from a save gets only its saved config: ${fix}`,
      );
    }
    const config = Object.entries(this.getConfig());
    if (!config.some(([field, value]) => field !== 'streamIndex' && value === seed)) {
      throw new Error(
        `${layer}: \`getConfig()\` must hold the seed the noise is drawn with (${seed}, e.g. as ` +
          '`seed`), but got a config without it: a reloaded layer would draw other noise, or ' +
          `none. ${fix[0]?.toUpperCase()}${fix.slice(1)}`,
      );
    }
    this.seedSaved = true;
  }

  /**
   * Calls the layer as tfjs does, after checking that symbolic inputs come from the same copy of
   * tfjs-layers as tfjs-noise (two copies of tfjs break in unclear ways).
   */
  override apply(
    inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[],
    kwargs?: Kwargs,
  ): Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[] {
    checkSameTfjsLayers(inputs, `${this.getClassName()} ${JSON.stringify(this.name)}`);
    if (!applyOrder.has(this)) applyOrder.set(this, applied++);
    return super.apply(inputs, kwargs);
  }

  /** tfjs's layer config, with the layer's {@link streamIndex}. */
  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), streamIndex: this.streamIndex };
  }

  /**
   * Builds the layer from its saved config, keeping its saved `streamIndex` (0 for a config
   * saved before stream indices existed, so that it draws as it did).
   *
   * @nocollapse
   */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    return keepSavedStream(new cls(config), config);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
    return mask as Tensor;
  }
}

/**
 * The schedulable part of a noise layer's {@link NoiseComponent} declaration: the amount is the
 * layer's `stddev` when that is one number (not per feature, not a learnable scale, not a fixed
 * mode), and the step is its saved `noise_step`. Spread it into the `noise` declaration of your
 * own {@link NoiseLayer} with a `stddev` property to have `noiseSchedule` drive it.
 *
 * @example
 * ```ts
 * import { type NoiseComponent, NoiseLayer, SCHEDULED_STDDEV, type StddevLayer } from 'tfjs-noise/extend';
 * const noise: NoiseComponent<NoiseLayer & StddevLayer> = {
 *   ...SCHEDULED_STDDEV,
 *   strip: () => ({ kind: 'drop' }),
 * };
 * ```
 */
export const SCHEDULED_STDDEV: Omit<NoiseComponent<NoiseLayer & StddevLayer>, 'strip'> = {
  amount: (layer) => (typeof layer.stddev === 'number' ? layer.stddev : undefined),
  setAmount: (layer, value) => {
    layer.stddev = value;
  },
  step: (layer) => layer.step,
};

/**
 * A noise layer whose amount is its `stddev` property (see {@link SCHEDULED_STDDEV}).
 *
 * @example
 * ```ts
 * import { type StddevLayer } from 'tfjs-noise/extend';
 * const jitter: StddevLayer = tfn.layers.gaussianJitter({ stddev: 0.1 });
 * jitter.stddev = 0.05;
 * ```
 */
export interface StddevLayer {
  stddev: number | number[] | null;
}

/**
 * `x` as float32: int32 and bool inputs are cast (as Keras casts inputs to the layer's float
 * dtype), so every backend computes in floats; float32 tensors are returned as they are. Some
 * tfjs kernels mishandle int32 (tfjs-backend-wasm's clipByValue reads int32 data as float32
 * bits) or reject it (conv, tanh).
 *
 * @example
 * ```ts
 * import { floatInput } from 'tfjs-noise/extend';
 * const x = floatInput(tf.tensor1d([1, 2, 3], 'int32'));
 * console.log(x.dtype); // prints: float32
 * ```
 */
export function floatInput(x: Tensor): Tensor {
  return x.dtype === 'int32' || x.dtype === 'bool' ? cast(x, 'float32') : x;
}
