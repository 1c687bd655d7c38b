/**
 * A trained model with its numeric preprocessing inside, as tfjs built-in layers: the
 * standardization of the inputs as a first frozen Dense (diagonal kernel `1 / std`, bias
 * `-mean / std`) and, for regression, the inverse scaling of the target as a last frozen Dense
 * (kernel `std`, bias `mean`). The result takes raw inputs and answers in the target's units,
 * and loads with `@tensorflow/tfjs` alone once its noise layers are stripped.
 */
import { tensor1d, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { type LayersModel, layers, Sequential } from '@tensorflow/tfjs-layers';
import { fail } from 'tfjs-noise/extend';
import type { Standardizer } from '../data/standardize';

/** The name of the first (standardizing) layer. */
export const STANDARDIZE_LAYER = 'tabular_standardize';
/** The name of the last layer of a regression model (the target back in its units). */
export const TARGET_LAYER = 'tabular_target_units';

type Entry = { className: string; config: Record<string, unknown> };

/** A frozen Dense layer's entry in a Sequential config (its weights are set afterwards). */
function frozenDense(name: string, units: number, inputShape: readonly number[] | null): Entry {
  const layer = layers.dense({ units, name, trainable: false, useBias: true });
  const config = layer.getConfig() as Record<string, unknown>;
  if (inputShape !== null) config.batchInputShape = [null, ...inputShape];
  return { className: 'Dense', config };
}

/**
 * The channels of rows of `inputShape` (rank >= 2: the last axis) that `standardizer` scales
 * per channel (entry j's mean and std are channel j % c's), or throws naming the owner.
 */
function perChannel(owner: string, standardizer: Standardizer, inputShape: readonly number[]) {
  const c = inputShape.at(-1)!;
  const d = inputShape.reduce((a, b) => a * b, 1);
  const same = (v: readonly number[]) => v.every((x, j) => x === v[j % c]);
  if (standardizer.features !== d || !same(standardizer.mean) || !same(standardizer.std)) {
    fail(
      owner,
      'standardizer',
      `a per-channel standardizer of ${d} entries (fitted with channels ${c})`,
      standardizer,
    );
  }
  return c;
}

/**
 * A copy of the Sequential `model` (trained on `standardizer.transform(rows)`, and, for
 * regression, on the standardized target) that takes raw rows: a frozen standardizing Dense
 * first, and with `target` a frozen Dense last that maps the output back to the target's units.
 * The layers of `model` keep their names and weights (copied); `model` is left unchanged. The
 * copy is not compiled. With `inputShape` of rank >= 2 (`[h, w, c]` images, `[t, c]` signals)
 * and a per-channel standardizer, the first Dense acts on the last axis: one unit per channel,
 * `(x - mean_c) / std_c` (the rescaling of raw pixels and their standardization in one layer).
 */
export function withPreprocessing(
  model: LayersModel,
  standardizer: Standardizer,
  target: { mean: number; std: number } | null,
  inputShape: readonly number[] | null = null,
): LayersModel {
  const owner = 'withPreprocessing';
  if (!(model instanceof Sequential)) fail(owner, 'model', 'a tf.Sequential model', model);
  const config = model.getConfig() as unknown as { name: string; layers: Entry[] };
  // Rows of rank >= 2 (images, signals): the Dense acts on the last axis, one unit per channel.
  const shaped = inputShape !== null && inputShape.length > 1;
  const d = shaped ? perChannel(owner, standardizer, inputShape) : standardizer.features;
  // The model's own input goes: the standardizing layer takes the input.
  const inner = config.layers
    .filter((e) => e.className !== 'InputLayer')
    .map((e, i) => {
      if (i > 0) return e;
      const { batchInputShape: _shape, inputShape: _input, ...rest } = e.config;
      return { ...e, config: rest };
    });
  const outUnits = (model.outputs[0]!.shape as number[]).at(-1)!;
  if (target !== null && outUnits !== 1) {
    fail(owner, 'target', 'null for a model with more than one output unit', target);
  }
  const entries = [
    frozenDense(STANDARDIZE_LAYER, d, shaped ? inputShape : [d]),
    ...inner,
    ...(target ? [frozenDense(TARGET_LAYER, 1, null)] : []),
  ];
  const copy = Sequential.fromConfig(Sequential, {
    name: `${model.name}_tabular`,
    layers: entries,
  } as never) as unknown as LayersModel;
  tidy(() => {
    const kernel = tensor2d(
      Array.from({ length: d }, (_, i) =>
        Array.from({ length: d }, (_, j) => (i === j ? 1 / standardizer.std[j]! : 0)),
      ),
    );
    const bias = tensor1d(standardizer.mean.slice(0, d).map((m, j) => -m / standardizer.std[j]!));
    copy.getLayer(STANDARDIZE_LAYER).setWeights([kernel, bias]);
    for (const layer of model.layers) {
      if (layer.weights.length > 0) copy.getLayer(layer.name).setWeights(layer.getWeights());
    }
    if (target) {
      copy.getLayer(TARGET_LAYER).setWeights([tensor2d([[target.std]]), tensor1d([target.mean])]);
    }
  });
  return copy;
}
