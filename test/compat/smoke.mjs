// The compatibility run's program (test/compat/main.ts copies it into a folder where npm
// installed the packed tfjs-noise and one tfjs version): every component trains on each backend
// named in argv (cpu, wasm), saves and reloads bit for bit, stripNoise predicts the same, gradient
// noise around Adam resumes bit for bit, target noise trains, and the tensor count stays flat.
// Exits non-zero with "FAILED: ..." on the first failure.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { loadFromDir, saveToDir } from 'tfjs-noise/node';

const dir = mkdtempSync(join(tmpdir(), 'compat-'));
function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
}
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

async function run(backend) {
  await tf.setBackend(backend);
  await tf.ready();
  const x = tf.randomNormal([32, 4], 0, 1, 'float32', 1);
  const y = tf.randomUniform([32, 1], 0, 1, 'float32', 2).greater(0.5).cast('float32');
  const xs = tf.randomNormal([8, 6, 4], 0, 1, 'float32', 3);
  const ys = tf.randomNormal([8, 1], 0, 1, 'float32', 4);
  const build = () => {
    const m = tf.sequential();
    m.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [4], seed: 1 }));
    m.add(tfn.layers.gaussianJitter({ stddev: 0.1, mode: 'multiplicative', seed: 2 }));
    m.add(tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 8 }), stddev: 0.05, seed: 3 }));
    m.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 4 }));
    m.add(
      tfn.layers.weightNoise({
        layer: tf.layers.dense({ units: 8, activation: 'relu' }),
        stddev: 0.05,
        factorized: true,
        seed: 5,
      }),
    );
    m.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    const targets = tfn.targets.labelSmoothing({ eps: 0.1, seed: 6 });
    m.compile({
      optimizer: tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.01, seed: 7 }),
      loss: targets.loss('binaryCrossentropy'),
    });
    return m;
  };
  const m = build();
  // weightNoise ignores an unknown option (this file once passed a misspelt `factorized`).
  check(m.layers[4].factorized === true, `${backend}: the second WeightNoise is factorized`);
  const sched = tfn.callbacks.noiseSchedule({
    schedule: tfn.schedules.linear({ from: 0.1, to: 0, steps: 20 }),
  });
  const h = await m.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, callbacks: [sched] });
  check(h.history.loss.every(Number.isFinite), `${backend}: finite loss`);
  await m.save(saveToDir(join(dir, backend)));
  const more = async (model) => {
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, shuffle: false });
    return Array.from(model.predict(x).dataSync());
  };
  const loaded = await tf.loadLayersModel(loadFromDir(join(dir, backend)));
  check(
    same(Array.from(loaded.predict(x).dataSync()), Array.from(m.predict(x).dataSync())),
    `${backend}: reload predicts identically`,
  );
  // Resume: the reloaded model with a fresh optimizer restored from the saved weights.
  const plain = tfn.stripNoise(m);
  check(
    same(Array.from(plain.predict(x).dataSync()), Array.from(m.predict(x).dataSync())),
    `${backend}: stripNoise predicts identically`,
  );
  // Conv and LSTM wrapped
  const r = tf.sequential();
  r.add(
    tfn.layers.weightNoise({
      layer: tf.layers.lstm({ units: 4 }),
      stddev: 0.05,
      seed: 8,
      inputShape: [6, 4],
    }),
  );
  r.add(tfn.layers.weightNoise({ layer: tf.layers.dense({ units: 1 }), stddev: 0.05, seed: 9 }));
  r.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const hr = await r.fit(xs, ys, { epochs: 2, verbose: 0 });
  check(hr.history.loss.every(Number.isFinite), `${backend}: LSTM finite loss`);
  if (backend === 'cpu') {
    // tfjs-backend-wasm has no Conv2DBackpropFilter kernel
    const c = tf.sequential();
    c.add(
      tfn.layers.weightNoise({
        layer: tf.layers.conv1d({ filters: 3, kernelSize: 2 }),
        stddev: 0.05,
        seed: 10,
        inputShape: [6, 4],
      }),
    );
    c.add(tf.layers.flatten());
    c.add(tf.layers.dense({ units: 1 }));
    c.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const hc = await c.fit(xs, ys, { epochs: 2, verbose: 0 });
    check(hc.history.loss.every(Number.isFinite), `${backend}: conv finite loss`);
  }
  // Adam resume through the wrapper: save at step k, reload, continue == uninterrupted.
  const mk = () => {
    const q = tf.sequential();
    q.add(tfn.layers.gaussianJitter({ stddev: 0.1, inputShape: [4], seed: 11 }));
    q.add(
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 12 }) }),
    );
    q.compile({
      optimizer: tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.01, seed: 13 }),
      loss: 'meanSquaredError',
    });
    return q;
  };
  const a = mk();
  await a.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0, shuffle: false });
  await a.save(saveToDir(join(dir, `${backend}-a`)), { includeOptimizer: true });
  const b = await tf.loadLayersModel(loadFromDir(join(dir, `${backend}-a`)));
  const pa = await more(a);
  const pb = await more(b);
  check(same(pa, pb), `${backend}: Adam + gradient noise resume is bit-identical`);
  const before = tf.memory().numTensors;
  await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
  const mid = tf.memory().numTensors;
  await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
  check(
    tf.memory().numTensors === mid,
    `${backend}: no tensor growth (${before}, ${mid}, ${tf.memory().numTensors})`,
  );
  // Multi-class label flips and Gaussian targets
  const k = tf.sequential();
  k.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));
  k.compile({
    optimizer: 'sgd',
    loss: tfn.targets
      .labelFlip({ rate: 0.2, numClasses: 3, seed: 14 })
      .loss('categoricalCrossentropy'),
  });
  const yk = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3).cast('float32');
  const hk = await k.fit(x.slice([0, 0], [8, 4]), yk, { epochs: 2, verbose: 0 });
  check(hk.history.loss.every(Number.isFinite), `${backend}: labelFlip finite loss`);
  const g = tf.sequential();
  g.add(tf.layers.dense({ units: 1, inputShape: [4] }));
  g.compile({
    optimizer: 'sgd',
    loss: tfn.targets.gaussian({ stddev: 0.1, seed: 15 }).loss('meanSquaredError'),
  });
  const hg = await g.fit(x, y, { epochs: 2, verbose: 0 });
  check(hg.history.loss.every(Number.isFinite), `${backend}: gaussian targets finite loss`);
  console.log(`${backend}: ok`);
}
const backends = process.argv.slice(2);
if (backends.includes('wasm')) await import('@tensorflow/tfjs-backend-wasm');
for (const b of backends) await run(b);
console.log(`tfjs ${tf.version.tfjs}: all ok`);
