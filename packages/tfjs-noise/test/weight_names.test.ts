/**
 * Duplicate saved weight names: a WeightNoise saves the wrapped layer's weights under that layer's
 * name, so a wrapped layer that shares its name with another layer (or is also used bare) would
 * make a file tfjs cannot load. It is rejected as early as tfjs lets a layer see its model: when
 * the wrapper is applied (layers already connected to it), at the first training step, at save,
 * and by stripNoise (nested models included).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { roundTrip } from './helpers';

const CLASH = (wrapped: string, other: string) =>
  new RegExp(
    `WeightNoise "\\w+": \`layer\` must save weight names unique in the model, but got layer ` +
      `"${wrapped}" \\(Dense\\), whose weight "${wrapped}/kernel" has the same name as a weight ` +
      `of layer "${other}" \\(Dense\\)`,
  );

const wrap = (layer: tfl.layers.Layer, extra: Record<string, unknown> = {}) =>
  tfn.layers.weightNoise({ layer, stddev: 0.1, seed: 1, ...extra });

describe('duplicate saved weight names', () => {
  it('wrapped Dense named like a later top-level Dense: rejected at the first training step, at save and by stripNoise', async () => {
    const model = tfl.sequential();
    model.add(wrap(tfl.layers.dense({ units: 3, name: 'same_a' }), { inputShape: [3] }));
    // The wrapper is not called when a layer is added after it: the Sequential builds.
    model.add(tfl.layers.dense({ units: 2, name: 'same_a' }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([4, 3]);
    const y = tf.ones([4, 2]);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0 })).rejects.toThrow(
      CLASH('same_a', 'same_a'),
    );
    let written = false;
    const handler = tf.io.withSaveHandler(async () => {
      written = true;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    });
    await expect(model.save(handler)).rejects.toThrow(CLASH('same_a', 'same_a'));
    expect(written).toBe(false);
    expect(() => tfn.stripNoise(model)).toThrow(CLASH('same_a', 'same_a'));
    tf.dispose([x, y]);
  });

  it('wrapped Dense named like an earlier layer: rejected when the model is built', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 3, name: 'same_b', inputShape: [3] }));
    expect(() => model.add(wrap(tfl.layers.dense({ units: 2, name: 'same_b' })))).toThrow(
      CLASH('same_b', 'same_b'),
    );

    // Functional, on parallel branches from one input.
    const input = tfl.input({ shape: [3] });
    const bare = tfl.layers.dense({ units: 2, name: 'same_c' }).apply(input);
    const wrapper = wrap(tfl.layers.dense({ units: 2, name: 'same_c' }));
    expect(() => wrapper.apply(input)).toThrow(CLASH('same_c', 'same_c'));
    expect(bare).toBeInstanceOf(tfl.SymbolicTensor);
  });

  it('auto-generated names: a Dense rebuilt from the auto-named wrapped layer (as a load does)', () => {
    const inner = tfl.layers.dense({ units: 2 });
    const input = tfl.input({ shape: [3] });
    const h = wrap(inner).apply(input) as tfl.SymbolicTensor;
    expect(inner.name).toMatch(/^dense_Dense\d+$/);
    const copy = tfl.layers.dense(inner.getConfig() as unknown as { units: number });
    expect(() => copy.apply(h)).not.toThrow(); // a plain layer does not look
    const model = tfl.model({ inputs: input, outputs: copy.apply(h) as tfl.SymbolicTensor });
    expect(() => model.getConfig()).toThrow(CLASH(inner.name, inner.name));
    expect(() => tfn.stripNoise(model)).toThrow(CLASH(inner.name, inner.name));
  });

  it('one Dense used both bare and wrapped, or wrapped twice: rejected when the model is built', () => {
    const dense = tfl.layers.dense({ units: 3 });
    const input = tfl.input({ shape: [3] });
    const h = dense.apply(input) as tfl.SymbolicTensor;
    expect(() => wrap(dense).apply(h)).toThrow(
      new RegExp(
        `WeightNoise "\\w+": \`layer\` must save weight names unique in the model, but got layer ` +
          `"${dense.name}" \\(Dense\\), which is also used unwrapped in the same model`,
      ),
    );

    const twice = tfl.layers.dense({ units: 3 });
    const first = wrap(twice, { name: 'first_wrapper' });
    const h2 = first.apply(tfl.input({ shape: [3] })) as tfl.SymbolicTensor;
    expect(() => wrap(twice, { name: 'second_wrapper' }).apply(h2)).toThrow(
      /WeightNoise "(first|second)_wrapper": .* which is also wrapped by WeightNoise "(first|second)_wrapper" in the same model/,
    );
  });

  it('across nesting levels: stripNoise names both layers', () => {
    const block = tfl.sequential();
    block.add(wrap(tfl.layers.dense({ units: 3, name: 'same_d' }), { inputShape: [3] }));
    const input = tfl.input({ shape: [3] });
    const h = block.apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, name: 'same_d' }).apply(h) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    expect(() => tfn.stripNoise(model)).toThrow(CLASH('same_d', 'same_d'));
  });

  it('across nesting levels, plain tfjs has the same defect: without WeightNoise the file does not load either; stripNoise refuses to copy it', async () => {
    // Why fit and model.save (to handlers other than saveToDir) do not reject the nested case: a
    // layer has no handle on the model that holds its own model, and tfjs itself saves such a
    // file. If tfjs starts rejecting it, this test fails and the wrapper can rely on that check.
    const block = tfl.sequential();
    block.add(tfl.layers.dense({ units: 3, name: 'plain_same', inputShape: [3] }));
    const input = tfl.input({ shape: [3] });
    const h = block.apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, name: 'plain_same' }).apply(h) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    await expect(roundTrip(model)).rejects.toThrow('Duplicate weight name: plain_same/kernel');
    expect(() => tfn.stripNoise(model)).toThrow(
      'stripNoise: the weight names of a saved model must be unique (tfjs cannot load a file ' +
        'with a name twice), but got "plain_same/kernel" twice: two layers named "plain_same"',
    );
  });

  it('distinct names: builds, trains, saves and loads as before', async () => {
    const model = tfl.sequential();
    model.add(wrap(tfl.layers.dense({ units: 3, name: 'unique_a' }), { inputShape: [3] }));
    model.add(wrap(tfl.layers.dense({ units: 2, name: 'unique_b' })));
    model.add(tfl.layers.dense({ units: 2, name: 'unique_c' }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([4, 3]);
    const y = tf.ones([4, 2]);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const loaded = await roundTrip(model);
    expect(loaded.getWeights().length).toBe(model.getWeights().length);
    expect(tfn.stripNoise(model).layers.map((l) => l.name)).toEqual([
      'unique_a',
      'unique_b',
      'unique_c',
    ]);
    tf.dispose([x, y]);
  });

  it('a Dense used bare and wrapped inside a TimeDistributed: stripNoise refuses, naming both', () => {
    const dense = tfl.layers.dense({ units: 3, name: 'twice' });
    const input = tfl.input({ shape: [4, 3] });
    const bare = dense.apply(input) as tfl.SymbolicTensor;
    const timed = tfl.layers
      .timeDistributed({ layer: wrap(dense, { name: 'inside_td' }) })
      .apply(bare) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: timed });
    expect(() => tfn.stripNoise(model)).toThrow(
      /WeightNoise "inside_td": `layer` must save weight names unique in the model, but got layer "twice" \(Dense\), which is also used unwrapped/,
    );
  });
});
