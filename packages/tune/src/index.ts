/**
 * `@tfjs-noise/tune`: choose the noise of a tfjs-noise model by cross-validation (Holmstrom and
 * Koistinen, 1992: standardize the inputs, then pick the noise level by cross-validation).
 *
 * Guide: https://github.com/tfjs-noise/tfjs-noise/tree/main/packages/tune
 *
 * The other entry points: `@tfjs-noise/tune/kinds` (the registry of the built-in MLP's kinds,
 * browser-safe), `@tfjs-noise/tune/blocks` (the building blocks of a search of your own),
 * `@tfjs-noise/tune/mlp` and `@tfjs-noise/tune/convnet` (the builder functions the workers
 * import). Saving a model to files in Node is tfjs-noise's (`tfjs-noise/node`). Every public
 * name, by entry point: docs/api-names.md.
 *
 * @example
 * ```ts
 * import { formatTable, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const result = await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid: { kinds: ['input'], amounts: [0, 0.05, 0.1, 0.2] },
 *   builder: MLP_BUILDER, // or {module: './my_builder.js', export: 'build'}
 *   seed: 1,
 * });
 * console.log(formatTable(result).join('\n'));
 * ```
 *
 * @module @tfjs-noise/tune
 */

export type { NestedRow } from './data/shape';
export {
  Standardizer,
  type StandardizerFitOptions,
  type StandardizerJSON,
} from './data/standardize';
export { MAX_CATEGORIES, type TabularColumn } from './data/tabular';
export type { TargetScale } from './data/target_scale';
export {
  CONVNET_BUILDER,
  CONVNET_DEFAULT_PEERS,
  CONVNET_KINDS,
  type ConvnetKind,
  type ConvnetOptions,
} from './model/convnet';
export {
  CONVNET_CORRELATION_LENGTH,
  CONVNET_KIND_REGISTRY,
  CONVNET_LESS_NOISE,
  type ConvnetKindInfo,
} from './model/convnet_kinds';
export type { ImageMetadata } from './model/image_metadata';
export { type ImageModel, type ImagePrediction, loadImageModel } from './model/image_model';
export { MLP_BUILDER, type MlpOptions } from './model/mlp';
export type { TabularMetadata } from './model/tabular_metadata';
export {
  loadTabularModel,
  type TabularModel,
  type TabularPrediction,
} from './model/tabular_model';
export type { BackendName } from './run/job';
export type { ProgressMode } from './run/progress';
export type { ChanceScores } from './search/chance';
export { AUTO_REPEATS, autoRepeats, DEFAULT_SELECTION } from './search/check_options';
export { type FinalModel, type FitBestOptions, fitBest } from './search/fit_best';
export type { MetricGains, PairedGain } from './search/gains';
export type { Grid } from './search/grid';
export { MAX_GRID_SETTINGS } from './search/grid_limit';
export type {
  CorruptedResult,
  JobInfo,
  SearchData,
  SearchEvent,
  SearchOptions,
  SearchResult,
  SettingResult,
} from './search/options';
export {
  CHANCE_THRESHOLD,
  DEFAULT_LEVEL,
  type Recommendation,
  SELECTION_RULES,
  type SelectionRule,
} from './search/recommend';
export { HEADLINE_MAX_WORDS, type ReportWords, reportWords } from './search/report_words';
export type { CheckedRobustness, Robustness } from './search/robustness';
export { searchNoise } from './search/search';
export type { SearchedWith } from './search/searched_with';
export { formatTable } from './search/table';
export {
  type ChanceComparison,
  type PeerComparison,
  type Verdict,
  type VerdictInput,
  verdictSentence,
} from './search/verdict';
export { TrainingDivergedError } from './train/diverged';
export type { EarlyStopping } from './train/early_stopping';
export { METRICS, type MetricName } from './train/metrics';
export type {
  BuildContext,
  BuilderRef,
  JsonValue,
  ModelBuilder,
  NoiseSetting,
  Task,
} from './types';
