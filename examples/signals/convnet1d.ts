/**
 * A small 1-D convnet for traces `[LENGTH, 1]` (examples/signals and bench/claims' signals
 * study): conv1d (8 filters of 7, ReLU) - max-pool 2 - conv1d (16 of 5, ReLU) - global max-pool -
 * dense softmax, with one kind of regularization: Gaussian noise on the input at a fixed std
 * (`GaussianJitter` stddev), or at a signal-to-noise ratio drawn per trace from a range
 * (`snrDb: [low, high]`, centered: relative to each trace's std, its offset not counted), or L2
 * on every kernel.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';

/** One kind of regularization and its amount. */
export type SignalVariant =
  | { kind: 'none' }
  | { kind: 'stddev'; stddev: number }
  | { kind: 'snr'; snrDb: number | [number, number] }
  | { kind: 'l2'; l2: number };

/** Hyperparameters shared by every variant. */
export const CONVNET1D = { learningRate: 0.005, batchSize: 32 } as const;

/** The 1-D convnet with `variant` for traces of `length` samples and `classes` classes. */
export function buildSignalNet(
  variant: SignalVariant,
  seed: number,
  length: number,
  classes: number,
): tf.Sequential {
  const v = variant;
  const regularizer = v.kind === 'l2' ? tf.regularizers.l2({ l2: v.l2 }) : undefined;
  const inputShape = [length, 1];
  const model = tf.sequential();
  if (v.kind === 'stddev') {
    model.add(tfn.layers.gaussianJitter({ stddev: v.stddev, seed: seed + 10, inputShape }));
  } else if (v.kind === 'snr') {
    model.add(
      tfn.layers.gaussianJitter({ snrDb: v.snrDb, snrCentered: true, seed: seed + 10, inputShape }),
    );
  }
  const noise = v.kind === 'stddev' || v.kind === 'snr';
  model.add(
    tf.layers.conv1d({
      filters: 8,
      kernelSize: 7,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      kernelRegularizer: regularizer,
      ...(!noise && { inputShape }),
    }),
  );
  model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  model.add(
    tf.layers.conv1d({
      filters: 16,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      kernelRegularizer: regularizer,
    }),
  );
  model.add(tf.layers.globalMaxPooling1d());
  model.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      kernelRegularizer: regularizer,
    }),
  );
  model.compile({
    optimizer: tf.train.adam(CONVNET1D.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/**
 * `x` plus white Gaussian noise at `snrDb` dB below each trace's own power (its offset not
 * counted), drawn by a GaussianJitter layer applied in training mode: seeded test corruption.
 */
export function atSnr(x: tf.Tensor, snrDb: number, seed: number): tf.Tensor {
  const layer = tfn.layers.gaussianJitter({ snrDb, snrCentered: true, seed });
  const out = layer.apply(x, { training: true }) as tf.Tensor;
  layer.dispose();
  return out;
}
