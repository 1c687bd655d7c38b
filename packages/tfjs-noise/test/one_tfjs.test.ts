/**
 * Two copies of tfjs in one program: the import-time check of tfjs-core and the check of
 * symbolic inputs from another tfjs-layers. (The real case, two copies installed by npm side by
 * side, is run by the consumer test in test/.)
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { checkOneTfjsCore, checkSameTfjsLayers } from '../src/one_tfjs';

describe('one copy of tfjs', () => {
  it("this program has one tfjs-core: the check passes, reading tfjs-core's own global map", () => {
    expect((globalThis as { _tfGlobals?: Map<string, unknown> })._tfGlobals?.get('Tensor')).toBe(
      tf.Tensor,
    );
    expect(() => checkOneTfjsCore()).not.toThrow();
  });

  it('another Tensor class registered first: an error that says what to do', () => {
    class OtherTensor {}
    expect(() => checkOneTfjsCore(OtherTensor)).toThrow(
      new RegExp(
        `^tfjs-noise: two copies of @tensorflow/tfjs-core are loaded in this program: ` +
          `tfjs-noise imports tfjs-core ${tf.version_core.replace(/\./g, '\\.')}, .*` +
          'npm ls @tensorflow/tfjs-core @tensorflow/tfjs-layers',
      ),
    );
  });

  it("another Tensor class registered first: the error names both versions and the command, with the user's tfjs version", () => {
    class OtherTensor {}
    expect(() => checkOneTfjsCore(OtherTensor, () => '4.10.0')).toThrow(
      `Found @tensorflow/tfjs-core ${tf.version_core} (the copy tfjs-noise imports) and 4.10.0 ` +
        '(the copy inside your @tensorflow/tfjs 4.10.0). Install one copy, at your tfjs ' +
        'version: `npm i @tensorflow/tfjs-core@4.10.0 @tensorflow/tfjs-layers@4.10.0`',
    );
    const foreign = { dtype: 'float32', shape: [null, 2], sourceLayer: {}, nodeIndex: 0 };
    expect(() => checkSameTfjsLayers(foreign, 'GaussianJitter "j"', () => '4.3.0')).toThrow(
      `Found @tensorflow/tfjs-layers ${tfl.version_layers} (the copy tfjs-noise imports) and ` +
        '4.3.0 (the copy inside your @tensorflow/tfjs 4.3.0). Install one copy, at your tfjs ' +
        'version: `npm i @tensorflow/tfjs-core@4.3.0 @tensorflow/tfjs-layers@4.3.0`',
    );
  });

  it('a symbolic tensor of another tfjs-layers: each noise layer names itself', () => {
    // The fields tfjs-layers' SymbolicTensor has, on an object that is not one of this copy's.
    const foreign = { dtype: 'float32', shape: [null, 2], sourceLayer: {}, nodeIndex: 0 };
    const layers = [
      tfn.layers.gaussianJitter({ stddev: 0.1, name: 'j' }),
      tfn.layers.noisyActivation({ activation: 'hardTanh', name: 'a' }),
      tfn.layers.weightNoise({ layer: tfl.layers.dense({ units: 2 }), stddev: 0.1, name: 'w' }),
    ];
    for (const layer of layers) {
      expect(() => layer.apply(foreign as unknown as tfl.SymbolicTensor)).toThrow(
        new RegExp(
          `^${layer.getClassName()} "${layer.name}": the model it is added to was made with ` +
            'another copy of @tensorflow/tfjs-layers',
        ),
      );
    }
  });

  it("this copy's symbolic and concrete tensors pass", () => {
    const input = tfl.input({ shape: [2] });
    expect(() => checkSameTfjsLayers(input, 'x')).not.toThrow();
    const out = tfn.layers.gaussianJitter({ stddev: 0.1 }).apply(input) as tfl.SymbolicTensor;
    expect(out.shape).toEqual([null, 2]);
    const x = tf.ones([3, 2]);
    const y = tfn.layers.gaussianJitter({ stddev: 0.1 }).apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    tf.dispose([x, y]);
  });
});
