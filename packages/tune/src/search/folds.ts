/**
 * Fold assignment for k-fold cross-validation, driven by tfjs-noise's seeded noise source (no
 * `Math.random`): the same seed and repeat always give the same folds.
 */
import { random } from 'tfjs-noise';
import { checkInt, checkSafeInteger, fail } from 'tfjs-noise/extend';

const FOLD_STREAM = random.streamId('tfjs-noise-tune/folds');

/**
 * Options of {@link assignFolds}.
 *
 * @example
 * ```ts
 * import { assignFolds, type FoldOptions } from '@tfjs-noise/tune/blocks';
 *
 * const options: FoldOptions = { seed: 1, repeat: 1, stratify: y }; // the second repeat
 * const fold = assignFolds(y.length, 5, options);
 * ```
 */
export interface FoldOptions {
  /** Seed of the shuffle. */
  seed: number;
  /** Repeat index of repeated cross-validation (a different shuffle per repeat). Default 0. */
  repeat?: number;
  /**
   * Class labels (one per row) to stratify by: each class is spread over the folds as evenly as
   * possible. Omit for plain (unstratified) folds.
   */
  stratify?: readonly number[];
}

/**
 * Assigns each of `n` rows to one of `k` folds: rows are shuffled (Fisher-Yates on uniforms from
 * `random.fillUniform` with key `{seed, stream: 'tfjs-noise-tune/folds', step: repeat}`) and dealt
 * round-robin, so fold sizes differ by at most one. With `stratify`, the shuffled rows are dealt
 * class by class, continuing the round-robin, so each class is balanced over the folds too.
 *
 * @returns The fold index (0 .. k-1) of every row.
 *
 * @example
 * ```ts
 * import { assignFolds, foldSplit } from '@tfjs-noise/tune/blocks';
 *
 * const fold = assignFolds(y.length, 5, { seed: 1, stratify: y }); // classes spread evenly
 * const { train, test } = foldSplit(fold, 0); // row indices of fold 0
 * ```
 */
export function assignFolds(n: number, k: number, options: FoldOptions): Int32Array {
  const owner = 'assignFolds';
  checkInt(owner, 'n', n, 1);
  checkInt(owner, 'k', k, 2);
  if (k > n) fail(owner, 'k', `at most the number of rows (${n})`, k);
  const seed = checkSafeInteger(owner, 'options.seed', options.seed);
  const repeat = checkInt(owner, 'options.repeat', options.repeat ?? 0, 0);
  const order = shuffled(n, seed, repeat);
  const labels = options.stratify;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length !== n)) {
    fail(owner, 'options.stratify', `an array of ${n} labels`, labels);
  }
  const dealt = labels ? stratifiedOrder(order, labels) : order;
  const fold = new Int32Array(n);
  dealt.forEach((row, i) => {
    fold[row] = i % k;
  });
  return fold;
}

/** A seeded random permutation of 0 .. n-1. */
function shuffled(n: number, seed: number, repeat: number): number[] {
  const u = random.fillUniform(new Float64Array(n), { seed, stream: FOLD_STREAM, step: repeat });
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The shuffled rows grouped by class (classes in increasing order, rows in shuffled order). */
function stratifiedOrder(order: number[], labels: readonly number[]): number[] {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  return classes.flatMap((c) => order.filter((row) => labels[row] === c));
}

/**
 * The row indices of the training and held-out parts of fold `f`.
 *
 * @example
 * ```ts
 * import { assignFolds, foldSplit } from '@tfjs-noise/tune/blocks';
 *
 * const fold = assignFolds(x.length, 5, { seed: 1 });
 * for (let f = 0; f < 5; f++) {
 *   const { train, test } = foldSplit(fold, f);
 *   const trainRows = train.map((i) => x[i]);
 *   console.log(`fold ${f}: ${train.length} training rows, ${test.length} held out`);
 * }
 * ```
 */
export function foldSplit(fold: Int32Array, f: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  fold.forEach((g, i) => {
    (g === f ? test : train).push(i);
  });
  return { train, test };
}
