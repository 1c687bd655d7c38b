/**
 * Corrupted copies of held-out rows, for scoring a trained model on noisy or missing inputs
 * (a noisy sensor, a sensor that stopped reporting). Drawn from tfjs-noise's seeded noise source,
 * so the same seed gives the same corruption in any thread.
 */
import { type Tensor, tidy, zeros } from '@tensorflow/tfjs-core';
import { layers, random } from 'tfjs-noise';

const CORRUPTION_STREAM = random.streamId('tfjs-noise-tune/corruption');

/**
 * How held-out rows are corrupted: Gaussian noise added to every entry, then a share of the
 * entries replaced by the training rows' mean (a missing value filled in the usual way). Both
 * are in the units the model sees (standardized units when the search standardizes: noise of
 * `stddev` 1 is one training std of each feature, and the mean is 0).
 *
 * @example
 * ```ts
 * import type { InputCorruption } from '@tfjs-noise/tune/blocks';
 *
 * const corruption: InputCorruption = { stddev: 1, missing: 0, seed: 7 };
 * const test = { x: x.slice(40), y: y.slice(40), corruption }; // a held-out split, corrupted
 * ```
 */
export interface InputCorruption {
  /** Stddev of the Gaussian noise added to every entry (0: none). */
  readonly stddev: number;
  /** Share of the entries, in [0, 1), replaced by the training mean of their column (0: none). */
  readonly missing: number;
  /** Seed of the draws: the same seed gives the same corruption. */
  readonly seed: number;
  /**
   * With `stddev`: the noise is spatially correlated (a stationary Gaussian field, GaussianJitter's
   * `correlationLength`) along the axes between the first and the last of each example's
   * `shape` (height and width of `[h, w, c]` images, time of `[t, c]` signals), entries d apart
   * correlated exp(-d^2 / (2 l^2)); each entry keeps the std `stddev`. 0 or omitted: i.i.d.
   */
  readonly correlationLength?: number;
  /**
   * The shape of one example, the rows being flattened row-major (`[h, w, c]`): needed with
   * `correlationLength`. Omitted: flat rows.
   */
  readonly shape?: readonly number[];
  /**
   * How many corrupted copies of the rows are scored together (see {@link corruptedCopies}):
   * a score over all of them is the mean of the scores of the single copies, with less of the
   * corruption's own chance in it. Omitted: 1.
   */
  readonly draws?: number;
}

/**
 * A corrupted copy of `rows`: entry `[i][j]` gets `stddev * z` added, with `z` standard normal
 * (key `{seed, stream: 'tfjs-noise-tune/corruption', step: 0}`, row-major), and is then replaced
 * by `fill[j]` if its uniform draw (same key, step 1) is below `missing`. `rows` is unchanged.
 *
 * @param rows The rows as the model sees them (standardized, if the model was trained so).
 * @param corruption The noise, the missing share and the seed.
 * @param fill The value of a missing entry, per column: the training rows' mean.
 * @param clean Indices of columns left uncorrupted (one-hot columns of a categorical feature:
 *   noise on a 0/1 indicator is no sensor's fault). Their draws are still taken, so the other
 *   columns get the same corruption with or without this list.
 *
 * @example
 * ```ts
 * import { corruptRows } from '@tfjs-noise/tune/blocks';
 *
 * const rows = [[0.5, -1.2], [1.1, 0.3]]; // standardized
 * const noisy = corruptRows(rows, { stddev: 1, missing: 0.25, seed: 7 }, [0, 0]);
 * ```
 */
export function corruptRows(
  rows: readonly (readonly number[])[],
  corruption: InputCorruption,
  fill: readonly number[],
  clean: readonly number[] = [],
): number[][] {
  return corruptCopy(rows, corruption, fill, clean, 0);
}

/**
 * `corruption.draws` (default 1) corrupted copies of `rows`, one after the other: copy `k` is
 * drawn as {@link corruptRows} draws, with key steps `2k` (noise) and `2k + 1` (missing), so
 * copy 0 is `corruptRows`'s. Scoring a model on all copies (the targets repeated as many times)
 * gives the mean of its scores on the single copies: on a small held-out fold, one draw of the
 * corruption moves an accuracy by many points by itself, and averaging over draws removes most
 * of that chance without training anything more.
 *
 * @example
 * ```ts
 * import { corruptedCopies } from '@tfjs-noise/tune/blocks';
 *
 * const rows = [[0.5, -1.2], [1.1, 0.3]];
 * const copies = corruptedCopies(rows, { stddev: 1, missing: 0, seed: 7, draws: 3 }, [0, 0]);
 * console.log(copies.length); // prints: 6
 * ```
 */
export function corruptedCopies(
  rows: readonly (readonly number[])[],
  corruption: InputCorruption,
  fill: readonly number[],
  clean: readonly number[] = [],
): number[][] {
  const draws = corruption.draws ?? 1;
  if (!Number.isInteger(draws) || draws < 1) {
    throw new Error(`corruption.draws must be an integer >= 1, but got ${String(draws)}.`);
  }
  const out: number[][] = [];
  for (let k = 0; k < draws; k++) out.push(...corruptCopy(rows, corruption, fill, clean, k));
  return out;
}

function corruptCopy(
  rows: readonly (readonly number[])[],
  corruption: InputCorruption,
  fill: readonly number[],
  clean: readonly number[],
  copy: number,
): number[][] {
  const d = fill.length;
  const kept = new Set(clean);
  const n = rows.length * d;
  const key = (step: number) => ({
    seed: corruption.seed,
    stream: CORRUPTION_STREAM,
    step: 2 * copy + step,
  });
  const correlated = (corruption.correlationLength ?? 0) > 0 && corruption.stddev > 0;
  const z =
    corruption.stddev <= 0
      ? null
      : correlated
        ? correlatedField(rows.length, corruption, copy)
        : random.fillNormal(new Float64Array(n), key(0));
  const u = corruption.missing > 0 ? random.fillUniform(new Float64Array(n), key(1)) : null;
  return rows.map((row, i) =>
    row.map((v, j) => {
      const k = i * d + j;
      if (kept.has(j)) return v;
      if (u && u[k]! < corruption.missing) return fill[j]!;
      return z ? v + corruption.stddev * z[k]! : v;
    }),
  );
}

/**
 * Unit-variance correlated noise for `n` examples of `corruption.shape` (flattened row-major),
 * drawn by tfjs-noise's GaussianJitter (its `correlationLength` field, see there for the
 * construction and its edges) with seed `corruption.seed + copy * 2^32`: each copy its own draw.
 */
function correlatedField(n: number, corruption: InputCorruption, copy: number): Float32Array {
  const shape = corruption.shape;
  if (!shape || shape.length < 2) {
    throw new Error(
      `corruption.correlationLength needs examples with a spatial axis (corruption.shape [h, w, c] or [t, c]), but got shape ${shape ? `[${shape.join(', ')}]` : 'none'}.`,
    );
  }
  const jitter = layers.gaussianJitter({
    stddev: 1,
    correlationLength: corruption.correlationLength!,
    seed: corruption.seed + copy * 2 ** 32,
  });
  try {
    return tidy(
      () =>
        (
          jitter.apply(zeros([n, ...shape]), { training: true }) as Tensor
        ).dataSync() as Float32Array,
    );
  } finally {
    jitter.dispose();
  }
}

/** The mean of each column of `rows` (the value of a missing entry): `[[1, 10], [3, 20]]` gives `[2, 15]`. */
export function columnMeans(rows: readonly (readonly number[])[]): number[] {
  const d = rows[0]?.length ?? 0;
  const sums = new Array<number>(d).fill(0);
  for (const row of rows) {
    row.forEach((v, j) => {
      sums[j]! += v;
    });
  }
  return sums.map((s) => s / rows.length);
}
