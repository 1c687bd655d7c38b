/**
 * Target noise: label smoothing, label flips and Gaussian noise on regression targets, applied
 * to the targets inside the loss, only while training.
 *
 * Design: a target noise wraps the loss (`model.compile({loss: noise.loss('meanSquaredError')})`).
 * That needs no change to the data pipeline (it works with `fit` and `fitDataset` alike), and the
 * loss knows whether it is training: `fit` computes it inside a gradient tape, `evaluate` and the
 * validation pass do not, and they get the plain loss on the clean targets.
 *
 * State: a target noise keeps its seed, stream and step in one {@link NoiseState} (`state`), as
 * the layers and the optimizer do. A loss is no part of what tfjs saves of a model (its training
 * config saves a loss function as `{}`, and a reloaded model is compiled again), so the state is
 * saved in the model's user-defined metadata, which `model.save` writes into model.json and
 * `loadLayersModel` reads back: `noise.saveTo(model)` before the save writes the seed and the
 * step there, `noise.restoreFrom(loaded)` after the load takes them back. The target noise then
 * draws, bit for bit, what it would have drawn without the interruption.
 */
import {
  add,
  argMax,
  cast,
  floor,
  greaterEqual,
  less,
  losses,
  mul,
  oneHot,
  reshape,
  scalar,
  slice,
  sub,
  type Tensor,
  tidy,
  where,
} from '@tensorflow/tfjs-core';
import { type LayersModel, metrics } from '@tensorflow/tfjs-layers';
import { normal, uniform } from '../random/noise';
import { randomSeed } from '../random/noise_key';
import { NoiseState } from '../random/noise_state';
import { isRecordingGradients } from '../tfjs_internals';
import { checkSeed, fail, requireArgs } from '../validate';

/**
 * A loss function as tfjs-layers takes it.
 *
 * @example
 * ```ts
 * const meanSquaredLogError: tfn.targets.LossFn = (yTrue, yPred) =>
 *   tf.losses.meanSquaredError(tf.log1p(yTrue), tf.log1p(yPred));
 * const loss = tfn.targets.gaussian({ stddev: 0.1 }).loss(meanSquaredLogError);
 * ```
 */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Names of tfjs losses that a target noise can wrap.
 *
 * @example
 * ```ts
 * const base: tfn.targets.LossName = 'huberLoss';
 * model.compile({ optimizer: 'adam', loss: tfn.targets.gaussian({ stddev: 0.05 }).loss(base) });
 * ```
 */
export type LossName =
  | 'meanSquaredError'
  | 'meanAbsoluteError'
  | 'binaryCrossentropy'
  | 'categoricalCrossentropy'
  | 'huberLoss';

function lossByName(name: LossName | LossFn): LossFn {
  if (typeof name === 'function') return name;
  switch (name) {
    case 'meanSquaredError':
      return metrics.meanSquaredError;
    case 'meanAbsoluteError':
      return metrics.meanAbsoluteError;
    case 'binaryCrossentropy':
      return metrics.binaryCrossentropy;
    case 'categoricalCrossentropy':
      return metrics.categoricalCrossentropy;
    case 'huberLoss':
      return (yTrue, yPred) => losses.huberLoss(yTrue, yPred);
    default:
      return fail('targets', 'loss', 'a tfjs loss name or a loss function', name);
  }
}

/** Where {@link TargetNoise.saveTo} keeps its entries in a model's user-defined metadata. */
const METADATA_KEY = 'tfjsNoise';

/** `value` if it is a plain object (a copy of it), else an empty object. */
function plainObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}

/**
 * Arguments of a {@link TargetNoise}: what the factories (`labelSmoothing`, `labelFlip`,
 * `gaussian`) give it, or what your own target noise gives it.
 *
 * @example
 * ```ts
 * // Multiplicative noise on regression targets: y' = y * (1 + 0.1 * N(0, 1)).
 * const args: tfn.targets.TargetNoiseArgs = {
 *   description: 'scale(0.1)',
 *   transform: (y, stream, step, seed) =>
 *     tf.mul(y, tf.add(1, tfn.random.normal(y.shape, { seed, stream, step }, 0, 0.1))),
 *   seed: 1,
 * };
 * const noise = new tfn.targets.TargetNoise(args);
 * model.compile({ optimizer: 'adam', loss: noise.loss('meanSquaredError') });
 * ```
 */
export interface TargetNoiseArgs {
  /** What the noise is, for messages and its stream name: e.g. `'labelSmoothing(0.1)'`. */
  description: string;
  /**
   * The noisy targets of one training step, a pure function of its arguments: the clean
   * targets, the stream (`streamId` of `targets.<description>`), the step and the seed. Called
   * inside `tf.tidy`.
   */
  transform: (yTrue: Tensor, stream: number, step: number, seed: number) => Tensor;
  /** The seed of the noise: a safe integer. Default: drawn by `tfn.random.randomSeed()`. */
  seed?: number;
}

/**
 * A noise on targets. `apply(yTrue, step)` returns noisy targets (a pure function of the seed
 * and the step); `loss(base)` wraps a loss so that it sees noisy targets while training. Its
 * {@link NoiseState} (`state`) holds the seed, the stream and the step; `saveTo(model)` saves
 * them with the model (in its metadata, before `model.save`) and `restoreFrom(loaded)` restores
 * them, so that training resumes bit-identically.
 *
 * @example
 * ```ts
 * const smoothing: tfn.targets.TargetNoise = tfn.targets.labelSmoothing({ eps: 0.1 });
 * model.compile({ optimizer: 'adam', loss: smoothing.loss('categoricalCrossentropy') });
 * await model.fit(xs, ys, { epochs: 3, batchSize: 32 });
 * console.log(smoothing.step); // training batches seen by the loss
 * ```
 */
export class TargetNoise {
  /**
   * The noise state: the seed, the stream (`targets.<description>`) and the step (training
   * batches seen by the wrapped losses: the step of the next noisy batch).
   */
  readonly state: NoiseState;

  /** What the noise is, for messages: e.g. 'labelSmoothing(0.1)'. */
  readonly description: string;
  private readonly transform: TargetNoiseArgs['transform'];

  constructor(args: TargetNoiseArgs) {
    const { description, transform, seed } = requireArgs('TargetNoise', args);
    if (typeof description !== 'string' || description === '') {
      fail('TargetNoise', 'description', 'a non-empty string', description);
    }
    if (typeof transform !== 'function') {
      fail(
        'TargetNoise',
        'transform',
        'a function (yTrue, stream, step, seed) => Tensor',
        transform,
      );
    }
    this.description = description;
    this.transform = transform;
    const owner = `targets.${description}`;
    this.state = new NoiseState({
      owner,
      seed: checkSeed(owner, seed) ?? randomSeed(),
      stream: owner,
    });
  }

  /** The seed of the noise stream. */
  get seed(): number {
    return this.state.seed;
  }

  /**
   * Training batches seen by the wrapped losses (the step of the next noisy batch). Set it to
   * restore a saved step: an integer in [0, 2^31 - 1], else an `Error`.
   */
  get step(): number {
    return this.state.step;
  }

  set step(value: number) {
    this.state.restore(value);
  }

  /**
   * Saves the noise's state (seed and step) with `model`: in its user-defined metadata
   * (`model.setUserDefinedMetadata`, which `model.save` writes into model.json), under
   * `tfjsNoise.targets["targets.<description>"]`, keeping the metadata's other entries. Call it
   * right before `model.save`; {@link restoreFrom} reads it back from the loaded model.
   *
   * @example
   * ```ts
   * const noise = tfn.targets.labelSmoothing({ eps: 0.1, seed: 1 });
   * model.compile({ optimizer: 'sgd', loss: noise.loss('categoricalCrossentropy') });
   * await model.fit(xs, ys, { epochs: 2 });
   * noise.saveTo(model);
   * await model.save('indexeddb://my-model');
   * ```
   */
  saveTo(model: LayersModel): void {
    const metadata = plainObject(model.getUserDefinedMetadata());
    const ours = plainObject(metadata[METADATA_KEY]);
    const targets = plainObject(ours.targets);
    targets[this.state.owner] = { seed: this.state.seed, step: this.state.step };
    model.setUserDefinedMetadata({ ...metadata, [METADATA_KEY]: { ...ours, targets } });
  }

  /**
   * Restores the state that {@link saveTo} saved with `model` (a model loaded from that save):
   * the seed and the step of the target noise with this one's description. This target noise
   * then draws, bit for bit, what the saved one would have drawn next, whatever seed it was
   * made with. Throws an `Error` naming the noise if the model holds no such state, or a seed
   * or step that is not valid (the step: an integer in [0, 2^31 - 1]).
   *
   * @example
   * ```ts
   * const loaded = await tf.loadLayersModel('indexeddb://my-model');
   * const noise = tfn.targets.labelSmoothing({ eps: 0.1, seed: 1 });
   * noise.restoreFrom(loaded); // the seed and step saved by noise.saveTo(model)
   * loaded.compile({ optimizer: 'sgd', loss: noise.loss('categoricalCrossentropy') });
   * ```
   */
  restoreFrom(model: LayersModel): void {
    const owner = this.state.owner;
    const metadata = plainObject(model.getUserDefinedMetadata());
    const saved = plainObject(plainObject(metadata[METADATA_KEY]).targets);
    const entry = saved[owner];
    if (entry === undefined) {
      fail(
        owner,
        'model',
        `a model whose metadata holds this noise's state, saved by \`saveTo\` (${METADATA_KEY}.targets["${owner}"])`,
        Object.keys(saved),
      );
    }
    const { seed, step } = plainObject(entry);
    const checked = checkSeed(owner, seed);
    if (checked === undefined) fail(owner, 'seed', 'a safe integer', seed);
    if (typeof step !== 'number') fail(owner, this.state.stepName, 'a number', step);
    this.state.restore(step);
    this.state.useSeed(checked);
  }

  /** Noisy targets for `step` (default: the next step). */
  apply(yTrue: Tensor, step = this.step): Tensor {
    const { seed, stream } = this.state.key(0, step);
    return tidy(() => this.transform(yTrue, stream, step, seed));
  }

  /**
   * Wraps a loss: while training (inside a gradient tape, as in `fit`), the loss compares the
   * predictions with noisy targets and advances `step`; in `evaluate` and validation, with the
   * clean targets, and `step` stays. A training step that throws leaves nothing behind: the
   * next `evaluate` is clean.
   */
  loss(base: LossName | LossFn): LossFn {
    const fn = lossByName(base);
    const wrapped: LossFn = (yTrue, yPred) => {
      if (!isRecordingGradients()) return fn(yTrue, yPred);
      const noisy = this.apply(yTrue, this.state.advance().step);
      const value = fn(noisy, yPred);
      noisy.dispose();
      return value;
    };
    Object.defineProperty(wrapped, 'name', { value: `${this.description}_${fn.name || 'loss'}` });
    return wrapped;
  }
}

function rateArg(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    fail(`targets.${fn}`, arg, 'a number in [0, 1]', value);
  }
  return value;
}

/**
 * Arguments of {@link labelSmoothing}.
 *
 * @example
 * ```ts
 * const args: tfn.targets.LabelSmoothingArgs = { eps: 0.1 };
 * const smoothing = tfn.targets.labelSmoothing(args);
 * ```
 */
export interface LabelSmoothingArgs {
  /** The share of each label spread over the K classes: a number in [0, 1]. */
  eps: number;
  /**
   * The seed of its noise state (label smoothing draws nothing; the seed names its saved
   * state): a safe integer. Default: drawn.
   */
  seed?: number;
}

/**
 * Label smoothing: y' = y (1 - eps) + eps / K for K classes (the last axis; a single binary
 * column counts as K = 2). One-hot rows still sum to 1.
 *
 * @example
 * ```ts
 * const smoothing = tfn.targets.labelSmoothing({ eps: 0.1 });
 * model.compile({ optimizer: 'adam', loss: smoothing.loss('categoricalCrossentropy') });
 * smoothing.apply(tf.tensor2d([[0, 1, 0]])); // about [[0.0333, 0.9333, 0.0333]]
 * ```
 */
export function labelSmoothing(args: LabelSmoothingArgs): TargetNoise {
  const { eps, seed } = requireArgs('targets.labelSmoothing', args);
  const e = rateArg('labelSmoothing', 'eps', eps);
  return new TargetNoise({
    description: `labelSmoothing(${e})`,
    transform: (y) => {
      const k = Math.max(2, y.shape[y.shape.length - 1] ?? 1);
      return add(mul(cast(y, 'float32'), 1 - e), e / k);
    },
    seed,
  });
}

/**
 * Arguments of {@link labelFlip}.
 *
 * @example
 * ```ts
 * const args: tfn.targets.LabelFlipArgs = { rate: 0.05, numClasses: 10, seed: 1 };
 * const flips = tfn.targets.labelFlip(args);
 * ```
 */
export interface LabelFlipArgs {
  /** The probability that an example's label is replaced: a number in [0, 1]. */
  rate: number;
  /**
   * The number of classes, an integer >= 2: the size of the targets' last axis (one-hot rows),
   * or 2 for one binary 0/1 column.
   */
  numClasses: number;
  /** The seed of the flips: a safe integer. Default: drawn. */
  seed?: number;
}

/**
 * Label flips: each example's label is replaced, with probability `rate`, by a different class
 * chosen uniformly. Targets are one-hot rows over `numClasses` classes, or one binary column
 * (numClasses 2) whose 0/1 is flipped.
 *
 * @example
 * ```ts
 * const flips = tfn.targets.labelFlip({ rate: 0.05, numClasses: 10, seed: 1 }); // 5% of the labels
 * model.compile({ optimizer: 'adam', loss: flips.loss('categoricalCrossentropy') });
 * // One 0/1 column:
 * const binary = tfn.targets.labelFlip({ rate: 0.1, numClasses: 2 }).loss('binaryCrossentropy');
 * ```
 */
export function labelFlip(args: LabelFlipArgs): TargetNoise {
  const { rate, numClasses, seed } = requireArgs('targets.labelFlip', args);
  const r = rateArg('labelFlip', 'rate', rate);
  if (typeof numClasses !== 'number' || !Number.isInteger(numClasses) || numClasses < 2) {
    fail('targets.labelFlip', 'numClasses', 'an integer >= 2', numClasses);
  }
  return new TargetNoise({
    description: `labelFlip(${r})`,
    transform: (y, stream, step, s) => {
      const n = y.shape[0] ?? 0;
      const last = y.shape[y.shape.length - 1] ?? 1;
      const u = uniform([n, 2], { seed: s, stream, step });
      const [flipU, classU] = [slice(u, [0, 0], [n, 1]), slice(u, [0, 1], [n, 1])];
      const flip = less(flipU, scalar(r));
      const yf = cast(y, 'float32');
      if (last === 1) {
        if (numClasses !== 2)
          fail('targets.labelFlip', 'numClasses', '2 for a single binary column', numClasses);
        return where(flip, sub(1, yf), yf);
      }
      if (last !== numClasses) {
        fail(
          'targets.labelFlip',
          'numClasses',
          `the size of the targets' last axis (${last})`,
          numClasses,
        );
      }
      // A different class: current + 1 + floor(v * (K - 1)), modulo K. The sum is an integer in
      // [1, 2K - 2], so the modulo is one subtraction (no `mod`: tfjs-backend-wasm before 4.10
      // has no Mod kernel).
      const current = reshape(cast(argMax(yf, -1), 'float32'), [n, 1]);
      const offset = add(floor(mul(classU, numClasses - 1)), 1);
      const sum = add(current, offset);
      const wrapped = where(greaterEqual(sum, numClasses), sub(sum, numClasses), sum);
      const other = reshape(cast(wrapped, 'int32'), [n]);
      return where(flip, cast(oneHot(other, numClasses), 'float32'), yf);
    },
    seed,
  });
}

/**
 * Arguments of {@link gaussian}.
 *
 * @example
 * ```ts
 * const args: tfn.targets.GaussianArgs = { stddev: 0.1, seed: 1 };
 * const noise = tfn.targets.gaussian(args);
 * ```
 */
export interface GaussianArgs {
  /** The std of the noise added to each target, in the targets' units: a finite number >= 0. */
  stddev: number;
  /** The seed of the noise: a safe integer. Default: drawn. */
  seed?: number;
}

/**
 * Gaussian noise on regression targets: y' = y + N(0, stddev^2).
 *
 * @example
 * ```ts
 * const noise = tfn.targets.gaussian({ stddev: 0.1, seed: 1 });
 * model.compile({ optimizer: 'adam', loss: noise.loss('meanSquaredError') });
 * const noisy = noise.apply(tf.tensor2d([[1.5], [2.0]]), 0); // the targets of step 0
 * ```
 */
export function gaussian(args: GaussianArgs): TargetNoise {
  const { stddev, seed } = requireArgs('targets.gaussian', args);
  if (typeof stddev !== 'number' || !Number.isFinite(stddev) || stddev < 0) {
    fail('targets.gaussian', 'stddev', 'a finite number >= 0', stddev);
  }
  return new TargetNoise({
    description: `gaussian(${stddev})`,
    transform: (y, stream, step, s) =>
      add(cast(y, 'float32'), normal(y.shape, { seed: s, stream, step }, 0, stddev)),
    seed,
  });
}
