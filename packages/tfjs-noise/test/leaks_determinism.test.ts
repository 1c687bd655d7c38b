/**
 * Leaks and determinism across components: tensors after many training steps equal those after
 * 10 (fit, trainOnBatch and an optimizer.minimize loop); disposing a model releases all its
 * tensors; seeded trainings are bit-identical, unseeded ones differ.
 *
 * The model with every component ('all') runs 1000 steps per loop, so a leak that shows only
 * every few hundred steps is caught in each component; the one-component models run 200 steps,
 * enough for any leak of every step or of every few dozen steps (the cost of these loops is in
 * their steps: 15 loops of 1000 steps took 22 s on cpu).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { fixedInputs, weightValues } from './helpers';

/** Steps per loop: the model with every component, and the one-component models. */
const STEPS = { all: 1000, one: 200 };
let stepsRun = 0;
let leaks = 0;
afterAll(() => {
  console.log(`leaks (${tf.getBackend()}): ${stepsRun} training steps run, leaks found: ${leaks}`);
});

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
type Kind = 'jitter' | 'weight' | 'activation' | 'gradient' | 'all';

/** A tiny model with one component, or all of them; `seeded` fixes every seed. */
function build(kind: Kind, seeded = true): tfl.Sequential {
  const seed = (s: number) => (seeded ? s : undefined);
  const model = tfl.sequential();
  model.add(tfl.layers.inputLayer({ inputShape: [4] }));
  if (kind === 'jitter' || kind === 'all')
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, relative: true, seed: seed(1) }));
  const dense = tfl.layers.dense({ units: 8, kernelInitializer: seeded ? init(2) : undefined });
  model.add(
    kind === 'weight' || kind === 'all'
      ? tfn.layers.weightNoise({
          layer: dense,
          stddev: 0.1,
          factorized: kind === 'all',
          seed: seed(3),
        })
      : dense,
  );
  model.add(
    kind === 'activation' || kind === 'all'
      ? tfn.layers.noisyActivation({ activation: 'hardTanh', halfNormal: true, seed: seed(4) })
      : tfl.layers.activation({ activation: 'tanh' }),
  );
  model.add(tfl.layers.dense({ units: 1, kernelInitializer: seeded ? init(5) : undefined }));
  const adam = tf.train.adam(0.01);
  const optimizer =
    kind === 'gradient' || kind === 'all'
      ? tfn.train.annealedGradientNoise(adam, { eta: 0.01, seed: seed(6) })
      : adam;
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

const x = fixedInputs(8, 4);
const y = tf.tidy(() => tf.sum(x, 1, true));

const loops: Record<string, (model: tfl.Sequential, steps: number) => Promise<void>> = {
  fit: async (model, steps) => {
    await model.fit(x, y, { epochs: steps, batchSize: 8, shuffle: false, verbose: 0 });
  },
  trainOnBatch: async (model, steps) => {
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  },
  minimize: async (model, steps) => {
    const optimizer = model.optimizer;
    for (let i = 0; i < steps; i++) {
      const loss = optimizer.minimize(
        () =>
          tf.mean(
            tf.square(tf.sub(model.apply(x, { training: true }) as tf.Tensor, y)),
          ) as tf.Scalar,
        true,
      );
      loss?.dispose();
    }
  },
};

describe.each(['jitter', 'weight', 'activation', 'gradient', 'all'] as const)('%s', (kind) => {
  const steps = kind === 'all' ? STEPS.all : STEPS.one;
  it.each(Object.keys(loops))(`no tensor leak over ${steps} steps (%s)`, async (loop) => {
    const model = build(kind);
    const train = loops[loop] as (m: tfl.Sequential, n: number) => Promise<void>;
    await train(model, 10);
    const after10 = tf.memory().numTensors;
    await train(model, steps - 10);
    stepsRun += steps;
    const after = tf.memory().numTensors;
    if (after !== after10) leaks++;
    expect(after).toBe(after10);
    model.dispose();
  });

  it('disposing the model (and its optimizer) releases every tensor', async () => {
    const before = tf.memory().numTensors;
    const model = build(kind);
    await loops.fit?.(model, 5);
    model.dispose();
    model.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('seeded trainings are bit-identical; unseeded ones differ', async () => {
    const run = async (seeded: boolean) => {
      const model = build(kind, seeded);
      if (!seeded) model.setWeights(build(kind, true).getWeights()); // same start, other noise
      await loops.fit?.(model, 20);
      return weightValues(model);
    };
    expect(await run(true)).toEqual(await run(true));
    expect(await run(false)).not.toEqual(await run(false));
  });
});
