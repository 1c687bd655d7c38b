/**
 * The edge of a grid: the recommended amount is the one with the most noise of its kind that was
 * tried (the largest amount, or the smallest for a kind whose larger amounts are less noise, an
 * SNR in dB), so a setting with more noise was not measured.
 */
import type { NoiseSetting } from '../types';

/**
 * Whether `chosen` is at the noisy edge of the `amounts` of its kind (at least two, amount 0
 * excluded): the largest, or the smallest when `lessNoise` lists the kind.
 */
export function atNoisyEdge(
  chosen: NoiseSetting,
  amounts: readonly number[],
  lessNoise: readonly string[] = [],
): boolean {
  if (amounts.length < 2) return false;
  return lessNoise.includes(chosen.kind)
    ? amounts.every((a) => a >= chosen.amount)
    : amounts.every((a) => a <= chosen.amount);
}

/** The sentence that says a setting with more noise was not measured (see {@link atNoisyEdge}). */
export function edgeSentence(chosen: NoiseSetting, lessNoise: readonly string[] = []): string {
  return lessNoise.includes(chosen.kind)
    ? `${chosen.amount} is the smallest amount of ${chosen.kind} noise tried, the most noise ` +
        '(its larger amounts are less noise): a smaller one was not measured and might do better ' +
        '(add it to the grid).'
    : `${chosen.amount} is the largest amount of ${chosen.kind} noise tried: a larger one was not ` +
        'measured and might do better (add it to the grid).';
}
