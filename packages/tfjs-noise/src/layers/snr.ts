/**
 * Noise amounts given as a signal-to-noise ratio in dB (GaussianJitter's `snrDb`): per example,
 * noise std = that example's RMS x 10^(-snrDb / 20). More dB is less noise.
 */
import {
  broadcastTo,
  div,
  maximum,
  mul,
  pow,
  reshape,
  scalar,
  sqrt,
  sub,
  sum,
  type Tensor,
} from '@tensorflow/tfjs-core';
import { uniform } from '../random/noise';
import { type NoiseKey, streamId } from '../random/noise_key';
import { fail } from '../validate';
import { stopGradient } from './stop_gradient';

/**
 * A signal-to-noise ratio in dB: one value, or a range [low, high] from which each example's
 * ratio is drawn uniformly (in dB) at every training step.
 *
 * @example
 * ```ts
 * const fixed: tfn.SnrDb = 20; // noise std = RMS / 10
 * const range: tfn.SnrDb = [10, 30]; // each example its own SNR, uniform in dB
 * model.add(tfn.layers.gaussianJitter({ snrDb: range, inputShape: [16], seed: 1 }));
 * ```
 */
export type SnrDb = number | [number, number];

/** An optional `snrDb`: omitted (null), a finite number, or [low, high] with low <= high. */
export function checkSnrDb(owner: string, value: unknown): SnrDb | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value + 0;
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    (value[0] as number) <= (value[1] as number)
  ) {
    return [(value[0] as number) + 0, (value[1] as number) + 0];
  }
  return fail(
    owner,
    'snrDb',
    'a finite number (dB) or a pair [low, high] of them with low <= high (or omitted)',
    value,
  );
}

/** The key of the per-example SNR draws: a stream of its own, derived from the noise's key. */
export function snrKey(key: NoiseKey): NoiseKey {
  return { ...key, stream: streamId('GaussianJitter/snrDb', key.stream) };
}

/**
 * The noise std of each example of `x` for the ratio `snrDb`, shaped [batch, 1, ..., 1] (the
 * rank of `x`): the example's RMS over all its non-batch axes (over its unmasked positions when
 * `weights` is given; mean removed first if `centered`) x 10^(-snr / 20), with no gradient
 * through the RMS. With a range, each example's SNR is drawn uniformly in dB from `key`'s
 * {@link snrKey}. Call it inside `tidy`.
 */
export function snrStd(
  x: Tensor,
  weights: Tensor | null,
  snrDb: SnrDb,
  centered: boolean,
  key: NoiseKey,
): Tensor {
  const batch = x.shape[0] as number;
  const flat = reshape(x, [batch, -1]);
  const w = weights ? reshape(broadcastTo(weights, x.shape), [batch, -1]) : null;
  const count = w ? maximum(sum(w, 1, true), 1) : scalar(flat.shape[1] as number);
  const mean = (t: Tensor) => div(sum(w ? mul(t, w) : t, 1, true), count);
  const signal = centered ? sub(flat, mean(flat)) : flat;
  const rms = stopGradient(sqrt(mean(mul(signal, signal))));
  const db = Array.isArray(snrDb)
    ? reshape(uniform([batch], snrKey(key), snrDb[0], snrDb[1]), [batch, 1])
    : scalar(snrDb);
  const std = mul(rms, pow(10, div(db, -20)));
  return reshape(std, [batch, ...x.shape.slice(1).map(() => 1)]);
}
