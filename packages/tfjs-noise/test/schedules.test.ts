import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { fixedInputs, Probe, roundTrip, weightValues } from './helpers';

const s = tfn.schedules;

describe('schedules', () => {
  it('match their formulas', () => {
    for (const t of [0, 1, 7, 50, 100, 250]) {
      expect(s.constant({ value: 0.3 })(t)).toBe(0.3);
      expect(s.linear({ from: 0.5, to: 0.1, steps: 100 })(t)).toBeCloseTo(
        0.5 + (0.1 - 0.5) * (Math.min(t, 100) / 100),
        12,
      );
      expect(s.exponential({ initial: 0.4, rate: 0.5, steps: 10 })(t)).toBeCloseTo(
        0.4 * 0.5 ** (t / 10),
        12,
      );
      expect(s.cosine({ initial: 1, final: 0.2, steps: 100 })(t)).toBeCloseTo(
        0.2 + 0.8 * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, 100)) / 100)),
        12,
      );
      expect(s.step({ initial: 0.8, factor: 0.5, every: 30 })(t)).toBeCloseTo(
        0.8 * 0.5 ** Math.floor(t / 30),
        12,
      );
      expect(s.inverseTime({ initial: 1, rate: 1, power: 0.55 })(t)).toBeCloseTo(
        1 / (1 + t) ** 0.55,
        12,
      );
    }
    expect(s.cosine({ initial: 1, steps: 10 })(10)).toBeCloseTo(0, 12);
  });

  it('every schedule takes one args object, named when it is not one', () => {
    const positional = (fn: unknown) => fn as (arg: unknown) => unknown;
    for (const [name, fn] of Object.entries(s)) {
      if (typeof fn !== 'function') continue;
      expect(() => positional(fn)(0.1), name).toThrow(
        `schedules.${name}: \`args\` must be an object of arguments, but got 0.1.`,
      );
    }
  });

  it.each([
    [
      () => s.constant({ value: -1 }),
      /schedules.constant: `value` must be a finite number >= 0, but got -1/,
    ],
    [
      () => s.linear({ from: 0.1, to: 0, steps: 0 }),
      /schedules.linear: `steps` must be a positive integer, but got 0/,
    ],
    [
      () => s.exponential({ initial: 1, rate: 0, steps: 1 }),
      /`rate` must be a finite number > 0, but got 0/,
    ],
    [
      () => s.step({ initial: 1, factor: 0.5, every: 1.5 }),
      /`every` must be a positive integer, but got 1.5/,
    ],
  ])('validates arguments (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('noiseSchedule callback', () => {
  const xs = fixedInputs(32, 3);
  const ys = tf.ones([32, 1]);
  const build = () => {
    const model = tfl.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: 1, seed: 1, inputShape: [3], name: 'jit' }));
    model.add(
      tfn.layers.weightNoise({ layer: tfl.layers.dense({ units: 4 }), stddev: 1, seed: 2 }),
    );
    model.add(tfl.layers.gaussianNoise({ stddev: 1 }));
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    return model;
  };

  it('sets every noise layer per batch from the global step and logs noise_stddev', async () => {
    const model = build();
    const schedule = s.linear({ from: 0.4, to: 0, steps: 8 });
    const seen: number[] = [];
    const history = await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 8,
      verbose: 0,
      callbacks: [
        tfn.callbacks.noiseSchedule({ schedule }),
        new tfl.CustomCallback({
          onBatchEnd: async (_b, logs) => void seen.push(logs?.noise_stddev as number),
        }),
      ],
    });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, t) => schedule(t)));
    expect(history.history.noise_stddev).toEqual([3, 7, 11].map((t) => schedule(t)));
    const [jitter, weight, gauss] = model.layers as unknown as { stddev: number }[];
    for (const layer of [jitter, weight, gauss]) expect(layer?.stddev).toBe(schedule(11));
  });

  it('a reloaded model continues the schedule where it stopped', async () => {
    const schedule = s.exponential({ initial: 0.5, rate: 0.5, steps: 4 });
    const model = build();
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      callbacks: [tfn.callbacks.noiseSchedule({ schedule })],
    });
    const reloaded = await roundTrip(model);
    const seen: number[] = [];
    const cb = tfn.callbacks.noiseSchedule({ schedule });
    await reloaded.fit(xs, ys, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: [cb, new tfl.CustomCallback({ onBatchEnd: async () => void seen.push(cb.value) })],
    });
    expect(seen).toEqual([8, 9, 10, 11].map((t) => schedule(t)));
  });

  it('per epoch, only the named layers', async () => {
    const model = build();
    const cb = tfn.callbacks.noiseSchedule({
      schedule: s.step({ initial: 0.8, factor: 0.5, every: 1 }),
      target: ['jit'],
      per: 'epoch',
    });
    await model.fit(xs, ys, { epochs: 3, batchSize: 16, verbose: 0, callbacks: [cb] });
    expect((model.layers[0] as tfn.GaussianJitter).stddev).toBe(0.2);
    expect((model.layers[1] as tfn.WeightNoise).stddev).toBe(1);
  });

  it('reports bad targets and bad schedules clearly', async () => {
    const model = build();
    const train = (cb: tfl.Callback) =>
      model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [cb] });
    await expect(
      train(
        tfn.callbacks.noiseSchedule({ schedule: s.constant({ value: 0.1 }), target: ['nope'] }),
      ),
    ).rejects.toThrow(
      /noiseSchedule: `target` must be names of layers of the model, but got "nope"/,
    );
    await expect(
      train(tfn.callbacks.noiseSchedule({ schedule: () => Number.NaN })),
    ).rejects.toThrow(
      /`schedule` must be a function returning finite amounts >= 0 \(at step \d+\), but got NaN/,
    );
    expect(() => tfn.callbacks.noiseSchedule({ schedule: 0.1 as never })).toThrow(
      /`schedule` must be a function/,
    );
  });

  /** One jitter applied to two inputs (each seen by a probe, unless saved), then a Dense. */
  const sharedJitter = (probes = true) => {
    const jitter = tfn.layers.gaussianJitter({ stddev: 1, seed: 7, name: 'shared' });
    const [a, b] = [tfl.input({ shape: [3] }), tfl.input({ shape: [3] })];
    const [probeA, probeB] = [new Probe({}), new Probe({})];
    const probed = (probe: Probe, t: tfl.SymbolicTensor) =>
      (probes ? probe.apply(t) : t) as tfl.SymbolicTensor;
    const ja = probed(probeA, jitter.apply(a) as tfl.SymbolicTensor);
    const jb = probed(probeB, jitter.apply(b) as tfl.SymbolicTensor);
    const merged = tfl.layers.concatenate().apply([ja, jb]) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 1, kernelInitializer: 'ones' }).apply(merged);
    const model = tfl.model({ inputs: [a, b], outputs: out as tfl.SymbolicTensor });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    return { model, jitter, probeA, probeB };
  };

  it('a shared noise layer counts training batches, not calls (one step per batch)', async () => {
    const { model, jitter, probeA, probeB } = sharedJitter();
    const x = fixedInputs(8, 3);
    const schedule = s.linear({ from: 1, to: 0, steps: 10 });
    const cb = tfn.callbacks.noiseSchedule({ schedule });
    const seen: number[] = [];
    await model.fit([x, x], ys.slice(0, 8), {
      epochs: 4,
      batchSize: 8,
      verbose: 0,
      callbacks: [cb, new tfl.CustomCallback({ onBatchEnd: async () => void seen.push(cb.value) })],
    });
    expect(seen.map((v) => Number(v.toFixed(6)))).toEqual([1, 0.9, 0.8, 0.7]);
    expect(jitter.step).toBe(4);
    // The two calls of one batch still draw different noise.
    expect(probeA.seen.length).toBe(4);
    expect(Array.from(probeA.seen[0] as Float32Array)).not.toEqual(
      Array.from(probeB.seen[0] as Float32Array),
    );
  });

  it('a shared noise layer resumes bit-identically after a reload', async () => {
    const x = fixedInputs(8, 3);
    const y = ys.slice(0, 8);
    const train = (m: tfl.LayersModel, epochs: number) =>
      m.fit([x, x], y, { epochs, batchSize: 4, verbose: 0, shuffle: false });
    const straight = sharedJitter(false).model;
    await train(straight, 4);
    const interrupted = sharedJitter(false).model;
    expect(weightValues(interrupted)).not.toEqual(weightValues(straight));
    await train(interrupted, 2);
    const reloaded = await roundTrip(interrupted);
    expect((reloaded.getLayer('shared') as tfn.GaussianJitter).step).toBe(4);
    await train(reloaded, 2);
    expect(weightValues(reloaded)).toEqual(weightValues(straight));
  });

  /** A jitter (optional), Bidirectional(WeightNoise(SimpleRNN)) and TimeDistributed(WeightNoise(Dense)). */
  const wrapped = (jitter: boolean) => {
    const model = tfl.sequential();
    const inputShape = [4, 3];
    if (jitter) {
      model.add(tfn.layers.gaussianJitter({ stddev: 1, seed: 3, inputShape, name: 'jit' }));
    }
    model.add(
      tfl.layers.bidirectional({
        layer: tfn.layers.weightNoise({
          layer: tfl.layers.simpleRNN({ units: 2, returnSequences: true }),
          stddev: 1,
          seed: 4,
        }) as unknown as tfl.RNN,
        name: 'bi',
        ...(jitter ? {} : { inputShape }),
      }),
    );
    model.add(
      tfl.layers.timeDistributed({
        layer: tfn.layers.weightNoise({
          layer: tfl.layers.dense({ units: 1 }),
          stddev: 1,
          seed: 5,
        }),
        name: 'td',
      }),
    );
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const bi = model.getLayer('bi') as unknown as Record<
      'forwardLayer' | 'backwardLayer',
      tfn.WeightNoise
    >;
    const td = (model.getLayer('td') as unknown as { layer: tfn.WeightNoise }).layer;
    return { model, inWrappers: [bi.forwardLayer, bi.backwardLayer, td] };
  };
  const seqX = fixedInputs(8 * 4, 3).reshape([8, 4, 3]);
  const seqY = tf.ones([8, 4, 1]);

  it('schedules the noise layers inside Bidirectional (both directions) and TimeDistributed', async () => {
    for (const jitter of [true, false]) {
      const { model, inWrappers } = wrapped(jitter);
      const cb = tfn.callbacks.noiseSchedule({ schedule: s.constant({ value: 0.05 }) });
      await model.fit(seqX, seqY, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [cb] });
      expect(inWrappers.map((l) => l.stddev)).toEqual([0.05, 0.05, 0.05]);
      expect(inWrappers.map((l) => l.step)).toEqual([2, 2, 2]);
      if (jitter) expect((model.getLayer('jit') as tfn.GaussianJitter).stddev).toBe(0.05);
    }
    // A wrapper named as a target drives the noise layers inside it.
    const { model, inWrappers } = wrapped(false);
    const cb = tfn.callbacks.noiseSchedule({
      schedule: s.constant({ value: 0.2 }),
      target: ['bi'],
    });
    await model.fit(seqX, seqY, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [cb] });
    expect(inWrappers.map((l) => l.stddev)).toEqual([0.2, 0.2, 1]);
  });

  it("with only tfjs's GaussianNoise, the same callback continues the schedule across fit() calls", async () => {
    const model = tfl.sequential();
    model.add(tfl.layers.gaussianNoise({ stddev: 1, inputShape: [3] }));
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const schedule = s.linear({ from: 1, to: 0, steps: 10 });
    const cb = tfn.callbacks.noiseSchedule({ schedule });
    const seen: number[] = [];
    const log = new tfl.CustomCallback({ onBatchEnd: async () => void seen.push(cb.value) });
    for (let i = 0; i < 2; i++) {
      await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0, callbacks: [cb, log] });
    }
    expect(seen).toEqual([0, 1, 2, 3].map((t) => schedule(t)));
  });

  it('two noiseSchedule callbacks driving the same layer are refused', async () => {
    const model = build();
    const train = (callbacks: tfl.Callback[]) =>
      model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0, callbacks });
    const first = tfn.callbacks.noiseSchedule({ schedule: s.constant({ value: 0.1 }) });
    const second = tfn.callbacks.noiseSchedule({
      schedule: s.constant({ value: 0.2 }),
      target: ['jit'],
    });
    await expect(train([first, second])).rejects.toThrow(
      /noiseSchedule: `target` must be layers no other noiseSchedule callback of this fit drives, but got "jit"/,
    );
    // Disjoint targets are fine, and so is a callback used again in a later fit.
    const other = tfn.callbacks.noiseSchedule({
      schedule: s.constant({ value: 0.3 }),
      target: ['jit'],
    });
    const rest = model.layers
      .map((l) => l.name)
      .filter((n) => n !== 'jit' && tfx.noiseComponentOf(model.getLayer(n))?.amount);
    const mine = tfn.callbacks.noiseSchedule({
      schedule: s.constant({ value: 0.4 }),
      target: rest,
    });
    await train([other, mine]);
    await train([other]);
    expect((model.getLayer('jit') as tfn.GaussianJitter).stddev).toBe(0.3);
  });
});
