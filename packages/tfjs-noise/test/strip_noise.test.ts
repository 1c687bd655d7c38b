import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfx from '../src/extend';
import * as tfn from '../src/index';
import { fixedInputs, roundTrip, weightValues } from './helpers';

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
    const noise = ['GaussianJitter', 'WeightNoise', ...tfx.TFJS_NOISE_LAYERS.keys()];
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

  /** The plugin's class names and tfjs's noise layers: none may be left in a stripped copy. */
  const NOISE = [
    'GaussianJitter',
    'WeightNoise',
    'NoisyActivation',
    ...tfx.TFJS_NOISE_LAYERS.keys(),
  ];
  let seeds = 10;
  /** A Sequential of noise around a Dense: jitter, weight noise, plain noisy activation, dropout. */
  function noisyBlock(inputShape = [4]): tfl.Sequential {
    const block = tfl.sequential();
    block.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: seeds++, inputShape }));
    block.add(
      tfn.layers.weightNoise({
        layer: tfl.layers.dense({ units: 4, kernelInitializer: init(seeds++) }),
        stddev: 0.1,
        seed: seeds++,
      }),
    );
    block.add(tfn.layers.noisyActivation({ activation: 'tanh', stddev: 0.1, seed: seeds++ }));
    block.add(tfl.layers.dropout({ rate: 0.2 }));
    return block;
  }
  /** Strips, checks the JSON and predictions, and the copy's save -> load round trip. */
  async function expectStripped(model: tfl.LayersModel, nested: number): Promise<void> {
    // The model's own class name and one per nested model.
    expect(classNames(model).filter((c) => ['Sequential', 'Model'].includes(c)).length).toBe(
      nested + 1,
    );
    const stripped = tfn.stripNoise(model);
    expect(classNames(stripped).filter((c) => NOISE.includes(c))).toEqual([]);
    expect(values(stripped.predict(x))).toEqual(values(model.predict(x)));
    const reloaded = await roundTrip(stripped);
    expect(classNames(reloaded).filter((c) => NOISE.includes(c))).toEqual([]);
    expect(values(reloaded.predict(x))).toEqual(values(model.predict(x)));
    // The original still holds its noise.
    expect(classNames(model)).toContain('WeightNoise');
  }

  it('nested at depth 2: a noisy Sequential inside a functional model', async () => {
    const input = tfl.input({ shape: [4] });
    const h = noisyBlock().apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, kernelInitializer: init(5) }).apply(h);
    await expectStripped(tfl.model({ inputs: input, outputs: out as tfl.SymbolicTensor }), 1);
  });

  it('nested at depth 2: a noisy Sequential inside a Sequential', async () => {
    const model = tfl.sequential();
    model.add(noisyBlock());
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 6 }));
    model.add(tfl.layers.dense({ units: 2, kernelInitializer: init(6) }));
    await expectStripped(model, 1);
  });

  it('nested at depth 3: Sequential in Sequential in a functional model, and functional in Sequential', async () => {
    const middle = tfl.sequential();
    middle.add(noisyBlock());
    middle.add(noisyBlock());
    const input = tfl.input({ shape: [4] });
    const h = middle.apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, kernelInitializer: init(7) }).apply(h);
    await expectStripped(tfl.model({ inputs: input, outputs: out as tfl.SymbolicTensor }), 3);

    const innerInput = tfl.input({ shape: [4] });
    const functional = tfl.model({
      inputs: innerInput,
      outputs: noisyBlock().apply(innerInput) as tfl.SymbolicTensor,
    });
    const wrapper = tfl.sequential();
    wrapper.add(functional);
    wrapper.add(noisyBlock());
    const outer = tfl.sequential();
    outer.add(wrapper);
    outer.add(tfl.layers.dense({ units: 2, kernelInitializer: init(8) }));
    await expectStripped(outer, 4);
  });

  it('a nested model of noise layers only: a clear error naming it, not a copy with noise', () => {
    const onlyNoise = tfl.sequential({ name: 'only_noise' });
    onlyNoise.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 9, inputShape: [4] }));
    const model = tfl.sequential();
    model.add(onlyNoise);
    model.add(tfl.layers.dense({ units: 2 }));
    expect(() => tfn.stripNoise(model)).toThrow(
      /stripNoise: `model` must be a model with layers besides noise, but got "only_noise"/,
    );
  });

  it('rejects what is not a model', () => {
    expect(() => tfn.stripNoise({} as tfl.LayersModel)).toThrow(
      /stripNoise: `model` must be a tf.LayersModel/,
    );
  });

  describe('inside tfjs wrappers', () => {
    const seq = fixedInputs(6 * 5, 3).reshape([6, 5, 3]);
    /** Trains `model` a little (so the weights are not the initial ones) and strips it. */
    async function trainedAndStripped(model: tfl.LayersModel) {
      model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      const out = model.outputs[0]?.shape as number[];
      const y = tf.ones([6, ...out.slice(1)] as number[]);
      await model.fit(seq, y, { epochs: 2, batchSize: 3, verbose: 0 });
      const stripped = tfn.stripNoise(model);
      expect(classNames(stripped).filter((c) => NOISE.includes(c))).toEqual([]);
      expect(values(stripped.predict(seq))).toEqual(values(model.predict(seq)));
      const reloaded = await roundTrip(stripped);
      expect(classNames(reloaded).filter((c) => NOISE.includes(c))).toEqual([]);
      expect(values(reloaded.predict(seq))).toEqual(values(model.predict(seq)));
      return stripped;
    }

    it('TimeDistributed(WeightNoise(Dense)) and TimeDistributed(GaussianJitter)', async () => {
      const model = tfl.sequential();
      model.add(
        tfl.layers.timeDistributed({
          layer: tfn.layers.gaussianJitter({ stddev: 0.5, seed: 21 }),
          inputShape: [5, 3],
        }),
      );
      model.add(
        tfl.layers.timeDistributed({
          layer: tfn.layers.weightNoise({
            layer: tfl.layers.dense({ units: 4, kernelInitializer: init(21) }),
            stddev: 0.3,
            seed: 22,
          }),
        }),
      );
      model.add(tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }));
      const stripped = await trainedAndStripped(model);
      expect(stripped.layers.map((l) => l.getClassName())).toEqual([
        'TimeDistributed',
        'TimeDistributed',
      ]);
    });

    for (const returnSequences of [false, true]) {
      it(`Bidirectional(WeightNoise(LSTM)), returnSequences ${returnSequences}: both directions, weights carried over`, async () => {
        const model = tfl.sequential();
        model.add(
          tfl.layers.bidirectional({
            layer: tfn.layers.weightNoise({
              layer: tfl.layers.lstm({ units: 3, returnSequences, kernelInitializer: init(23) }),
              stddev: 0.3,
              seed: 24,
            }) as unknown as tfl.RNN,
            inputShape: [5, 3],
          }),
        );
        const stripped = await trainedAndStripped(model);
        type TwoWay = { forwardLayer: tfl.layers.Layer; backwardLayer: tfl.layers.Layer };
        const noisy = model.layers[0] as unknown as TwoWay;
        const plain = stripped.layers[0] as unknown as TwoWay;
        expect(plain.backwardLayer.getClassName()).toBe('LSTM');
        // The backward layer runs backwards in the original as in the copy.
        const inner = (noisy.backwardLayer as tfn.WeightNoise).layer;
        expect((inner as unknown as { goBackwards: boolean }).goBackwards).toBe(true);
        expect(weightValues(stripped)).toEqual(
          [noisy.forwardLayer, noisy.backwardLayer].flatMap((l) =>
            (l as tfn.WeightNoise).layer.getWeights().map((w) => Array.from(w.dataSync())),
          ),
        );
      });
    }

    it('a wrapper inside a nested model; a TimeDistributed of a dropped layer is dropped', async () => {
      const block = tfl.sequential();
      block.add(
        tfl.layers.timeDistributed({
          layer: tfn.layers.weightNoise({
            layer: tfl.layers.dense({ units: 3, kernelInitializer: init(25) }),
            stddev: 0.3,
            seed: 25,
          }),
          inputShape: [5, 3],
        }),
      );
      const input = tfl.input({ shape: [5, 3] });
      const h = block.apply(input) as tfl.SymbolicTensor;
      const out = tfl.layers
        .timeDistributed({ layer: tfn.layers.gaussianJitter({ stddev: 1, seed: 26 }) })
        .apply(h) as tfl.SymbolicTensor;
      const model = tfl.model({ inputs: input, outputs: out });
      const stripped = await trainedAndStripped(model);
      expect(stripped.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Sequential']);
    });
  });
});
