/**
 * Where the time of one weight-sized noise draw goes (WeightNoise and AnnealedGradientNoise do
 * one per weight tensor per step): the pieces of `W + N(0, s^2)` for an n-element weight, timed
 * one after the other on the current backend, round after round, medians. No piece reads its
 * result back (cpu and wasm run kernels synchronously, so the time is spent when the call returns).
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { median, type Row } from './timing';

export function pieceRows(backend: string, n: number, reps: number): Row[] {
  const w = tf.zeros([n]);
  const reused = new Float32Array(n);
  const noise = tf.zeros([n]);
  let step = 0;
  const key = () => ({ seed: 3, stream: 0, step: step++ });
  const pieces: [string, () => void][] = [
    ['fillNormal into a reused array (sampling)', () => void tfn.random.fillNormal(reused, key())],
    ['new Float32Array(n) + first write (fresh memory)', () => void new Float32Array(n).fill(1)],
    ['tf.tensor(reused array) + dispose (upload)', () => tf.tensor(reused, [n]).dispose()],
    ['tfn.random.normal([n])', () => tfn.random.normal([n], key()).dispose()],
    ['tf.add(W, noise): one n-sized tfjs op', () => tf.add(w, noise).dispose()],
    [
      'W + normal: one draw of WeightNoise',
      () => tf.tidy(() => tf.add(w, tfn.random.normal([n], key(), 0, 0.05))).dispose(),
    ],
  ];
  for (let i = 0; i < 2; i++) for (const [, f] of pieces) f();
  const times: number[][] = pieces.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (const [i, [, f]] of pieces.entries()) {
      const t0 = performance.now();
      f();
      (times[i] as number[]).push(performance.now() - t0);
    }
  }
  tf.dispose([w, noise]);
  const size = n.toExponential(0);
  return pieces.map(([name], i) => ({
    backend,
    measure: `weight noise pieces, n = ${size}: ${name}`,
    value: median(times[i] as number[]),
    unit: 'ms',
  }));
}
