/**
 * Config fuzzing (fast-check): for every component, valid configs round-trip
 * getConfig -> fromConfig -> getConfig unchanged, and invalid ones throw an Error naming the
 * field and the value received. No tensors are made or leaked by construction.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AnnealedGradientNoise,
  GaussianJitter,
  NoisyActivation,
  SeededDropout,
  WeightNoise,
} from '../src/index';
import { show } from '../src/validate';

const RUNS = 1000;
const counts: string[] = [];
afterAll(() => {
  console.log(`config fuzz (${tf.getBackend()}): ${counts.join('; ')}`);
});

type Ctor = { fromConfig: (cls: never, config: tf.serialization.ConfigDict) => tfl.layers.Layer };

/** getConfig -> fromConfig -> getConfig is unchanged. */
function roundTrips(cls: Ctor, layer: tfl.layers.Layer): void {
  const config = layer.getConfig();
  const copy = cls.fromConfig(cls as never, JSON.parse(JSON.stringify(config)));
  expect(copy.getConfig()).toEqual(config);
}

/** Construction throws an Error whose message names `field` and shows `value`. */
function rejects(make: () => unknown, field: string, value: unknown): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toContain(`\`${field}`);
  expect(message).toContain(show(value));
}

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const amount = fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true });
const seed = fc.option(fc.maxSafeInteger(), { nil: undefined });
// null means omitted for optional arguments (JSON configs carry null), so it is not invalid.
const notBoolean = fc.oneof(fc.integer(), fc.string());
const badAmount = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.string(),
);
const badSeed = fc.oneof(
  fc.double({ noNaN: true }).filter((v) => !Number.isSafeInteger(v)),
  fc.string({ minLength: 1 }),
);
const badMode = fc.string().filter((s) => s !== 'additive' && s !== 'multiplicative');

/** Tensors that tfjs's own optimizers leave behind after dispose (not ours; see below). */
let tfjsLeftovers = 0;

describe('config fuzzing', () => {
  const before = tf.memory().numTensors;
  afterAll(() => expect(tf.memory().numTensors - tfjsLeftovers).toBe(before));

  it(`GaussianJitter: ${RUNS} valid configs round-trip, ${RUNS} invalid ones are named`, () => {
    const valid = fc
      .record(
        {
          stddev: fc.oneof(amount, fc.array(amount, { minLength: 1, maxLength: 8 })),
          mode: fc.constantFrom('additive', 'multiplicative'),
          relative: fc.boolean(),
          seed,
          name,
        },
        { requiredKeys: ['stddev'] },
      )
      .map((a) => (a.mode === 'multiplicative' ? { ...a, relative: false } : a));
    fc.assert(
      fc.property(valid, (args) =>
        roundTrips(GaussianJitter as unknown as Ctor, new GaussianJitter(args as never)),
      ),
      { numRuns: RUNS, seed: 1 },
    );
    const invalid = fc.oneof(
      badAmount.map((v) => ['stddev', v, { stddev: v }] as const),
      fc.array(badAmount, { minLength: 1, maxLength: 3 }).map((arr) => {
        const v = [0.1, ...arr];
        return ['stddev[1]', arr[0], { stddev: v }] as const;
      }),
      badMode.map((v) => ['mode', v, { stddev: 0.1, mode: v }] as const),
      notBoolean.map((v) => ['relative', v, { stddev: 0.1, relative: v }] as const),
      badSeed.map((v) => ['seed', v, { stddev: 0.1, seed: v }] as const),
    );
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new GaussianJitter(args as never), field, value),
      ),
      { numRuns: RUNS, seed: 2 },
    );
    counts.push(`GaussianJitter ${RUNS} valid + ${RUNS} invalid`);
  });

  it(`GaussianJitter structured (noiseShape, correlationLength, snrDb): ${RUNS} valid, ${RUNS} invalid`, () => {
    const dB = fc.double({ min: -40, max: 60, noNaN: true });
    const structure = {
      noiseShape: fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 64 })), {
        minLength: 1,
        maxLength: 5,
      }),
      correlationLength: fc.oneof(amount, fc.array(amount, { minLength: 1, maxLength: 3 })),
      seed,
      name,
    };
    const valid = fc.oneof(
      fc.record({ stddev: amount, ...structure }, { requiredKeys: ['stddev'] }),
      fc.record(
        {
          snrDb: fc.oneof(
            dB,
            fc.tuple(dB, dB).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
          ),
          snrCentered: fc.boolean(),
          ...structure,
        },
        { requiredKeys: ['snrDb'] },
      ),
    );
    fc.assert(
      fc.property(valid, (args) =>
        roundTrips(GaussianJitter as unknown as Ctor, new GaussianJitter(args as never)),
      ),
      { numRuns: RUNS, seed: 3 },
    );
    const badEntry = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double({ noNaN: true }).filter((v) => !Number.isInteger(v)),
      fc.string(),
    );
    const badDb = fc.oneof(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.string(),
      fc.tuple(dB, dB).filter(([a, b]) => a > b),
      fc.array(dB, { minLength: 3, maxLength: 4 }),
    );
    const invalid = fc.oneof(
      badEntry.map((v) => ['noiseShape[1]', v, { stddev: 0.1, noiseShape: [null, v] }] as const),
      badAmount.map(
        (v) => ['correlationLength', v, { stddev: 0.1, correlationLength: v }] as const,
      ),
      badDb.map((v) => ['snrDb', v, { snrDb: v }] as const),
      amount.map((v) => ['stddev', v, { snrDb: 10, stddev: v }] as const),
      notBoolean.map((v) => ['snrCentered', v, { snrDb: 10, snrCentered: v }] as const),
    );
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new GaussianJitter(args as never), field, value),
      ),
      { numRuns: RUNS, seed: 4 },
    );
    counts.push(`GaussianJitter structured ${RUNS} valid + ${RUNS} invalid`);
  });

  const innerLayers = fc.constantFrom(
    () => tfl.layers.dense({ units: 3 }),
    () => tfl.layers.conv1d({ filters: 2, kernelSize: 3 }),
    () => tfl.layers.conv2d({ filters: 2, kernelSize: 2 }),
    () => tfl.layers.depthwiseConv2d({ kernelSize: 2 }),
    () => tfl.layers.simpleRNN({ units: 2 }),
    () => tfl.layers.lstm({ units: 2 }),
    () => tfl.layers.gru({ units: 2 }),
  );

  it(`WeightNoise: ${RUNS} valid configs round-trip, ${RUNS} invalid ones are named`, () => {
    const valid = fc
      .record({
        make: innerLayers,
        stddev: amount,
        mode: fc.constantFrom('additive', 'multiplicative'),
        factorized: fc.boolean(),
        learnableScale: fc.boolean(),
        sigma0: amount,
        perturbBias: fc.boolean(),
        seed,
      })
      .map(({ make, ...a }) => {
        const layer = make();
        const factorized = a.factorized && layer.getClassName() !== 'DepthwiseConv2D';
        return { ...a, layer, factorized, stddev: a.learnableScale ? undefined : a.stddev };
      });
    fc.assert(
      fc.property(valid, (args) =>
        roundTrips(WeightNoise as unknown as Ctor, new WeightNoise(args as never)),
      ),
      { numRuns: RUNS, seed: 3 },
    );
    const dense = () => tfl.layers.dense({ units: 2 });
    const invalid = fc.oneof(
      badAmount.map((v) => ['stddev', v, { layer: dense(), stddev: v }] as const),
      badAmount.map((v) => ['sigma0', v, { layer: dense(), stddev: 0.1, sigma0: v }] as const),
      badMode.map((v) => ['mode', v, { layer: dense(), stddev: 0.1, mode: v }] as const),
      notBoolean.map(
        (v) => ['factorized', v, { layer: dense(), stddev: 0.1, factorized: v }] as const,
      ),
      notBoolean.map(
        (v) => ['perturbBias', v, { layer: dense(), stddev: 0.1, perturbBias: v }] as const,
      ),
      badSeed.map((v) => ['seed', v, { layer: dense(), stddev: 0.1, seed: v }] as const),
      fc
        .oneof(fc.string(), fc.integer(), fc.constant(null))
        .map((v) => ['layer', v, { layer: v, stddev: 0.1 }] as const),
    );
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new WeightNoise(args as never), field, value),
      ),
      { numRuns: RUNS, seed: 4 },
    );
    counts.push(`WeightNoise ${RUNS} valid + ${RUNS} invalid`);
  });

  it(`NoisyActivation: ${RUNS} valid configs round-trip, ${RUNS} invalid ones are named`, () => {
    const finite = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
    const valid = fc.oneof(
      fc.record(
        {
          activation: fc.constantFrom('hardTanh', 'hardSigmoid'),
          alpha: finite,
          c: amount,
          p: finite,
          halfNormal: fc.boolean(),
          seed,
          name,
        },
        { requiredKeys: ['activation'] },
      ),
      fc.record(
        {
          activation: fc.constantFrom(
            'relu',
            'tanh',
            'sigmoid',
            'elu',
            'linear',
            'softplus',
            'selu',
          ),
          stddev: amount,
          noiseAt: fc.constantFrom('input', 'output'),
          seed,
        },
        { requiredKeys: ['activation', 'stddev'] },
      ),
    );
    fc.assert(
      fc.property(valid, (args) =>
        roundTrips(NoisyActivation as unknown as Ctor, new NoisyActivation(args as never)),
      ),
      { numRuns: RUNS, seed: 5 },
    );
    const badFinite = fc.oneof(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY), fc.string());
    const invalid = fc.oneof(
      fc
        .string()
        .filter((s) => !['hardTanh', 'hardSigmoid'].includes(s) && !/^[a-z_0-9]+$/i.test(s))
        .map((v) => ['activation', v, { activation: v }] as const),
      badFinite.map((v) => ['alpha', v, { activation: 'hardTanh', alpha: v }] as const),
      badAmount.map((v) => ['c', v, { activation: 'hardTanh', c: v }] as const),
      badFinite.map((v) => ['p', v, { activation: 'hardSigmoid', p: v }] as const),
      notBoolean.map((v) => ['halfNormal', v, { activation: 'hardTanh', halfNormal: v }] as const),
      badAmount.map((v) => ['stddev', v, { activation: 'relu', stddev: v }] as const),
      badSeed.map((v) => ['seed', v, { activation: 'hardTanh', seed: v }] as const),
    );
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new NoisyActivation(args as never), field, value),
      ),
      { numRuns: RUNS, seed: 6 },
    );
    counts.push(`NoisyActivation ${RUNS} valid + ${RUNS} invalid`);
  });

  it(`AnnealedGradientNoise: ${RUNS} valid configs round-trip, ${RUNS} invalid ones are named`, () => {
    const inner = fc.constantFrom(
      () => tf.train.sgd(0.1),
      () => tf.train.momentum(0.1, 0.9),
      () => tf.train.adam(0.01),
      () => tf.train.adamax(0.01),
      () => tf.train.rmsprop(0.01),
      () => tf.train.adagrad(0.1),
      () => tf.train.adadelta(1),
    );
    const positive = fc.double({ min: 1e-6, max: 100, noNaN: true, noDefaultInfinity: true });
    const valid = fc.record({
      make: inner,
      eta: amount,
      gamma: amount,
      seed,
      clipNorm: fc.option(positive, { nil: undefined }),
    });
    fc.assert(
      fc.property(valid, ({ make, ...args }) => {
        // Some tfjs optimizers keep a scalar after dispose; the wrapper must add no leak of its
        // own: what is left after wrapper + copy is exactly twice the bare optimizer's leftover.
        const start = tf.memory().numTensors;
        make().dispose();
        const bareLeft = tf.memory().numTensors - start;
        const before = tf.memory().numTensors;
        const optimizer = new AnnealedGradientNoise(make(), args);
        const config = optimizer.getConfig();
        const copy = AnnealedGradientNoise.fromConfig(
          AnnealedGradientNoise,
          JSON.parse(JSON.stringify(config)),
        ) as AnnealedGradientNoise;
        expect(copy.getConfig()).toEqual(config);
        copy.dispose();
        optimizer.dispose();
        expect(tf.memory().numTensors - before).toBe(2 * bareLeft);
        tfjsLeftovers += 3 * bareLeft;
      }),
      { numRuns: RUNS, seed: 7 },
    );
    const badPositive = fc.oneof(
      fc.double({ max: 0, noNaN: true }),
      fc.constantFrom(Number.NaN),
      fc.string(),
    );
    const invalid = fc.oneof(
      badAmount.map((v) => ['eta', v, { eta: v }] as const),
      badAmount.map((v) => ['gamma', v, { eta: 0.1, gamma: v }] as const),
      badPositive.map((v) => ['clipNorm', v, { eta: 0.1, clipNorm: v }] as const),
      badSeed.map((v) => ['seed', v, { eta: 0.1, seed: v }] as const),
    );
    const sgd = tf.train.sgd(0.1);
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new AnnealedGradientNoise(sgd, args as never), field, value),
      ),
      { numRuns: RUNS, seed: 8 },
    );
    sgd.dispose();
    counts.push(`AnnealedGradientNoise ${RUNS} valid + ${RUNS} invalid`);
  });

  it(`SeededDropout: ${RUNS} valid configs round-trip, ${RUNS} invalid ones are named`, () => {
    const rate = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    const noiseShape = fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 64 })), {
      minLength: 1,
      maxLength: 4,
    });
    const valid = fc.record({ rate, noiseShape, seed, name }, { requiredKeys: ['rate'] });
    fc.assert(
      fc.property(valid, (args) =>
        roundTrips(SeededDropout as unknown as Ctor, new SeededDropout(args as never)),
      ),
      { numRuns: RUNS, seed: 1 },
    );
    const badRate = fc.oneof(
      badAmount,
      fc.double({ min: 1, noNaN: true }),
      fc.constantFrom(undefined, null),
    );
    const invalid = fc.oneof(
      badRate.map((v) => ['rate', v, { rate: v }] as const),
      fc
        .oneof(
          fc.integer({ max: 0 }),
          fc.string(),
          fc.double({ min: 1.01, max: 9, noNaN: true }).filter((v) => !Number.isInteger(v)),
        )
        .map((v) => ['noiseShape[1]', v, { rate: 0.1, noiseShape: [null, v] }] as const),
      badSeed.map((v) => ['seed', v, { rate: 0.1, seed: v }] as const),
    );
    fc.assert(
      fc.property(invalid, ([field, value, args]) =>
        rejects(() => new SeededDropout(args as never), field, value),
      ),
      { numRuns: RUNS, seed: 2 },
    );
    counts.push(`SeededDropout ${RUNS} valid + ${RUNS} invalid`);
  });
});
