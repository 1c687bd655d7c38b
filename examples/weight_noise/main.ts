/**
 * Weight noise on a recurrent network (Graves 2011/2013: noise added to the weights once per
 * training sequence batch). A small sequence-regression task with few training sequences: the
 * target is a noisy nonlinear function of the whole sequence. An LSTM is trained with and without
 * WeightNoise over a few seeds, and the validation loss of both is printed.
 *
 * Run: `pnpm --filter @tfjs-noise/examples weight-noise [--seeds 3] [--epochs 150]
 * [--stddev 0.05] [--backend cpu|wasm]`.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import * as tfn from 'tfjs-noise';
import { makeSequences } from '../data/sequences';

const STEPS = 12;

/** n sequences of STEPS values; target: tanh(sum of x_t * cos(t)) + small noise. */
const makeSet = (n: number, seed: number) =>
  makeSequences({ n, steps: STEPS, noise: 0.05, seed, stream: 1 });

async function run(stddev: number, seed: number, epochs: number): Promise<[number, number]> {
  const train = makeSet(48, 100 + seed);
  const val = makeSet(512, 9000 + seed);
  const lstm = tf.layers.lstm({
    units: 32,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
  });
  const model = tf.sequential();
  model.add(
    stddev > 0
      ? tfn.layers.weightNoise({ layer: lstm, stddev, seed, inputShape: [STEPS, 1] })
      : tf.layers.lstm({ ...lstm.getConfig(), inputShape: [STEPS, 1] } as never),
  );
  model.add(
    tf.layers.dense({
      units: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
    }),
  );
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  await model.fit(train.x, train.y, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
  const loss = (d: { x: tf.Tensor3D; y: tf.Tensor2D }) =>
    tf.tidy(() => (model.evaluate(d.x, d.y) as tf.Scalar).dataSync()[0] as number);
  const result: [number, number] = [loss(train), loss(val)];
  tf.dispose([train.x, train.y, val.x, val.y]);
  model.dispose();
  return result;
}

async function main() {
  const flags = parseFlags({
    seeds: { type: 'int', default: 3, min: 1 },
    epochs: { type: 'int', default: 150, min: 1 },
    stddev: { type: 'number', default: 0.05, min: 0 },
    backend: BACKEND_FLAG,
  });
  const backend = await useBackend(flags.backend);
  const { seeds, epochs, stddev } = flags;
  console.log(
    `sequence regression: 48 training / 512 validation sequences of ${STEPS} steps; LSTM(32) + ` +
      `Dense(1), Adam(0.01), ${epochs} epochs, batch 16; ${seeds} seeds; backend ${backend}`,
  );
  const rows: string[][] = [['model', 'train MSE (mean)', 'validation MSE (mean +- sd)', 's/run']];
  for (const [name, s] of [
    ['LSTM', 0],
    [`LSTM + WeightNoise stddev ${stddev}`, stddev],
  ] as const) {
    const train: number[] = [];
    const val: number[] = [];
    const start = performance.now();
    for (let seed = 1; seed <= seeds; seed++) {
      const [t, v] = await run(s, seed, epochs);
      train.push(t);
      val.push(v);
    }
    const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
    const sd = (a: number[]) =>
      Math.sqrt(a.reduce((p, q) => p + (q - mean(a)) ** 2, 0) / Math.max(1, a.length - 1));
    rows.push([
      name,
      mean(train).toFixed(4),
      `${mean(val).toFixed(4)} +- ${sd(val).toFixed(4)}`,
      ((performance.now() - start) / 1000 / seeds).toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

runScript('weight_noise/main.ts', main);
