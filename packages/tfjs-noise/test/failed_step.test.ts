/**
 * A training step that throws (here: its loss) must leave no training state behind. tfjs leaves
 * its gradient tape set after such a step; the library must not take that for "training":
 * afterwards `evaluate` sees clean targets (and the target noise's step stays put), `predict`
 * is deterministic, and WeightNoise outside a training step draws fresh noise per call and
 * holds no tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { fixedInputs } from './helpers';

const x = fixedInputs(16, 3);
const y = tf.tidy(() => tf.sum(x, 1, true));
afterAll(() => tf.dispose([x, y]));

/** GaussianJitter -> WeightNoise(Dense) -> NoisyActivation -> Dense; a loss that can fail. */
function setup() {
  const noise = tfn.targets.gaussian({ stddev: 10, seed: 5 });
  const control = { fail: false };
  const mse = noise.loss((yTrue, yPred) => {
    if (control.fail) throw new Error('loss failed on purpose');
    return tfl.metrics.meanSquaredError(yTrue, yPred);
  });
  const wrapper = tfn.layers.weightNoise({
    layer: tfl.layers.dense({
      units: 4,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
    stddev: 0.5,
    seed: 2,
  });
  const model = tfl.sequential();
  model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 3, inputShape: [3] }));
  model.add(wrapper);
  model.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 4 }));
  model.add(
    tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }),
  );
  model.compile({ optimizer: tf.train.sgd(0.01), loss: mse });
  return { model, noise, control, wrapper };
}

const value = (t: tf.Tensor | tf.Tensor[]) => {
  const tensor = Array.isArray(t) ? (t[0] as tf.Tensor) : t;
  const out = Array.from(tensor.dataSync());
  tensor.dispose();
  return out;
};

describe('after a training step whose loss throws', () => {
  it('evaluate uses the clean targets, is deterministic and does not advance the noise', async () => {
    const { model, noise, control } = setup();
    await model.trainOnBatch(x, y);
    const clean = value(model.evaluate(x, y) as tf.Scalar);
    const expected = tf.tidy(() =>
      Array.from(
        tfl.metrics
          .meanSquaredError(y, model.predict(x) as tf.Tensor)
          .mean()
          .dataSync(),
      ),
    );
    expect(clean).toEqual(expected);
    expect(noise.step).toBe(1);
    control.fail = true;
    await expect(model.trainOnBatch(x, y)).rejects.toThrow(/loss failed on purpose/);
    control.fail = false;
    // The failed step drew its targets before the loss threw; evaluate draws none.
    const step = noise.step;
    expect(value(model.evaluate(x, y) as tf.Scalar)).toEqual(clean);
    expect(value(model.evaluate(x, y) as tf.Scalar)).toEqual(clean);
    expect(noise.step).toBe(step);
    // The next good step trains as usual, with noisy targets.
    await model.trainOnBatch(x, y);
    expect(noise.step).toBe(step + 1);
    model.dispose();
  });

  it('predict is deterministic; WeightNoise draws fresh noise per call and holds no tensor', async () => {
    const { model, control, wrapper } = setup();
    await model.trainOnBatch(x, y);
    const predicted = value(model.predict(x) as tf.Tensor);
    control.fail = true;
    await expect(model.trainOnBatch(x, y)).rejects.toThrow(/loss failed on purpose/);
    control.fail = false;
    expect(value(model.predict(x) as tf.Tensor)).toEqual(predicted);
    expect(value(model.predict(x) as tf.Tensor)).toEqual(predicted);
    const h = tf.tidy(() => model.layers[0]?.apply(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    const step = wrapper.step;
    const a = value(wrapper.apply(h, { training: true }) as tf.Tensor);
    const b = value(wrapper.apply(h, { training: true }) as tf.Tensor);
    expect(a).not.toEqual(b);
    expect(wrapper.step).toBe(step + 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(value(wrapper.apply(h) as tf.Tensor)).toEqual(
      value(wrapper.layer.apply(h) as tf.Tensor),
    );
    h.dispose();
    model.dispose();
  });
});
