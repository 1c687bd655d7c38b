/**
 * The built-in model builder: a one-hidden-layer MLP with the noise of a setting, used by the
 * CLI and available to library users as {@link buildMlp} / {@link MLP_BUILDER}.
 *
 * Kinds (the registry `MLP_KIND_REGISTRY`, applied by the table `KIND_LAYERS` below) map to
 * tfjs-noise components:
 * - `input`: `tfn.layers.gaussianJitter({stddev: amount})` on the (standardized) input; with
 *   one-hot columns (`context.categorical`), a per-feature stddev that is 0 on them: no noise on
 *   a category's 0/1 indicator;
 * - `weight`: `tfn.layers.weightNoise({layer: hiddenDense, stddev: amount})`;
 * - `activation`: `tfn.layers.gaussianJitter({stddev: amount})` after the hidden layer;
 * - `preactivation`: the hidden Dense linear, then `tfn.layers.noisyActivation({activation,
 *   stddev: amount})` (noise on the pre-activation);
 * - `gradient`: `tfn.train.annealedGradientNoise(adam, {eta: amount})`;
 * - `dropout`: `tfn.layers.seededDropout({rate: amount})` after the hidden layer, a new seeded
 *   mask at every training step (a peer to compare with: dropout, not additive noise). Before
 *   tfjs-noise's SeededDropout this was `tf.layers.dropout({rate, seed})`, which draws one fixed
 *   mask per model;
 * - `l2`: L2 weight decay `amount * sum(w^2)` on both kernels (a peer too; `MlpOptions.l2`
 *   adds a decay under any kind);
 * - `none`: no noise (the amount is ignored).
 *
 * Amount 0 is the same model for every kind.
 *
 * The builder function is the entry point `@tfjs-noise/tune/mlp`; `MLP_BUILDER` and
 * `MlpOptions` are the root's.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input', 'l2'], amounts: [0, 0.01, 0.1] };
 * const result = await searchNoise({ x, y }, { task: 'regression', grid, builder: MLP_BUILDER });
 * ```
 */
import { type Optimizer, train } from '@tensorflow/tfjs-core';
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
import { type MLP_KIND_REGISTRY, MLP_KINDS, type MlpKind } from './kinds';

/**
 * `builderOptions` understood by {@link buildMlp} (all optional).
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type MlpOptions, searchNoise } from '@tfjs-noise/tune';
 *
 * const builderOptions = { hiddenUnits: 500, activation: 'tanh', learningRate: 0.001 };
 * await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid: { kinds: ['input'], amounts: [0, 0.1] },
 *   builder: MLP_BUILDER,
 *   builderOptions: builderOptions satisfies MlpOptions,
 * });
 * ```
 */
export interface MlpOptions {
  /** Hidden units. Default 64. */
  hiddenUnits?: number;
  /** Hidden activation (a tfjs activation name). Default `'relu'`. */
  activation?: string;
  /** Adam learning rate. Default 0.01. */
  learningRate?: number;
  /**
   * L2 weight decay on both kernels of every setting, under its noise (default 0): a search
   * with `{l2: 0.01}` asks whether noise helps on top of an L2-regularized model, its no-noise
   * baseline being L2 alone. Added to the decay of kind `l2`.
   */
  l2?: number;
}

/**
 * Builds and compiles `input -> [input noise] -> Dense(hiddenUnits) -> [activation noise] ->
 * Dense(outputUnits)` with the noise of `setting` (an input of rank 2 or more, see
 * `BuildContext.inputShape`, is flattened after the input noise); sigmoid + binary cross-entropy for 2 classes,
 * softmax + categorical cross-entropy for more, linear + MSE for regression; Adam. Every
 * initializer and noise layer is seeded from `context.seed`.
 *
 * @example
 * ```ts
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * const mlp = buildMlp(
 *   { kind: 'weight', amount: 0.05 }, // the hidden Dense layer wrapped in WeightNoise
 *   {
 *     inputDim: 4,
 *     outputUnits: 3, // 3 classes: softmax output
 *     task: 'classification',
 *     numClasses: 3,
 *     seed: 1,
 *     fold: -1,
 *     repeat: 0,
 *     options: { hiddenUnits: 32 },
 *   },
 * );
 * mlp.summary();
 * ```
 */
export function buildMlp(setting: NoiseSetting, context: BuildContext): LayersModel {
  const owner = 'buildMlp';
  const kind = setting.kind as MlpKind;
  if (!MLP_KINDS.includes(kind)) {
    fail(owner, 'setting.kind', `one of ${MLP_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
  const options = context.options as MlpOptions;
  const units = options.hiddenUnits ?? 64;
  const learningRate = options.learningRate ?? 0.01;
  if (!Number.isInteger(units) || units < 1) {
    fail(owner, 'options.hiddenUnits', 'an integer >= 1', units);
  }
  if (typeof learningRate !== 'number' || !(learningRate > 0)) {
    fail(owner, 'options.learningRate', 'a number > 0', learningRate);
  }
  const { seed, amount } = { seed: context.seed, amount: setting.amount };
  const baseDecay = checkNonNegative(owner, 'options.l2', options.l2 ?? 0);
  const hooks: KindLayers = KIND_LAYERS[kind];
  hooks.check?.(amount, owner);
  const factor = (hooks.decay?.(amount) ?? 0) + baseDecay;
  const decay = factor > 0 ? { kernelRegularizer: regularizers.l2({ l2: factor }) } : {};
  const model = sequential();
  const inputShape = context.inputShape ?? [context.inputDim];
  model.add(layers.inputLayer({ inputShape: [...inputShape] }));
  const atInput = hooks.input?.(inputStddev(amount, context), seed);
  if (atInput) model.add(atInput);
  // Rows of any shape (images, signals): the noise is on the input as it is, then flattened.
  if (inputShape.length > 1) model.add(layers.flatten());
  const activation = options.activation ?? 'relu';
  // A kind that applies the activation itself gets a linear Dense before it.
  const applied = hooks.activation?.(activation, amount, seed);
  const hidden = layers.dense({
    units,
    activation: (applied ? 'linear' : activation) as 'relu',
    kernelInitializer: initializers.glorotUniform({ seed }),
    ...decay,
  });
  model.add(hooks.hidden?.(hidden, amount, seed) ?? hidden);
  if (applied) model.add(applied);
  const afterHidden = hooks.afterHidden?.(amount, seed);
  if (afterHidden) model.add(afterHidden);
  const head = outputHead(context);
  model.add(
    layers.dense({
      units: context.outputUnits,
      activation: head.activation,
      kernelInitializer: initializers.glorotUniform({ seed: seed + 1 }),
      ...decay,
    }),
  );
  const adam = train.adam(learningRate);
  model.compile({ optimizer: hooks.optimizer?.(adam, amount, seed) ?? adam, loss: head.loss });
  return model;
}

/**
 * What a kind adds to the MLP (each part optional): a layer after the input, a wrapper of the
 * hidden Dense, a layer that applies the hidden activation (the Dense is then linear), a layer
 * after it, an L2 decay factor on both Dense kernels, a wrapper of the optimizer, and a check of
 * the amount.
 */
interface KindLayers {
  check?(amount: number, owner: string): void;
  input?(stddev: number | number[], seed: number): layers.Layer | null;
  hidden?(dense: layers.Layer, amount: number, seed: number): layers.Layer;
  activation?(activation: string, amount: number, seed: number): layers.Layer;
  afterHidden?(amount: number, seed: number): layers.Layer | null;
  decay?(amount: number): number;
  optimizer?(adam: Optimizer, amount: number, seed: number): Optimizer;
}

/**
 * How `buildMlp` applies each kind of {@link MLP_KIND_REGISTRY}: a kind added there does not
 * compile until it has its entry here. Amount 0 is the same model for every kind (stddev 0 adds
 * no noise; the other kinds add nothing at 0).
 */
const KIND_LAYERS: { readonly [K in MlpKind]: KindLayers } = {
  none: {},
  input: { input: (stddev, seed) => tfn.layers.gaussianJitter({ stddev, seed }) },
  weight: {
    hidden: (dense, amount, seed) => tfn.layers.weightNoise({ layer: dense, stddev: amount, seed }),
  },
  activation: {
    afterHidden: (amount, seed) => tfn.layers.gaussianJitter({ stddev: amount, seed }),
  },
  preactivation: {
    activation: (activation, amount, seed) =>
      tfn.layers.noisyActivation({ activation, stddev: amount, seed }),
  },
  gradient: {
    optimizer: (adam, amount, seed) =>
      amount > 0 ? tfn.train.annealedGradientNoise(adam, { eta: amount, seed }) : adam,
  },
  dropout: {
    check: (amount, owner) => {
      if (!(amount < 1)) fail(owner, 'setting.amount', 'a dropout rate < 1', amount);
    },
    afterHidden: (amount, seed) =>
      amount > 0 ? tfn.layers.seededDropout({ rate: amount, seed }) : null,
  },
  l2: { decay: (amount) => amount },
};

/** The input noise's stddev: `amount`, or per feature with 0 on the one-hot columns. */
function inputStddev(amount: number, context: BuildContext): number | number[] {
  const categorical = new Set(context.categorical ?? []);
  if (categorical.size === 0) return amount;
  return Array.from({ length: context.inputDim }, (_, j) => (categorical.has(j) ? 0 : amount));
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
 * {@link buildMlp} as a {@link BuilderRef}, for searches on worker threads.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const result = await searchNoise({ x, y }, {
 *   task: 'regression',
 *   grid: { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] },
 *   builder: MLP_BUILDER, // each worker thread imports buildMlp from it
 *   builderOptions: { hiddenUnits: 16 },
 * });
 * ```
 */
export const MLP_BUILDER: BuilderRef = Object.freeze({
  module: siblingModule('mlp', import.meta.url),
  export: 'buildMlp',
});
