/**
 * What a search was made with, kept in its result so that `fitBest(data, result)` trains the
 * final model the way the search trained its folds, from the result alone (scikit-learn's
 * `BaseSearchCV` refits a clone of what it searched in the same way).
 */
import type { TargetScale } from '../data/target_scale';
import { isBuilderRef, type ResolvedBuilderRef, resolveBuilderRef } from '../run/builder';
import { SEARCH_OWNER } from '../run/owner';
import type { BuilderRef, JsonValue, ModelBuilder } from '../types';

/**
 * How the search built and trained its models beyond `SearchSettings` (epochs, batch size,
 * early stopping, seed, folds, repeats): plain data, part of the JSON of a `SearchResult`.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const result = await searchNoise({ x, y }, {
 *   task: 'regression',
 *   grid: { kinds: ['input'], amounts: [0, 0.1] },
 *   builder: MLP_BUILDER,
 *   scaleTarget: true,
 * });
 * result.searched.builder; // {module: 'file:///.../mlp.js', export: 'buildMlp'}
 * result.searched.targetScale; // {mean, std} of y
 * ```
 */
export interface SearchedWith {
  /**
   * The builder as an importable `{module, export}` (relative paths resolved), or null when the
   * search was given a function: `fitBest` then needs it again (`options.builder`).
   */
  builder: ResolvedBuilderRef | null;
  /** The builder's options (`context.options`). */
  builderOptions: { [key: string]: JsonValue };
  /** Whether the inputs were standardized (per fold; on every row for the final fit). */
  standardize: boolean;
  /** The one-hot columns (never standardized, left clean by robustness). */
  categorical: number[];
  /** The number of input entries per example (the product of `inputShape`). */
  features: number;
  /**
   * The shape of one example (`[d]` for flat rows, `[h, w, c]` for images, ...): `fitBest`
   * refuses rows of another shape. Absent in results of earlier versions: `[features]`.
   */
  inputShape?: number[];
  /** The scale of a regression target (`SearchOptions.scaleTarget`), or null: the target as given. */
  targetScale: TargetScale | null;
}

/** The {@link SearchedWith} of a search with these (checked) options and data. */
export function searchedWith(
  builder: ModelBuilder | BuilderRef,
  o: { builderOptions: { [key: string]: JsonValue }; standardize: boolean },
  categorical: readonly number[],
  inputShape: readonly number[],
  targetScale: TargetScale | null,
): SearchedWith {
  return {
    builder: isBuilderRef(builder) ? resolveBuilderRef(builder, SEARCH_OWNER) : null,
    builderOptions: o.builderOptions,
    standardize: o.standardize,
    categorical: [...categorical],
    features: inputShape.reduce((a, b) => a * b, 1),
    inputShape: [...inputShape],
    targetScale,
  };
}
