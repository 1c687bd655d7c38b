/**
 * The built tfjs-noise in the workspace: the shape of dist, the version, and stripNoise of nested
 * models loaded by a process without the plugin. The peer dependencies, ESM and CJS imports,
 * save and reload in new processes and the plain stripNoise copy are checked on the packed,
 * npm-installed package by test/consumer/consumer.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTo } from '../support/models/file_io';
import { runNode } from '../support/process/run_node';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..', '..', 'packages', 'tfjs-noise');
const testDir = join(here, '..');

/** Runs a snippet in a fresh Node process (cwd: test/, TypeScript via tsx); resolves to stdout. */
function node(code: string, type: 'module' | 'commonjs' = 'module'): Promise<string> {
  return runNode([`--input-type=${type}`, '-e', code], testDir);
}

describe('the published package', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

  it('ships ESM, CJS and type declarations without a bundled copy of tfjs', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      const size = statSync(join(pkgDir, 'dist', file)).size;
      expect(size).toBeGreaterThan(1000);
      expect(size).toBeLessThan(200_000); // tfjs-core alone is megabytes
    }
    // The ESM entry and the chunks it shares with the other entry points.
    const esm = readdirSync(join(pkgDir, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(pkgDir, 'dist', f), 'utf8'))
      .join('\n');
    expect(esm).toMatch(/from "@tensorflow\/tfjs-core"/);
    // tfjs's own definitions, not calls: tfjs-noise registers kernels (its GPU samplers) but must
    // not contain the kernel registry or the engine.
    expect(esm).not.toMatch(/function registerKernel\(|class Engine\b/);
    // (the bundler may suffix the imported name: registerKernel2)
    expect(esm).toMatch(/registerKernel\d*\(\{ kernelName/);
  });

  it('exposes the noise source and the version', () => {
    expect(typeof tfn.random.normal).toBe('function');
    expect(tfn.version).toBe(pkg.version);
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
      import { loadFrom } from './support/models/file_io.ts';
      const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      const x = tf.reshape(tf.range(0, 6), [3, 2]).div(6);
      console.log(JSON.stringify({ y: Array.from(model.predict(x).dataSync()) }));
    `);
    expect(JSON.parse(out).y).toEqual(expected);
  });
});

describe('stripNoise of noise inside tfjs wrappers: plain for a process without the plugin', () => {
  let dir: string;
  let expected: number[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-strip-wrappers-'));
    const model = tf.sequential();
    model.add(
      tf.layers.timeDistributed({
        layer: tfn.layers.gaussianJitter({ stddev: 0.1, seed: 6 }),
        inputShape: [4, 2],
      }),
    );
    model.add(
      tf.layers.bidirectional({
        layer: tfn.layers.weightNoise({
          layer: tf.layers.lstm({ units: 3, returnSequences: true }),
          stddev: 0.05,
          seed: 7,
        }) as unknown as tf.RNN,
      }),
    );
    model.add(
      tf.layers.timeDistributed({
        layer: tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 1 }), stddev: 0.05 }),
      }),
    );
    const x = tf.reshape(tf.range(0, 24), [3, 4, 2]).div(24);
    expected = Array.from((model.predict(x) as tf.Tensor).dataSync());
    await tfn.stripNoise(model).save(saveTo(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads with only @tensorflow/tfjs imported and predicts as the original', async () => {
    const out = await node(`
      import * as tf from '@tensorflow/tfjs';
      import { loadFrom } from './support/models/file_io.ts';
      const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
      const x = tf.reshape(tf.range(0, 24), [3, 4, 2]).div(24);
      console.log(JSON.stringify({ y: Array.from(model.predict(x).dataSync()) }));
    `);
    expect(JSON.parse(out).y).toEqual(expected);
  });
});
