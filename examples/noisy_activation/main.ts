/**
 * Noisy activation functions (Gulcehre et al. 2016) on a small data set: an MLP with a hardTanh
 * hidden layer, trained with the plain (deterministic) hardTanh and with the paper's noisy
 * hardTanh. Prints both test accuracies and the number of epochs each needed to reach a target
 * training loss.
 *
 * Run: `pnpm --filter @tfjs-noise/examples noisy-activation [--seeds 5] [--epochs 600]
 * [--target 0.25] [--backend cpu|wasm]`.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import { binaryAccuracy } from '@tfjs-noise/support/metrics';
import * as tfn from 'tfjs-noise';
import { makeCircles, split } from '../data/circles';

let INIT_STD = 3;

interface Result {
  testAcc: number;
  epochsToTarget: number | null;
}

async function run(noisy: boolean, seed: number, epochs: number, target: number): Promise<Result> {
  const data = split(makeCircles({ n: 200, noise: 0.1, seed: 500 + seed }), 100);
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 32,
      inputShape: [2],
      // A large initial scale: most hidden units start saturated, the regime where a plain
      // hard-saturating unit gets no gradient and the paper's noise is meant to help.
      kernelInitializer: tf.initializers.randomNormal({ stddev: INIT_STD, seed }),
      biasInitializer: tf.initializers.randomNormal({ stddev: INIT_STD, seed: seed + 100 }),
    }),
  );
  // alpha = 1 and c = 0 make the layer the plain, noise-free hardTanh.
  model.add(
    tfn.layers.noisyActivation(
      noisy ? { activation: 'hardTanh', seed } : { activation: 'hardTanh', alpha: 1, c: 0, seed },
    ),
  );
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const x = tf.tensor2d(data.train.x);
  const y = tf.tensor2d(data.train.y, [data.train.y.length, 1]);
  const xTest = tf.tensor2d(data.test.x);
  const yTest = tf.tensor2d(data.test.y, [data.test.y.length, 1]);
  let epochsToTarget: number | null = null;
  await model.fit(x, y, {
    epochs,
    batchSize: data.train.x.length,
    shuffle: false,
    verbose: 0,
    callbacks: {
      onEpochEnd: async (epoch) => {
        if (epochsToTarget !== null) return;
        // The clean training loss (no noise), so both models are judged alike.
        const loss = tf.tidy(() => (model.evaluate(x, y) as tf.Scalar).dataSync()[0] as number);
        if (loss <= target) epochsToTarget = epoch + 1;
      },
    },
  });
  const testAcc = binaryAccuracy(model, xTest, yTest);
  tf.dispose([x, y, xTest, yTest]);
  model.dispose();
  return { testAcc, epochsToTarget };
}

async function main() {
  const flags = parseFlags({
    seeds: { type: 'int', default: 5, min: 1 },
    epochs: { type: 'int', default: 600, min: 1 },
    target: { type: 'number', default: 0.25, min: 0, exclusive: true },
    'init-std': { type: 'number', default: INIT_STD, min: 0, exclusive: true },
    backend: BACKEND_FLAG,
  });
  const backend = await useBackend(flags.backend);
  const { seeds, epochs, target } = flags;
  INIT_STD = flags['init-std'];
  console.log(
    `two circles (200 points, noise 0.1): 100 train / 100 test; MLP 2-32-1 with a hardTanh hidden ` +
      `layer (initial weights N(0, ${INIT_STD}^2)), Adam(0.01), full batch, up to ${epochs} epochs; ` +
      `${seeds} seeds; backend ${backend}`,
  );
  const rows = [
    ['activation', 'test acc (mean +- sd)', `epochs to train loss <= ${target} (mean; reached)`],
  ];
  for (const [name, noisy] of [
    ['hardTanh', false],
    ['noisy hardTanh (alpha 1.15, c 0.5, p 1)', true],
  ] as const) {
    const results: Result[] = [];
    for (let s = 1; s <= seeds; s++) results.push(await run(noisy, s, epochs, target));
    const acc = results.map((r) => r.testAcc);
    const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
    const sd = Math.sqrt(
      acc.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, acc.length - 1),
    );
    const reached = results.flatMap((r) => (r.epochsToTarget === null ? [] : [r.epochsToTarget]));
    const epochsMean = reached.length
      ? (reached.reduce((a, b) => a + b, 0) / reached.length).toFixed(0)
      : '-';
    rows.push([
      name,
      `${(100 * mean).toFixed(1)}% +- ${(100 * sd).toFixed(1)}`,
      `${epochsMean}; ${reached.length}/${results.length}`,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

runScript('noisy_activation/main.ts', main);
