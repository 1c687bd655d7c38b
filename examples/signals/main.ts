/**
 * Noise at a signal-to-noise ratio: a small 1-D convnet classifies synthetic traces (four
 * waveform shapes with random phase, frequency, amplitude, offset, drift and background noise;
 * examples/data/waveforms.ts), plain and with Gaussian input noise whose amount is an SNR range
 * (`GaussianJitter` with `snrDb: [low, high]`: each trace of each batch gets noise at an SNR
 * drawn from the range, relative to that trace's own power, its offset not counted with
 * `snrCentered`), from the same initial weights and batches. Both are scored on clean test traces
 * and at test SNRs from 20 dB to 0 dB. Then the noisy model is copied without its noise layer
 * (`stripNoise`), saved to a folder, loaded back with plain tfjs and checked.
 *
 * Run: `pnpm --filter @tfjs-noise/examples signals [--per-class 25] [--epochs 60] [--low 0]
 * [--high 20] [--seed 1] [--backend wasm|cpu] [--out DIR]` (under a minute on wasm).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, FlagError, parseFlags, runScript } from '@tfjs-noise/support/flags';
import { fitShuffled } from '../data/shuffled_fit';
import { disposeWaveforms, LENGTH, makeWaveforms, SHAPES } from '../data/waveforms';
import { accuracy } from '../images/convnet';
import { stripSaveReload } from '../images/strip_and_reload';
import { atSnr, buildSignalNet, CONVNET1D, type SignalVariant } from './convnet1d';

const TEST_SNRS = [20, 10, 5, 0];

async function main() {
  const flags = parseFlags({
    'per-class': { type: 'int', default: 25, min: 1 },
    epochs: { type: 'int', default: 60, min: 1 },
    low: { type: 'number', default: 0, min: -60 },
    high: { type: 'number', default: 20, min: -60 },
    seed: { type: 'int', default: 1, min: 0 },
    backend: BACKEND_FLAG,
    out: { type: 'folder', default: '' },
  });
  const { epochs, seed, low, high } = flags;
  if (high < low)
    throw new FlagError(`--high ${high} is below --low ${low}: the range is [low, high].`);
  const backend = await useBackend(flags.backend);
  const perClass = flags['per-class'];
  const train = makeWaveforms(perClass, seed, 0);
  const test = makeWaveforms(200, seed, 2);
  const tests: [string, tf.Tensor][] = [
    ['clean', test.x],
    ...TEST_SNRS.map((db): [string, tf.Tensor] => [`${db} dB`, atSnr(test.x, db, seed + db)]),
  ];
  console.log(
    `${perClass} training traces per class (${SHAPES.join(', ')}; ${LENGTH} samples), 200 test ` +
      `traces per class; 1-D convnet, ${epochs} epochs; seed ${seed}; backend ${backend}`,
  );
  const arms: [string, SignalVariant][] = [
    ['plain 1-D convnet', { kind: 'none' }],
    [`noise at SNR [${low}, ${high}] dB`, { kind: 'snr', snrDb: [low, high] }],
  ];
  const rows = [['model / test SNR', ...tests.map(([name]) => name), 's']];
  let noisy: tf.LayersModel | null = null;
  for (const [name, variant] of arms) {
    const start = performance.now();
    const model = buildSignalNet(variant, seed, LENGTH, SHAPES.length);
    await fitShuffled(model, train.x, train.y, { epochs, batchSize: CONVNET1D.batchSize, seed });
    const seconds = (performance.now() - start) / 1000;
    rows.push([
      name,
      ...tests.map(([, x]) => `${(100 * accuracy(model, x, test.y)).toFixed(1)}%`),
      seconds.toFixed(1),
    ]);
    if (variant.kind === 'none') model.dispose();
    else noisy = model;
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

  const dir = join(
    resolve(flags.out || mkdtempSync(join(tmpdir(), 'tfjs-noise-signals-'))),
    'signals-model',
  );
  const reloaded = await stripSaveReload(noisy!, dir, test.x);
  console.log(
    `saved without noise to ${dir}; reloaded layers: ${reloaded.layers.join(', ')}; ` +
      `largest prediction difference from the trained model: ${reloaded.maxDiff.toExponential(1)}`,
  );
  noisy!.dispose();
  tf.dispose(tests.slice(1).map(([, x]) => x));
  disposeWaveforms(train);
  disposeWaveforms(test);
}

runScript('signals/main.ts', main);
