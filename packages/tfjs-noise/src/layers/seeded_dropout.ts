/**
 * SeededDropout: inverted dropout whose mask is drawn anew at every training step from the
 * seeded noise source, so that a seeded model is reproducible and still drops other units at
 * each step (tfjs's `tf.layers.dropout` with a `seed` draws the same mask at every call).
 */
import {
  cast,
  greaterEqual,
  mul,
  type serialization,
  type Tensor,
  tidy,
} from '@tensorflow/tfjs-core';
import type { Shape } from '@tensorflow/tfjs-layers';
import type { NoiseComponent } from '../noise_component';
import { uniform } from '../random/noise';
import { randomSeed } from '../random/noise_key';
import { type Kwargs, registerBuiltIn } from '../tfjs_internals';
import { checkSeed, fail, requireArgs } from '../validate';
import { checkNoiseShape, checkStructure, drawShape, type NoiseShape } from './jitter_structure';
import { floatInput, NoiseLayer, type NoiseLayerArgs } from './noise_layer';

/**
 * Arguments of {@link seededDropout}.
 *
 * @example
 * ```ts
 * const args: tfn.SeededDropoutArgs = { rate: 0.3, seed: 1 };
 * model.add(tfn.layers.seededDropout(args));
 * const spatial: tfn.SeededDropoutArgs = { rate: 0.2, noiseShape: [null, 1, 1, null], seed: 2 };
 * ```
 */
export interface SeededDropoutArgs extends NoiseLayerArgs {
  /** Fraction of the units dropped at each training step: a number in [0, 1). */
  rate: number;
  /**
   * Which axes share one mask value, as in tfjs's `dropout`: an array of the input's rank (the
   * batch axis included) with `null` or the input's size for a mask independent along that
   * axis, and `1` for one value shared along it. E.g. `[null, 1, 1, null]` on
   * [batch, h, w, c] drops whole channels of each image (spatial dropout), `[null, 1, null]` on
   * [batch, t, c] whole channels of each sequence. Default: independent along every axis.
   */
  noiseShape?: NoiseShape;
  /**
   * Integer seed of the masks. With a seed, training is reproducible. If omitted a random seed
   * is drawn; either way the seed is saved in the config, so a reloaded model continues the
   * sequence of masks.
   */
  seed?: number;
}

/**
 * The config of a {@link SeededDropout} (besides tfjs's layer config and `streamIndex`).
 *
 * @example
 * ```ts
 * const config = tfn.layers.seededDropout({ rate: 0.5, seed: 3 }).getConfig() as unknown as tfn.SeededDropoutConfig;
 * console.log(config.rate, config.seed); // prints: 0.5 3
 * ```
 */
export interface SeededDropoutConfig {
  rate: number;
  noiseShape: NoiseShape | null;
  seed: number;
}

/** A `rate` in [0, 1). */
function checkRate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    fail('SeededDropout', 'rate', 'a number in [0, 1)', value);
  }
  return value + 0;
}

/**
 * Inverted dropout with a new seeded mask at every training step; the identity at inference.
 *
 * In training, each unit (or each group of units sharing a mask value, see `noiseShape`) is kept
 * where `uniform(maskShape, key) >= rate` and scaled by 1 / (1 - rate), so the expected output
 * is the input, as in tfjs's `dropout`. The key of step t is (seed, 'SeededDropout', t) (with
 * the layer's stream index): the mask changes at every step, the sequence of masks is a pure
 * function of the seed, and the step is saved in the `noise_step` weight, so a reloaded model
 * draws the masks it would have drawn. tfjs's `tf.layers.dropout({rate, seed})` draws one mask
 * for every call, a fixed random pruning of the units rather than dropout; without a seed it
 * draws from `Math.random` and is not reproducible.
 *
 * Rules (each broken one is an `Error` naming the argument and the value): `rate` is a number
 * in [0, 1); `noiseShape` has the input's rank, and each entry is null, 1 or the input's size.
 *
 * `stripNoise` drops the layer. `noiseSchedule` does not drive it (its amount is a rate, not a
 * std).
 *
 * Call arguments: `inputs`, one tensor of any shape (int32 and bool are cast to float32);
 * `training`, masks are drawn only when true; `mask`, passed through.
 *
 * @example
 * ```ts
 * const dropout = new tfn.SeededDropout({ rate: 0.5, seed: 1 });
 * const x = tf.ones([2, 4]);
 * dropout.apply(x); // no dropout: x itself
 * dropout.apply(x, { training: true }); // about half the entries 0, the others 2
 * dropout.apply(x, { training: true }); // another mask
 * ```
 */
export class SeededDropout extends NoiseLayer {
  /** @nocollapse */
  static className = 'SeededDropout';

  /** Dropped by `stripNoise` (the identity at inference); not scheduled. */
  static readonly noise: NoiseComponent<SeededDropout> = {
    strip: () => ({ kind: 'drop' }),
  };

  /** Fraction of the units dropped at each training step, in [0, 1). */
  readonly rate: number;
  /** The seed of this layer's masks. */
  readonly seed: number;

  private readonly noiseShapeValue: NoiseShape | null;

  constructor(args: SeededDropoutArgs) {
    super(requireArgs('SeededDropout', args));
    this.rate = checkRate(args.rate);
    this.noiseShapeValue = checkNoiseShape('SeededDropout', args.noiseShape);
    this.seed = checkSeed('SeededDropout', args.seed) ?? randomSeed();
    this.supportsMasking = true;
    const shape = args.batchInputShape ?? (args.inputShape ? [null, ...args.inputShape] : null);
    if (shape) this.checkShape(shape);
  }

  /** The shape of the mask drawn (see {@link SeededDropoutArgs.noiseShape}); null: the input's. */
  get noiseShape(): NoiseShape | null {
    return this.noiseShapeValue === null ? null : this.noiseShapeValue.slice();
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    this.checkShape(shape);
    this.addNoiseStep();
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tidy(() => {
      const x = floatInput(Array.isArray(inputs) ? (inputs[0] as Tensor) : inputs);
      if (kwargs.training !== true || this.noiseState === null) return x;
      // Further calls in the same step (a shared layer) draw from streams of their own.
      const key = this.nextNoiseKey(this.seed);
      if (this.rate === 0) return x;
      this.checkShape(x.shape);
      const keep = greaterEqual(uniform(drawShape(x.shape, this.noiseShapeValue), key), this.rate);
      return mul(x, mul(cast(keep, 'float32'), 1 / (1 - this.rate)));
    });
  }

  override getConfig(): serialization.ConfigDict {
    const config: SeededDropoutConfig = {
      rate: this.rate,
      noiseShape: this.noiseShape,
      seed: this.seed,
    };
    return { ...super.getConfig(), ...config };
  }

  private checkShape(shape: readonly (number | null)[]): void {
    checkStructure('SeededDropout', shape, this.noiseShapeValue, null);
  }
}
registerBuiltIn(SeededDropout);

/**
 * Dropout with a seeded mask drawn anew at every training step (`tf.layers.dropout` with a
 * `seed` keeps one mask): reproducible, saved and resumed with the model.
 *
 * @example
 * ```ts
 * model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [8] }));
 * model.add(tfn.layers.seededDropout({ rate: 0.3, seed: 1 }));
 * model.add(tf.layers.dense({ units: 1 }));
 * ```
 */
export function seededDropout(args: SeededDropoutArgs): SeededDropout {
  return new SeededDropout(args);
}
