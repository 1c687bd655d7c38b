/**
 * Model seeds derived from the search seed with tfjs-noise's noise source.
 */
import { random } from 'tfjs-noise';

const MODEL_STREAM = random.streamId('tfjs-noise-tune/model-seed');

/**
 * The seed of the model trained on fold `fold` of repeat `repeat`: an integer in [0, 2^32),
 * the first uniform word of key `{seed, stream: 'tfjs-noise-tune/model-seed', step}` with
 * `step = repeat * folds + fold + 1` (step 0 is the final fit on all the data, `fold` = -1).
 *
 * The setting is deliberately not part of the key: every setting of a fold starts from the same
 * initial weights and noise seeds (common random numbers), so differences between settings come
 * from the noise, not from the draw of the initial weights.
 *
 * @example
 * ```ts
 * import { modelSeed } from '@tfjs-noise/tune/blocks';
 *
 * // The seed of the model of repeat 0, fold 2 in a search with seed 1 and 5 folds:
 * const seed = modelSeed(1, 5, 0, 2);
 * const finalSeed = modelSeed(1, 5, 0, -1); // the final fit on all rows (fitBest)
 * ```
 */
export function modelSeed(seed: number, folds: number, repeat: number, fold: number): number {
  const step = fold < 0 ? 0 : repeat * folds + fold + 1;
  const u = random.fillUniform(new Float64Array(1), { seed, stream: MODEL_STREAM, step });
  return Math.floor(u[0]! * 4294967296);
}

const CORRUPTION_SEED_STREAM = random.streamId('tfjs-noise-tune/corruption-seed');

/**
 * The seed of the corruption of the held-out rows of fold `fold` of repeat `repeat` (see
 * `SearchOptions.robustness`): an integer in [0, 2^32), the first uniform word of key
 * `{seed, stream: 'tfjs-noise-tune/corruption-seed', step: repeat * folds + fold}`. Like the
 * model seed, it does not depend on the setting: every setting of a fold is scored on the same
 * corrupted rows.
 *
 * @example
 * ```ts
 * import { corruptionSeed } from '@tfjs-noise/tune/blocks';
 *
 * // The corruption of repeat 1, fold 0 in a search with seed 1 and 5 folds:
 * const seed = corruptionSeed(1, 5, 1, 0);
 * ```
 */
export function corruptionSeed(seed: number, folds: number, repeat: number, fold: number): number {
  const step = repeat * folds + fold;
  const u = random.fillUniform(new Float64Array(1), {
    seed,
    stream: CORRUPTION_SEED_STREAM,
    step,
  });
  return Math.floor(u[0]! * 4294967296);
}
