/**
 * Two noise layers of one class with one seed in one model draw different noise (a builder that
 * passes one seed to every noise layer, as the tune README advises): each layer's stream index
 * (`streamIndex`, saved in its config) is its rank among the layers of its class and seed in the
 * model, in the order the model-building code applied them. A saved model draws as before the
 * save; a config saved without `streamIndex` (before it existed) draws as it did.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { roundTrip, saveArtifacts } from './helpers';

/** The noise `layer` adds to zeros of `shape` in one training call (additive, std 1). */
function noiseOf(layer: tfl.layers.Layer, shape: number[]): number[] {
  return tf.tidy(() => {
    const out = layer.apply(tf.zeros(shape), { training: true }) as tf.Tensor;
    return Array.from(out.dataSync());
  });
}

/** A Sequential: jitter(seed 1) on 4 inputs, Dense(8), jitter(seed 1), Dense(1). */
function series(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfn.layers.gaussianJitter({ stddev: 1, seed: 1, inputShape: [4] }));
  model.add(tfl.layers.dense({ units: 8 }));
  model.add(tfn.layers.gaussianJitter({ stddev: 1, seed: 1 }));
  model.add(tfl.layers.dense({ units: 1 }));
  return model;
}

/** What the code before stream indices drew for a GaussianJitter of seed 1 at step 0. */
function oldNoise(shape: number[]): number[] {
  return tf.tidy(() =>
    Array.from(
      tfn.random
        .normal(shape, { seed: 1, stream: tfn.random.streamId('GaussianJitter'), step: 0 })
        .dataSync(),
    ),
  );
}

describe('noise layers of one class with one seed', () => {
  it('in series: the second draws other noise than the first (not the same first values)', () => {
    const model = series();
    const [a, b] = [model.layers[0]!, model.layers[2]!];
    const first = noiseOf(a, [1, 4]);
    const second = noiseOf(b, [1, 8]);
    expect(second.slice(0, 4)).not.toEqual(first);
    expect(first).toEqual(oldNoise([1, 4])); // the first layer draws as before
    expect((a.getConfig() as { streamIndex: number }).streamIndex).toBe(0);
    expect((b.getConfig() as { streamIndex: number }).streamIndex).toBe(1);
    model.dispose();
  });

  it('in parallel branches (two inputs): each draws its own noise', () => {
    const [x1, x2] = [tfl.input({ shape: [4] }), tfl.input({ shape: [4] })];
    const a = tfn.layers.gaussianJitter({ stddev: 1, seed: 1 });
    const b = tfn.layers.gaussianJitter({ stddev: 1, seed: 1 });
    const merged = tfl.layers
      .concatenate()
      .apply([a.apply(x1) as tfl.SymbolicTensor, b.apply(x2) as tfl.SymbolicTensor]);
    const model = tfl.model({ inputs: [x1, x2], outputs: merged as tfl.SymbolicTensor });
    expect(noiseOf(b, [2, 4])).not.toEqual(noiseOf(a, [2, 4]));
    model.dispose();
  });

  it('two WeightNoise of one seed on equal Dense layers in parallel: other noise', () => {
    const x = tfl.input({ shape: [4] });
    const wrap = () =>
      tfn.layers.weightNoise({
        layer: tfl.layers.dense({ units: 4, kernelInitializer: 'ones' }),
        stddev: 1,
        seed: 1,
      });
    const [a, b] = [wrap(), wrap()];
    const model = tfl.model({
      inputs: x,
      outputs: [a.apply(x) as tfl.SymbolicTensor, b.apply(x) as tfl.SymbolicTensor],
    });
    const ones = tf.ones([1, 4]);
    const [ya, yb] = model.apply(ones, { training: true }) as tf.Tensor[];
    expect(Array.from(yb!.dataSync())).not.toEqual(Array.from(ya!.dataSync()));
    tf.dispose([ones, ya!, yb!]);
    model.dispose();
  });

  it('a saved and reloaded model draws bit-identically to the model before the save', async () => {
    const model = series();
    const loaded = await roundTrip(model);
    for (const i of [0, 2]) {
      const shape = i === 0 ? [3, 4] : [3, 8];
      expect(noiseOf(loaded.layers[i]!, shape)).toEqual(noiseOf(model.layers[i]!, shape));
    }
    for (const m of [model, loaded]) m.dispose();
  });

  it('a config saved without streamIndex (older versions) loads and draws as before: both layers the old noise', async () => {
    const model = series();
    const artifacts = await saveArtifacts(model);
    const topology = JSON.parse(JSON.stringify(artifacts.modelTopology));
    const layers = topology.config.layers as { config: Record<string, unknown> }[];
    let removed = 0;
    for (const layer of layers) {
      if ('stream_index' in layer.config) removed++;
      delete layer.config.stream_index;
    }
    expect(removed).toBe(2);
    const old = await tfl.loadLayersModel(
      tf.io.fromMemory({ ...artifacts, modelTopology: topology }),
    );
    expect(noiseOf(old.layers[0]!, [1, 4])).toEqual(oldNoise([1, 4]));
    expect(noiseOf(old.layers[2]!, [1, 8])).toEqual(oldNoise([1, 8]));
    expect((old.layers[2]!.getConfig() as { streamIndex: number }).streamIndex).toBe(0);
    for (const m of [model, old]) m.dispose();
  });

  it('a streamIndex given explicitly is kept (two layers asked to share one stream do), and checked', () => {
    const a = tfn.layers.gaussianJitter({ stddev: 1, seed: 1, streamIndex: 3 });
    expect((a.getConfig() as { streamIndex: number }).streamIndex).toBe(3);
    expect(() => tfn.layers.gaussianJitter({ stddev: 1, seed: 1, streamIndex: -1 })).toThrow(
      'GaussianJitter: `streamIndex` must be an integer >= 0, but got -1.',
    );
  });
});
