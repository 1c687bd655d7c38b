/** Timing helpers of the benchmarks: medians of repeated, interleaved measurements. */
import type * as tf from '@tensorflow/tfjs';

/** One line of the results table. */
export interface Row {
  backend: string;
  measure: string;
  value: number;
  unit: string;
  /** The target for this measure, e.g. '<= 1.05' or '>= 10' (informative, not a test). */
  target?: string;
}

/** Whether `value` meets a target written as '<= x' or '>= x'. */
export function meets(value: number, target: string): boolean {
  const bound = Number(target.slice(2));
  return target.startsWith('<=') ? value <= bound : value >= bound;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Milliseconds of one call of `f` (which returns a tensor it made), read back and disposed. */
export function timeTensor(f: () => tf.Tensor): number {
  const t0 = performance.now();
  const x = f();
  x.dataSync();
  const ms = performance.now() - t0;
  x.dispose();
  return ms;
}

/**
 * Median training-step time (ms) of each model on the same batch. The models are stepped in
 * turn, round after round, so that drift in the machine's speed hits all of them alike.
 */
export async function stepTimes(
  models: tf.LayersModel[],
  x: tf.Tensor,
  y: tf.Tensor,
  rounds: number,
  warmup = 2,
): Promise<number[]> {
  for (const m of models) for (let i = 0; i < warmup; i++) await m.trainOnBatch(x, y);
  const times: number[][] = models.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, m] of models.entries()) {
      const t0 = performance.now();
      await m.trainOnBatch(x, y);
      (times[i] as number[]).push(performance.now() - t0);
    }
  }
  return times.map(median);
}
