/**
 * GaussianJitter: additive or multiplicative Gaussian noise on inputs or activations, during
 * training only.
 */
import {
  add,
  broadcastTo,
  cast,
  customGrad,
  div,
  expandDims,
  type GradSaveFunc,
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
  zerosLike,
} from '@tensorflow/tfjs-core';
import type { Shape } from '@tensorflow/tfjs-layers';
import type { NoiseComponent } from '../noise_component';
import { normal } from '../random/noise';
import { randomSeed } from '../random/noise_key';
import { type Kwargs, registerBuiltIn } from '../tfjs_internals';
import {
  checkBoolean,
  checkNonNegativeOrArray,
  checkOneOf,
  checkSeed,
  fail,
  requireArgs,
} from '../validate';
import { floatInput, NoiseLayer, type NoiseLayerArgs, SCHEDULED_STDDEV } from './noise_layer';
import { NOISE_MODES, type NoiseMode } from './noise_mode';

/**
 * How GaussianJitter applies its noise: the {@link NoiseMode} `x + s*eps` or `x * (1 + s*eps)`.
 *
 * @deprecated Use {@link NoiseMode}, the one noise-mode type (this name is kept as an alias).
 *
 * @example
 * ```ts
 * const mode: tfn.JitterMode = 'multiplicative';
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, mode, inputShape: [4] }));
 * ```
 */
export type JitterMode = NoiseMode;

/**
 * Arguments of {@link gaussianJitter}.
 *
 * @example
 * ```ts
 * const args: tfn.GaussianJitterArgs = { stddev: [0.1, 0.2, 0.05], inputShape: [3], seed: 1 };
 * model.add(tfn.layers.gaussianJitter(args));
 * ```
 */
export interface GaussianJitterArgs extends NoiseLayerArgs {
  /**
   * Standard deviation of the noise: a number >= 0, or an array with one value per feature
   * (the last axis). Can be changed between batches through the layer's `stddev` property.
   */
  stddev: number | number[];
  /**
   * If true, the noise std of each feature is `stddev` times that feature's standard deviation in
   * the current batch (over every axis but the last), for inputs that were not standardized.
   * Additive mode only. Default false.
   */
  relative?: boolean;
  /** `'additive'` (default): `x + stddev * eps`; `'multiplicative'`: `x * (1 + stddev * eps)`. */
  mode?: NoiseMode;
  /**
   * Integer seed of the noise. With a seed, training is reproducible. If omitted a random seed is
   * drawn; either way the seed is saved in the config, so a reloaded model continues the stream.
   */
  seed?: number;
}

/**
 * Serialized configuration of a {@link GaussianJitter} layer (the `config` of the layer in a
 * saved `model.json`).
 *
 * @example
 * ```ts
 * const layer = tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1 });
 * const config = layer.getConfig() as tfn.GaussianJitterConfig;
 * console.log(config.stddev, config.mode, config.seed); // prints: 0.1 additive 1
 * ```
 */
export interface GaussianJitterConfig extends serialization.ConfigDict {
  stddev: number | number[];
  relative: boolean;
  mode: NoiseMode;
  seed: number;
}

/** Identity in the forward pass, zero gradient: the noise scale is not trained through. */
const stopGradient = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const x = args[0] as Tensor;
  return { value: x.clone(), gradFunc: (dy: Tensor) => zerosLike(dy) };
}) as (x: Tensor) => Tensor;

/**
 * Adds Gaussian noise to its input during training; the identity at inference.
 *
 * The noise for training step t is drawn from the shared seeded noise source with key
 * (seed, 'GaussianJitter', t); the step counter is a non-trainable weight (`noise_step`), so it is
 * saved with the model and a reloaded model continues with the noise it would have drawn.
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
 *   statistics of `relative` mode.
 *
 * @example
 * ```ts
 * const jitter = new tfn.GaussianJitter({ stddev: 0.1, seed: 1 });
 * const x = tf.ones([2, 3]);
 * jitter.apply(x); // no noise: x itself
 * jitter.apply(x, { training: true }); // x + N(0, 0.1^2) noise
 * jitter.stddev = 0.05; // less noise from the next batch on
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

  /** If true, the noise std is relative to each feature's batch std. */
  readonly relative: boolean;
  /** Additive or multiplicative noise. */
  readonly mode: NoiseMode;
  /** The seed of this layer's noise stream. */
  readonly seed: number;

  private stddevValue: number | number[];

  constructor(args: GaussianJitterArgs) {
    super(requireArgs('GaussianJitter', args));
    this.stddevValue = checkNonNegativeOrArray('GaussianJitter', 'stddev', args.stddev);
    this.relative = checkBoolean('GaussianJitter', 'relative', args.relative ?? false);
    this.mode = checkOneOf('GaussianJitter', 'mode', args.mode ?? 'additive', NOISE_MODES);
    if (this.relative && this.mode !== 'additive') {
      fail('GaussianJitter', 'relative', "false when mode is 'multiplicative'", this.relative);
    }
    this.seed = checkSeed('GaussianJitter', args.seed) ?? randomSeed();
    this.supportsMasking = true;
    const shape = args.batchInputShape ?? (args.inputShape ? [null, ...args.inputShape] : null);
    if (shape) this.checkFeatures(shape[shape.length - 1] ?? null);
  }

  /** Noise std: a number, or one per feature. Settable between batches (e.g. by schedules). */
  get stddev(): number | number[] {
    return Array.isArray(this.stddevValue) ? this.stddevValue.slice() : this.stddevValue;
  }

  set stddev(value: number | number[]) {
    const checked = checkNonNegativeOrArray('GaussianJitter', 'stddev', value);
    if (Array.isArray(checked) && Array.isArray(this.stddevValue)) {
      if (checked.length !== this.stddevValue.length) {
        fail('GaussianJitter', 'stddev', `an array of length ${this.stddevValue.length}`, value);
      }
    }
    this.stddevValue = checked;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    this.checkFeatures(shape[shape.length - 1] ?? null);
    this.addNoiseStep();
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tidy(() => {
      const x = floatInput(Array.isArray(inputs) ? (inputs[0] as Tensor) : inputs);
      if (kwargs.training !== true || this.noiseState === null) return x;
      // Further calls in the same step (a shared layer) draw from streams of their own.
      const key = this.nextNoiseKey(this.seed);
      if (!Array.isArray(this.stddevValue) && this.stddevValue === 0) return x;
      this.checkFeatures(x.shape[x.shape.length - 1] ?? null);
      const mask = kwargs.mask as Tensor | undefined;
      const weights = mask ? expandDims(cast(mask, 'float32'), -1) : null;
      let noise: Tensor;
      if (Array.isArray(this.stddevValue) || this.relative) {
        let scale: Tensor = Array.isArray(this.stddevValue)
          ? tensor1d(this.stddevValue)
          : scalar(this.stddevValue);
        if (this.relative) scale = mul(scale, stopGradient(batchStd(x, weights)));
        noise = mul(normal(x.shape, key), scale);
      } else {
        // A scalar std is applied while sampling: one tensor op less per step.
        noise = normal(x.shape, key, 0, this.stddevValue);
      }
      if (weights) noise = mul(noise, weights);
      // Multiplicative as x * (1 + noise): x + x * noise would turn +-Infinity into NaN
      // (Infinity - Infinity) wherever the noise is negative.
      return this.mode === 'additive' ? add(x, noise) : mul(x, add(1, noise));
    });
  }

  override getConfig(): serialization.ConfigDict {
    const config: GaussianJitterConfig = {
      stddev: this.stddev,
      relative: this.relative,
      mode: this.mode,
      seed: this.seed,
    };
    return { ...super.getConfig(), ...config };
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
