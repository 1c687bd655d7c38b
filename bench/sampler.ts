/**
 * The noise source against tf.randomNormal: time to make a 1M-sample tensor on the current
 * backend (and, as a second measure, to make it and read it back), with the WebAssembly sampler
 * (the default) and with the plain JavaScript one, and the raw throughput of each into a reused
 * array. The three tensor makers are timed in turn, round after round, so that drift in the
 * machine's speed hits all of them alike.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { median, type Row, timeTensor } from './timing';

const SAMPLES = 1_000_000;

export function samplerRows(backend: string, reps: number): Row[] {
  let step = 0;
  const wasm = () => {
    tfn.random.useWasmSampler(true);
    return tfn.random.normal([SAMPLES], { seed: 1, stream: 0, step: step++ });
  };
  const js = () => {
    tfn.random.useWasmSampler(false);
    return tfn.random.normal([SAMPLES], { seed: 1, stream: 0, step: step++ });
  };
  const theirs = () => tf.randomNormal([SAMPLES]);
  const makers = [wasm, js, theirs];
  for (let i = 0; i < 10; i++) for (const f of makers) timeTensor(f);
  const times: number[][] = makers.map(() => []);
  const readBack: number[][] = [[], []];
  for (let i = 0; i < reps; i++) {
    for (const [q, f] of makers.entries()) (times[q] as number[]).push(timeTensor(f));
    (readBack[0] as number[]).push(timeTensor(wasm, true));
    (readBack[1] as number[]).push(timeTensor(theirs, true));
  }
  const buf = new Float32Array(SAMPLES);
  const fill: number[][] = [[], []];
  for (let i = 0; i < 2 * reps; i++) {
    for (const [q, on] of [true, false].entries()) {
      tfn.random.useWasmSampler(on);
      const t0 = performance.now();
      tfn.random.fillNormal(buf, { seed: 2, stream: 0, step: i });
      (fill[q] as number[]).push(performance.now() - t0);
    }
  }
  tfn.random.useWasmSampler(true);
  const [msWasm, msJs, msTf] = times.map(median) as [number, number, number];
  const rate = (q: number) => SAMPLES / median(fill[q] as number[]) / 1e3;
  return [
    { backend, measure: 'tf.randomNormal 1M samples', value: msTf, unit: 'ms' },
    { backend, measure: 'tfn.random.normal 1M samples (tensor)', value: msWasm, unit: 'ms' },
    { backend, measure: 'tfn.random.normal 1M, JavaScript sampler', value: msJs, unit: 'ms' },
    { backend, measure: 'fillNormal throughput (wasm)', value: rate(0), unit: 'M/s' },
    { backend, measure: 'fillNormal throughput (JavaScript)', value: rate(1), unit: 'M/s' },
    {
      backend,
      measure: 'sampler speed-up vs tf.randomNormal',
      value: msTf / msWasm,
      unit: 'x',
      target: '>= 10',
    },
    { backend, measure: 'speed-up, JavaScript sampler', value: msTf / msJs, unit: 'x' },
    {
      backend,
      measure: 'speed-up, both tensors read back (dataSync)',
      value: median(readBack[1] as number[]) / median(readBack[0] as number[]),
      unit: 'x',
    },
  ];
}
