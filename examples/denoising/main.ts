/**
 * A denoising autoencoder (Vincent et al. 2008) with GaussianJitter: signals on a
 * low-dimensional manifold (sums of two sine waves at 32 points), an overcomplete autoencoder
 * (32 -> 64 ReLU -> 32) trained to reproduce the clean signals, plain and with GaussianJitter on
 * its inputs (noisy input, clean target), beside tfjs's own `gaussianNoise` layer. Each seed has
 * its own signals and initial weights, shared by the models. The table gives, mean +- sd over
 * seeds, the reconstruction error of corrupted test signals (test signal + N(0, stddev^2) noise,
 * scored against the clean signal) and of clean test signals.
 *
 * Run: `pnpm --filter @tfjs-noise/examples denoising [--seeds 3] [--epochs 100] [--stddev 0.3]
 * [--backend cpu|wasm]`.
 */
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import {
  buildAutoencoder,
  DIM,
  disposeSignals,
  HIDDEN,
  makeSignals,
  type Reconstruction,
  trainAndScore,
  type Variant,
} from './autoencoder';

function meanSd(values: number[]): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(
    values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
  return `${mean.toFixed(4)} +- ${sd.toFixed(4)}`;
}

async function main() {
  const flags = parseFlags({
    seeds: { type: 'int', default: 3, min: 1 },
    epochs: { type: 'int', default: 100, min: 1 },
    stddev: { type: 'number', default: 0.3, min: 0, exclusive: true },
    backend: BACKEND_FLAG,
  });
  const backend = await useBackend(flags.backend);
  const { seeds, epochs, stddev } = flags;
  console.log(
    `200 training / 500 test signals (two sine waves at ${DIM} points), test inputs corrupted ` +
      `with N(0, ${stddev}^2); autoencoder ${DIM}-${HIDDEN}-${DIM}, Adam(0.005), batch 32, ` +
      `${epochs} epochs; ${seeds} seeds; backend ${backend}`,
  );
  const models: [string, Variant][] = [
    ['plain autoencoder', { kind: 'none' }],
    [`tfn GaussianJitter ${stddev} (denoising)`, { kind: 'jitter', amount: stddev }],
    [`tf.layers.gaussianNoise ${stddev} (peer)`, { kind: 'gaussianNoise', amount: stddev }],
  ];
  const results = models.map((): Reconstruction[] => []);
  const seconds = models.map(() => 0);
  for (let seed = 1; seed <= seeds; seed++) {
    const train = makeSignals(200, stddev, 300 + seed, 0);
    const test = makeSignals(500, stddev, 300 + seed, 1);
    for (const [i, [, variant]] of models.entries()) {
      const start = performance.now();
      const model = buildAutoencoder(variant, seed);
      results[i]!.push(await trainAndScore(model, train, test, epochs));
      model.dispose();
      seconds[i]! += (performance.now() - start) / 1000;
    }
    disposeSignals(train);
    disposeSignals(test);
  }
  const rows = [['model', 'MSE, corrupted inputs', 'MSE, clean inputs', 's/run']];
  for (const [i, [name]] of models.entries()) {
    rows.push([
      name,
      meanSd(results[i]!.map((r) => r.corrupted)),
      meanSd(results[i]!.map((r) => r.clean)),
      (seconds[i]! / seeds).toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

runScript('denoising/main.ts', main);
