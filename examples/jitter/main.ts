/**
 * The small-data experiment of the seed article in brief: two circles, 30 training points,
 * 70 test points, an MLP with 500 ReLU units trained full batch with Adam. The same model is
 * trained without input noise, with a GaussianJitter input layer and with tfjs's own
 * `tf.layers.gaussianNoise`, over a few seeds (each seed: its own data set and initial weights),
 * and the train and test accuracies are printed. Run: `pnpm demo` (or `tsx jitter/main.ts --seeds 10 --epochs 4000 --stddev 0.05
 * --backend cpu`).
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import { binaryAccuracy } from '@tfjs-noise/support/metrics';
import * as tfn from 'tfjs-noise';
import { makeCircles, split } from '../data/circles';

interface RunResult {
  trainAcc: number;
  testAcc: number;
  seconds: number;
}

/** Which input-noise layer a run uses. */
type Noise = { kind: 'none' } | { kind: 'jitter' | 'tfjs'; stddev: number };

async function run(
  noise: Noise,
  seed: number,
  epochs: number,
  data: ReturnType<typeof split>,
): Promise<RunResult> {
  const model = tf.sequential();
  if (noise.kind === 'jitter') {
    model.add(tfn.layers.gaussianJitter({ stddev: noise.stddev, seed, inputShape: [2] }));
  } else if (noise.kind === 'tfjs') {
    model.add(tf.layers.gaussianNoise({ stddev: noise.stddev, inputShape: [2] }));
  }
  model.add(
    tf.layers.dense({
      units: 500,
      activation: 'relu',
      inputShape: [2],
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  const [xTrain, yTrain, xTest, yTest] = [
    tf.tensor2d(data.train.x),
    tf.tensor2d(data.train.y, [data.train.y.length, 1]),
    tf.tensor2d(data.test.x),
    tf.tensor2d(data.test.y, [data.test.y.length, 1]),
  ];
  const start = performance.now();
  await model.fit(xTrain, yTrain, {
    epochs,
    batchSize: data.train.x.length,
    shuffle: false,
    verbose: 0,
  });
  const seconds = (performance.now() - start) / 1000;
  const accuracy = (x: tf.Tensor2D, y: tf.Tensor2D) => binaryAccuracy(model, x, y);
  const result = { trainAcc: accuracy(xTrain, yTrain), testAcc: accuracy(xTest, yTest), seconds };
  tf.dispose([xTrain, yTrain, xTest, yTest]);
  model.dispose();
  return result;
}

function summary(values: number[]): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(
    values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
  return `${(100 * mean).toFixed(1)}% +- ${(100 * sd).toFixed(1)}`;
}

async function main() {
  const flags = parseFlags({
    seeds: { type: 'int', default: 4, min: 1 },
    epochs: { type: 'int', default: 4000, min: 1 },
    stddev: { type: 'number', default: 0.1, min: 0 },
    backend: BACKEND_FLAG,
  });
  const backend = await useBackend(flags.backend);
  const { seeds, epochs, stddev } = flags;
  console.log(
    `two circles (100 points, noise 0.1): 30 train / 70 test; MLP 2-500-1, Adam(0.001), ` +
      `${epochs} full-batch epochs; ${seeds} seeds; backend ${backend}`,
  );
  const rows: [string, Noise][] = [
    ['baseline', { kind: 'none' }],
    [`tfn GaussianJitter stddev ${stddev}`, { kind: 'jitter', stddev }],
    [`tf.layers.gaussianNoise stddev ${stddev} (peer)`, { kind: 'tfjs', stddev }],
  ];
  const table: string[][] = [['model', 'train acc (mean +- sd)', 'test acc (mean +- sd)', 's/run']];
  for (const [name, noise] of rows) {
    const results: RunResult[] = [];
    for (let s = 0; s < seeds; s++) {
      const data = split(makeCircles({ n: 100, noise: 0.1, seed: 1000 + s }), 30);
      results.push(await run(noise, 1 + s, epochs, data));
    }
    table.push([
      name,
      summary(results.map((r) => r.trainAcc)),
      summary(results.map((r) => r.testAcc)),
      (results.reduce((a, r) => a + r.seconds, 0) / results.length).toFixed(1),
    ]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

runScript('jitter/main.ts', main);
