/**
 * Signals: a small 1-D convnet trained on a few synthetic traces with realistic nuisance
 * (examples/data/waveforms.ts: four waveform shapes, random phase, jittered frequency, amplitude,
 * offset, drift and background noise), with Gaussian input noise at a fixed std and at an SNR
 * range (`snrDb: [low, high]`, one SNR per trace and step), against none and L2. Scored by test
 * accuracy on clean traces and on the same traces with white noise at 20, 10, 5 and 0 dB below
 * each trace's power (drawn once per seed, the same for every arm); the picture
 * (`signals.svg`) is accuracy against test SNR, one curve per arm.
 */
import * as tf from '@tensorflow/tfjs';
import { fitShuffled } from '@tfjs-noise/examples/data/shuffled_fit';
import {
  disposeWaveforms,
  LENGTH,
  makeWaveforms,
  SHAPES,
} from '@tfjs-noise/examples/data/waveforms';
import { accuracy } from '@tfjs-noise/examples/images/convnet';
import {
  atSnr,
  buildSignalNet,
  CONVNET1D,
  type SignalVariant,
} from '@tfjs-noise/examples/signals/convnet1d';
import { curvesSvg } from './plot';
import { ACCURACY, type Metric, type SeedScores, type Study } from './study';

const STDDEV = 0.3;
const SNR_RANGE: [number, number] = [0, 20];
const SNR_HIGH: [number, number] = [10, 30];
const L2 = 1e-3;
/** The test SNRs in dB (besides clean traces). */
const TEST_SNRS = [20, 10, 5, 0];

interface Size {
  perClass: number;
  testPerClass: number;
  epochs: number;
}

const FULL: Size = { perClass: 25, testPerClass: 200, epochs: 60 };
const QUICK: Size = { perClass: 2, testPerClass: 2, epochs: 1 };

const VARIANTS: [string, SignalVariant][] = [
  ['none', { kind: 'none' }],
  ['stddev', { kind: 'stddev', stddev: STDDEV }],
  ['snr', { kind: 'snr', snrDb: SNR_RANGE }],
  ['snr-high', { kind: 'snr', snrDb: SNR_HIGH }],
  ['l2', { kind: 'l2', l2: L2 }],
];

/** The conditions: metric key and the axis label; `mean` first (the verdict's metric). */
const CONDITIONS = [
  { key: 'clean', label: 'clean' },
  ...TEST_SNRS.map((db) => ({ key: `snr${db}`, label: `${db} dB` })),
];

const MEAN: Metric = { ...ACCURACY, key: 'mean', label: 'acc., mean over SNRs' };
const metrics: Metric[] = [
  MEAN,
  ...CONDITIONS.map((c) => ({ ...ACCURACY, key: c.key, label: `acc., ${c.label}` })),
];

const arms: Record<string, string> = {
  none: 'none',
  stddev: `noise std ${STDDEV}`,
  snr: `noise at SNR [${SNR_RANGE.join(', ')}] dB`,
  'snr-high': `noise at SNR [${SNR_HIGH.join(', ')}] dB`,
  l2: `L2 ${L2}`,
};

/** The signals study. */
export const signalsStudy: Study = {
  name: 'signals',
  claim:
    'Gaussian input noise makes a small 1-D convnet robust to noisier test signals; an amount ' +
    'given as an SNR range (relative to each trace) does so better than a fixed std, when ' +
    'amplitudes vary.',
  arms,
  rows: [
    { arm: 'none' },
    { arm: 'stddev', vs: 'none' },
    { arm: 'snr', vs: 'none' },
    { arm: 'snr-high', vs: 'none' },
    { arm: 'l2', vs: 'none' },
    { arm: 'snr', vs: 'stddev' },
    { arm: 'snr-high', vs: 'stddev' },
  ],
  claimRows: [
    { arm: 'stddev', vs: 'none' },
    { arm: 'snr', vs: 'none' },
    { arm: 'snr', vs: 'stddev' },
  ],
  metrics,
  describe: (quick) => {
    const s = quick ? QUICK : FULL;
    return (
      `${s.perClass} training traces per class (4 waveform shapes, ${LENGTH} samples, random ` +
      'phase, 2-4 cycles, amplitude 0.3-2, offset -1..1, drift, background noise 0.05), ' +
      `${s.testPerClass} test traces per class; conv1d(8x7)-pool-conv1d(16x5)-global max-pool-` +
      `dense(4), Adam(${CONVNET1D.learningRate}), batch ${CONVNET1D.batchSize}, ${s.epochs} ` +
      'epochs (seeded shuffle). SNR noise is relative to each trace with its offset removed ' +
      `(snrCentered); test traces scored clean and with white noise at ${TEST_SNRS.join(', ')} dB ` +
      '(same definition, drawn once per seed); "mean over SNRs" averages the five. Amounts ' +
      'fixed in advance, not tuned.'
    );
  },
  runSeed: async (seed, quick) => {
    const size = quick ? QUICK : FULL;
    const train = makeWaveforms(size.perClass, 500 + seed, 0);
    const test = makeWaveforms(size.testPerClass, 500 + seed, 2);
    const tests = [test.x, ...TEST_SNRS.map((db, i) => atSnr(test.x, db, 1000 + 10 * seed + i))];
    const out: SeedScores = {};
    for (const [name, variant] of VARIANTS) {
      const model = buildSignalNet(variant, seed, LENGTH, SHAPES.length);
      await fitShuffled(model, train.x, train.y, {
        epochs: size.epochs,
        batchSize: CONVNET1D.batchSize,
        seed,
      });
      const scores: Record<string, number> = {};
      for (const [i, c] of CONDITIONS.entries()) {
        scores[c.key] = accuracy(model, tests[i] as tf.Tensor, test.y);
      }
      scores.mean =
        CONDITIONS.reduce((a, c) => a + (scores[c.key] as number), 0) / CONDITIONS.length;
      out[name] = scores;
      model.optimizer.dispose();
      model.dispose();
    }
    tf.dispose(tests.slice(1));
    disposeWaveforms(train);
    disposeWaveforms(test);
    return out;
  },
  plot: (perSeed) =>
    curvesSvg(
      {
        title: 'Test accuracy against test SNR (mean over seeds, 95% t-interval)',
        x: CONDITIONS,
        xTitle: 'test signal-to-noise ratio',
        yTitle: 'test accuracy',
        arms,
      },
      perSeed,
    ),
};
