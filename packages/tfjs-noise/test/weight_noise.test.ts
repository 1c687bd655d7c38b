import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { moments } from '@tfjs-noise/support/samples';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { WeightNoise } from '../src/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });

/** A factory per supported layer type, with its input shape (batch excluded). */
const CASES: Record<string, { make: () => tfl.layers.Layer; input: number[] }> = {
  dense: {
    make: () => tfl.layers.dense({ units: 6, kernelInitializer: init(1), biasInitializer: 'ones' }),
    input: [5],
  },
  conv1d: {
    make: () => tfl.layers.conv1d({ filters: 4, kernelSize: 3, kernelInitializer: init(2) }),
    input: [8, 3],
  },
  conv2d: {
    make: () => tfl.layers.conv2d({ filters: 4, kernelSize: 3, kernelInitializer: init(3) }),
    input: [6, 6, 2],
  },
  depthwiseConv2d: {
    make: () => tfl.layers.depthwiseConv2d({ kernelSize: 3, depthwiseInitializer: init(4) }),
    input: [6, 6, 2],
  },
  simpleRNN: {
    make: () => tfl.layers.simpleRNN({ units: 5, kernelInitializer: init(5) }),
    input: [7, 3],
  },
  lstm: {
    make: () => tfl.layers.lstm({ units: 4, kernelInitializer: init(6) }),
    input: [7, 3],
  },
  gru: {
    make: () => tfl.layers.gru({ units: 4, kernelInitializer: init(7) }),
    input: [7, 3],
  },
};

function inputFor(shape: number[], batch = 4, seed = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.reshape(fixedInputs(batch, size, seed), [batch, ...shape]);
}

/** The clean weights the wrapper perturbs (kernel, recurrent kernel, bias). */
function cleanOf(wrapper: WeightNoise): tfl.LayerVariable[] {
  return wrapper.layer.trainableWeights.filter((v) => /kernel|bias/.test(v.originalName));
}

/**
 * Records the value the wrapped layer reads for each of its weights, every time it reads it
 * during a call (for RNNs: at every time step), by spying on LayerVariable.read.
 */
function spyReads(wrapper: WeightNoise): { seen: Map<string, Float32Array[]>; stop: () => void } {
  const seen = new Map<string, Float32Array[]>();
  const inner = wrapper.layer;
  const originalCall = inner.call.bind(inner);
  inner.call = (inputs, kwargs) => {
    const restore: (() => void)[] = [];
    for (const v of inner.trainableWeights) {
      const read = v.read.bind(v);
      const spy = v as { read: () => tf.Tensor };
      const had = Object.hasOwn(v, 'read');
      spy.read = () => {
        const t = read();
        const list = seen.get(v.originalName) ?? [];
        list.push(t.dataSync().slice() as Float32Array);
        seen.set(v.originalName, list);
        return t;
      };
      restore.push(() => {
        if (had) spy.read = read;
        else delete (spy as { read?: unknown }).read;
      });
    }
    try {
      return originalCall(inputs, kwargs);
    } finally {
      for (const r of restore) r();
    }
  };
  return { seen, stop: () => void delete (inner as { call?: unknown }).call };
}

describe('WeightNoise: validation', () => {
  it.each([
    [
      () => ({ layer: tfl.layers.flatten(), stddev: 0.1 }),
      /`layer` must be a layer with a kernel to perturb .* but got Flatten/,
    ],
    [() => ({ layer: tfl.layers.batchNormalization(), stddev: 0.1 }), /but got BatchNormalization/],
    [() => ({ layer: 'dense', stddev: 0.1 }), /`layer` must be a tfjs layer .* but got "dense"/],
    [
      () => ({ layer: tfl.layers.dense({ units: 2 }), stddev: -1 }),
      /`stddev` must be a finite number >= 0, but got -1/,
    ],
    [
      () => ({ layer: tfl.layers.dense({ units: 2 }) }),
      /`stddev` must be a finite number >= 0, but got undefined/,
    ],
    [() => ({ layer: tfl.layers.dense({ units: 2 }), stddev: Number.NaN }), /`stddev` .* got NaN/],
    [
      () => ({ layer: tfl.layers.dense({ units: 2 }), stddev: 0.1, mode: 'mul' }),
      /`mode` must be one of 'additive', 'multiplicative', but got "mul"/,
    ],
    [
      () => ({
        layer: tfl.layers.depthwiseConv2d({ kernelSize: 3 }),
        stddev: 0.1,
        factorized: true,
      }),
      /`factorized` must be false for DepthwiseConv2D/,
    ],
    [
      () => ({ layer: tfl.layers.dense({ units: 2 }), stddev: 0.1, learnableScale: true }),
      /`stddev` must be omitted when learnableScale is true/,
    ],
    [
      () => ({ layer: tfl.layers.dense({ units: 2 }), stddev: 0.1, seed: 'x' }),
      /`seed` must be a safe integer/,
    ],
  ])('rejects bad arguments (%#)', (args, message) => {
    expect(() => tfn.layers.weightNoise(args() as unknown as tfn.WeightNoiseArgs)).toThrow(message);
  });

  it('rejects perturbBias on a layer without a bias, when built', () => {
    const w = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 2, useBias: false }),
      stddev: 0.1,
      perturbBias: true,
    });
    expect(() => w.apply(tfl.input({ shape: [3] }))).toThrow(
      /`perturbBias` must be usable: Dense has no trainable bias/,
    );
  });
});

describe.each(Object.entries(CASES))('WeightNoise(%s)', (_name, { make, input }) => {
  it('inference is bit-identical to the unwrapped layer with the same weights', () => {
    const wrapper = tfn.layers.weightNoise({
      layer: make(),
      stddev: 0.5,
      perturbBias: true,
      seed: 1,
    });
    const plain = make();
    const x = inputFor(input);
    const y = wrapper.apply(x) as tf.Tensor;
    plain.apply(x);
    plain.setWeights(wrapper.layer.getWeights());
    const z = plain.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(z.dataSync()));
    tf.dispose([x, y, z]);
  });

  it('in training the weights are perturbed with the configured std, once per batch', () => {
    const wrapper = tfn.layers.weightNoise({
      layer: make(),
      stddev: 0.3,
      perturbBias: true,
      seed: 2,
    });
    const x = inputFor(input);
    wrapper.apply(x); // build
    const clean = new Map(
      cleanOf(wrapper).map((v) => [v.originalName, v.read().dataSync().slice()]),
    );
    const spy = spyReads(wrapper);
    const diffs: number[] = [];
    // Three training steps (gradient tapes, as in fit); in each, two calls (as a layer shared by
    // two branches). The gradient is taken for an unrelated variable, so no backward pass runs
    // through the layer (only the draws are under test here).
    const perBatch: Map<string, Float32Array[]>[] = [];
    const dummy = tf.variable(tf.scalar(0));
    for (let batch = 0; batch < 3; batch++) {
      spy.seen.clear();
      const { value, grads } = tf.variableGrads(() => {
        const a = wrapper.apply(x, { training: true }) as tf.Tensor;
        const b = wrapper.apply(x, { training: true }) as tf.Tensor;
        return tf.addN([tf.sum(a), tf.sum(b), dummy]) as tf.Scalar;
      }, [dummy]);
      tf.dispose([value, ...Object.values(grads)]);
      perBatch.push(new Map(spy.seen));
    }
    // Outside a gradient tape every training call draws fresh noise.
    spy.seen.clear();
    tf.tidy(() => {
      wrapper.apply(x, { training: true });
      wrapper.apply(x, { training: true });
    });
    // (first read of the first call vs last read of the second call; RNNs read at every step)
    const untaped = [...spy.seen.values()][0] as Float32Array[];
    expect(Array.from(untaped.at(-1) as Float32Array)).not.toEqual(
      Array.from(untaped[0] as Float32Array),
    );
    spy.stop();
    dummy.dispose();
    for (const seen of perBatch) {
      for (const [name, reads] of seen) {
        const c = clean.get(name);
        if (!c) continue;
        // Every read in one batch (both calls, every RNN time step) saw the same noisy weights.
        for (const r of reads) expect(Array.from(r)).toEqual(Array.from(reads[0] as Float32Array));
        (reads[0] as Float32Array).forEach((v, i) => {
          diffs.push(v - (c[i] as number));
        });
      }
    }
    // Different batches draw different noise.
    const first = [...(perBatch[0] as Map<string, Float32Array[]>).values()][0]?.[0];
    const second = [...(perBatch[1] as Map<string, Float32Array[]>).values()][0]?.[0];
    expect(Array.from(second as Float32Array)).not.toEqual(Array.from(first as Float32Array));
    expect(wrapper.step).toBe(5);
    // The std of n noise samples has a relative standard error of 1/sqrt(2n); the smallest case
    // here has n of about 200, so 1/sqrt(400) = 5%: we allow 4 standard errors, 20%.
    const s = Math.sqrt(moments(diffs).variance);
    expect(Math.abs(s / 0.3 - 1)).toBeLessThan(4 / Math.sqrt(2 * diffs.length));
    x.dispose();
  });

  it('gradients reach the clean weights', () => {
    const wrapper = tfn.layers.weightNoise({ layer: make(), stddev: 0.1, seed: 3 });
    const x = inputFor(input);
    wrapper.apply(x);
    const variables = wrapper.trainableWeights.map((v) => v.read() as tf.Variable);
    const f = () =>
      tf.sum(tf.square(wrapper.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar;
    // On wasm too, conv layers included: tfjs-backend-wasm 4.22 has no kernels for their
    // filter gradients, and importing tfjs-noise registers them (wasm_conv_backprop.test.ts).
    const { value, grads } = tf.variableGrads(f, variables);
    for (const v of variables) {
      const g = grads[v.name] as tf.Tensor;
      expect(g).toBeDefined();
      expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
    }
    tf.dispose([value, x, ...Object.values(grads)]);
  });
});

describe('WeightNoise: Dense in detail', () => {
  /** A linear Dense layer without bias: on the identity matrix its output is its kernel. */
  const probe = (args: Partial<tfn.WeightNoiseArgs>, units = 200, inputs = 200) => {
    const wrapper = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units, useBias: false, kernelInitializer: 'ones' }),
      stddev: 0.2,
      seed: 5,
      ...args,
    } as tfn.WeightNoiseArgs);
    const eye = tf.eye(inputs);
    wrapper.apply(eye);
    return { wrapper, eye };
  };

  it('additive noise: W + stddev * eps, 40,000 samples', () => {
    const { wrapper, eye } = probe({});
    const y = wrapper.apply(eye, { training: true }) as tf.Tensor;
    const m = moments(tf.sub(y, 1).dataSync());
    // SE of the mean 0.2/200 = 0.001; relative SE of the std 1/sqrt(80,000) = 0.35%.
    expect(Math.abs(m.mean)).toBeLessThan(0.005);
    expect(Math.abs(Math.sqrt(m.variance) / 0.2 - 1)).toBeLessThan(0.015);
  });

  it('multiplicative noise: W * (1 + stddev * eps)', () => {
    const { wrapper, eye } = probe({ mode: 'multiplicative' });
    wrapper.layer.setWeights([tf.fill([200, 200], 3)]);
    const y = wrapper.apply(eye, { training: true }) as tf.Tensor;
    const m = moments(tf.sub(tf.div(y, 3), 1).dataSync());
    expect(Math.abs(Math.sqrt(m.variance) / 0.2 - 1)).toBeLessThan(0.015);
  });

  it('factorized noise is rank one, f(e_i) f(e_j), with variance 2/pi per entry', () => {
    const { wrapper, eye } = probe({ factorized: true, stddev: 1 }, 300, 300);
    const n = tf.sub(wrapper.apply(eye, { training: true }) as tf.Tensor, 1);
    const a = n.arraySync() as number[][];
    // Rank one: n_ij * n_kl == n_il * n_kj.
    for (const [i, j, k, l] of [
      [0, 1, 2, 3],
      [5, 9, 100, 299],
      [17, 0, 250, 42],
    ] as const) {
      const lhs = (a[i]?.[j] as number) * (a[k]?.[l] as number);
      const rhs = (a[i]?.[l] as number) * (a[k]?.[j] as number);
      expect(lhs).toBeCloseTo(rhs, 4);
    }
    // E[f(x)^2] = E|x| = sqrt(2/pi), so an entry has variance 2/pi. The entries share factors,
    // so the estimate is noisier than for independent samples: we allow 10%.
    const v = moments(n.dataSync()).variance;
    expect(Math.abs(v / (2 / Math.PI) - 1)).toBeLessThan(0.1);
  });

  it('learnableScale: sigma is a trainable weight initialised to sigma0/sqrt(fan_in)', () => {
    const { wrapper, eye } = probe(
      { learnableScale: true, stddev: undefined, sigma0: 0.5 },
      50,
      100,
    );
    const sigma = wrapper.trainableWeights.find((v) => v.originalName.endsWith('kernel_sigma'));
    expect(sigma?.shape).toEqual([100, 50]);
    expect(Array.from(sigma?.read().dataSync() ?? []).every((s) => Math.abs(s - 0.05) < 1e-7)).toBe(
      true,
    );
    const y = wrapper.apply(eye, { training: true }) as tf.Tensor;
    expect(Math.abs(Math.sqrt(moments(tf.sub(y, 1).dataSync()).variance) / 0.05 - 1)).toBeLessThan(
      0.03,
    );
    const f = () =>
      tf.sum(tf.square(wrapper.apply(eye, { training: true }) as tf.Tensor)) as tf.Scalar;
    const { grads } = tf.variableGrads(f, [sigma?.read() as tf.Variable]);
    expect(tf.max(tf.abs(Object.values(grads)[0] as tf.Tensor)).dataSync()[0]).toBeGreaterThan(0);
    // Inference uses the mean (clean) weights.
    expect(Array.from((wrapper.apply(eye) as tf.Tensor).dataSync()).every((v) => v === 1)).toBe(
      true,
    );
  });

  it('additive gradient equals the gradient at the noisy weights: dL/dW = x^T dL/dy', () => {
    const wrapper = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 3, useBias: false }),
      stddev: 0.5,
      seed: 1,
    });
    const x = fixedInputs(8, 4);
    wrapper.apply(x);
    const kernel = wrapper.layer.trainableWeights[0]?.read() as tf.Variable;
    const { grads } = tf.variableGrads(
      () => tf.sum(wrapper.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      [kernel],
    );
    const expected = tf.matMul(x, tf.ones([8, 3]), true, false);
    expect(Array.from((grads[kernel.name] as tf.Tensor).dataSync())).toEqual(
      Array.from(expected.dataSync()).map((v) => expect.closeTo(v, 5)),
    );
  });
});

describe('WeightNoise in models', () => {
  const xs = fixedInputs(64, 4);
  const ys = tf.tidy(() => tf.cast(tf.greater(tf.sum(xs, 1, true), 0), 'float32'));

  const build = (seed: number) => {
    const model = tfl.sequential();
    model.add(
      tfn.layers.weightNoise({
        layer: tfl.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: init(1) }),
        stddev: 0.1,
        seed,
        inputShape: [4],
      }),
    );
    model.add(
      tfn.layers.weightNoise({
        layer: tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(2) }),
        stddev: 0.1,
        factorized: true,
        perturbBias: true,
        seed: seed + 1,
      }),
    );
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
    return model;
  };
  const train = async (model: tfl.LayersModel, epochs: number) => {
    await model.fit(xs, ys, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
    return model;
  };

  it("keeps the wrapped layer's regularizer: the model's loss includes its kernel's L2", () => {
    const model = tfl.sequential();
    const dense = tfl.layers.dense({
      units: 3,
      kernelInitializer: init(1),
      kernelRegularizer: tfl.regularizers.l2({ l2: 0.5 }),
    });
    model.add(tfn.layers.weightNoise({ layer: dense, stddev: 0.1, seed: 1, inputShape: [4] }));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const penalties = model.calculateLosses();
    expect(penalties).toHaveLength(1);
    const expected = tf.tidy(() => tf.mul(0.5, tf.sum(tf.square(dense.getWeights()[0]!))));
    expect(penalties[0]!.dataSync()[0]).toBeCloseTo(expected.dataSync()[0]!, 5);
    tf.dispose([...penalties, expected]);
    model.dispose();
  });

  it('saves clean weights under the inner layers own names', () => {
    const model = build(1);
    const names = model.weights.map((w) => w.originalName);
    const inner = (model.layers[0] as WeightNoise).layer.name;
    expect(names).toContain(`${inner}/kernel`);
    expect(names).toContain(`${inner}/bias`);
    expect(names.filter((n) => n.endsWith('noise_step'))).toHaveLength(2);
  });

  it('same seeds give bit-identical training; other seeds differ; fit learns', async () => {
    const a = await train(build(10), 4);
    const b = await train(build(10), 4);
    const c = await train(build(20), 4);
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    expect((a.layers[0] as WeightNoise).step).toBe(16);
  });

  it('save, reload: same predictions and config; training resumes bit-identically', async () => {
    const straight = await train(build(30), 5);
    const first = await train(build(30), 2);
    const reloaded = await roundTrip(first);
    expect(reloaded.layers[0]).toBeInstanceOf(WeightNoise);
    expect(reloaded.layers.map((l) => l.getConfig())).toEqual(
      first.layers.map((l) => l.getConfig()),
    );
    const pa = first.predict(xs) as tf.Tensor;
    const pb = reloaded.predict(xs) as tf.Tensor;
    expect(Array.from(pb.dataSync())).toEqual(Array.from(pa.dataSync()));
    await train(reloaded, 3);
    expect(weightValues(reloaded)).toEqual(weightValues(straight));
  });

  it('an LSTM wrapped in WeightNoise trains and round-trips', async () => {
    const model = tfl.sequential();
    model.add(
      tfn.layers.weightNoise({
        layer: tfl.layers.lstm({ units: 4 }),
        stddev: 0.05,
        seed: 4,
        inputShape: [5, 2],
      }),
    );
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = inputFor([5, 2], 16);
    await model.fit(x, tf.ones([16, 1]), { epochs: 2, batchSize: 8, verbose: 0 });
    const reloaded = await roundTrip(model);
    const a = model.predict(x) as tf.Tensor;
    const b = reloaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
  });

  it('model.dispose() releases every tensor of the wrapper and the wrapped layer', async () => {
    const before = tf.memory().numTensors;
    const model = build(50);
    await train(model, 1);
    model.dispose();
    model.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensors: as many after 100 training steps as after 10', async () => {
    const model = build(40);
    await train(model, 3); // 12 steps
    const after = tf.memory().numTensors;
    await train(model, 25); // 100 steps
    expect(tf.memory().numTensors).toBe(after);
  });

  it("reports the wrapped RNN's returnSequences, returnState and stateful, and resets its states", () => {
    const lstm = tfl.layers.lstm({ units: 2, returnSequences: true, returnState: true });
    const wrapper = new WeightNoise({ layer: lstm, stddev: 0.1, seed: 1 });
    expect([wrapper.returnSequences, wrapper.returnState, wrapper.stateful]).toEqual([
      true,
      true,
      false,
    ]);
    const stateful = tfl.layers.simpleRNN({ units: 2, stateful: true, batchInputShape: [2, 3, 1] });
    const model = tfl.sequential();
    model.add(
      new WeightNoise({ layer: stateful, stddev: 0.1, seed: 1, batchInputShape: [2, 3, 1] }),
    );
    expect(model.layers[0]?.stateful).toBe(true);
    model.predict(tf.ones([2, 3, 1]));
    const state = () => Array.from((stateful.states[0] as tf.Tensor).dataSync());
    expect(state()).not.toEqual([0, 0, 0, 0]);
    model.resetStates();
    expect(state()).toEqual([0, 0, 0, 0]);
  });
});
