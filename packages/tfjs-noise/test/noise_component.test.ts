/**
 * The noise-component contract: a layer class that declares `static noise` (and is registered)
 * is scheduled by noiseSchedule and stripped by stripNoise with no change elsewhere; tfjs's own
 * noise layers are declared by one table. A user's layer built on the public `NoiseLayer` saves
 * its step and resumes its noise and schedule like the built-in layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

/**
 * A fourth noise layer, as a user would write it on the public extension point: uniform noise of
 * std `stddev`, drawn from the key of the layer's saved step.
 */
class UniformJitter extends tfx.NoiseLayer {
  static className = 'TestUniformJitter';
  static readonly noise: tfx.NoiseComponent<UniformJitter> = {
    ...tfx.SCHEDULED_STDDEV,
    strip: () => ({ kind: 'drop' }),
  };
  stddev: number;
  readonly seed: number;
  /** The std of each training step's noise, as drawn. */
  seen: number[] = [];
  constructor(args: { stddev: number; seed: number; inputShape?: number[]; name?: string }) {
    super(args);
    this.stddev = args.stddev;
    this.seed = args.seed;
  }
  override build(): void {
    this.addNoiseStep();
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true) return x;
    this.seen.push(this.stddev);
    const half = this.stddev * Math.sqrt(3);
    return tf.tidy(() =>
      tf.add(x, tfn.random.uniform(x.shape, this.nextNoiseKey(this.seed), -half, half)),
    );
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}
tf.serialization.registerClass(UniformJitter);

describe('noise components', () => {
  it('a new noise layer is scheduled and stripped through its declaration alone', async () => {
    const model = tfl.sequential();
    const jitter = new UniformJitter({ stddev: 0.5, seed: 1, inputShape: [3] });
    model.add(jitter);
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([8, 3]);
    const y = tf.ones([8, 1]);
    const schedule = tfn.callbacks.noiseSchedule({ schedule: (step) => 0.1 * step });
    await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [schedule] });
    expect(jitter.seen.map((v) => Number(v.toFixed(6)))).toEqual([0, 0.1, 0.2, 0.3]);
    expect(jitter.step).toBe(4);

    expect(tfx.noiseComponentOf(jitter)).toBe(UniformJitter.noise);
    const plain = tfn.stripNoise(model);
    expect(plain.layers.map((l) => l.getClassName())).toEqual(['Dense']);
    const [a, b] = [model.predict(x) as tf.Tensor, plain.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, y, a, b]);
  });

  it('a NoiseLayer subclass saves its step: reloaded, it resumes its noise and schedule bit-identically', async () => {
    const make = () => {
      const model = tfl.sequential();
      model.add(new UniformJitter({ stddev: 0.5, seed: 3, inputShape: [3], name: 'jitter' }));
      model.add(
        tfl.layers.dense({
          units: 1,
          kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
        }),
      );
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      return model;
    };
    const x = fixedInputs(8, 3, 4);
    const y = tf.sum(x, 1, true);
    const trainFor = (model: tfl.LayersModel, epochs: number) =>
      model.fit(x, y, {
        epochs,
        batchSize: 2,
        shuffle: false,
        verbose: 0,
        callbacks: [tfn.callbacks.noiseSchedule({ schedule: (step) => 0.5 / (1 + step) })],
      });
    const jitterOf = (model: tfl.LayersModel) => model.getLayer('jitter') as UniformJitter;

    const straight = make();
    await trainFor(straight, 2);
    const interrupted = make();
    await trainFor(interrupted, 1);
    const reloaded = await roundTrip(interrupted);
    const jitter = jitterOf(reloaded);
    expect(jitter).toBeInstanceOf(UniformJitter);
    expect(jitter.step).toBe(4);
    await trainFor(reloaded, 1);

    expect(jitter.step).toBe(8);
    // The schedule resumed from the saved step (0.5 / 5, ..., 0.5 / 8), not from 0 ...
    expect(jitter.seen).toEqual(jitterOf(straight).seen.slice(4));
    expect(jitter.seen[0]).toBe(0.5 / 5);
    // ... and so did the noise: the weights are those of the uninterrupted run, bit for bit.
    expect(weightValues(reloaded)).toEqual(weightValues(straight));
    // The noise acted: without it, training ends elsewhere.
    const clean = make();
    (clean.getLayer('jitter') as UniformJitter).stddev = 0;
    await clean.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
    expect(weightValues(clean)).not.toEqual(weightValues(straight));
    tf.dispose([x, y]);
  });

  it("tfjs's own noise layers come from one table; plain layers have no declaration", () => {
    expect([...tfx.TFJS_NOISE_LAYERS.keys()].sort()).toEqual([
      'AlphaDropout',
      'Dropout',
      'GaussianDropout',
      'GaussianNoise',
      'SpatialDropout1D',
    ]);
    const noise = tfl.layers.gaussianNoise({ stddev: 0.3 });
    const declared = tfx.noiseComponentOf(noise);
    expect(declared?.amount?.(noise)).toBe(0.3);
    declared?.setAmount?.(noise, 0.1);
    expect(declared?.amount?.(noise)).toBe(0.1);
    expect(tfx.noiseComponentOf(tfl.layers.dense({ units: 1 }))).toBeUndefined();
    expect(tfx.noiseComponentOfClass('Dense')).toBeUndefined();
  });

  it("tfjs-noise's layers declare how they are stripped and scheduled", () => {
    const jitter = tfn.layers.gaussianJitter({ stddev: 0.2 });
    const perFeature = tfn.layers.gaussianJitter({ stddev: [0.1, 0.2] });
    const dense = tfl.layers.dense({ units: 2 });
    const wrapped = tfn.layers.weightNoise({ layer: dense, stddev: 0.1 });
    const learnable = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 2 }),
      learnableScale: true,
    });
    const plain = tfn.layers.noisyActivation({ activation: 'relu', stddev: 0.1 });
    const gulcehre = tfn.layers.noisyActivation({ activation: 'hardTanh' });
    const of = (l: tfl.layers.Layer) => tfx.noiseComponentOf(l);
    expect(of(jitter)?.strip(jitter.getConfig())).toEqual({ kind: 'drop' });
    expect(of(jitter)?.amount?.(jitter)).toBe(0.2);
    expect(of(perFeature)?.amount?.(perFeature)).toBeUndefined();
    expect(of(wrapped)?.strip(wrapped.getConfig())).toMatchObject({
      kind: 'unwrap',
      inner: { className: 'Dense' },
    });
    expect(of(wrapped)?.wrapped?.(wrapped)).toBe(dense);
    expect(of(learnable)?.amount?.(learnable)).toBeUndefined();
    expect(of(plain)?.strip(plain.getConfig())).toMatchObject({
      kind: 'replace',
      by: { className: 'Activation', config: { activation: 'relu' } },
    });
    expect(of(gulcehre)?.strip(gulcehre.getConfig())).toEqual({ kind: 'keep' });
    expect(of(gulcehre)?.amount?.(gulcehre)).toBeUndefined();
  });

  /** A registered noise class whose declaration strips it with `strip` (and maybe `wrapped`). */
  function declaring(
    className: string,
    strip: (config: tf.serialization.ConfigDict) => unknown,
    wrapped?: (layer: tfl.layers.Layer) => tfl.layers.Layer,
  ): new (args: {
    inner: tfl.layers.Layer;
    name?: string;
  }) => tfl.layers.Layer {
    class Declared extends tfl.layers.Layer {
      static className = className;
      static readonly noise = { strip, wrapped } as unknown as tfx.NoiseComponent;
      readonly inner: tfl.layers.Layer;
      constructor(args: { inner: tfl.layers.Layer; name?: string }) {
        super({ name: args.name });
        this.inner = args.inner;
      }
      override build(inputShape: tfl.Shape | tfl.Shape[]): void {
        this.inner.build(inputShape);
        this.built = true;
      }
      override get trainableWeights() {
        return this.inner.trainableWeights;
      }
      override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]) {
        return this.inner.computeOutputShape(inputShape);
      }
      override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) {
        return this.inner.call(inputs, kwargs);
      }
      override getConfig(): tf.serialization.ConfigDict {
        const inner = { className: this.inner.getClassName(), config: this.inner.getConfig() };
        return { ...super.getConfig(), inner };
      }
    }
    tf.serialization.registerClass(Declared);
    return Declared;
  }

  /** A Sequential of `layer` (on 3 features) then a Dense. */
  function modelOf(layer: tfl.layers.Layer): tfl.Sequential {
    const model = tfl.sequential();
    model.add(tfl.layers.inputLayer({ inputShape: [3] }));
    model.add(layer);
    model.add(tfl.layers.dense({ units: 1 }));
    return model;
  }

  it("an 'unwrap' declaration without `wrapped` is refused (the inner layer's weights would be lost)", () => {
    const Unwrapping = declaring('TestUnwrapNoWrapped', (config) => ({
      kind: 'unwrap',
      inner: config.inner,
    }));
    const dense = tfl.layers.dense({ units: 2, name: 'inner_dense' });
    const model = modelOf(new Unwrapping({ inner: dense, name: 'unwrapping' }));
    expect(() => tfn.stripNoise(model)).toThrow(
      /stripNoise: `wrapped` must be .*layer "unwrapping" \(TestUnwrapNoWrapped\).*'unwrap', but got undefined/,
    );
  });

  it('a malformed strip action is an error naming the layer, its class and what was wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'remove' }, /kind.*'drop', 'unwrap', 'replace' or 'keep'.*\{"kind":"remove"\}/],
      [{ kind: 'unwrap' }, /'unwrap' action with `inner`.*\{"kind":"unwrap"\}/],
      [{ kind: 'replace' }, /'replace' action with `by`.*\{"kind":"replace"\}/],
      [{ kind: 'replace', by: { className: 'Activation' } }, /'replace' action with `by`/],
      [undefined, /an action object.*but got undefined/],
      [null, /an action object.*but got null/],
    ];
    cases.forEach(([action, message], i) => {
      const Bad = declaring(
        `TestBadStrip${i}`,
        () => action,
        (l) => (l as unknown as { inner: tfl.layers.Layer }).inner,
      );
      const model = modelOf(new Bad({ inner: tfl.layers.dense({ units: 2 }), name: `bad_${i}` }));
      let error: unknown;
      try {
        tfn.stripNoise(model);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).not.toMatch(/Cannot read properties/);
      expect((error as Error).message).toMatch(
        new RegExp(`^stripNoise: .*"bad_${i}" \\(TestBadStrip${i}\\)`),
      );
      expect((error as Error).message).toMatch(message);
    });
  });
});
