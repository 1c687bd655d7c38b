/** The noise source against tf.randomNormal: time for 1M samples, on the current backend. */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { median, type Row, timeTensor } from './timing';

const SAMPLES = 1_000_000;

export function samplerRows(backend: string, reps: number): Row[] {
  let step = 0;
  const ours = () => tfn.random.normal([SAMPLES], { seed: 1, stream: 0, step: step++ });
  const theirs = () => tf.randomNormal([SAMPLES]);
  for (let i = 0; i < 10; i++) {
    timeTensor(ours);
    timeTensor(theirs);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < reps; i++) {
    a.push(timeTensor(ours));
    b.push(timeTensor(theirs));
  }
  const raw: number[] = [];
  const buf = new Float32Array(SAMPLES);
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    tfn.random.fillNormal(buf, { seed: 2, stream: 0, step: i });
    raw.push(performance.now() - t0);
  }
  const ms = median(a);
  const msTf = median(b);
  return [
    { backend, measure: 'tf.randomNormal 1M samples', value: msTf, unit: 'ms' },
    { backend, measure: 'tfn.random.normal 1M samples (tensor)', value: ms, unit: 'ms' },
    {
      backend,
      measure: 'tfn.random.fillNormal throughput',
      value: SAMPLES / median(raw) / 1e3,
      unit: 'M/s',
    },
    { backend, measure: 'sampler speed-up vs tf.randomNormal', value: msTf / ms, unit: 'x' },
  ];
}
