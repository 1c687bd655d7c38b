/**
 * Images: noise shaped like the data on a small convnet trained on a few real handwritten digits
 * (the `mnist` package's, 20 per class): i.i.d. pixel noise, spatially correlated noise (two
 * lengths), per-image noise (`noiseShape`) and weight noise on the convolutions, against
 * dropout, spatial dropout and L2. Scored on clean test digits and on the same test digits
 * corrupted by i.i.d. pixel noise and by correlated noise (the corruptions drawn once per seed,
 * the same for every arm). The model and data are examples/images' (convnet.ts, data/digits.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { type Digits, disposeDigits, makeDigits } from '@tfjs-noise/examples/data/digits';
import {
  accuracy,
  buildDigitNet,
  CONVNET,
  corrupt,
  type DigitVariant,
  trainDigitNet,
} from '@tfjs-noise/examples/images/convnet';
import { ACCURACY, type Metric, type SeedScores, type Study } from './study';

/** Training noise amounts, in pixel units (pixels are in [0, 1]). */
const PIXEL = 0.3;
const PER_IMAGE = 0.2;
const WEIGHT_NOISE = 0.05;
const DROPOUT = 0.25;
const SPATIAL_DROPOUT = 0.1;
const L2 = 1e-3;
/** The test corruptions: i.i.d. pixel noise, and correlated noise of length TEST_LENGTH. */
const TEST_PIXEL = 0.5;
const TEST_CORRELATED = 0.3;
const TEST_LENGTH = 2;

interface Size {
  perClass: number;
  testPerClass: number;
  epochs: number;
}

const FULL: Size = { perClass: 20, testPerClass: 100, epochs: 20 };
const QUICK: Size = { perClass: 2, testPerClass: 2, epochs: 1 };

const VARIANTS: [string, DigitVariant][] = [
  ['none', { kind: 'none' }],
  ['pixel', { kind: 'pixel', stddev: PIXEL }],
  ['corr1', { kind: 'correlated', stddev: PIXEL, length: 1 }],
  ['corr3', { kind: 'correlated', stddev: PIXEL, length: 3 }],
  ['per-image', { kind: 'per-image', stddev: PER_IMAGE }],
  ['weight-noise', { kind: 'weight-noise', stddev: WEIGHT_NOISE }],
  ['dropout', { kind: 'dropout', rate: DROPOUT }],
  ['spatial-dropout', { kind: 'spatial-dropout', rate: SPATIAL_DROPOUT }],
  ['l2', { kind: 'l2', l2: L2 }],
];

const CLEAN: Metric = { ...ACCURACY, key: 'clean', label: 'acc., clean' };
const PIXEL_NOISE: Metric = { ...ACCURACY, key: 'pixel', label: 'acc., pixel noise' };
const CORRELATED: Metric = { ...ACCURACY, key: 'correlated', label: 'acc., correlated noise' };

async function score(
  variant: DigitVariant,
  seed: number,
  size: Size,
  train: Digits,
  tests: tf.Tensor[],
  y: tf.Tensor,
) {
  const model = buildDigitNet(variant, seed);
  await trainDigitNet(model, train.x, train.y, size.epochs, seed);
  const [clean, pixel, correlated] = tests.map((x) => accuracy(model, x, y)) as [
    number,
    number,
    number,
  ];
  model.optimizer.dispose();
  model.dispose();
  return { clean, pixel, correlated };
}

/** The images study. */
export const imagesStudy: Study = {
  name: 'images',
  claim:
    'noise shaped like images (i.i.d. or spatially correlated pixel noise, per-image noise, ' +
    'weight noise on the convolutions) regularizes a small convnet trained on a few digits, ' +
    'on clean test digits and on noisy ones, as dropout, spatial dropout and L2 do.',
  arms: {
    none: 'none',
    pixel: `pixel noise ${PIXEL} (i.i.d.)`,
    corr1: `correlated noise ${PIXEL}, length 1`,
    corr3: `correlated noise ${PIXEL}, length 3`,
    'per-image': `per-image noise ${PER_IMAGE} (noiseShape [null, 1, 1, 1])`,
    'weight-noise': `weight noise ${WEIGHT_NOISE} on the convs`,
    dropout: `dropout ${DROPOUT} before the head`,
    'spatial-dropout': `spatial dropout ${SPATIAL_DROPOUT} after conv 1`,
    l2: `L2 ${L2}`,
  },
  rows: [
    { arm: 'none' },
    ...[
      'pixel',
      'corr1',
      'corr3',
      'per-image',
      'weight-noise',
      'dropout',
      'spatial-dropout',
      'l2',
    ].map((arm) => ({ arm, vs: 'none' })),
    { arm: 'corr1', vs: 'pixel' },
    { arm: 'corr3', vs: 'pixel' },
    { arm: 'pixel', vs: 'dropout' },
    { arm: 'pixel', vs: 'l2' },
  ],
  claimRows: [
    { arm: 'pixel', vs: 'none' },
    { arm: 'corr1', vs: 'none' },
    { arm: 'corr3', vs: 'none' },
    { arm: 'per-image', vs: 'none' },
    { arm: 'weight-noise', vs: 'none' },
  ],
  metrics: [CLEAN, PIXEL_NOISE, CORRELATED],
  describe: (quick) => {
    const s = quick ? QUICK : FULL;
    return (
      `${s.perClass} training digits per class (10 classes, the mnist package's 28x28 digits, ` +
      `pixels in [0, 1]), ${s.testPerClass} other test digits per class; convnet conv3x3(8)-` +
      `pool-conv3x3(16)-pool-dense(10), Adam(${CONVNET.learningRate}), batch ` +
      `${CONVNET.batchSize}, ${s.epochs} epochs (seeded shuffle). Test digits scored clean, with ` +
      `i.i.d. pixel noise N(0, ${TEST_PIXEL}^2), and with correlated noise of std ` +
      `${TEST_CORRELATED} and length ${TEST_LENGTH} (drawn once per seed, the same for every arm). ` +
      'Amounts fixed in advance, not tuned.'
    );
  },
  runSeed: async (seed, quick) => {
    const size = quick ? QUICK : FULL;
    const train = makeDigits({ perClass: size.perClass, seed: 400 + seed, stream: 0 });
    const test = makeDigits({
      perClass: size.testPerClass,
      seed: 400 + seed,
      stream: 0,
      skip: size.perClass,
    });
    const tests = [
      test.x,
      corrupt(test.x, TEST_PIXEL, 0, 900 + seed),
      corrupt(test.x, TEST_CORRELATED, TEST_LENGTH, 950 + seed),
    ];
    const out: SeedScores = {};
    for (const [name, variant] of VARIANTS) {
      out[name] = await score(variant, seed, size, train, tests, test.y);
    }
    tf.dispose(tests.slice(1));
    disposeDigits(train);
    disposeDigits(test);
    return out;
  },
};
