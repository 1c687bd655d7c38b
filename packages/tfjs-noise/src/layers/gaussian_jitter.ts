/**
 * GaussianJitter: additive or multiplicative Gaussian noise on inputs or activations, during
 * training only.
 */
import {
  add,
  broadcastTo,
  cast,
  div,
  expandDims,
  maximum,
  mul,
  ones,
  scalar,
  type serialization,
  sqrt,
  sub,
  sum,
  type Tensor,
  tensor1d,
  tidy,
} from '@tensorflow/tfjs-core';
import type { Shape } from '@tensorflow/tfjs-layers';
import type { NoiseComponent } from '../noise_component';
import { FieldKernels, gaussianField } from '../random/gaussian_field';
import { normal } from '../random/noise';
import { type NoiseKey, randomSeed } from '../random/noise_key';
import { type Kwargs, registerBuiltIn } from '../tfjs_internals';
import {
  checkBoolean,
  checkNonNegativeOrArray,
  checkOneOf,
  checkSeed,
  fail,
  requireArgs,
} from '../validate';
import {
  checkCorrelationLength,
  checkNoiseShape,
  checkStructure,
  drawShape,
  type NoiseShape,
} from './jitter_structure';
import { floatInput, NoiseLayer, type NoiseLayerArgs, SCHEDULED_STDDEV } from './noise_layer';
import { NOISE_MODES, type NoiseMode } from './noise_mode';
import { checkSnrDb, type SnrDb, snrStd } from './snr';
import { stopGradient } from './stop_gradient';

/**
 * Arguments of {@link gaussianJitter}. The amount is either `stddev` or `snrDb` (exactly one of
 * them); `noiseShape` and `correlationLength` give the noise a structure.
 *
 * @example
 * ```ts
 * const args: tfn.GaussianJitterArgs = { stddev: [0.1, 0.2, 0.05], inputShape: [3], seed: 1 };
 * model.add(tfn.layers.gaussianJitter(args));
 * const images: tfn.GaussianJitterArgs = { snrDb: [10, 30], correlationLength: 2, seed: 2 };
 * ```
 */
export interface GaussianJitterArgs extends NoiseLayerArgs {
  /**
   * Standard deviation of the noise: a number >= 0, or an array with one value per feature
   * (the last axis). Can be changed between batches through the layer's `stddev` property.
   * Required unless `snrDb` is given; then it must be omitted.
   */
  stddev?: number | number[];
  /**
   * The amount as a signal-to-noise ratio in dB, instead of `stddev`: per example, the noise std
   * is that example's RMS over all its non-batch axes (on the layer's input as it arrives, mean
   * not removed unless `snrCentered`) times 10^(-snrDb / 20); the RMS is not trained through.
   * A pair [low, high] draws each example's SNR uniformly in dB at every step. More dB is less
   * noise. Additive mode only, not with `relative`; `noiseSchedule` does not drive it.
   */
  snrDb?: SnrDb;
  /**
   * With `snrDb`: if true, each example's mean (over its non-batch axes) is removed before its
   * RMS is taken, so the noise std is relative to the example's own std. Default false.
   */
  snrCentered?: boolean;
  /**
   * If true, the noise std of each feature is `stddev` times that feature's standard deviation in
   * the current batch (over every axis but the last), for inputs that were not standardized.
   * Additive mode only. Default false.
   */
  relative?: boolean;
  /** `'additive'` (default): `x + stddev * eps`; `'multiplicative'`: `x * (1 + stddev * eps)`. */
  mode?: NoiseMode;
  /**
   * Which axes share one noise value, as in tfjs's `dropout`: an array of the input's rank (the
   * batch axis included) with `null` or the input's size for noise independent along that axis,
   * and `1` for one value shared along it. E.g. `[null, 1, 1, null]` on [batch, h, w, c]: one
   * value per example and channel; `[null, null, null, 1]`: one field shared by the channels.
   * The smaller tensor is drawn and broadcast. Default: independent along every axis.
   */
  noiseShape?: NoiseShape;
  /**
   * Spatially correlated noise along the axes between the batch axis and the last (time for
   * [batch, t, c], h and w for [batch, h, w, c]): entries d apart along such an axis have
   * correlation exp(-d^2 / (2 l^2)), l = correlationLength, and each entry keeps the std given.
   * A number for every such axis (except those `noiseShape` shares), or one per axis (0 on a
   * shared axis). 0 or omitted: independent entries. An input with no such axis (rank 2) is an
   * error when the layer is built.
   */
  correlationLength?: number | number[];
  /**
   * Integer seed of the noise. With a seed, training is reproducible. If omitted a random seed is
   * drawn; either way the seed is saved in the config, so a reloaded model continues the stream.
   */
  seed?: number;
}

/**
 * Serialized configuration of a {@link GaussianJitter} layer (the `config` of the layer in a
 * saved `model.json`). Options not given are null (configs saved before they existed lack them,
 * and load as before).
 *
 * @example
 * ```ts
 * const layer = tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1 });
 * const config = layer.getConfig() as tfn.GaussianJitterConfig;
 * console.log(config.stddev, config.mode, config.seed); // prints: 0.1 additive 1
 * ```
 */
export interface GaussianJitterConfig extends serialization.ConfigDict {
  stddev: number | number[] | null;
  relative: boolean;
  mode: NoiseMode;
  seed: number;
  noiseShape: NoiseShape | null;
  correlationLength: number | number[] | null;
  snrDb: SnrDb | null;
  snrCentered: boolean;
}

/**
 * Which way each amount of {@link GaussianJitter} orders the noise: `'more-noise'` when a larger
 * value means more noise (`stddev`), `'less-noise'` when it means less (`snrDb`, a ratio of
 * signal to noise). For code that orders or searches amounts.
 *
 * @example
 * ```ts
 * const direction: tfn.AmountDirection = tfn.GaussianJitter.amountDirection.snrDb;
 * console.log(direction); // prints: less-noise
 * ```
 */
export type AmountDirection = 'more-noise' | 'less-noise';

/**
 * Adds Gaussian noise to its input during training; the identity at inference.
 *
 * The noise for training step t is drawn from the shared seeded noise source with key
 * (seed, 'GaussianJitter', t); the step counter is a non-trainable weight (`noise_step`), so it is
 * saved with the model and a reloaded model continues with the noise it would have drawn.
 *
 * Structured noise is an option of this layer, not a layer of its own: it keeps the layer's
 * promises (seeded, resumable, identity at inference, saved, stripped, scheduled by `stddev`), and
 * the options combine with the amount, mode and masking:
 * - `noiseShape` (tfjs dropout's convention): a smaller tensor is drawn and broadcast, so its
 *   values are equal along the shared axes (with a per-feature `stddev` on a shared last axis, one
 *   draw scaled per feature).
 * - `correlationLength`: a stationary Gaussian field. White noise is drawn on a field padded by
 *   R = ceil(3 l) + 3 entries on both sides of each correlated axis and blurred along each axis
 *   by a kernel normalised to a sum of squares of 1 (so the std is kept), a `conv2d` with 'valid'
 *   padding: each entry, the ones at the edges too, is a full window of white noise, so the
 *   correlation is the same everywhere (stationary up to the edges). The kernel is the spectral
 *   square root of the target correlation (the Gaussian of std l / sqrt(2) for l >= 3); its
 *   filters are cached by the layer and disposed with it. It runs on every backend with tf ops,
 *   and on webgl and webgpu uploads no noise.
 * - `snrDb`: the noise std of each example follows from its RMS (see
 *   {@link GaussianJitterArgs.snrDb}); with a pair, each example's SNR is drawn from a stream of
 *   its own, derived from the noise's key, so it is seeded and resumable too.
 *
 * Rules (each broken one is an `Error` naming the argument and the value): `stddev` or `snrDb`,
 * not both; `snrDb` neither with `relative` nor with mode 'multiplicative'; `noiseShape` has the
 * input's rank, and each entry is null, 1 or the input's size; `correlationLength` > 0 needs an
 * axis between the batch axis and the last, and one given per axis must be 0 on an axis that
 * `noiseShape` shares (a single number skips the shared axes).
 *
 * Schedules: `noiseSchedule` drives a scalar `stddev` only. A layer whose amount is `snrDb` (or a
 * per-feature `stddev`) is left alone, and naming it in the schedule's `target` is an error: a
 * schedule's values are stds, and more dB is less noise ({@link GaussianJitter.amountDirection}).
 *
 * Args: see {@link GaussianJitterArgs}.
 *
 * Call arguments:
 * - `inputs`: one tensor of any shape; with a per-feature `stddev`, its last axis has
 *   `stddev.length` entries. int32 and bool inputs are cast to float32 first (in training and
 *   at inference); the output is float32.
 * - `training`: noise is added only when true (as in `model.fit`); `predict`, `evaluate` and
 *   `apply` without `{training: true}` return the (float32) input unchanged.
 * - `mask`: passed through; masked positions get no noise and are left out of the batch
 *   statistics of `relative` mode and of the RMS of `snrDb`.
 *
 * @example
 * ```ts
 * const jitter = new tfn.GaussianJitter({ stddev: 0.1, seed: 1 });
 * const x = tf.ones([2, 3]);
 * jitter.apply(x); // no noise: x itself
 * jitter.apply(x, { training: true }); // x + N(0, 0.1^2) noise
 * jitter.stddev = 0.05; // less noise from the next batch on
 * // Smooth noise on images [batch, h, w, c], 20 dB below each image's RMS, one field for all channels:
 * const smooth = new tfn.GaussianJitter({ snrDb: 20, correlationLength: 3, noiseShape: [null, null, null, 1] });
 * ```
 *
 * @example
 * ```ts
 * // What the structured options draw, on 8 images of 32 x 32 x 2 (statistics over 16384
 * // entries, rounded to what one draw measures).
 * const images = tf.fill([8, 32, 32, 2], 2); // every entry 2: each image's RMS is 2
 * const noiseOf = (args: tfn.GaussianJitterArgs) =>
 *   tf.tidy(() => tf.sub(new tfn.GaussianJitter({ seed: 7, ...args }).apply(images, { training: true }) as tf.Tensor, images));
 *
 * // snrDb 20: noise std = RMS x 10^(-20 / 20) = 2 x 0.1.
 * const snr = noiseOf({ snrDb: 20 });
 * console.log(tf.moments(snr).variance.sqrt().dataSync()[0].toFixed(1)); // prints: 0.2
 *
 * // noiseShape [null, 1, 1, null]: one value per image and channel, the same at every pixel.
 * const shared = noiseOf({ stddev: 0.5, noiseShape: [null, 1, 1, null] });
 * const pixels = shared.arraySync() as number[][][][];
 * console.log(pixels[0][0][0][0] === pixels[0][31][31][0]); // prints: true
 *
 * // correlationLength 2: neighbours 1 apart correlate by exp(-1 / 8) = 0.88 (one field: +-0.01).
 * const field = noiseOf({ stddev: 1, correlationLength: 2 });
 * const left = field.slice([0, 0, 0, 0], [8, 32, 31, 2]);
 * const right = field.slice([0, 0, 1, 0], [8, 32, 31, 2]);
 * console.log((tf.mean(tf.mul(left, right)).dataSync()[0] / tf.mean(tf.square(field)).dataSync()[0]).toFixed(1)); // prints: 0.9
 * ```
 */
export class GaussianJitter extends NoiseLayer {
  /** @nocollapse */
  static className = 'GaussianJitter';

  /** Dropped by `stripNoise` (the identity at inference); a scalar `stddev` can be scheduled. */
  static readonly noise: NoiseComponent<GaussianJitter> = {
    ...SCHEDULED_STDDEV,
    strip: () => ({ kind: 'drop' }),
  };

  /**
   * Which way each amount orders the noise: more `stddev` is more noise, more `snrDb` is less.
   *
   * @example
   * ```ts
   * const { stddev, snrDb } = tfn.GaussianJitter.amountDirection;
   * console.log(stddev, snrDb); // prints: more-noise less-noise
   * ```
   */
  static readonly amountDirection: Readonly<{ stddev: 'more-noise'; snrDb: 'less-noise' }> =
    Object.freeze({ stddev: 'more-noise', snrDb: 'less-noise' });

  /** If true, the noise std is relative to each feature's batch std. */
  readonly relative: boolean;
  /** Additive or multiplicative noise. */
  readonly mode: NoiseMode;
  /** The seed of this layer's noise stream. */
  readonly seed: number;
  /** With `snrDb`: whether each example's mean is removed before its RMS is taken. */
  readonly snrCentered: boolean;

  private stddevValue: number | number[] | null;
  private snrDbValue: SnrDb | null;
  private readonly noiseShapeValue: NoiseShape | null;
  private readonly correlationValue: number | number[] | null;
  /** The blur filters of `correlationLength`, made on first use, disposed with the layer. */
  private readonly fieldKernels = new FieldKernels();

  constructor(args: GaussianJitterArgs) {
    super(requireArgs('GaussianJitter', args));
    this.snrDbValue = checkSnrDb('GaussianJitter', args.snrDb);
    if (this.snrDbValue === null) {
      if (args.stddev == null) {
        fail(
          'GaussianJitter',
          'stddev',
          'given (a number >= 0, or one per feature) unless `snrDb` is',
          args.stddev,
        );
      }
      this.stddevValue = checkNonNegativeOrArray('GaussianJitter', 'stddev', args.stddev);
    } else {
      if (args.stddev != null) {
        fail('GaussianJitter', 'stddev', 'omitted when `snrDb` gives the amount', args.stddev);
      }
      this.stddevValue = null;
    }
    this.relative = checkBoolean('GaussianJitter', 'relative', args.relative ?? false);
    this.mode = checkOneOf('GaussianJitter', 'mode', args.mode ?? 'additive', NOISE_MODES);
    if (this.relative && this.mode !== 'additive') {
      fail('GaussianJitter', 'relative', "false when mode is 'multiplicative'", this.relative);
    }
    this.snrCentered = checkBoolean('GaussianJitter', 'snrCentered', args.snrCentered ?? false);
    if (this.snrDbValue !== null) {
      if (this.relative) {
        fail('GaussianJitter', 'relative', 'false when `snrDb` gives the amount', this.relative);
      }
      if (this.mode !== 'additive') {
        fail('GaussianJitter', 'mode', "'additive' when `snrDb` gives the amount", this.mode);
      }
    } else if (this.snrCentered) {
      fail('GaussianJitter', 'snrCentered', 'false unless `snrDb` is given', this.snrCentered);
    }
    this.noiseShapeValue = checkNoiseShape('GaussianJitter', args.noiseShape);
    this.correlationValue = checkCorrelationLength('GaussianJitter', args.correlationLength);
    this.seed = checkSeed('GaussianJitter', args.seed) ?? randomSeed();
    this.supportsMasking = true;
    const shape = args.batchInputShape ?? (args.inputShape ? [null, ...args.inputShape] : null);
    if (shape) this.checkShape(shape);
  }

  /**
   * Noise std: a number, or one per feature; null when the amount is `snrDb`. Settable between
   * batches (e.g. by schedules) on a layer made with `stddev`.
   */
  get stddev(): number | number[] | null {
    return Array.isArray(this.stddevValue) ? this.stddevValue.slice() : this.stddevValue;
  }

  set stddev(value: number | number[]) {
    if (this.snrDbValue !== null) {
      fail('GaussianJitter', 'stddev', 'left unset on a layer whose amount is `snrDb`', value);
    }
    const checked = checkNonNegativeOrArray('GaussianJitter', 'stddev', value);
    if (Array.isArray(checked) && Array.isArray(this.stddevValue)) {
      if (checked.length !== this.stddevValue.length) {
        fail('GaussianJitter', 'stddev', `an array of length ${this.stddevValue.length}`, value);
      }
    }
    this.stddevValue = checked;
  }

  /**
   * The signal-to-noise ratio in dB (one value, or [low, high]); null when the amount is
   * `stddev`. Settable between batches on a layer made with `snrDb`.
   */
  get snrDb(): SnrDb | null {
    return Array.isArray(this.snrDbValue) ? [...this.snrDbValue] : this.snrDbValue;
  }

  set snrDb(value: SnrDb) {
    if (this.snrDbValue === null) {
      fail('GaussianJitter', 'snrDb', 'left unset on a layer whose amount is `stddev`', value);
    }
    const checked = checkSnrDb('GaussianJitter', value);
    if (checked === null) fail('GaussianJitter', 'snrDb', 'a finite number or a pair', value);
    this.snrDbValue = checked;
  }

  /** The shape of the noise drawn (see {@link GaussianJitterArgs.noiseShape}); null: the input's. */
  get noiseShape(): NoiseShape | null {
    return this.noiseShapeValue === null ? null : this.noiseShapeValue.slice();
  }

  /** The correlation length(s) of the noise (see {@link GaussianJitterArgs.correlationLength}). */
  get correlationLength(): number | number[] | null {
    const l = this.correlationValue;
    return Array.isArray(l) ? l.slice() : l;
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
      const stddev = this.stddevValue;
      if (stddev === 0) return x;
      const lengths = this.checkShape(x.shape);
      const mask = kwargs.mask as Tensor | undefined;
      const weights = mask ? expandDims(cast(mask, 'float32'), -1) : null;
      const correlated = lengths.some((l) => l > 0);
      let noise: Tensor;
      if (this.snrDbValue !== null || this.noiseShapeValue !== null || correlated) {
        const shape = drawShape(x.shape, this.noiseShapeValue);
        const eps = correlated
          ? gaussianField(shape, key, lengths, this.fieldKernels)
          : normal(shape, key);
        noise = mul(eps, this.scale(x, weights, key));
      } else if (Array.isArray(stddev) || this.relative) {
        noise = mul(normal(x.shape, key), this.scale(x, weights, key));
      } else {
        // A scalar std is applied while sampling: one tensor op less per step.
        noise = normal(x.shape, key, 0, stddev as number);
      }
      if (weights) noise = mul(noise, weights);
      // Multiplicative as x * (1 + noise): x + x * noise would turn +-Infinity into NaN
      // (Infinity - Infinity) wherever the noise is negative.
      return this.mode === 'additive' ? add(x, noise) : mul(x, add(1, noise));
    });
  }

  /** The std of the noise, broadcastable to `x`: per example (`snrDb`), per feature, or one. */
  private scale(x: Tensor, weights: Tensor | null, key: NoiseKey): Tensor {
    if (this.snrDbValue !== null) {
      return snrStd(x, weights, this.snrDbValue, this.snrCentered, key);
    }
    const stddev = this.stddevValue as number | number[];
    const scale = Array.isArray(stddev) ? tensor1d(stddev) : scalar(stddev);
    return this.relative ? mul(scale, stopGradient(batchStd(x, weights))) : scale;
  }

  override getConfig(): serialization.ConfigDict {
    const config: GaussianJitterConfig = {
      stddev: this.stddev,
      relative: this.relative,
      mode: this.mode,
      seed: this.seed,
      noiseShape: this.noiseShape,
      correlationLength: this.correlationLength,
      snrDb: this.snrDb,
      snrCentered: this.snrCentered,
    };
    return { ...super.getConfig(), ...config };
  }

  /** Disposes the cached blur filters with the weights (when the layer's last use is disposed). */
  protected override disposeWeights(): number {
    this.fieldKernels.dispose();
    return super.disposeWeights();
  }

  /**
   * Checks the input shape against the per-feature `stddev`, `noiseShape` and
   * `correlationLength`; returns the correlation length of each axis (see `checkStructure`).
   */
  private checkShape(shape: readonly (number | null)[]): number[] {
    this.checkFeatures(shape[shape.length - 1] ?? null);
    return checkStructure('GaussianJitter', shape, this.noiseShapeValue, this.correlationValue);
  }

  private checkFeatures(features: number | null): void {
    if (Array.isArray(this.stddevValue) && features != null) {
      if (features !== this.stddevValue.length) {
        fail(
          'GaussianJitter',
          'stddev',
          `an array with one value per feature (${features} features on the last axis)`,
          this.stddevValue,
        );
      }
    }
  }
}
registerBuiltIn(GaussianJitter);

/** Per-feature std over every axis but the last, counting only unmasked positions. */
function batchStd(x: Tensor, weights: Tensor | null): Tensor {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const w = weights ?? ones(x.shape.slice(0, -1).concat(1));
  const count = maximum(sum(broadcastTo(w, x.shape), axes), 1);
  const mean = div(sum(mul(x, w), axes), count);
  const centered = sub(x, mean);
  return sqrt(div(sum(mul(mul(centered, centered), w), axes), count));
}

/**
 * Gaussian noise on inputs or activations, during training only (`tf.layers.gaussianNoise` with
 * per-feature, relative and multiplicative modes, and a seeded, resumable noise stream).
 *
 * @example
 * ```ts
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [2], seed: 1 })); // on the input
 * model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.05, seed: 2 })); // on the activations
 * ```
 */
export function gaussianJitter(args: GaussianJitterArgs): GaussianJitter {
  return new GaussianJitter(args);
}
