import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTo } from './file_io';
import { runNode } from './run_node';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..', '..', 'packages', 'tfjs-noise');
const testDir = join(here, '..');

/** Runs a snippet in a fresh Node process (cwd: test/, TypeScript via tsx); resolves to stdout. */
function node(code: string, type: 'module' | 'commonjs' = 'module'): Promise<string> {
  return runNode([`--input-type=${type}`, '-e', code], testDir);
}

describe('the published package', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

  it('declares tfjs as a peer dependency only, >=4.22 <5', () => {
    expect(pkg.peerDependencies).toEqual({
      '@tensorflow/tfjs-core': '>=4.22.0 <5',
      '@tensorflow/tfjs-layers': '>=4.22.0 <5',
    });
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
  });

  it('ships ESM, CJS and type declarations without a bundled copy of tfjs', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      const size = statSync(join(pkgDir, 'dist', file)).size;
      expect(size).toBeGreaterThan(1000);
      expect(size).toBeLessThan(200_000); // tfjs-core alone is megabytes
    }
    const esm = readFileSync(join(pkgDir, 'dist', 'index.js'), 'utf8');
    expect(esm).toMatch(/from "@tensorflow\/tfjs-core"/);
    expect(esm).not.toMatch(/registerKernel|class Engine/);
  });

  it('imports as ESM and requires as CJS; both register GaussianJitter', async () => {
    const esm = await node(`
      import * as tf from '@tensorflow/tfjs';
      import * as tfn from 'tfjs-noise';
      const map = tf.serialization.SerializationMap.getMap().classNameMap;
      console.log(JSON.stringify([typeof tfn.layers.gaussianJitter, map.GaussianJitter[0] === tfn.GaussianJitter]));
    `);
    expect(JSON.parse(esm)).toEqual(['function', true]);
    const cjs = await node(
      `
      const tf = require('@tensorflow/tfjs');
      const tfn = require('tfjs-noise');
      const map = tf.serialization.SerializationMap.getMap().classNameMap;
      console.log(JSON.stringify([typeof tfn.layers.gaussianJitter, map.GaussianJitter[0] === tfn.GaussianJitter]));
    `,
      'commonjs',
    );
    expect(JSON.parse(cjs)).toEqual(['function', true]);
  });

  it('exposes the noise source and the version', () => {
    expect(typeof tfn.random.normal).toBe('function');
    expect(tfn.version).toBe(pkg.version);
  });
});

describe('save in one process, load in another', () => {
  let dir: string;
  let expected: number[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-e2e-'));
    const model = tf.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: [0.1, 0.2], seed: 3, inputShape: [2] }));
    model.add(tf.layers.dense({ units: 4, activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.tensor2d([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [3, 2]);
    await model.fit(x, tf.ones([3, 1]), { epochs: 3, verbose: 0 });
    expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    await model.save(saveTo(dir), { includeOptimizer: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a process that imports tfjs-noise reloads it and predicts identically', async () => {
    const out = await node(`
      import * as tf from '@tensorflow/tfjs';
      import 'tfjs-noise';
      import { loadFrom } from './e2e/file_io.ts';
      const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      const x = tf.tensor2d([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [3, 2]);
      console.log(JSON.stringify({
        classes: model.layers.map((l) => l.getClassName()),
        step: model.layers[0].step,
        y: Array.from(model.predict(x).dataSync()),
      }));
    `);
    const result = JSON.parse(out);
    expect(result.classes).toEqual(['GaussianJitter', 'Dense', 'Dense']);
    expect(result.step).toBe(3);
    expect(result.y).toEqual(expected);
  });

  it('a process without the plugin gets a clear unknown-layer error', async () => {
    await expect(
      node(`
        import * as tf from '@tensorflow/tfjs';
        import { loadFrom } from './e2e/file_io.ts';
        await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      `),
    ).rejects.toThrow(/Unknown layer: GaussianJitter/);
  });
});

describe('stripNoise: a plain model for a process without the plugin', () => {
  let dir: string;
  let expected: number[];
  let classes: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-strip-'));
    const model = tf.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 1, inputShape: [5, 2] }));
    model.add(
      tfn.layers.weightNoise({ layer: tf.layers.lstm({ units: 3 }), stddev: 0.05, seed: 2 }),
    );
    model.add(tf.layers.dropout({ rate: 0.2 }));
    model.add(
      tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 1 }), stddev: 0.05, seed: 3 }),
    );
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.reshape(tf.range(0, 30), [3, 5, 2]).div(30);
    await model.fit(x, tf.ones([3, 1]), { epochs: 3, verbose: 0 });
    expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    const stripped = tfn.stripNoise(model);
    classes = stripped.layers.map((l) => l.getClassName());
    await stripped.save(saveTo(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads with only @tensorflow/tfjs imported and predicts as the original', async () => {
    expect(classes).toEqual(['LSTM', 'Dense']);
    const out = await node(`
      import * as tf from '@tensorflow/tfjs';
      import { loadFrom } from './e2e/file_io.ts';
      const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      const x = tf.reshape(tf.range(0, 30), [3, 5, 2]).div(30);
      const registered = Object.keys(tf.serialization.SerializationMap.getMap().classNameMap);
      console.log(JSON.stringify({
        plugin: registered.includes('WeightNoise') || registered.includes('GaussianJitter'),
        y: Array.from(model.predict(x).dataSync()),
      }));
    `);
    const result = JSON.parse(out);
    expect(result.plugin).toBe(false);
    expect(result.y).toEqual(expected);
  });
});

describe('stripNoise of nested models: plain for a process without the plugin', () => {
  let dir: string;
  let expected: number[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-strip-nested-'));
    // A noisy Sequential inside a Sequential inside a functional model (depth 3).
    const block = tf.sequential();
    block.add(tfn.layers.gaussianJitter({ stddev: 0.1, seed: 4, inputShape: [2] }));
    block.add(
      tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 3 }), stddev: 0.05, seed: 5 }),
    );
    const middle = tf.sequential();
    middle.add(block);
    middle.add(tf.layers.dropout({ rate: 0.2 }));
    const input = tf.input({ shape: [2] });
    const out = tf.layers.dense({ units: 1 }).apply(middle.apply(input) as tf.SymbolicTensor);
    const model = tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
    const x = tf.reshape(tf.range(0, 6), [3, 2]).div(6);
    expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    await tfn.stripNoise(model).save(saveTo(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads with only @tensorflow/tfjs imported and predicts as the original', async () => {
    const out = await node(`
      import * as tf from '@tensorflow/tfjs';
      import { loadFrom } from './e2e/file_io.ts';
      const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      const x = tf.reshape(tf.range(0, 6), [3, 2]).div(6);
      console.log(JSON.stringify({ y: Array.from(model.predict(x).dataSync()) }));
    `);
    expect(JSON.parse(out).y).toEqual(expected);
  });
});
