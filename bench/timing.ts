/**
 * Timing helpers of the benchmarks (medians of repeated, interleaved measurements) and the table
 * they print. Browser-safe: the browser benchmark (bench/gpu) steps its models with
 * `stepTimes` too.
 */
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

type Cells = [backend: string, measure: string, value: string, target: string];

/** A row's cells as printed: backend, measure, value with its unit, target with met / NOT met. */
export function cellsOf(r: Row): Cells {
  const target = r.target ? `${r.target} ${meets(r.value, r.target) ? 'met' : 'NOT met'}` : '';
  return [r.backend, r.measure, `${r.value.toFixed(2)} ${r.unit}`, target];
}

/** The rows as a plain-text table: a header line, then one line per row. */
export function formatRows(rows: Row[]): string[] {
  const cells = rows.map(cellsOf);
  const w = Math.max(...cells.map((c) => c[1].length)) + 2;
  const v = Math.max(10, ...cells.map((c) => c[2].length)) + 2;
  const line = ([backend, measure, value, target]: Cells) =>
    `${backend.padEnd(8)}${measure.padEnd(w)}${value.padEnd(v)}${target}`.trimEnd();
  return [line(['backend', 'measure', 'value', 'target']), ...cells.map(line)];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Milliseconds of one call of `f`, which returns a tensor it made; the tensor is disposed after
 * the clock stops. With `readBack` the time includes `dataSync()` (a copy out of the backend).
 * Without it, the time is what training pays: cpu and wasm run synchronously, so the tensor is
 * complete when `f` returns.
 */
export function timeTensor(f: () => tf.Tensor, readBack = false): number {
  const t0 = performance.now();
  const x = f();
  if (readBack) x.dataSync();
  const ms = performance.now() - t0;
  x.dispose();
  return ms;
}

/**
 * Median training-step time (ms) of each model on the same batch. The models are stepped in
 * turn, round after round (in a rotating order), so that drift in the machine's speed hits all
 * of them alike. One sample is `k` consecutive steps of one model, with `k` chosen after the
 * warm-up so that a sample of the first model lasts at least `minSampleMs` (cheap steps are
 * timed in blocks, where a timer's resolution and a single GC pause weigh less). Garbage
 * collection is never forced: the collections a model's allocations cause belong to its step
 * time.
 */
export async function stepTimes(
  models: tf.LayersModel[],
  x: tf.Tensor,
  y: tf.Tensor,
  rounds: number,
  { warmup = 2, minSampleMs = 50 }: { warmup?: number; minSampleMs?: number } = {},
): Promise<number[]> {
  const warm: number[] = [];
  for (const m of models) {
    for (let i = 0; i < warmup; i++) {
      const t0 = performance.now();
      await m.trainOnBatch(x, y);
      if (m === models[0]) warm.push(performance.now() - t0);
    }
  }
  const k = Math.max(1, Math.ceil(minSampleMs / Math.max(median(warm), 1e-3)));
  const times: number[][] = models.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // The order rotates every round, so that no model always follows the same one.
    for (let o = 0; o < models.length; o++) {
      const i = (o + round) % models.length;
      const m = models[i] as tf.LayersModel;
      const t0 = performance.now();
      for (let j = 0; j < k; j++) await m.trainOnBatch(x, y);
      (times[i] as number[]).push((performance.now() - t0) / k);
    }
  }
  return times.map(median);
}
