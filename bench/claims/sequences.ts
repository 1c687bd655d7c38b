/**
 * Sequences: weight noise on an LSTM, once per training sequence (Graves 2013), with and without
 * early stopping (Graves 2011), against tfjs's own dropout / recurrentDropout, L2 and none.
 *
 * The task: sequences of STEPS values x_t ~ N(0, 1); the target is tanh(sum_t x_t cos(t) / 2)
 * plus N(0, 0.1^2) noise, so a small training set can be memorized. Every arm trains on the same
 * sequences from the same initial weights with batch size 1, so WeightNoise (which draws once per
 * batch) draws once per sequence. Early stopping: the test MSE at the epoch of lowest MSE on a
 * separate validation set (the same run, so each arm's "+ ES" row is paired with its own run).
 */
import * as tf from '@tensorflow/tfjs';
import { makeSequences } from '@tfjs-noise/examples/data/sequences';
import * as tfn from 'tfjs-noise';
import { BestEpoch, lossOn, type Split } from './best_epoch';
import { type Metric, MSE, type SeedScores, type Study } from './study';

const STEPS = 8;
const UNITS = 16;
const WEIGHT_NOISE = 0.075;
const DROPOUT = 0.2;
const L2 = 1e-3;
const LR = 0.01;

interface Size {
  train: number;
  val: number;
  test: number;
  epochs: number;
}

const FULL: Size = { train: 24, val: 64, test: 512, epochs: 15 };
const QUICK: Size = { train: 6, val: 8, test: 16, epochs: 2 };
/** The follow-up: three times the epochs (Graves 2011: weight noise trains slower). */
const LONG: Size = { ...FULL, epochs: 45 };
/** The follow-up's smaller amount of weight noise. */
const SMALL_NOISE = 0.025;

/** n sequences of the task, from stream `stream` of the seed. */
function sequences(n: number, seed: number, stream: number): Split {
  return makeSequences({ n, steps: STEPS, noise: 0.1, seed, stream });
}

type Kind = 'none' | 'weight-noise' | 'dropout' | 'l2';

function build(kind: Kind, seed: number, stddev: number): tf.LayersModel {
  const lstmArgs = {
    units: UNITS,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
    ...(kind === 'dropout' && { dropout: DROPOUT, recurrentDropout: DROPOUT }),
  };
  const model = tf.sequential();
  model.add(
    kind === 'weight-noise'
      ? tfn.layers.weightNoise({
          layer: tf.layers.lstm(lstmArgs),
          stddev,
          seed,
          inputShape: [STEPS, 1],
        })
      : tf.layers.lstm({ ...lstmArgs, inputShape: [STEPS, 1] }),
  );
  if (kind === 'l2') addL2(model.layers[0]!);
  model.add(
    tf.layers.dense({
      units: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
    }),
  );
  model.compile({ optimizer: tf.train.adam(LR), loss: 'meanSquaredError' });
  return model;
}

/**
 * Adds tfjs's L2 penalty (`tf.regularizers.l2`) on the LSTM's kernel and recurrent kernel to the
 * model's loss. (tfjs 4.22's LSTM layer does not collect its cell's regularizer losses: with
 * `kernelRegularizer` set, `lstm.losses` is empty and training is unchanged; so the penalty is
 * attached to the layer with `addLoss`.)
 */
function addL2(lstm: tf.layers.Layer): void {
  const l2 = tf.regularizers.l2({ l2: L2 });
  for (const w of lstm.trainableWeights.filter((v) => /kernel/.test(v.originalName))) {
    lstm.addLoss(() => l2.apply(w.read()));
  }
}

/** Test MSE at the last epoch and at the best validation epoch. */
async function train(
  kind: Kind,
  seed: number,
  size: Size,
  stddev = WEIGHT_NOISE,
): Promise<[number, number]> {
  const [fit, val, test] = [
    sequences(size.train, 100 + seed, 1),
    sequences(size.val, 100 + seed, 3),
    sequences(size.test, 100 + seed, 5),
  ];
  const model = build(kind, seed, stddev);
  const best = new BestEpoch(model, val, test);
  await model.fit(fit.x, fit.y, {
    epochs: size.epochs,
    batchSize: 1,
    shuffle: false,
    verbose: 0,
    callbacks: best.callback(),
  });
  const last = lossOn(model, test);
  tf.dispose([fit.x, fit.y, val.x, val.y, test.x, test.y]);
  model.dispose();
  return [last, best.testAtBest];
}

const metrics: Metric[] = [MSE];

function describe(s: Size): string {
  return (
    `${s.train} training sequences of ${STEPS} steps (target tanh(sum x_t cos t / 2) + noise 0.1), ` +
    `${s.val} validation (for ES only), ${s.test} test; LSTM(${UNITS}) + Dense(1), Adam(${LR}), ` +
    `batch size 1 (weight noise drawn once per sequence), ${s.epochs} epochs; ES = test MSE at ` +
    'the epoch of lowest validation MSE of the same run.'
  );
}

/** The sequences study. */
export const sequencesStudy: Study = {
  name: 'sequences',
  claim:
    'weight noise added once per training sequence regularizes an LSTM (Graves 2013), and needs ' +
    'early stopping (Graves 2011).',
  arms: {
    none: 'none',
    'none-es': 'early stopping (ES)',
    wn: `weight noise ${WEIGHT_NOISE}`,
    'wn-es': `weight noise ${WEIGHT_NOISE} + ES`,
    dropout: `dropout + recurrentDropout ${DROPOUT}`,
    'dropout-es': `dropout + recurrentDropout ${DROPOUT} + ES`,
    l2: `L2 ${L2}`,
    'l2-es': `L2 ${L2} + ES`,
  },
  rows: [
    { arm: 'none' },
    { arm: 'wn', vs: 'none' },
    { arm: 'none-es', vs: 'none' },
    { arm: 'wn-es', vs: 'none' },
    { arm: 'dropout', vs: 'none' },
    { arm: 'dropout-es', vs: 'none' },
    { arm: 'l2', vs: 'none' },
    { arm: 'l2-es', vs: 'none' },
    { arm: 'wn-es', vs: 'none-es' },
    { arm: 'wn-es', vs: 'dropout-es' },
  ],
  claimRows: [
    { arm: 'wn', vs: 'none' },
    { arm: 'wn-es', vs: 'none' },
    { arm: 'wn-es', vs: 'none-es' },
  ],
  metrics,
  describe: (quick) => describe(quick ? QUICK : FULL),
  runSeed: async (seed, quick) => {
    const size = quick ? QUICK : FULL;
    const out: SeedScores = {};
    for (const [kind, name] of [
      ['none', 'none'],
      ['weight-noise', 'wn'],
      ['dropout', 'dropout'],
      ['l2', 'l2'],
    ] as const) {
      const [last, es] = await train(kind, seed, size);
      out[name] = { mse: last };
      out[`${name}-es`] = { mse: es };
    }
    return out;
  },
};

/**
 * The sequences study's follow-up: the same task trained three times longer, with the same and a
 * smaller amount of weight noise (no and early stopping each); the peers are in `sequences`.
 */
export const sequencesLongStudy: Study = {
  name: 'sequences-long',
  claim:
    'as `sequences`, given the time weight noise needs (Graves 2011: it slows training), and a ' +
    'smaller amount.',
  arms: {
    none: 'none',
    'none-es': 'early stopping (ES)',
    wn: `weight noise ${WEIGHT_NOISE}`,
    'wn-es': `weight noise ${WEIGHT_NOISE} + ES`,
    small: `weight noise ${SMALL_NOISE}`,
    'small-es': `weight noise ${SMALL_NOISE} + ES`,
  },
  rows: [
    { arm: 'none' },
    { arm: 'none-es', vs: 'none' },
    { arm: 'wn', vs: 'none' },
    { arm: 'wn-es', vs: 'none' },
    { arm: 'small', vs: 'none' },
    { arm: 'small-es', vs: 'none' },
    { arm: 'wn-es', vs: 'none-es' },
    { arm: 'small-es', vs: 'none-es' },
  ],
  claimRows: [
    { arm: 'wn-es', vs: 'none-es' },
    { arm: 'small-es', vs: 'none-es' },
  ],
  metrics,
  describe: (quick) => describe(quick ? QUICK : LONG),
  runSeed: async (seed, quick) => {
    const size = quick ? QUICK : LONG;
    const out: SeedScores = {};
    for (const [kind, name, stddev] of [
      ['none', 'none', 0],
      ['weight-noise', 'wn', WEIGHT_NOISE],
      ['weight-noise', 'small', SMALL_NOISE],
    ] as const) {
      const [last, es] = await train(kind, seed, size, stddev);
      out[name] = { mse: last };
      out[`${name}-es`] = { mse: es };
    }
    return out;
  },
};
