/**
 * fitBest: the final model of a search, its recommended setting trained on every row.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { stripNoise } from 'tfjs-noise';
import { fail } from 'tfjs-noise/validate';
import { throwIfAborted } from '../abort';
import { Standardizer } from '../data/standardize';
import { modelBuilderOf } from '../run/builder';
import { TrainingDivergedError } from '../train/diverged';
import { disposeModel, outputUnitsOf, trainModel } from '../train/train_score';
import type { BuildContext, NoiseSetting } from '../types';
import { checkCategorical, checkData } from './check_options';
import type { SearchData, SearchOptions, SearchResult } from './options';
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
 * const final: FinalModel = await fitBest({ x, y }, result, options);
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
   * `standardizer.transform(rows)`.
   */
  standardizer: Standardizer | null;
  /** The setting trained: the search's recommendation, or `options.setting`. */
  setting: NoiseSetting;
  /** Disposes both models and the optimizer. */
  dispose: () => void;
}

/**
 * Trains the setting a search recommended (`result.best`, which is no noise when no noise
 * setting beat no noise beyond chance) on **all** rows, with the search's epochs, batch size and
 * early stopping, and the seed of the final fit (`modelSeed(seed, folds, 0, -1)`).
 *
 * Pass the same data and options as to `searchNoise` (the builder is loaded in this thread,
 * also when given as `{module, export}`). Runs on the current tfjs backend. A training that
 * diverged (a non-finite loss or weight) throws a {@link TrainingDivergedError} naming the
 * setting: no model is returned.
 *
 * @param data The rows of the search.
 * @param result What `searchNoise` returned for them.
 * @param options The search's options; `setting` overrides the recommendation; `signal` stops
 *   the training at the next batch and rejects with the abort reason.
 *
 * @example
 * ```ts
 * import {
 *   fitBest,
 *   MLP_BUILDER,
 *   type SearchOptions,
 *   saveToDir,
 *   searchNoise,
 * } from '@tfjs-noise/tune';
 *
 * const data = { x, y };
 * const options: SearchOptions = {
 *   task: 'classification',
 *   grid: { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] },
 *   builder: MLP_BUILDER,
 * };
 * const result = await searchNoise(data, options);
 * const final = await fitBest(data, result, options); // same data and options as the search
 * await final.model.save(saveToDir('final/model')); // loads where tfjs-noise is imported
 * await final.plain.save(saveToDir('final/plain')); // a plain tfjs model
 * final.dispose();
 * ```
 */
export async function fitBest(
  data: SearchData,
  result: SearchResult,
  options: Pick<
    SearchOptions,
    'builder' | 'builderOptions' | 'standardize' | 'categorical' | 'signal'
  > & {
    setting?: NoiseSetting;
  },
): Promise<FinalModel> {
  if (result === null || typeof result !== 'object' || !result.best || !result.task) {
    fail(OWNER, 'result', 'the result of searchNoise', result);
  }
  if (options === null || typeof options !== 'object') {
    fail(OWNER, 'options', 'the options of the search', options);
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
  throwIfAborted(options.signal);
  const { x, y, numClasses } = checkData(data, result.task, 1);
  const build = await modelBuilderOf(options.builder, OWNER);
  const standardize = options.standardize ?? true;
  const categorical = checkCategorical(options.categorical, x, OWNER);
  const standardizer = standardize ? Standardizer.fit(x, { skip: categorical }) : null;
  const context: BuildContext = {
    inputDim: x[0]!.length,
    outputUnits: outputUnitsOf(result.task, numClasses),
    task: result.task,
    numClasses,
    seed: modelSeed(result.seed, result.folds, 0, -1),
    fold: -1,
    repeat: 0,
    options: options.builderOptions ?? {},
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
    setting,
    dispose: () => {
      disposeModel(model);
      plain.dispose();
    },
  };
}
