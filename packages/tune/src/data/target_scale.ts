/**
 * A regression target in standard units: what the search scores and the final model learns when
 * `SearchOptions.scaleTarget` is set, and how its predictions go back to the target's units.
 */
import { Standardizer } from './standardize';

/**
 * The mean and the scale of a regression target, fitted on every row of the search (a constant
 * target has scale 1, as in {@link Standardizer}).
 *
 * @example
 * ```ts
 * import { fitTargetScale } from '@tfjs-noise/tune/blocks';
 *
 * const scale = fitTargetScale([1, 2, 3]);
 * console.log(scale.mean); // prints: 2
 * ```
 */
export interface TargetScale {
  /** The target's mean over the rows it was fitted on. */
  readonly mean: number;
  /** The target's standard deviation there (1 for a constant target). */
  readonly std: number;
}

/**
 * The mean and scale of `y`, as {@link Standardizer} fits one column.
 *
 * @example
 * ```ts
 * import { fitTargetScale, scaleTarget } from '@tfjs-noise/tune/blocks';
 *
 * const s = fitTargetScale([10, 20, 30]);
 * console.log(scaleTarget([10, 20, 30], s).map((v) => v.toFixed(3)).join(' ')); // prints: -1.225 0.000 1.225
 * ```
 */
export function fitTargetScale(y: readonly number[]): TargetScale {
  const s = Standardizer.fit(y.map((v) => [v]));
  return { mean: s.mean[0]!, std: s.std[0]! };
}

/**
 * `y` in standard units: `(y - mean) / std`, computed as {@link Standardizer} transforms (so
 * the same numbers as standardizing the target as one column).
 *
 * @example
 * ```ts
 * import { scaleTarget } from '@tfjs-noise/tune/blocks';
 *
 * console.log(scaleTarget([3, 5], { mean: 4, std: 2 })); // prints: [ -0.5, 0.5 ]
 * ```
 */
export function scaleTarget(y: readonly number[], scale: TargetScale): number[] {
  const { mean, std } = scale;
  return y.map((v) => {
    const z = (v - mean) / std;
    // v - mean overflows for values of opposite signs near the largest double.
    return Number.isFinite(z) ? z : v / std - mean / std;
  });
}
