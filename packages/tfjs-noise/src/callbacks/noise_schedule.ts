/**
 * noiseSchedule: a `fit` callback that sets the amount (std) of the model's noise components
 * from a schedule, every batch or every epoch, and logs it as `noise_stddev`.
 */
import { Callback, type LayersModel, type Logs, type layers } from '@tensorflow/tfjs-layers';
import { everyLayer, innerLayers } from '../layers/wrapped_layers';
import { type NoiseComponent, noiseComponentOf } from '../noise_component';
import type { Schedule } from '../schedules/schedules';
import { checkOneOf, fail, requireArgs } from '../validate';

/**
 * Arguments of {@link noiseSchedule}.
 *
 * @example
 * ```ts
 * const args: tfn.NoiseScheduleArgs = {
 *   schedule: tfn.schedules.cosine({ initial: 0.2, steps: 1000 }),
 *   per: 'batch',
 *   target: ['jitter_in'],
 * };
 * const callback = tfn.callbacks.noiseSchedule(args);
 * ```
 */
export interface NoiseScheduleArgs {
  /** The amount as a function of the step (see `tfn.schedules`). */
  schedule: Schedule;
  /**
   * Names of the layers to drive. Default: every noise component of the model whose amount is a
   * single std, as its noise declaration says (`NoiseComponent.amount`): GaussianJitter (scalar
   * stddev), WeightNoise (without learnableScale), NoisyActivation in plain mode, tfjs's
   * GaussianNoise, and any registered layer class that declares `static noise` with an amount;
   * in nested models and inside tfjs wrappers too (both directions of a Bidirectional). A
   * wrapper's name (a TimeDistributed, a Bidirectional) drives the noise layers it holds. Two
   * callbacks of one `fit` may not drive the same layer (the fit throws, naming it).
   */
  target?: string[];
  /**
   * `'batch'` (default): the step is the number of training batches so far, read from the noise
   * layers' saved `noise_step`, so a reloaded model continues the schedule where it stopped.
   * Layers with no step of their own (tfjs's GaussianNoise) alone: the step is the number of
   * batches this callback has run on this model, so the same callback continues across `fit()`
   * calls, but a new callback (or a reloaded model) starts again at 0.
   * `'epoch'`: the step is the epoch index (pass `initialEpoch` to `fit` when resuming).
   */
  per?: 'batch' | 'epoch';
}

const OWNER = 'noiseSchedule';

/** A layer whose noise amount is one std, with its noise declaration. */
interface Scheduled {
  layer: layers.Layer;
  noise: Required<Pick<NoiseComponent, 'amount' | 'setAmount'>> & NoiseComponent;
}

/** `layer` with its declaration, if a schedule can set its amount (see `NoiseComponent.amount`). */
function scheduled(layer: layers.Layer): Scheduled | null {
  const noise = noiseComponentOf(layer);
  if (noise?.amount === undefined || noise.setAmount === undefined) return null;
  if (noise.amount(layer) === undefined) return null;
  return { layer, noise: noise as Scheduled['noise'] };
}

/** The layers inside a tfjs wrapper, at any depth. */
function heldBy(layer: layers.Layer): layers.Layer[] {
  return innerLayers(layer).flatMap((inner) => [inner, ...heldBy(inner)]);
}

/**
 * Which callback drives a layer, in which fit: tfjs gives the callbacks of one `fit` the same
 * `params` object, so two callbacks of one fit that claim a layer are told apart from a later
 * fit (even one after a fit that threw).
 */
const drivers = new WeakMap<layers.Layer, { callback: Callback; fit: unknown }>();

/**
 * The callback behind {@link noiseSchedule}. The amount it set last is readable as `value`.
 *
 * @example
 * ```ts
 * const callback = tfn.callbacks.noiseSchedule({ schedule: tfn.schedules.constant({ value: 0.1 }) });
 * await model.fit(xs, ys, { epochs: 5, callbacks: [callback] });
 * // The amount set last:
 * console.log(callback.value); // prints: 0.1
 * ```
 */
export class NoiseScheduleCallback extends Callback {
  /** The schedule. */
  readonly schedule: Schedule;
  /** Names of the driven layers, or null for every noise component. */
  readonly target: string[] | null;
  /** Per batch or per epoch. */
  readonly per: 'batch' | 'epoch';
  /** The amount set last (NaN before training starts). */
  value = Number.NaN;

  private layersToSet: Scheduled[] = [];
  /** Batches run on `countedModel`, for layers that keep no step of their own. */
  private batches = 0;
  private countedModel: LayersModel | null = null;

  constructor(args: NoiseScheduleArgs) {
    super();
    requireArgs(OWNER, args);
    if (typeof args.schedule !== 'function') {
      fail(
        OWNER,
        'schedule',
        'a function of the step (e.g. tfn.schedules.linear(...))',
        args.schedule,
      );
    }
    if (
      args.target != null &&
      (!Array.isArray(args.target) || args.target.some((t) => typeof t !== 'string'))
    ) {
      fail(OWNER, 'target', 'an array of layer names', args.target);
    }
    this.schedule = args.schedule;
    this.target = args.target ?? null;
    this.per = checkOneOf(OWNER, 'per', args.per ?? 'batch', ['batch', 'epoch'] as const);
  }

  override async onTrainBegin(): Promise<void> {
    const layersOfModel = everyLayer(this.model).map(({ layer }) => layer);
    const chosen = this.target
      ? this.target.flatMap((name) => {
          const layer = layersOfModel.find((l) => l.name === name);
          if (!layer) fail(OWNER, 'target', `names of layers of the model`, name);
          const found = scheduled(layer);
          if (found) return [found];
          // A wrapper drives the noise layers it holds.
          const inside = heldBy(layer).flatMap((l) => scheduled(l) ?? []);
          if (inside.length === 0) {
            fail(OWNER, 'target', 'noise layers whose stddev is a single number', name);
          }
          return inside;
        })
      : layersOfModel.flatMap((l) => scheduled(l) ?? []);
    if (chosen.length === 0) {
      fail(OWNER, 'model', 'a model with at least one noise layer to schedule', this.model.name);
    }
    this.claim(chosen);
    this.layersToSet = chosen;
    if (this.countedModel !== this.model) {
      this.batches = 0;
      this.countedModel = this.model;
    }
  }

  /** Records this callback as the driver of `chosen`; throws if another drives one in this fit. */
  private claim(chosen: Scheduled[]): void {
    const fit = this.params ?? null;
    for (const { layer } of chosen) {
      const driver = drivers.get(layer);
      if (fit !== null && driver && driver.fit === fit && driver.callback !== this) {
        fail(
          OWNER,
          'target',
          'layers no other noiseSchedule callback of this fit drives',
          layer.name,
        );
      }
    }
    for (const { layer } of chosen) drivers.set(layer, { callback: this, fit });
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    if (this.per === 'epoch') this.set(epoch);
  }

  override async onBatchBegin(): Promise<void> {
    if (this.per === 'batch') this.set(this.globalStep());
    this.batches++;
  }

  override async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    if (logs) logs.noise_stddev = this.value;
  }

  override async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    if (logs) logs.noise_stddev = this.value;
  }

  /** The number of training batches so far: the noise layers' saved step where they have one. */
  private globalStep(): number {
    const steps = this.layersToSet.flatMap(({ layer, noise }) => noise.step?.(layer) ?? []);
    return steps.length > 0 ? Math.max(...steps) : this.batches;
  }

  private set(step: number): void {
    const value = this.schedule(step);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      fail(OWNER, 'schedule', `a function returning finite amounts >= 0 (at step ${step})`, value);
    }
    for (const { layer, noise } of this.layersToSet) noise.setAmount(layer, value);
    this.value = value;
  }
}

/**
 * A `model.fit` callback that anneals the noise: before every batch (or epoch) it sets the
 * stddev of the model's noise layers to `schedule(step)`, and adds the value to the logs as
 * `noise_stddev`.
 *
 * @example
 * ```ts
 * const history = await model.fit(xs, ys, {
 *   epochs: 100,
 *   callbacks: [
 *     tfn.callbacks.noiseSchedule({
 *       schedule: tfn.schedules.linear({ from: 0.3, to: 0, steps: 2000 }),
 *     }),
 *   ],
 * });
 * console.log(history.history.noise_stddev); // the amount of every epoch's last batch
 * ```
 */
export function noiseSchedule(args: NoiseScheduleArgs): NoiseScheduleCallback {
  return new NoiseScheduleCallback(args);
}
