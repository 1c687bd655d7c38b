/**
 * Denoising autoencoder (Vincent et al. 2008): an overcomplete autoencoder trained with
 * GaussianJitter on its inputs (noisy input, clean target) against a plain one, tfjs's own
 * `gaussianNoise` and tfjs-noise's `seededDropout` on the inputs, and L2; scored by the
 * reconstruction error of
 * corrupted test inputs. The model and data are examples/denoising/autoencoder.ts's.
 */
import {
  buildAutoencoder,
  DIM,
  disposeSignals,
  HIDDEN,
  makeSignals,
  trainAndScore,
  type Variant,
} from '@tfjs-noise/examples/denoising/autoencoder';
import { type Metric, MSE, type SeedScores, type Study } from './study';

const CORRUPTION = 0.3;
const DROPOUT = 0.2;
const L2 = 1e-4;

interface Size {
  train: number;
  test: number;
  epochs: number;
}

const FULL: Size = { train: 200, test: 500, epochs: 100 };
const QUICK: Size = { train: 16, test: 16, epochs: 2 };

const VARIANTS: [string, Variant][] = [
  ['none', { kind: 'none' }],
  ['jitter', { kind: 'jitter', amount: CORRUPTION }],
  ['gaussianNoise', { kind: 'gaussianNoise', amount: CORRUPTION }],
  ['dropout', { kind: 'dropout', amount: DROPOUT }],
  ['l2', { kind: 'l2', amount: L2 }],
];

const CORRUPTED: Metric = { ...MSE, key: 'corrupted', label: 'MSE, corrupted inputs' };
const CLEAN: Metric = { ...MSE, key: 'clean', label: 'MSE, clean inputs' };

/** The denoising study. */
export const denoisingStudy: Study = {
  name: 'denoising',
  claim:
    'an autoencoder trained on noisy inputs (GaussianJitter) reconstructs corrupted inputs better ' +
    'than a plain one (the denoising autoencoder, Vincent et al. 2008).',
  arms: {
    none: 'plain autoencoder',
    jitter: `GaussianJitter ${CORRUPTION} on the inputs`,
    gaussianNoise: `tf.layers.gaussianNoise ${CORRUPTION} on the inputs`,
    dropout: `SeededDropout ${DROPOUT} on the inputs`,
    l2: `L2 ${L2}`,
  },
  rows: [
    { arm: 'none' },
    { arm: 'jitter', vs: 'none' },
    { arm: 'gaussianNoise', vs: 'none' },
    { arm: 'dropout', vs: 'none' },
    { arm: 'l2', vs: 'none' },
    { arm: 'jitter', vs: 'gaussianNoise' },
  ],
  claimRows: [{ arm: 'jitter', vs: 'none' }],
  metrics: [CORRUPTED, CLEAN],
  describe: (quick) => {
    const s = quick ? QUICK : FULL;
    return (
      `${s.train} training / ${s.test} test signals (sums of two sine waves at ${DIM} points); ` +
      `autoencoder ${DIM}-${HIDDEN} ReLU-${DIM}, Adam(0.005), batch 32, ${s.epochs} epochs, clean ` +
      `targets; test inputs corrupted with N(0, ${CORRUPTION}^2) noise, scored against the clean signals.`
    );
  },
  runSeed: async (seed, quick) => {
    const size = quick ? QUICK : FULL;
    const train = makeSignals(size.train, CORRUPTION, 300 + seed, 0);
    const test = makeSignals(size.test, CORRUPTION, 300 + seed, 1);
    const out: SeedScores = {};
    for (const [name, variant] of VARIANTS) {
      const model = buildAutoencoder(variant, seed);
      const r = await trainAndScore(model, train, test, size.epochs);
      model.dispose();
      out[name] = { corrupted: r.corrupted, clean: r.clean };
    }
    disposeSignals(train);
    disposeSignals(test);
    return out;
  },
};
