/**
 * `tfjs-noise/node`'s saveToDir / loadFromDir: a model with every noise layer saved as files and
 * loaded back predicts bit-identically, and the folder has tfjs's `file://` layout.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';
import { loadFromDir, saveToDir } from '../src/node';

const dir = mkdtempSync(join(tmpdir(), 'tfn-fs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveToDir / loadFromDir', () => {
  it('round-trips a noisy model bit-identically, as model.json + weights.<id>.bin', async () => {
    const model = tfl.sequential();
    model.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [3], seed: 1 }));
    model.add(tfn.layers.weightNoise({ layer: tfl.layers.dense({ units: 4 }), stddev: 0.1 }));
    model.add(tfn.layers.noisyActivation({ activation: 'hardTanh' }));
    model.add(tfl.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 2);
    const y = tf.randomNormal([8, 1], 0, 1, 'float32', 3);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const out = join(dir, 'nested', 'model');
    const result = await model.save(saveToDir(out));
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    const [name] = json.weightsManifest[0].paths;
    expect(name).toMatch(/^weights\.[0-9a-f]{16}\.bin$/);
    expect(readdirSync(out).sort()).toEqual(['model.json', name]);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(
      readFileSync(join(out, name)).byteLength,
    );
    const loaded = await tfl.loadLayersModel(loadFromDir(out));
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, y, a, b]);
    loaded.dispose();
    model.dispose();
  });

  it('loadFromDir of a folder without model.json names the file', () => {
    expect(() => loadFromDir(join(dir, 'missing'))).toThrow(/model\.json/);
  });
});
