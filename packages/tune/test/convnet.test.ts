/**
 * The built-in convnet builder: 2-D for [h, w, c] images, 1-D for [t, c] signals; its kinds
 * (input and weight noise, L2, dropout, spatial dropout), a tiny image search in-process and on
 * a worker thread (the same numbers), a signal search, and fitBest on image rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import {
  CONVNET_BUILDER,
  CONVNET_DEFAULT_PEERS,
  CONVNET_KIND_REGISTRY,
  CONVNET_KINDS,
  fitBest,
  type SearchOptions,
  searchNoise,
} from '../src/index';
import { buildConvnet } from '../src/model/convnet';
import type { BuildContext } from '../src/types';
import { stripes, waves } from './helpers';

const context = (inputShape: number[]): BuildContext => ({
  inputDim: inputShape.reduce((a, b) => a * b, 1),
  inputShape,
  outputUnits: 1,
  task: 'classification',
  numClasses: 2,
  seed: 3,
  fold: 0,
  repeat: 0,
  options: {},
});

/** The class names of a model's layers (not its InputLayer), and of the layer a WeightNoise wraps. */
function layerNames(model: { layers: layers.Layer[] }): string[] {
  const kept = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  return kept.map((l) => {
    const inner = (l as unknown as { layer?: layers.Layer }).layer;
    return inner ? `${l.getClassName()}(${inner.getClassName()})` : l.getClassName();
  });
}

describe('buildConvnet', () => {
  it('builds a 2-D net for [h, w, c] and a 1-D net for [t, c], with each kind where it acts', () => {
    const shapes = { image: [8, 8, 1], signal: [16, 2] };
    const built: Record<string, string[]> = {};
    for (const [name, shape] of Object.entries(shapes)) {
      for (const kind of CONVNET_KINDS) {
        const model = buildConvnet({ kind, amount: 0.1 }, context(shape));
        built[`${name} ${kind}`] = layerNames(model);
        expect(model.outputs[0]!.shape).toEqual([null, 1]);
        model.optimizer.dispose();
        model.dispose();
      }
    }
    expect(built['image none']).toEqual([
      'Conv2D',
      'Conv2D',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'Dense',
    ]);
    expect(built['image input']![0]).toBe('GaussianJitter');
    expect(built['image weight']!.slice(0, 2)).toEqual([
      'WeightNoise(Conv2D)',
      'WeightNoise(Conv2D)',
    ]);
    expect(built['image spatial-dropout']![3]).toBe('SeededDropout');
    expect(built['image dropout']![5]).toBe('SeededDropout');
    expect(built['signal none']!.slice(0, 3)).toEqual(['Conv1D', 'Conv1D', 'MaxPooling1D']);
    expect(built['signal spatial-dropout']![3]).toBe('SeededDropout');
    expect(built['signal weight']![0]).toBe('WeightNoise(Conv1D)');
  });

  it('drops whole feature maps of an image: the spatial dropout draws one value per example and channel', () => {
    const model = buildConvnet({ kind: 'spatial-dropout', amount: 0.5 }, context([4, 4, 1]));
    const dropout = model.layers.find((l) => l.getClassName() === 'SeededDropout')!;
    expect(dropout.getConfig().noiseShape).toEqual([null, 1, 1, null]);
    const draw = () =>
      tf.tidy(() => {
        const maps = tf.ones([2, 2, 2, 16]);
        return (dropout.apply(maps, { training: true }) as tf.Tensor).arraySync() as number[][][][];
      });
    const out = draw();
    // Within a map (an example and a channel) every position is kept or dropped together.
    for (const example of out) {
      for (let c = 0; c < 16; c++) {
        const values = new Set(example.flat().map((px) => px[c]));
        expect(values.size).toBe(1);
      }
    }
    // A new mask at the next training step (tfjs's seeded dropout repeated its mask).
    expect(draw()).not.toEqual(out);
    model.optimizer.dispose();
    model.dispose();
  });

  it('drops whole channels of a signal: one value per example and channel, a new mask per step', () => {
    const model = buildConvnet({ kind: 'spatial-dropout', amount: 0.5 }, context([8, 1]));
    const dropout = model.layers.find((l) => l.getClassName() === 'SeededDropout')!;
    expect(dropout.getConfig().noiseShape).toEqual([null, 1, null]);
    const draw = () =>
      tf.tidy(() => {
        const maps = tf.ones([2, 4, 16]);
        return (dropout.apply(maps, { training: true }) as tf.Tensor).arraySync() as number[][][];
      });
    const out = draw();
    for (const example of out) {
      for (let c = 0; c < 16; c++) expect(new Set(example.map((t) => t[c])).size).toBe(1);
    }
    expect(draw()).not.toEqual(out);
    model.optimizer.dispose();
    model.dispose();
  });

  it('refuses flat rows, an unknown kind and a dropout rate of 1, naming them', () => {
    expect(() => buildConvnet({ kind: 'input', amount: 0.1 }, context([5]))).toThrow(
      'buildConvnet: `context.inputShape` must be [h, w, c] (images) or [t, c] (signals): rows of rank 2 or 3, but got [5].',
    );
    expect(() => buildConvnet({ kind: 'blur', amount: 0.1 }, context([4, 4, 1]))).toThrow(
      /`setting.kind` must be one of 'none', 'input', 'correlated', 'per-channel', 'snr', 'weight', 'l2', 'dropout', 'spatial-dropout'/,
    );
    expect(() =>
      buildConvnet(
        { kind: 'correlated', amount: 0.1 },
        { ...context([4, 4, 1]), options: { correlationLength: 0 } },
      ),
    ).toThrow('buildConvnet: `options.correlationLength` must be a number in (0, 64], but got 0.');
    expect(() => buildConvnet({ kind: 'dropout', amount: 1 }, context([4, 4, 1]))).toThrow(
      'buildConvnet: `setting.amount` must be a dropout rate < 1, but got 1.',
    );
  });
});

/** The GaussianJitter of a model, and its config. */
function jitterOf(model: { layers: layers.Layer[] }) {
  const layer = model.layers.find((l) => l.getClassName() === 'GaussianJitter');
  return layer ? { layer, config: layer.getConfig() } : null;
}

describe('buildConvnet: the structured input kinds', () => {
  const cases = [
    { kind: 'correlated', shape: [8, 8, 1], config: { correlationLength: 2, stddev: 0.2 } },
    { kind: 'correlated', shape: [16, 2], config: { correlationLength: 2, stddev: 0.2 } },
    {
      kind: 'per-channel',
      shape: [8, 8, 3],
      config: { noiseShape: [null, 1, 1, null], stddev: 0.2 },
    },
    { kind: 'per-channel', shape: [16, 2], config: { noiseShape: [null, 1, null], stddev: 0.2 } },
    { kind: 'snr', shape: [8, 8, 1], config: { snrDb: 0.2, stddev: null } },
    { kind: 'snr', shape: [16, 2], config: { snrDb: 0.2, stddev: null } },
  ];
  for (const c of cases) {
    it(`${c.kind} on [${c.shape.join(', ')}]: its jitter, a training step on cpu, the identity at inference`, async () => {
      const model = buildConvnet({ kind: c.kind, amount: 0.2 }, context(c.shape));
      const jitter = jitterOf(model)!;
      expect(layerNames(model)[0]).toBe('GaussianJitter'); // on the input, before the convs
      expect(jitter.config).toMatchObject(c.config);
      const x = tf.randomNormal([4, ...c.shape], 0, 1, 'float32', 5);
      const y = tf.tensor2d([[0], [1], [0], [1]]);
      const history = await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
      expect(Number.isFinite(history.history.loss![0] as number)).toBe(true);
      const before = tf.memory().numTensors;
      // Training drew noise: the jitter's output differs from its input; at inference it is x.
      const [trained, inferred] = tf.tidy(() => [
        tf
          .max(tf.abs(tf.sub(jitter.layer.apply(x, { training: true }) as tf.Tensor, x)))
          .arraySync(),
        tf.max(tf.abs(tf.sub(jitter.layer.apply(x) as tf.Tensor, x))).arraySync(),
      ]);
      expect(trained).toBeGreaterThan(0.01);
      expect(inferred).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
    });
  }

  it('per-channel noise is one value per example and channel, shared by every pixel', () => {
    const model = buildConvnet({ kind: 'per-channel', amount: 1 }, context([4, 4, 2]));
    const jitter = jitterOf(model)!.layer;
    const noise = tf.tidy(
      () => jitter.apply(tf.zeros([3, 4, 4, 2]), { training: true }) as tf.Tensor,
    );
    const values = noise.arraySync() as number[][][][];
    noise.dispose();
    for (const example of values) {
      for (let c = 0; c < 2; c++) expect(new Set(example.flat().map((px) => px[c])).size).toBe(1);
    }
    expect(new Set(values.map((e) => e[0]![0]![0])).size).toBe(3);
    model.optimizer.dispose();
    model.dispose();
  });

  it('snr at amount 0 is no noise (no layer: not 0 dB), and more dB is less noise', () => {
    const none = buildConvnet({ kind: 'snr', amount: 0 }, context([8, 8, 1]));
    expect(jitterOf(none)).toBeNull();
    none.optimizer.dispose();
    none.dispose();
    const spread = (db: number) => {
      const model = buildConvnet({ kind: 'snr', amount: db }, context([8, 8, 1]));
      const jitter = jitterOf(model)!.layer;
      const s = tf.tidy(() => {
        const x = tf.ones([16, 8, 8, 1]); // RMS 1: noise std 10^(-dB/20)
        return tf
          .moments(tf.sub(jitter.apply(x, { training: true }) as tf.Tensor, x))
          .variance.sqrt()
          .arraySync() as number;
      });
      model.optimizer.dispose();
      model.dispose();
      return s;
    };
    // 1024 draws each: the std within 10% of 10^(-dB/20).
    expect(spread(20)).toBeCloseTo(0.1, 1);
    expect(Math.abs(spread(20) / 0.1 - 1)).toBeLessThan(0.1);
    expect(Math.abs(spread(6) / 10 ** (-6 / 20) - 1)).toBeLessThan(0.1);
  });

  it('declares the direction of its amounts: snr is less noise as it grows (CONVNET_BUILDER.lessNoise)', () => {
    expect(CONVNET_BUILDER.lessNoise).toEqual(['snr']);
    expect(CONVNET_KIND_REGISTRY.snr.direction).toBe('less-noise');
    expect(
      CONVNET_KINDS.filter((k) => CONVNET_KIND_REGISTRY[k].direction === 'less-noise'),
    ).toEqual(['snr']);
  });
});

const images = stripes(24, 11); // 24 images of 8x8x1, horizontal vs vertical stripes

const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input', 'weight'], amounts: [0, 0.1] },
  builder: CONVNET_BUILDER,
  builderOptions: { denseUnits: 8 },
  peers: [],
  folds: 2,
  repeats: 1,
  epochs: 3,
  seed: 2,
  progress: 'none',
};

describe('searchNoise with the built-in convnet', () => {
  it('searches tiny images, the same in-process and on a worker thread, without leaks', async () => {
    const before = tf.memory().numTensors;
    const local = await searchNoise(images, { ...base, workers: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const pooled = await searchNoise(images, { ...base, workers: 1, backend: 'cpu' });
    expect(pooled.workers).toBe(1);
    expect(pooled.rows).toEqual(local.rows);
    expect(local.rows.map((r) => `${r.kind} ${r.amount}`)).toEqual([
      'input 0',
      'input 0.1',
      'weight 0',
      'weight 0.1',
    ]);
    expect(local.rows.every((r) => !r.failed)).toBe(true);
    expect(local.searched.inputShape).toEqual([8, 8, 1]);
    // Striped images are easy: the no-noise convnet beats chance after 3 epochs.
    expect(local.baseline.mean).toBeGreaterThan(0.5);
  }, 180_000);

  it('trains the default peers (L2, dropout, spatial dropout) on a 1-D signal search', async () => {
    const signals = waves(16, 6, 16, 1);
    const { peers: _, ...rest } = base;
    const result = await searchNoise(signals, {
      ...rest,
      grid: [{ kind: 'input', amount: 0 }],
      workers: 0,
    });
    expect(
      result.rows.filter((r) => r.peer).map((r) => ({ kind: r.kind, amount: r.amount })),
    ).toEqual(CONVNET_DEFAULT_PEERS.map((p) => ({ ...p })));
    expect(result.rows.every((r) => !r.failed)).toBe(true);
    expect(result.searched.inputShape).toEqual([16, 1]);
    // The dropout peers' masks (SeededDropout) are seeded: the same scores on a worker thread.
    const pooled = await searchNoise(signals, {
      ...rest,
      grid: [{ kind: 'input', amount: 0 }],
      workers: 1,
      backend: 'cpu',
    });
    expect(pooled.rows).toEqual(result.rows);
  }, 120_000);

  it('fitBest(data, result) trains the chosen convnet on every image and strips its noise', async () => {
    const result = await searchNoise(images, {
      ...base,
      grid: [{ kind: 'weight', amount: 0.1 }],
      peers: [],
      workers: 0,
    });
    const before = tf.memory().numTensors;
    const final = await fitBest(images, result, { setting: { kind: 'weight', amount: 0.1 } });
    expect(final.model.inputs[0]!.shape).toEqual([null, 8, 8, 1]);
    expect(layerNames(final.plain).slice(0, 2)).toEqual(['Conv2D', 'Conv2D']);
    const rows = final.standardizer!.transform(images.x.map((image) => image.flat(2)));
    const [noisy, plain] = tf.tidy(() => {
      const input = tf.tensor(rows.flat(), [24, 8, 8, 1]);
      return [final.model, final.plain].map((m) =>
        Array.from((m.predict(input) as tf.Tensor).dataSync()),
      );
    });
    expect(plain).toEqual(noisy); // the noise is off in predict; stripping changes nothing
    final.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on wasm in a worker (tfjs-noise registers the missing Conv2DBackpropFilter)', async () => {
    for (const data of [stripes(8, 1, 4, 1), waves(8, 1, 8, 1)]) {
      const result = await searchNoise(data, {
        ...base,
        grid: [{ kind: 'weight', amount: 0.1 }],
        peers: [{ kind: 'spatial-dropout', amount: 0.2 }],
        epochs: 2,
        workers: 1,
        backend: 'wasm',
      });
      expect(result.backend).toBe('wasm');
      expect(result.rows.every((r) => !r.failed)).toBe(true);
    }
  }, 180_000);
});
