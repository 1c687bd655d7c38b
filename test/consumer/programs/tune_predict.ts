/**
 * A consumer program: in a new process, loads what `tfjs-noise-tune ... --save <dir>` wrote (the
 * model with its noise layers, with tfjs-noise imported; its plain copy; the standardizer) and
 * predicts the CSV's rows with both. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadFromDir, Standardizer } from '@tfjs-noise/tune';
import 'tfjs-noise';

const [dir, csv] = process.argv.slice(2);
if (!dir || !csv) throw new Error('usage: tune_predict <saved dir> <csv>');

async function main(): Promise<void> {
  const target = JSON.parse(readFileSync(join(dir!, 'target.json'), 'utf8')) as {
    features: string[];
    classes: string[];
  };
  const [header, ...lines] = readFileSync(csv!, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return target.features.map((f) => Number(cells[columns.indexOf(f)]));
  });
  const scaler = Standardizer.fromJSON(
    JSON.parse(readFileSync(join(dir!, 'standardizer.json'), 'utf8')),
  );
  const x = tf.tensor2d(scaler.transform(rows));
  const model = await tf.loadLayersModel(loadFromDir(join(dir!, 'model')));
  const plain = await tf.loadLayersModel(loadFromDir(join(dir!, 'plain')));
  console.log(
    JSON.stringify({
      classes: target.classes,
      modelLayers: model.layers.map((l) => l.getClassName()),
      plainLayers: plain.layers.map((l) => l.getClassName()),
      model: Array.from((model.predict(x) as tf.Tensor).dataSync()),
      plain: Array.from((plain.predict(x) as tf.Tensor).dataSync()),
    }),
  );
}

main();
