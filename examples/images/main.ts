/**
 * Noise shaped like images: a small convnet trained on a few real handwritten digits (the
 * `mnist` package's 28x28 digits, 20 per class by default), plain and with spatially correlated
 * pixel noise on its input (`GaussianJitter` with `correlationLength`: smooth blotches rather
 * than salt-and-pepper), from the same initial weights and batches. Both are scored on clean
 * test digits and on test digits corrupted by i.i.d. pixel noise and by correlated noise. Then
 * the noisy model is copied without its noise layer (`stripNoise`), saved to a folder, loaded
 * back with plain tfjs and checked to predict what it predicted.
 *
 * Run: `pnpm --filter @tfjs-noise/examples images [--per-class 20] [--epochs 20] [--stddev 0.3]
 * [--length 2] [--seed 1] [--backend wasm|cpu] [--out DIR]` (about a minute on wasm; conv
 * layers train on wasm because tfjs-noise gives it their gradient kernels).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import { disposeDigits, makeDigits } from '../data/digits';
import { accuracy, buildDigitNet, corrupt, type DigitVariant, trainDigitNet } from './convnet';
import { stripSaveReload } from './strip_and_reload';

async function main() {
  const flags = parseFlags({
    'per-class': { type: 'int', default: 20, min: 1 },
    epochs: { type: 'int', default: 20, min: 1 },
    stddev: { type: 'number', default: 0.3, min: 0, exclusive: true },
    length: { type: 'number', default: 2, min: 0, exclusive: true },
    seed: { type: 'int', default: 1, min: 0 },
    backend: BACKEND_FLAG,
    out: { type: 'folder', default: '' },
  });
  const backend = await useBackend(flags.backend);
  const { epochs, seed, stddev, length } = flags;
  const perClass = flags['per-class'];
  const train = makeDigits({ perClass, seed, stream: 0 });
  const test = makeDigits({ perClass: 100, seed, stream: 0, skip: perClass });
  const tests: [string, tf.Tensor][] = [
    ['clean', test.x],
    ['pixel noise 0.5', corrupt(test.x, 0.5, 0, seed + 100)],
    ['correlated noise 0.3, length 2', corrupt(test.x, 0.3, 2, seed + 200)],
  ];
  console.log(
    `${perClass} training digits per class, 100 test digits per class; convnet conv3x3(8)-pool-` +
      `conv3x3(16)-pool-dense(10), ${epochs} epochs; seed ${seed}; backend ${backend}`,
  );
  const arms: [string, DigitVariant][] = [
    ['plain convnet', { kind: 'none' }],
    [`correlated noise ${stddev}, length ${length}`, { kind: 'correlated', stddev, length }],
  ];
  const rows = [['model', ...tests.map(([name]) => `acc., ${name}`), 's']];
  let noisy: tf.LayersModel | null = null;
  for (const [name, variant] of arms) {
    const start = performance.now();
    const model = buildDigitNet(variant, seed);
    await trainDigitNet(model, train.x, train.y, epochs, seed);
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
    resolve(flags.out || mkdtempSync(join(tmpdir(), 'tfjs-noise-images-'))),
    'digits-model',
  );
  const reloaded = await stripSaveReload(noisy!, dir, test.x);
  console.log(
    `saved without noise to ${dir}; reloaded layers: ${reloaded.layers.join(', ')}; ` +
      `largest prediction difference from the trained model: ${reloaded.maxDiff.toExponential(1)}`,
  );
  noisy!.dispose();
  tf.dispose(tests.slice(1).map(([, x]) => x));
  disposeDigits(train);
  disposeDigits(test);
}

runScript('images/main.ts', main);
