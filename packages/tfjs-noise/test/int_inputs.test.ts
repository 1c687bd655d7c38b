/**
 * Integer (and boolean) inputs: every noise layer casts its input to float32 first, on every
 * backend, in training and at inference. (tfjs-backend-wasm's clipByValue reads int32 data as
 * float32 bits: hardTanh of int32 [-3, 0, 2, 5] gave [-1082130432, 0, 2, 5] there.)
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';

const INTS = [-3, 0, 2, 5];

/** Output of `layer` on int32 `values` and on the same values as float32: [int, float]. */
function both(
  layer: () => tfl.layers.Layer,
  values: number[][],
  training: boolean,
): [tf.Tensor, tf.Tensor] {
  const asInt = tf.tensor2d(values, undefined, 'int32');
  const asFloat = tf.tensor2d(values, undefined, 'float32');
  const a = layer().apply(asInt, { training }) as tf.Tensor;
  const b = layer().apply(asFloat, { training }) as tf.Tensor;
  tf.dispose([asInt, asFloat]);
  return [a, b];
}

const data = (t: tf.Tensor) => Array.from(t.dataSync());

describe('int32 inputs are cast to float32 first', () => {
  it.each([
    ['hardTanh', [-1, 0, 1, 1]],
    ['hardSigmoid', [0, 0.5, 1, 1]],
  ])('NoisyActivation %s (alpha 1, c 0) on int32 [-3, 0, 2, 5]', (activation, expected) => {
    for (const training of [false, true]) {
      const make = () => tfn.layers.noisyActivation({ activation, alpha: 1, c: 0, seed: 1 });
      const [a, b] = both(make, [INTS], training);
      expect(a.dtype).toBe('float32');
      expect(data(a)).toEqual(expected);
      expect(data(a)).toEqual(data(b));
      tf.dispose([a, b]);
    }
  });

  it('NoisyActivation hardTanh with noise: int32 input gives the float32 input result', () => {
    const make = () => tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 2 });
    for (const training of [false, true]) {
      const [a, b] = both(make, [INTS, [7, -8, 1, 0]], training);
      expect(a.dtype).toBe('float32');
      expect(data(a)).toEqual(data(b));
      tf.dispose([a, b]);
    }
  });

  it.each(['relu', 'tanh', 'linear'])('NoisyActivation plain %s on int32', (activation) => {
    for (const noiseAt of ['input', 'output'] as const) {
      for (const training of [false, true]) {
        const make = () =>
          tfn.layers.noisyActivation({ activation, stddev: 0.3, noiseAt, seed: 3 });
        const [a, b] = both(make, [INTS], training);
        expect(a.dtype).toBe('float32');
        expect(data(a)).toEqual(data(b));
        tf.dispose([a, b]);
      }
    }
  });

  it.each([
    [{ stddev: 0.5 }],
    [{ stddev: [0.1, 0.2, 0.3, 0.4] }],
    [{ stddev: 0.5, relative: true }],
    [{ stddev: 0.5, mode: 'multiplicative' as const }],
  ])('GaussianJitter %j on int32', (args) => {
    for (const training of [false, true]) {
      const make = () => tfn.layers.gaussianJitter({ ...args, seed: 4 });
      const [a, b] = both(make, [INTS, [1, 1, -4, 9]], training);
      expect(a.dtype).toBe('float32');
      expect(data(a)).toEqual(data(b));
      if (!training) expect(data(a)).toEqual([...INTS, 1, 1, -4, 9]);
      tf.dispose([a, b]);
    }
  });

  it.each([[{ stddev: 0.2 }], [{ learnableScale: true, factorized: true, perturbBias: true }]])(
    'WeightNoise(Dense) %j on int32',
    (args) => {
      for (const training of [false, true]) {
        const make = () =>
          tfn.layers.weightNoise({
            layer: tfl.layers.dense({
              units: 3,
              kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }),
            }),
            ...args,
            seed: 6,
          });
        const [a, b] = both(make, [INTS, [2, -1, 0, 3]], training);
        expect(a.dtype).toBe('float32');
        expect(data(a)).toEqual(data(b));
        tf.dispose([a, b]);
      }
    },
  );

  it.each([
    ['Conv1D', () => tfl.layers.conv1d({ filters: 2, kernelSize: 2, kernelInitializer: 'ones' })],
    [
      'SimpleRNN',
      () =>
        tfl.layers.simpleRNN({
          units: 2,
          kernelInitializer: 'ones',
          recurrentInitializer: 'ones',
        }),
    ],
  ] as [string, () => tfl.layers.Layer][])('WeightNoise(%s) on int32 sequences', (_, inner) => {
    for (const training of [false, true]) {
      const run = (dtype: 'int32' | 'float32') => {
        const x = tf.tensor3d([[[1], [-2], [3]]], undefined, dtype);
        const out = tfn.layers.weightNoise({ layer: inner(), stddev: 0.2, seed: 9 }).apply(x, {
          training,
        }) as tf.Tensor;
        x.dispose();
        return out;
      };
      const [a, b] = [run('int32'), run('float32')];
      expect(a.dtype).toBe('float32');
      expect(data(a)).toEqual(data(b));
      tf.dispose([a, b]);
    }
  });

  it('the casts leak no tensor (each layer, training and inference, outside any tidy)', () => {
    const x = tf.tensor2d([INTS], undefined, 'int32');
    const layers = [
      tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1 }),
      tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 2 }),
      tfn.layers.weightNoise({ layer: tfl.layers.dense({ units: 2 }), stddev: 0.1, seed: 3 }),
    ];
    for (const layer of layers) tf.dispose(layer.apply(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    for (const layer of layers) {
      for (const training of [false, true]) tf.dispose(layer.apply(x, { training }) as tf.Tensor);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    for (const layer of layers) layer.dispose();
  });

  it('GaussianJitter and NoisyActivation take boolean input as 0/1 floats', () => {
    const x = tf.tensor2d([[true, false, true]], undefined, 'bool');
    const jitter = tfn.layers.gaussianJitter({ stddev: 0.1, seed: 7 }).apply(x) as tf.Tensor;
    const act = tfn.layers
      .noisyActivation({ activation: 'hardSigmoid', alpha: 1, seed: 8 })
      .apply(x) as tf.Tensor;
    expect(jitter.dtype).toBe('float32');
    expect(data(jitter)).toEqual([1, 0, 1]);
    expect(data(act)).toEqual([0.75, 0.5, 0.75]);
    tf.dispose([x, jitter, act]);
  });
});
