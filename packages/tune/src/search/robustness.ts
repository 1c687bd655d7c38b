/**
 * Choosing for robustness: the option of a search that scores every fold also on corrupted
 * held-out rows and makes the choice on those scores, and the words that say so.
 */
import { checkPositive, fail } from 'tfjs-noise/extend';

/**
 * Robustness of `searchNoise`: every fold's model is also scored on its held-out rows corrupted
 * as below (the same trained model, no extra training; a fixed seed per repeat and fold, see
 * `corruptionSeed`), and the choice and the verdict use those scores. At least one field.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type Robustness, searchNoise } from '@tfjs-noise/tune';
 *
 * const robustness: Robustness = { stddev: 1 }; // noisy sensors: 1 std of noise on every input
 * const grid = { kinds: ['input', 'weight'], amounts: [0, 0.1, 0.2, 0.4] };
 * const result = await searchNoise({ x, y }, {
 *   task: 'classification',
 *   grid,
 *   builder: MLP_BUILDER,
 *   robustness,
 * });
 * // The verdict under the corruption: "under input noise of 1 std: noise helps here: ..." or
 * // "under input noise of 1 std: no noise setting ...", after a warning when the model
 * // without noise does not beat chance ("Warning: under input noise of 1 std: without noise ...").
 * console.log(result.recommendation.sentence);
 * ```
 */
export interface Robustness {
  /**
   * Stddev of the Gaussian noise added to every input the model sees, in standardized units
   * (one training std of each feature; raw units with `standardize: false`): a finite number > 0,
   * at most 1000 (`MAX_ROBUSTNESS_STDDEV`).
   */
  stddev?: number;
  /**
   * With `stddev`: the noise is spatially correlated along the axes between the first and the
   * last of each example (height and width of `[h, w, c]` images, time of `[t, c]` signals):
   * entries d apart correlated exp(-d^2 / (2 l^2)), l this length in pixels (samples), each
   * entry of std `stddev` (drawn by GaussianJitter's `correlationLength`). A number > 0, at most
   * 64; rows of rank 2 or more only. Omitted: i.i.d. noise.
   */
  correlationLength?: number;
  /**
   * Share of the input entries replaced by the training rows' mean (0 in standardized units: a
   * missing sensor value filled in with the mean), drawn per entry: a number in (0, 1).
   * Applied after the noise.
   */
  missing?: number;
  /**
   * How many corrupted copies of each fold's held-out rows the fold is scored on (an integer in
   * [1, 1024]; default 32): the fold's
   * score is the mean over them. One draw of the noise on a fold of 8-16 rows moves its accuracy
   * by several points by itself, chance that hides the gains the choice looks for; more draws
   * remove it for the cost of predicting more rows (no training).
   */
  draws?: number;
}

/** Corrupted copies of each fold's held-out rows scored by default (see `Robustness.draws`). */
export const DEFAULT_CORRUPTION_DRAWS = 32;

/** The largest `Robustness.draws`. */
export const MAX_CORRUPTION_DRAWS = 1024;

/**
 * A checked {@link Robustness}: both fields filled in, 0 for the corruption not asked for.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.2] };
 * // A quick search, in-process: only the checked options are read here.
 * const options = {
 *   task: 'regression',
 *   grid,
 *   builder: MLP_BUILDER,
 *   robustness: { stddev: 0.5 },
 *   folds: 2,
 *   epochs: 5,
 *   workers: 0,
 * } as const;
 * const result = await searchNoise({ x, y }, options);
 * console.log(result.robustness); // prints: { stddev: 0.5, missing: 0, draws: 32 }
 * ```
 */
export interface CheckedRobustness {
  /** Stddev of the input noise (0: none). */
  stddev: number;
  /** Share of the entries replaced by the training mean (0: none). */
  missing: number;
  /** Correlation length of the noise, see `Robustness.correlationLength`; absent: i.i.d. */
  correlationLength?: number;
  /** Corrupted copies of each fold's held-out rows, scored together. */
  draws: number;
}

/**
 * The largest `robustness.stddev`, in standardized units: far beyond any sensor noise worth
 * choosing for, and far below where float32 inputs overflow (noise of 1e39 is Infinity there,
 * which would read as a diverged training).
 */
export const MAX_ROBUSTNESS_STDDEV = 1000;

/**
 * `{stddev?: finite in (0, 1000], missing?: in (0, 1), draws?: integer in [1, 1024]}` with stddev
 * or missing, or null when omitted; the missing field becomes 0, draws `DEFAULT_CORRUPTION_DRAWS`. Otherwise throws, naming `owner`, the field and the value received.
 */
export function checkRobustness(value: unknown, owner: string): CheckedRobustness | null {
  if (value === undefined || value === null) return null;
  const what = 'null or {stddev, missing} with at least one of them';
  if (typeof value !== 'object' || Array.isArray(value)) fail(owner, 'robustness', what, value);
  const { stddev, missing, draws, correlationLength } = value as {
    stddev?: unknown;
    missing?: unknown;
    draws?: unknown;
    correlationLength?: unknown;
  };
  if (
    correlationLength !== undefined &&
    !(
      typeof correlationLength === 'number' &&
      correlationLength > 0 &&
      correlationLength <= 64 &&
      stddev !== undefined
    )
  ) {
    fail(
      owner,
      'robustness.correlationLength',
      'a number in (0, 64], beside a `stddev`',
      correlationLength,
    );
  }
  if (stddev === undefined && missing === undefined) fail(owner, 'robustness', what, value);
  if (
    draws !== undefined &&
    !(
      Number.isInteger(draws) &&
      (draws as number) >= 1 &&
      (draws as number) <= MAX_CORRUPTION_DRAWS
    )
  ) {
    fail(owner, 'robustness.draws', `an integer in [1, ${MAX_CORRUPTION_DRAWS}]`, draws);
  }
  if (missing !== undefined && !(typeof missing === 'number' && missing > 0 && missing < 1)) {
    fail(owner, 'robustness.missing', 'a number in (0, 1)', missing);
  }
  const checked = stddev === undefined ? 0 : checkPositive(owner, 'robustness.stddev', stddev);
  if (checked > MAX_ROBUSTNESS_STDDEV) {
    fail(
      owner,
      'robustness.stddev',
      `at most ${MAX_ROBUSTNESS_STDDEV} (standardized units)`,
      stddev,
    );
  }
  return {
    stddev: checked,
    missing: (missing as number | undefined) ?? 0,
    ...(correlationLength !== undefined && { correlationLength: correlationLength as number }),
    draws: (draws as number | undefined) ?? DEFAULT_CORRUPTION_DRAWS,
  };
}

/**
 * The condition of the corrupted scores in words, to put in front of the verdict and in the
 * table and plot: `under input noise of 1 std`, `with 25% of input values missing (set to the
 * training mean)`, or both joined.
 *
 * @example
 * ```ts
 * import { robustnessCondition } from '@tfjs-noise/tune/blocks';
 *
 * console.log(robustnessCondition({ stddev: 1, missing: 0 })); // prints: under input noise of 1 std
 * robustnessCondition({ stddev: 0.5, missing: 0.25 });
 * // 'under input noise of 0.5 std and with 25% of input values missing (set to the training mean)'
 * ```
 */
export function robustnessCondition(
  r: Pick<CheckedRobustness, 'stddev' | 'missing'> & { correlationLength?: number },
): string {
  const l = r.correlationLength ?? 0;
  const noise =
    r.stddev > 0
      ? l > 0
        ? `under correlated input noise of ${r.stddev} std (correlation length ${l})`
        : `under input noise of ${r.stddev} std`
      : null;
  const missing =
    r.missing > 0
      ? `with ${+(100 * r.missing).toFixed(2)}% of input values missing (set to the training mean)`
      : null;
  return [noise, missing].filter((s) => s !== null).join(' and ');
}
