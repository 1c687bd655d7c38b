/**
 * Annealed gradient noise (Neelakantan et al. 2015, "Adding Gradient Noise Improves Learning for
 * Very Deep Networks") in miniature. The paper's headline: a fully connected 20-layer ReLU
 * network (50 units per layer) from a poor initialization does not train with plain gradient
 * descent, and does with gradient noise. Here: the same network with the paper's "simple init"
 * (weights N(0, 0.1^2), zero biases, which makes the signal vanish with depth), plain SGD, on a
 * small synthetic 4-class task, without noise and with the paper's three noise levels
 * eta in {0.01, 0.3, 1.0} (variance eta / (1 + t)^0.55, gamma 0.55). Each seed has its own data
 * set, initial weights and noise; the table gives mean +- sd over seeds of the final training
 * loss and accuracy, the test accuracy, and how many seeds got past 50% training accuracy.
 *
 * Run: `pnpm --filter @tfjs-noise/examples gradient-noise [--seeds 4] [--epochs 40] [--lr 0.05]
 * [--depth 20] [--width 50] [--backend cpu|wasm]`.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import * as tfn from 'tfjs-noise';
import { makeTeacherTask } from '../data/teacher';

const FEATURES = 8;
const CLASSES = 4;
const TRAIN = 1024;
const TEST = 1024;
const BATCH = 64;

interface Result {
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
  /** The noise std of the step after the last one (0 without noise). */
  finalStddev: number;
}

/** Settings shared by every run. */
interface Setup {
  epochs: number;
  lr: number;
  depth: number;
  width: number;
}

async function run(
  eta: number,
  seed: number,
  { epochs, lr, depth, width }: Setup,
): Promise<Result> {
  const data = makeTeacherTask({
    features: FEATURES,
    classes: CLASSES,
    train: TRAIN,
    test: TEST,
    seed: 1000 + seed,
  });
  const model = tf.sequential();
  for (let l = 0; l <= depth; l++) {
    model.add(
      tf.layers.dense({
        units: l < depth ? width : CLASSES,
        activation: l < depth ? 'relu' : 'softmax',
        ...(l === 0 ? { inputShape: [FEATURES] } : {}),
        // The paper's "simple init": N(0, 0.1^2) weights, zero biases.
        kernelInitializer: tf.initializers.randomNormal({
          mean: 0,
          stddev: 0.1,
          seed: seed * 100 + l,
        }),
      }),
    );
  }
  const sgd = tf.train.sgd(lr);
  const noisy = eta > 0 ? tfn.train.annealedGradientNoise(sgd, { eta, seed }) : null;
  const optimizer = noisy ?? sgd;
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train[0], data.train[1], {
    epochs,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
  });
  const scores = (d: [tf.Tensor2D, tf.Tensor2D]) =>
    tf.tidy(() =>
      (model.evaluate(d[0], d[1], { batchSize: 1024 }) as tf.Scalar[]).map(
        (s) => s.dataSync()[0] as number,
      ),
    );
  const [trainLoss, trainAcc] = scores(data.train) as [number, number];
  const [, testAcc] = scores(data.test) as [number, number];
  const finalStddev = noisy?.noiseStddev ?? 0;
  tf.dispose([...data.train, ...data.test]);
  model.dispose();
  optimizer.dispose();
  return { trainLoss, trainAcc, testAcc, finalStddev };
}

function meanSd(values: number[], digits: number, scale = 1): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(
    values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
  return `${(scale * mean).toFixed(digits)} +- ${(scale * sd).toFixed(digits)}`;
}

async function main() {
  const flags = parseFlags({
    seeds: { type: 'int', default: 4, min: 1 },
    epochs: { type: 'int', default: 40, min: 1 },
    lr: { type: 'number', default: 0.05, min: 0, exclusive: true },
    depth: { type: 'int', default: 20, min: 1 },
    width: { type: 'int', default: 50, min: 1 },
    backend: BACKEND_FLAG,
  });
  const backend = await useBackend(flags.backend);
  const { seeds } = flags;
  const setup: Setup = {
    epochs: flags.epochs,
    lr: flags.lr,
    depth: flags.depth,
    width: flags.width,
  };
  const steps = setup.epochs * (TRAIN / BATCH);
  console.log(
    `${CLASSES}-class synthetic task (${FEATURES} features, ${TRAIN} train / ${TEST} test ` +
      `points); MLP ${setup.depth} x ${setup.width} ReLU, init N(0, 0.1^2); SGD(${setup.lr}), ` +
      `${setup.epochs} epochs of ${TRAIN / BATCH} batches (${steps} steps); ${seeds} seeds; ` +
      `backend ${backend}`,
  );
  const rows: string[][] = [
    [
      'setting',
      'final train loss',
      'train acc %',
      'test acc %',
      'seeds > 50% train acc',
      'noise std at end',
      's/run',
    ],
  ];
  for (const eta of [0, 0.01, 0.3, 1]) {
    const results: Result[] = [];
    const start = performance.now();
    for (let s = 1; s <= seeds; s++) results.push(await run(eta, s, setup));
    rows.push([
      eta === 0 ? 'SGD, no gradient noise' : `SGD + gradient noise, eta ${eta}`,
      meanSd(
        results.map((r) => r.trainLoss),
        3,
      ),
      meanSd(
        results.map((r) => r.trainAcc),
        1,
        100,
      ),
      meanSd(
        results.map((r) => r.testAcc),
        1,
        100,
      ),
      `${results.filter((r) => r.trainAcc > 0.5).length} / ${seeds}`,
      (results[0]?.finalStddev ?? 0).toFixed(4),
      ((performance.now() - start) / 1000 / seeds).toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

runScript('gradient_noise/main.ts', main);
