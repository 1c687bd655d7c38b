/**
 * A minimal file-system IO handler for `model.save` / `tf.loadLayersModel` in Node without
 * tfjs-node: `model.json` (topology + weight manifest) and `weights.bin` in one folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

export function saveTo(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const { weightData, ...json } = artifacts;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const buffers = weightData == null ? [] : Array.isArray(weightData) ? weightData : [weightData];
    writeFileSync(join(dir, 'weights.bin'), Buffer.concat(buffers.map((b) => Buffer.from(b))));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
}

export function loadFrom(dir: string): tf.io.IOHandler {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelArtifacts;
  const bin = readFileSync(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.io.fromMemory({ ...json, weightData });
}
