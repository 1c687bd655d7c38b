/**
 * fitBest: the final model of a search, its recommended setting trained on every row.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { stripNoise } from 'tfjs-noise';
import { fail } from 'tfjs-noise/extend';
import { throwIfAborted } from '../abort';
import type { Standardizer } from '../data/standardize';
import { scaleTarget, type TargetScale } from '../data/target_scale';
import { modelBuilderOf } from '../run/builder';
import { TrainingDivergedError } from '../train/diverged';
import {
  disposeModel,
  fitInputStandardizer,
  outputUnitsOf,
  trainModel,
} from '../train/train_score';
import type { BuildContext, BuilderRef, ModelBuilder, NoiseSetting } from '../types';
import { checkCategorical, checkData } from './check_options';
import type { SearchData, SearchResult } from './options';
import { modelSeed } from './seeds';

const OWNER = 'fitBest';

/**
 * The final model and what is needed to use it.
 *
 * @example
 * ```ts
 * import { type FinalModel, fitBest, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const options = {
 *   task: 'classification',
 *   grid: { kinds: ['input'], amounts: [0, 0.1] },
 *   builder: MLP_BUILDER,
 * } as const;
 * const result = await searchNoise({ x, y }, options);
 * const final: FinalModel = await fitBest({ x, y }, result);
 * const rows = final.standardizer ? final.standardizer.transform(x) : x; // as it was trained
 * final.plain.predict(tf.tensor2d(rows));
 * final.dispose();
 * ```
 */
export interface FinalModel {
  /** The trained model with its noise layers (noise is off in `predict`; it can train on). */
  model: LayersModel;
  /**
   * A copy without tfjs-noise layers (`tfn.stripNoise`): a plain tfjs model that loads where
   * tfjs-noise is not installed, with the same predictions.
   */
  plain: LayersModel;
  /**
   * The standardizer fitted on every row (null with `standardize: false`): the models expect
   * `standardizer.transform(rows)`. For rows of rank 2 or more (images, signals) it is fitted
   * per channel and takes the rows flattened row-major (`row.flat(Infinity)`); reshape its
   * output to `[n, ...inputShape]` for the model.
   */
  standardizer: Standardizer | null;
  /**
   * The target's scale the model learned in (`SearchOptions.scaleTarget`), or null: a
   * regression prediction `p` is `p * std + mean` in the target's units.
   */
  targetScale: TargetScale | null;
  /** The setting trained: the search's recommendation, or `options.setting`. */
  setting: NoiseSetting;
  /** Disposes both models and the optimizer. */
  dispose: () => void;
}

/**
 * What {@link fitBest} may be told beyond the search's result: all optional.
 *
 * @example
 * ```ts
 * import { type FitBestOptions, fitBest, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const result = await searchNoise({ x, y }, { task: 'classification', grid, builder: MLP_BUILDER });
 * const options: FitBestOptions = { setting: { kind: 'input', amount: 0.1 } };
 * const final = await fitBest({ x, y }, result, options); // this setting, not the recommendation
 * final.dispose();
 * ```
 */
export interface FitBestOptions {
  /** The setting to train instead of the recommendation. */
  setting?: NoiseSetting;
  /**
   * The builder, needed only when the search was given a function (a function is not kept in
   * the result); a `{module, export}` the search had is in `result.searched.builder`.
   */
  builder?: ModelBuilder | BuilderRef;
  /** Stops the training at the next batch; the promise rejects with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Trains the setting a search recommended (`result.best`, which is no noise when no noise
 * setting beat no noise beyond chance) on **all** rows, as the search trained its folds: the
 * builder, its options, the standardization, the one-hot columns and the target's scale of
 * `result.searched`, the search's epochs, batch size and early stopping, and the seed of the
 * final fit (`modelSeed(seed, folds, 0, -1)`). Nothing else is needed; a search given a builder
 * function needs it again (`options.builder`), and says so by a named error.
 *
 * Runs on the current tfjs backend. A training that diverged (a non-finite loss or weight)
 * throws a {@link TrainingDivergedError} naming the setting: no model is returned.
 *
 * @param data The rows of the search (targets as given to the search: `fitBest` scales them as
 *   the search did). Rows with another number of features than the search's are refused.
 * @param result What `searchNoise` returned for them (or its JSON, parsed).
 * @param options A setting to train instead, the builder of a search given a function, and a
 *   signal (see {@link FitBestOptions}).
 *
 * @example
 * ```ts
 * import { fitBest, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 * import { saveToDir } from 'tfjs-noise/node';
 *
 * const data = { x, y };
 * const result = await searchNoise(data, {
 *   task: 'classification',
 *   grid: { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] },
 *   builder: MLP_BUILDER,
 * });
 * const final = await fitBest(data, result); // as the search trained its folds
 * await final.model.save(saveToDir('final/model')); // loads where tfjs-noise is imported
 * await final.plain.save(saveToDir('final/plain')); // a plain tfjs model
 * final.dispose();
 * ```
 */
export async function fitBest(
  data: SearchData,
  result: SearchResult,
  options: FitBestOptions = {},
): Promise<FinalModel> {
  if (result === null || typeof result !== 'object' || !result.best || !result.task) {
    fail(OWNER, 'result', 'the result of searchNoise', result);
  }
  if (options === null || typeof options !== 'object') {
    fail(OWNER, 'options', '{setting?, builder?, signal?} or omitted', options);
  }
  const searched = result.searched;
  if (searched === null || typeof searched !== 'object') {
    fail(
      OWNER,
      'result.searched',
      'what the search was made with (a result of this version)',
      searched,
    );
  }
  const setting = options.setting ?? { kind: result.best.kind, amount: result.best.amount };
  if (
    setting === null ||
    typeof setting !== 'object' ||
    typeof setting.kind !== 'string' ||
    typeof setting.amount !== 'number' ||
    !(setting.amount >= 0)
  ) {
    fail(OWNER, 'options.setting', '{kind, amount} with an amount >= 0', setting);
  }
  const builder = options.builder ?? searched.builder;
  if (builder === null || builder === undefined) {
    fail(
      OWNER,
      'options.builder',
      'the builder function the search ran with (a function is not kept in its result)',
      builder,
    );
  }
  throwIfAborted(options.signal);
  const { x, y: rawY, numClasses, inputShape } = checkData(data, result.task, 1);
  const searchedShape = searched.inputShape ?? [searched.features];
  if (inputShape.join(',') !== searchedShape.join(',')) {
    const what = (shape: readonly number[], unit: string) =>
      shape.length === 1 ? `rows of ${shape[0]}${unit}` : `rows of shape [${shape.join(', ')}]`;
    fail(OWNER, 'data.x', `${what(searchedShape, ' features')}, as searched`, what(inputShape, ''));
  }
  const y = searched.targetScale ? scaleTarget(rawY, searched.targetScale) : rawY;
  const build = await modelBuilderOf(builder, OWNER);
  const categorical = checkCategorical(searched.categorical, x, OWNER);
  const shape = { inputDim: x[0]!.length, inputShape };
  const standardizer = searched.standardize ? fitInputStandardizer(x, shape, categorical) : null;
  const context: BuildContext = {
    inputDim: x[0]!.length,
    inputShape,
    outputUnits: outputUnitsOf(result.task, numClasses),
    task: result.task,
    numClasses,
    seed: modelSeed(result.seed, result.folds, 0, -1),
    fold: -1,
    repeat: 0,
    options: searched.builderOptions,
    ...(categorical.length > 0 && { categorical }),
  };
  let model: LayersModel;
  try {
    model = await trainModel(
      build,
      setting,
      context,
      { x: standardizer ? standardizer.transform(x) : x, y },
      {
        epochs: result.epochs,
        batchSize: result.batchSize,
        standardize: false,
        earlyStopping: result.earlyStopping ?? null,
      },
      options.signal,
    );
  } catch (err) {
    // Named as this function's: a diverged final model is never returned (nor saved).
    if (err instanceof TrainingDivergedError) {
      throw new TrainingDivergedError(OWNER, err.setting, err.reason);
    }
    throw err;
  }
  let plain: LayersModel;
  try {
    plain = stripNoise(model);
  } catch (err) {
    disposeModel(model);
    throw err;
  }
  return {
    model,
    plain,
    standardizer,
    targetScale: searched.targetScale,
    setting,
    dispose: () => {
      disposeModel(model);
      plain.dispose();
    },
  };
}
