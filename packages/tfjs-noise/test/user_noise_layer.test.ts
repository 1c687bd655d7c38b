/**
 * Mistakes a user's noise layer can make, caught with an error that names the layer: a
 * NoiseLayer subclass that leaves its seed out of `getConfig` (a reload would draw other noise,
 * or fail deep inside the noise source), and a class registered under the name of one of
 * tfjs-noise's classes (saved models would load into it).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { roundTrip } from './helpers';

/** Uniform noise, as the docs' example, but its `getConfig` forgets the seed. */
class Forgetful extends tfx.NoiseLayer {
  static className = 'TestForgetfulJitter';
  readonly seed: number;
  constructor(args: { seed: number; inputShape?: number[]; name?: string }) {
    super(args);
    this.seed = args.seed;
  }
  override build(): void {
    this.addNoiseStep();
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true) return x;
    return tf.tidy(() => tf.add(x, tfn.random.uniform(x.shape, this.nextNoiseKey(this.seed))));
  }
}
tf.serialization.registerClass(Forgetful);

/** The same, saving its seed under a name of its own: fine. */
class OwnName extends Forgetful {
  static override className = 'TestOwnNameJitter';
  constructor(args: { seed?: number; noiseSeed?: number; inputShape?: number[]; name?: string }) {
    super({ ...args, seed: (args.noiseSeed ?? args.seed) as number });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), noiseSeed: this.seed };
  }
}
tf.serialization.registerClass(OwnName);

/** A model of `layer` then a Dense, compiled. */
function modelOf(layer: tfl.layers.Layer): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(layer);
  model.add(tfl.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}

/** The error of one epoch of training `model`. */
async function fitError(model: tfl.LayersModel): Promise<Error> {
  const [x, y] = [tf.ones([4, 3]), tf.ones([4, 1])];
  try {
    await model.fit(x, y, { epochs: 1, verbose: 0 });
  } catch (e) {
    return e as Error;
  } finally {
    tf.dispose([x, y]);
  }
  throw new Error('fit did not throw');
}

describe('a NoiseLayer subclass that leaves its seed out of getConfig', () => {
  it('is refused at its first training step, naming the layer, its class and the missing seed', async () => {
    const model = modelOf(new Forgetful({ seed: 7, inputShape: [3], name: 'forgetful' }));
    const error = await fitError(model);
    expect(error.name).toBe('Error');
    expect(error.message).toBe(
      'TestForgetfulJitter "forgetful": `getConfig()` must hold the seed the noise is drawn with (7, e.g. as `seed`), but got a config without it: a reloaded layer would draw other noise, or none. Add the seed to getConfig() and read it back in the constructor.',
    );
    model.dispose();
  });

  it('saved before training and reloaded: resuming names the layer, its class and the missing seed', async () => {
    const model = modelOf(new Forgetful({ seed: 7, inputShape: [3], name: 'forgetful' }));
    const loaded = await roundTrip(model);
    const error = await fitError(loaded);
    expect(error.name).toBe('Error');
    expect(error.message).toBe(
      'TestForgetfulJitter "forgetful": the seed given to `nextNoiseKey` must be a safe integer, but got undefined. A layer loaded from a save gets only its saved config: add the seed to getConfig() and read it back in the constructor.',
    );
    for (const m of [model, loaded]) m.dispose();
  });

  it('a subclass that saves its seed under a name of its own trains and resumes', async () => {
    const model = modelOf(new OwnName({ noiseSeed: 7, inputShape: [3], name: 'own' }));
    const [x, y] = [tf.ones([4, 3]), tf.ones([4, 1])];
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const loaded = await roundTrip(model);
    await loaded.fit(x, y, { epochs: 1, verbose: 0 });
    tf.dispose([x, y]);
    for (const m of [model, loaded]) m.dispose();
  });
});

describe("a class registered under the name of one of tfjs-noise's classes", () => {
  it('is refused by registerClass, naming the class name; a saved multiplicative GaussianJitter still loads as one', async () => {
    class Mine extends tfl.layers.Layer {
      static className = 'GaussianJitter';
    }
    expect(() => tf.serialization.registerClass(Mine)).toThrow(
      'tfjs-noise: `className` of a class registered with tf.serialization.registerClass must not be the name of a tfjs-noise class, but got "GaussianJitter" (class Mine): saved GaussianJitter layers would load into it. Give your class another static className.',
    );
    // A subclass that inherits the name is refused too.
    class Sub extends tfn.GaussianJitter {}
    expect(() => tf.serialization.registerClass(Sub)).toThrow(/"GaussianJitter" \(class Sub\)/);
    for (const name of ['WeightNoise', 'NoisyActivation', 'AnnealedGradientNoise']) {
      const cls = class extends tfl.layers.Layer {
        static className = name;
      };
      expect(() => tf.serialization.registerClass(cls)).toThrow(`but got "${name}"`);
    }
    const model = modelOf(
      tfn.layers.gaussianJitter({ stddev: 0.1, mode: 'multiplicative', inputShape: [3], seed: 1 }),
    );
    const loaded = await roundTrip(model);
    expect(loaded.layers[0]).toBeInstanceOf(tfn.GaussianJitter);
    expect((loaded.layers[0] as tfn.GaussianJitter).mode).toBe('multiplicative');
    for (const m of [model, loaded]) m.dispose();
  });
});
