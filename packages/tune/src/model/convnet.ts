/**
 * The built-in small convnet builder, for images (`[h, w, c]` examples) and signals (`[t, c]`),
 * used by library users as {@link buildConvnet} / {@link CONVNET_BUILDER}.
 *
 * The network: `input -> [input noise] -> conv(8, 3x3, relu) -> conv(16, 3x3, relu) ->
 * max-pool(2) -> [spatial dropout] -> flatten -> Dense(denseUnits, relu) -> [dropout] ->
 * Dense(outputUnits)`; `conv2d` / `maxPooling2d` for `[h, w, c]`, `conv1d` / `maxPooling1d` for
 * `[t, c]` (padding `'same'` everywhere, so any size from 1 up works).
 *
 * Kinds ({@link CONVNET_KINDS}, described in {@link CONVNET_KIND_REGISTRY}) map to tfjs-noise
 * components or plain regularizers:
 * - `none`: no noise (the amount is ignored);
 * - `input`: `tfn.layers.gaussianJitter({stddev: amount})` on the (standardized, per channel)
 *   input: i.i.d. noise per pixel / sample and channel;
 * - `correlated`: the same with `correlationLength` (`options.correlationLength`, default
 *   {@link CONVNET_CORRELATION_LENGTH} = 2 pixels or samples): a stationary Gaussian field whose
 *   entries d apart have correlation exp(-d^2 / 8), each entry of std `amount`;
 * - `per-channel`: the same with `noiseShape [null, 1, 1, null]` (images) / `[null, 1, null]`
 *   (signals): one value per example and channel, shared by all its positions (a shift of a
 *   channel's level: of the brightness, for a gray image), of std `amount`;
 * - `snr`: `tfn.layers.gaussianJitter({snrDb: amount})`: per example, noise of std = the RMS of
 *   the standardized example x 10^(-amount / 20); the amount is a signal-to-noise ratio in dB,
 *   so **more is less noise** (the kind's direction is `'less-noise'`, declared to the search by
 *   `CONVNET_BUILDER.lessNoise`: its edge words and the CLI's plot order the amounts that way);
 *   amount 0 is no noise (no layer), as for every kind, not 0 dB;
 * - `weight`: `tfn.layers.weightNoise({layer: conv, stddev: amount})` around both conv layers;
 * - `l2` (a peer): L2 weight decay `amount * sum(w^2)` on every kernel (conv and dense);
 * - `dropout` (a peer): `tfn.layers.seededDropout({rate: amount})` after the dense hidden layer;
 * - `spatial-dropout` (a peer, per-channel dropout): whole feature maps dropped after the
 *   pooling: `tfn.layers.seededDropout` with `noiseShape [null, 1, 1, null]` for images and
 *   `[null, 1, null]` for signals (one draw per example and channel).
 *
 * Amount 0 is the same model for every kind.
 *
 * Both dropout peers draw a new seeded mask at every training step (reproducible, the same on
 * workers and in-process). Before tfjs-noise's SeededDropout they used tfjs's dropout layers
 * with a `seed` (`tf.layers.dropout`, `tf.layers.spatialDropout1d`), which restart their
 * generator from that seed at every call and so drop the same units (the same feature maps) at
 * every step: a fixed random pruning, not dropout.
 *
 * @example
 * ```ts
 * import { CONVNET_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * declare const images: number[][][][]; // [n][h][w][c]
 * declare const labels: number[];
 * const result = await searchNoise(
 *   { x: images, y: labels },
 *   {
 *     task: 'classification',
 *     grid: { kinds: ['input', 'weight'], amounts: [0, 0.1, 0.2] },
 *     builder: CONVNET_BUILDER,
 *     peers: [{ kind: 'spatial-dropout', amount: 0.2 }],
 *     folds: 3,
 *     epochs: 20,
 *   },
 * );
 * ```
 *
 * @module @tfjs-noise/tune/convnet
 */
import { train } from '@tensorflow/tfjs-core';
import {
  initializers,
  type LayersModel,
  layers,
  regularizers,
  sequential,
} from '@tensorflow/tfjs-layers';
import * as tfn from 'tfjs-noise';
import { checkNonNegative, fail } from 'tfjs-noise/extend';
import { siblingModule } from '../run/locate';
import type { BuildContext, BuilderRef, NoiseSetting } from '../types';
import {
  CONVNET_CORRELATION_LENGTH,
  CONVNET_KINDS,
  CONVNET_LESS_NOISE,
  type ConvnetKind,
} from './convnet_kinds';

const OWNER = 'buildConvnet';

export {
  CONVNET_CORRELATION_LENGTH,
  CONVNET_DEFAULT_PEERS,
  CONVNET_KIND_REGISTRY,
  CONVNET_KINDS,
  CONVNET_LESS_NOISE,
  type ConvnetKind,
  type ConvnetKindInfo,
} from './convnet_kinds';

/**
 * `builderOptions` understood by {@link buildConvnet} (all optional).
 *
 * @example
 * ```ts
 * import { CONVNET_BUILDER, type ConvnetOptions, searchNoise } from '@tfjs-noise/tune';
 *
 * declare const images: number[][][][]; // [n][h][w][c]
 * const builderOptions = { filters: [4, 8], denseUnits: 16, learningRate: 0.005 };
 * await searchNoise({ x: images, y }, {
 *   task: 'classification',
 *   grid: { kinds: ['input'], amounts: [0, 0.1] },
 *   builder: CONVNET_BUILDER,
 *   builderOptions: builderOptions satisfies ConvnetOptions,
 * });
 * ```
 */
export interface ConvnetOptions {
  /** Filters of the two conv layers (two integers >= 1). Default `[8, 16]`. */
  filters?: number[];
  /** Kernel size of both conv layers (3 is 3x3 for images, 3 samples for signals). Default 3. */
  kernelSize?: number;
  /** Units of the dense hidden layer of the head (relu). Default 32. */
  denseUnits?: number;
  /** Adam learning rate. Default 0.01. */
  learningRate?: number;
  /** L2 weight decay on every kernel under any kind (added to kind `l2`'s). Default 0. */
  l2?: number;
  /**
   * Correlation length of kind `correlated`, in pixels (images) or samples (signals): a number
   * in (0, 64]. Default {@link CONVNET_CORRELATION_LENGTH} (2).
   */
  correlationLength?: number;
}

/**
 * Builds and compiles the small convnet of the module header with the noise of `setting`,
 * for `context.inputShape` `[h, w, c]` (2-D convolutions) or `[t, c]` (1-D): sigmoid + binary
 * cross-entropy for 2 classes, softmax + categorical cross-entropy for more, linear + MSE for
 * regression; Adam. Every initializer and noise layer is seeded from `context.seed`.
 *
 * @example
 * ```ts
 * import { buildConvnet } from '@tfjs-noise/tune/convnet';
 *
 * const net = buildConvnet(
 *   { kind: 'weight', amount: 0.05 }, // both conv layers wrapped in WeightNoise
 *   {
 *     inputDim: 8 * 8 * 1,
 *     inputShape: [8, 8, 1], // 8x8 gray images
 *     outputUnits: 1,
 *     task: 'classification',
 *     numClasses: 2,
 *     seed: 1,
 *     fold: -1,
 *     repeat: 0,
 *     options: {},
 *   },
 * );
 * net.summary();
 * ```
 */
export function buildConvnet(setting: NoiseSetting, context: BuildContext): LayersModel {
  const kind = setting.kind as ConvnetKind;
  if (!CONVNET_KINDS.includes(kind)) {
    fail(OWNER, 'setting.kind', `one of ${CONVNET_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
  const amount = checkNonNegative(OWNER, 'setting.amount', setting.amount);
  if ((kind === 'dropout' || kind === 'spatial-dropout') && !(amount < 1)) {
    fail(OWNER, 'setting.amount', 'a dropout rate < 1', amount);
  }
  const shape = [...(context.inputShape ?? [context.inputDim])];
  if (shape.length !== 2 && shape.length !== 3) {
    fail(
      OWNER,
      'context.inputShape',
      '[h, w, c] (images) or [t, c] (signals): rows of rank 2 or 3',
      shape,
    );
  }
  const o = checkOptions(context.options as ConvnetOptions);
  const twoD = shape.length === 3;
  const seed = context.seed;
  const factor = (kind === 'l2' ? amount : 0) + o.l2;
  const decay = factor > 0 ? { kernelRegularizer: regularizers.l2({ l2: factor }) } : {};
  const init = (k: number) => initializers.glorotUniform({ seed: seed + k });
  const model = sequential();
  model.add(layers.inputLayer({ inputShape: shape }));
  const jitter = inputNoise(kind, amount, twoD, o.correlationLength, seed);
  if (jitter) model.add(jitter);
  o.filters.forEach((filters, k) => {
    const args = {
      filters,
      kernelSize: o.kernelSize,
      padding: 'same' as const,
      activation: 'relu' as const,
      kernelInitializer: init(k),
      ...decay,
    };
    const conv = twoD ? layers.conv2d(args) : layers.conv1d(args);
    model.add(
      kind === 'weight'
        ? tfn.layers.weightNoise({ layer: conv, stddev: amount, seed: seed + k })
        : conv,
    );
  });
  model.add(
    twoD
      ? layers.maxPooling2d({ poolSize: 2, padding: 'same' })
      : layers.maxPooling1d({ poolSize: 2, padding: 'same' }),
  );
  if (kind === 'spatial-dropout' && amount > 0) {
    model.add(
      // One draw per example and channel: whole feature maps dropped.
      tfn.layers.seededDropout({
        rate: amount,
        noiseShape: twoD ? [null, 1, 1, null] : [null, 1, null],
        seed,
      }),
    );
  }
  model.add(layers.flatten());
  model.add(
    layers.dense({ units: o.denseUnits, activation: 'relu', kernelInitializer: init(2), ...decay }),
  );
  if (kind === 'dropout' && amount > 0) {
    model.add(tfn.layers.seededDropout({ rate: amount, seed }));
  }
  const head = outputHead(context);
  model.add(
    layers.dense({
      units: context.outputUnits,
      activation: head.activation,
      kernelInitializer: init(3),
      ...decay,
    }),
  );
  model.compile({ optimizer: train.adam(o.learningRate), loss: head.loss });
  return model;
}

/** The input noise layer of an input kind (null for the other kinds and for `snr` at 0). */
function inputNoise(
  kind: ConvnetKind,
  amount: number,
  twoD: boolean,
  correlationLength: number,
  seed: number,
) {
  switch (kind) {
    case 'input':
      return tfn.layers.gaussianJitter({ stddev: amount, seed });
    case 'correlated':
      return tfn.layers.gaussianJitter({ stddev: amount, correlationLength, seed });
    case 'per-channel':
      return tfn.layers.gaussianJitter({
        stddev: amount,
        noiseShape: twoD ? [null, 1, 1, null] : [null, 1, null],
        seed,
      });
    case 'snr':
      // Amount 0 is no noise (the baseline of every kind), not an SNR of 0 dB.
      return amount > 0 ? tfn.layers.gaussianJitter({ snrDb: amount, seed }) : null;
    default:
      return null;
  }
}

/** `builderOptions` checked, with their defaults. */
function checkOptions(options: ConvnetOptions): Required<ConvnetOptions> {
  const filters = options.filters ?? [8, 16];
  if (
    !Array.isArray(filters) ||
    filters.length !== 2 ||
    filters.some((f) => !Number.isInteger(f) || f < 1)
  ) {
    fail(
      OWNER,
      'options.filters',
      'two integers >= 1 (the filters of the two conv layers)',
      filters,
    );
  }
  const kernelSize = options.kernelSize ?? 3;
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    fail(OWNER, 'options.kernelSize', 'an integer >= 1', kernelSize);
  }
  const denseUnits = options.denseUnits ?? 32;
  if (!Number.isInteger(denseUnits) || denseUnits < 1) {
    fail(OWNER, 'options.denseUnits', 'an integer >= 1', denseUnits);
  }
  const learningRate = options.learningRate ?? 0.01;
  if (typeof learningRate !== 'number' || !(learningRate > 0)) {
    fail(OWNER, 'options.learningRate', 'a number > 0', learningRate);
  }
  const l2 = checkNonNegative(OWNER, 'options.l2', options.l2 ?? 0);
  const correlationLength = options.correlationLength ?? CONVNET_CORRELATION_LENGTH;
  if (typeof correlationLength !== 'number' || !(correlationLength > 0) || correlationLength > 64) {
    fail(OWNER, 'options.correlationLength', 'a number in (0, 64]', correlationLength);
  }
  return { filters, kernelSize, denseUnits, learningRate, l2, correlationLength };
}

function outputHead(context: BuildContext): {
  activation: 'sigmoid' | 'softmax' | 'linear';
  loss: string;
} {
  if (context.task === 'regression') return { activation: 'linear', loss: 'meanSquaredError' };
  return context.outputUnits === 1
    ? { activation: 'sigmoid', loss: 'binaryCrossentropy' }
    : { activation: 'softmax', loss: 'categoricalCrossentropy' };
}

/**
 * {@link buildConvnet} as a {@link BuilderRef}, for searches on worker threads.
 *
 * @example
 * ```ts
 * import { CONVNET_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * declare const signals: number[][][]; // [n][t][c]: a 1-D convnet
 * declare const labels: number[];
 * const result = await searchNoise({ x: signals, y: labels }, {
 *   task: 'classification',
 *   grid: { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] },
 *   builder: CONVNET_BUILDER, // each worker thread imports buildConvnet from it
 *   builderOptions: { filters: [4, 8] },
 * });
 * ```
 */
export const CONVNET_BUILDER: BuilderRef = Object.freeze({
  module: siblingModule('convnet', import.meta.url),
  export: 'buildConvnet',
  lessNoise: CONVNET_LESS_NOISE,
});
