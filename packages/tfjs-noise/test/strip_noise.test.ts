import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { fixedInputs } from './helpers';

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
const values = (t: tf.Tensor | tf.Tensor[]) => Array.from((t as tf.Tensor).dataSync());

/** Class names anywhere in a model's JSON topology. */
function classNames(model: tfl.LayersModel): string[] {
  return [...JSON.stringify(model.toJSON(null, false)).matchAll(/"class_name":"(\w+)"/g)].map(
    (m) => m[1] as string,
  );
}

describe('stripNoise', () => {
  const x = fixedInputs(16, 4);

  it('Sequential: drops noise layers, unwraps WeightNoise, predicts identically', async () => {
    const model = tfl.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [4], seed: 1 }));
    model.add(
      tfn.layers.weightNoise({
        layer: tfl.layers.dense({ units: 8, activation: 'relu', kernelInitializer: init(1) }),
        stddev: 0.1,
        perturbBias: true,
      }),
    );
    model.add(tfl.layers.dropout({ rate: 0.3 }));
    model.add(tfl.layers.gaussianNoise({ stddev: 0.2 }));
    model.add(tfl.layers.gaussianDropout({ rate: 0.1 }));
    model.add(tfl.layers.alphaDropout({ rate: 0.1 }));
    model.add(tfl.layers.dense({ units: 2, kernelInitializer: init(2) }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    await model.fit(x, tf.ones([16, 2]), { epochs: 2, verbose: 0 });

    const stripped = tfn.stripNoise(model);
    expect(stripped.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
    expect(stripped.layers[0]?.name).toBe((model.layers[1] as tfn.WeightNoise).layer.name);
    const noise = ['GaussianJitter', 'WeightNoise', ...tfn.STRIPPED_LAYERS];
    expect(classNames(model).filter((c) => noise.includes(c)).length).toBe(6);
    expect(classNames(stripped).filter((c) => noise.includes(c))).toEqual([]);
    expect(values(stripped.predict(x))).toEqual(values(model.predict(x)));
    // The original is untouched and still noisy in training.
    expect(model.layers.map((l) => l.getClassName())).toContain('WeightNoise');
  });

  it('functional: rewires around dropped layers, including shared and chained ones', () => {
    const input = tfl.input({ shape: [4] });
    const jitter = tfn.layers.gaussianJitter({ stddev: 0.1 });
    const a = jitter.apply(input) as tfl.SymbolicTensor;
    const dropped = tfl.layers.dropout({ rate: 0.5 }).apply(a) as tfl.SymbolicTensor;
    const shared = tfn.layers.weightNoise({
      layer: tfl.layers.dense({ units: 4, activation: 'tanh', kernelInitializer: init(3) }),
      stddev: 0.1,
    });
    const h1 = shared.apply(dropped) as tfl.SymbolicTensor;
    const h2 = shared.apply(h1) as tfl.SymbolicTensor; // the same layer called twice
    const noisy = tfl.layers.gaussianNoise({ stddev: 1 }).apply(h2) as tfl.SymbolicTensor;
    const merged = tfl.layers.concatenate().apply([noisy, input]) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 1, kernelInitializer: init(4) }).apply(merged);
    const model = tfl.model({ inputs: input, outputs: out as tfl.SymbolicTensor });

    const stripped = tfn.stripNoise(model);
    expect(stripped.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'Dense',
      'Concatenate',
      'Dense',
    ]);
    expect(values(stripped.predict(x))).toEqual(values(model.predict(x)));
  });

  it('rejects what is not a model', () => {
    expect(() => tfn.stripNoise({} as tfl.LayersModel)).toThrow(
      /stripNoise: `model` must be a tf.LayersModel/,
    );
  });
});
