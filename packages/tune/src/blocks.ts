/**
 * `@tfjs-noise/tune/blocks`: the building blocks that `searchNoise` and `fitBest` are made of,
 * for a search of your own: the kernel-density bandwidth, input corruption, folds and seeds,
 * training and scoring one model, the metrics, the paired gains, the recommendation and the
 * verdict's wording. The workflow itself (`searchNoise`, `fitBest`, their options and results)
 * is the package's root, `@tfjs-noise/tune`.
 *
 * @example
 * ```ts
 * import { assignFolds, foldSplit, modelSeed } from '@tfjs-noise/tune/blocks';
 *
 * // Fold 0 of a 5-fold split, and the seed searchNoise gives its model (seed 1, repeat 0):
 * const fold = assignFolds(y.length, 5, { seed: 1, stratify: y });
 * const { train, test } = foldSplit(fold, 0);
 * const seed = modelSeed(1, 5, 0, 0);
 * ```
 *
 * @module @tfjs-noise/tune/blocks
 */

export { BANDWIDTH_METHODS, type BandwidthMethod, kdeBandwidth } from './data/bandwidth';
export { corruptedCopies, corruptRows, type InputCorruption } from './data/corrupt';
export { fitTargetScale, scaleTarget } from './data/target_scale';
export { type ResolvedBuilderRef, resolveBuilderRef } from './run/builder';
export { chanceScores } from './search/chance';
export { assignFolds, type FoldOptions, foldSplit } from './search/folds';
export { beyond, pairedGain, userGain, userGains } from './search/gains';
export { expandGrid } from './search/grid';
export { type MaxTOptions, maxTThreshold } from './search/max_t';
export {
  CRITERION_OF,
  type FamilySupport,
  type FoldMetrics,
  type RecommendOptions,
  recommend,
} from './search/recommend';
export { robustnessCondition } from './search/robustness';
export { corruptionSeed, modelSeed } from './search/seeds';
export { describeGain, signedGain } from './search/verdict';
export {
  evaluate,
  higherIsBetter,
  metricOf,
  type Scores,
  type Summary,
  score,
  summarize,
} from './train/metrics';
export {
  disposeModel,
  fitInputStandardizer,
  type HeldOutSplit,
  outputUnitsOf,
  type Split,
  type TrainOptions,
  trainAndEvaluate,
  trainAndScore,
  trainModel,
} from './train/train_score';
