/**
 * A consumer program: in a new process, loads what `tfjs-noise-tune ... --save <dir>` wrote (the
 * model with its noise layers, with tfjs-noise imported; its plain copy through
 * loadTabularModel) and predicts the CSV's rows with both: raw rows, the standardization being
 * inside the models. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadTabularModel } from '@tfjs-noise/tune';
import 'tfjs-noise';
import { loadFromDir } from 'tfjs-noise/node';

const [dir, csv] = process.argv.slice(2);
if (!dir || !csv) throw new Error('usage: tune_predict <saved dir> <csv>');

async function main(): Promise<void> {
  const tabular = await loadTabularModel(dir!);
  const [header, ...lines] = readFileSync(csv!, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const records = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, j) => [c, cells[j]!]));
  });
  // Every column of this table is numeric: the model's inputs are its columns, raw.
  const x = tf.tensor2d(records.map((r) => tabular.metadata.inputs.map((name) => Number(r[name]))));
  const model = await tf.loadLayersModel(loadFromDir(join(dir!, 'model')));
  console.log(
    JSON.stringify({
      classes: tabular.metadata.classes,
      modelLayers: model.layers.map((l) => l.getClassName()),
      plainLayers: tabular.model.layers.map((l) => l.getClassName()),
      model: Array.from((model.predict(x) as tf.Tensor).dataSync()),
      plain: Array.from((tabular.model.predict(x) as tf.Tensor).dataSync()),
      predictions: tabular.predict(records).map((a) => a.prediction),
    }),
  );
}

main();
