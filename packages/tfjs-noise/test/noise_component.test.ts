/**
 * The noise-component contract: a layer class that declares `static noise` (and is registered)
 * is scheduled by noiseSchedule and stripped by stripNoise with no change elsewhere; tfjs's own
 * noise layers are declared by one table.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';

/** A fourth noise layer, as a user would write it: uniform noise of half-width `amount`. */
class UniformJitter extends tfl.layers.Layer {
  static className = 'TestUniformJitter';
  static readonly noise: tfn.NoiseComponent<UniformJitter> = {
    strip: () => ({ kind: 'drop' }),
    amount: (layer) => layer.amount,
    setAmount: (layer, value) => {
      layer.amount = value;
    },
  };
  amount: number;
  seen: number[] = [];
  constructor(args: { amount: number; inputShape?: number[] }) {
    super(args);
    this.amount = args.amount;
  }
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true) return x;
    this.seen.push(this.amount);
    return tf.add(x, tf.randomUniform(x.shape, -this.amount, this.amount, 'float32', 1));
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), amount: this.amount };
  }
}
tf.serialization.registerClass(UniformJitter);

describe('noise components', () => {
  it('a new noise layer is scheduled and stripped through its declaration alone', async () => {
    const model = tfl.sequential();
    const jitter = new UniformJitter({ amount: 0.5, inputShape: [3] });
    model.add(jitter);
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([8, 3]);
    const y = tf.ones([8, 1]);
    const schedule = tfn.callbacks.noiseSchedule({ schedule: (step) => 0.1 * step });
    await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [schedule] });
    expect(jitter.seen.map((v) => Number(v.toFixed(6)))).toEqual([0, 0.1, 0.2, 0.3]);

    expect(tfn.noiseComponentOf(jitter)).toBe(UniformJitter.noise);
    const plain = tfn.stripNoise(model);
    expect(plain.layers.map((l) => l.getClassName())).toEqual(['Dense']);
    const [a, b] = [model.predict(x) as tf.Tensor, plain.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, y, a, b]);
  });

  it("tfjs's own noise layers come from one table; plain layers have no declaration", () => {
    expect([...tfn.TFJS_NOISE_LAYERS.keys()].sort()).toEqual([
      'AlphaDropout',
      'Dropout',
      'GaussianDropout',
      'GaussianNoise',
      'SpatialDropout1D',
    ]);
    const noise = tfl.layers.gaussianNoise({ stddev: 0.3 });
    const declared = tfn.noiseComponentOf(noise);
    expect(declared?.amount?.(noise)).toBe(0.3);
    declared?.setAmount?.(noise, 0.1);
    expect(declared?.amount?.(noise)).toBe(0.1);
    expect(tfn.noiseComponentOf(tfl.layers.dense({ units: 1 }))).toBeUndefined();
    expect(tfn.noiseComponentOfClass('Dense')).toBeUndefined();
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
    const of = (l: tfl.layers.Layer) => tfn.noiseComponentOf(l);
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
});
