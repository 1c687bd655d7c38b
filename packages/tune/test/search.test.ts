import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatTable,
  MLP_BUILDER,
  reportWords,
  type SearchEvent,
  type SearchOptions,
  searchNoise,
} from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const fixtures = new URL('./fixtures/builders.ts', import.meta.url).href;
const data = circles(40, 1);

/** A small search: 2 kinds x 2 amounts x 3 folds = 12 fits of a 16-unit MLP. */
const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input', 'weight'], amounts: [0, 0.2] },
  builder: MLP_BUILDER,
  builderOptions: { hiddenUnits: 16, learningRate: 0.05 },
  folds: 3,
  repeats: 1,
  epochs: 30,
  seed: 3,
  progress: 'none',
  peers: [],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('searchNoise in-process (workers: 0)', () => {
  it('measures L2 and dropout beside noise by default, and the chance baseline, on the same folds', async () => {
    const { peers: _none, ...defaults } = base;
    const r = await searchNoise(data, {
      ...defaults,
      grid: [{ kind: 'input', amount: 0.2 }],
      workers: 0,
    });
    expect(r.rows.map((row) => [row.kind, row.amount, row.peer ?? false])).toEqual([
      ['input', 0, false],
      ['input', 0.2, false],
      ['l2', 0.01, true],
      ['dropout', 0.2, true],
    ]);
    expect(r.recommendation.peers.map((p) => p.setting)).toEqual([
      { kind: 'l2', amount: 0.01 },
      { kind: 'dropout', amount: 0.2 },
    ]);
    expect(r.recommendation.setting.kind).not.toBe('l2');
    expect(r.recommendation.setting.kind).not.toBe('dropout');
    // The chance baseline: the majority class of each training part, scored on its fold.
    expect(r.chance.predictor).toBe('majority');
    expect(r.chance.metrics.accuracy).toHaveLength(3);
    expect(r.recommendation.chance!.score).toBeCloseTo(
      r.chance.metrics.accuracy!.reduce((a, b) => a + b, 0) / 3,
      12,
    );
    expect(r.metric).toBe('accuracy');
    expect(r.criterion).toBe('logLoss');
    const lines = formatTable(r);
    expect(lines[1]).toMatch(
      /^chance\s+-\s+\d\.\d{4} \+- \d\.\d{4}\s+[+-]\d+\.\d \+- \d+\.\d.*\(always the majority class\)$/,
    );
    expect(lines.filter((l) => l.endsWith('(peer)'))).toHaveLength(2);
    // A custom builder gets no peers by default (it may not know the kinds).
    const custom = await searchNoise(data, {
      ...defaults,
      builder: (s, c) => buildMlp(s, c),
      grid: [{ kind: 'input', amount: 0.2 }],
      workers: 0,
    });
    expect(custom.rows).toHaveLength(2);
  });

  it('is deterministic with a seed: the same table twice, and no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const a = await searchNoise(data, { ...base, workers: 0 });
    const b = await searchNoise(data, { ...base, workers: 0, builder: buildMlp });
    expect(tf.memory().numTensors).toBe(before);
    expect(b.rows).toEqual(a.rows);
    expect(formatTable(b)).toEqual(formatTable(a));
    expect(a.rows.map((r) => [r.kind, r.amount])).toEqual([
      ['input', 0],
      ['input', 0.2],
      ['weight', 0],
      ['weight', 0.2],
    ]);
    for (const r of a.rows) {
      expect(r.scores).toHaveLength(3);
      const mean = r.scores.reduce((x, y) => x + y, 0) / 3;
      expect(r.mean).toBeCloseTo(mean, 12);
      expect(r.std).toBeCloseTo(
        Math.sqrt(r.scores.reduce((x, y) => x + (y - mean) ** 2, 0) / 2),
        12,
      );
    }
    // Every setting of a fold starts from the same weights: amount 0 is the same model for
    // every kind.
    expect(a.rows[2]!.scores).toEqual(a.rows[0]!.scores);
    // The recommendation: the baseline (input 0) unless noise beat it on the paired folds.
    expect(a.baseline).toBe(a.rows[0]);
    expect(a.criterion).toBe('logLoss');
    expect(a.best).toBe(
      a.recommendation.helps
        ? a.rows.find((r) => r.kind === a.best.kind && r.amount === a.best.amount)
        : a.rows[0],
    );
    for (const r of a.rows) {
      expect(r.metrics.accuracy).toEqual(r.scores);
      expect(r.metrics.brier).toHaveLength(3);
      expect(r.metrics.logLoss).toHaveLength(3);
    }
    expect(a.metric).toBe('accuracy');
    expect(a.workers).toBe(0);
    expect(a.backend).toBe('cpu');
    const lines = formatTable(a);
    expect(lines[0]).toMatch(
      /^kind\s+amount\s+accuracy \(mean \+- std, 3 folds\)\s+accuracy gain \(points, \+- se\)\s+logLoss gain \(lower by, \+- se\)$/,
    );
    expect(lines[1]).toMatch(/^chance\s+-\s+\d\.\d{4} \+- \d\.\d{4}\s/);
    expect(lines[2]).toMatch(/^input\s+0\s+\d\.\d{4} \+- \d\.\d{4}\s+\(no noise\)$/);
    expect(lines[3]).toMatch(
      /^input\s+0\.2\s+\d\.\d{4} \+- \d\.\d{4}\s+[+-]\d+\.\d \+- \d+\.\d\s+[+-]\d\.\d{4} \+- \d\.\d{4}/,
    );
    expect(lines.filter((l) => l.endsWith('<- recommended'))).toHaveLength(
      a.recommendation.helps ? 1 : 0,
    );
    // The gain's definition and what +- means, once; then the verdict: a headline, then details.
    expect(
      lines.filter((l) => l.startsWith('gain: the paired difference over no noise')),
    ).toHaveLength(1);
    expect(lines).toContain(
      '+- is the std over the folds in score columns, the standard error of the paired mean in gain columns.',
    );
    const words = reportWords(a);
    const at = lines.indexOf(`recommendation: ${words.headline}`);
    expect(at).toBeGreaterThan(4);
    expect(lines.slice(at + 1)).toEqual(words.details.map((d) => `  ${d}`));
  });

  it('scores regression by MSE (lower is better) and handles 3 classes', async () => {
    const reg = await searchNoise(
      { x: data.x, y: data.x.map(([a, b]) => a! * a! + b! * b!) },
      { ...base, task: 'regression', grid: [{ kind: 'input', amount: 0.1 }], workers: 0 },
    );
    expect(reg.metric).toBe('mse');
    expect(reg.higherIsBetter).toBe(false);
    expect(reg.rows[0]!.mean).toBeGreaterThan(0);
    const three = await searchNoise(
      { x: data.x, y: data.x.map((_, i) => i % 3) },
      { ...base, grid: [{ kind: 'activation', amount: 0.1 }], workers: 0 },
    );
    expect(three.rows[0]!.mean).toBeGreaterThanOrEqual(0);
    expect(three.rows[0]!.mean).toBeLessThanOrEqual(1);
  });

  it("runs kind 'gradient' (tfn.train.annealedGradientNoise) reproducibly, without leaks", async () => {
    const grid = [
      { kind: 'gradient', amount: 0 },
      { kind: 'gradient', amount: 0.05 },
      { kind: 'none', amount: 0 },
    ];
    const before = tf.memory().numTensors;
    const a = await searchNoise(data, { ...base, grid, workers: 0 });
    const b = await searchNoise(data, { ...base, grid, workers: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(b.rows).toEqual(a.rows);
    // Amount 0 is the plain optimizer; eta 0.05 changes the training.
    expect(a.rows[0]!.scores).toEqual(a.rows[2]!.scores);
    expect(a.rows[1]!.scores).not.toEqual(a.rows[0]!.scores);
  });

  it('cancels: rejects with an AbortError, stops mid-training and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const events: SearchEvent[] = [];
    const search = searchNoise(data, {
      ...base,
      epochs: 2000,
      workers: 0,
      signal: controller.signal,
      onProgress: (e) => events.push(e),
    });
    setTimeout(() => controller.abort(), 300);
    const start = performance.now();
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
    const already = AbortSignal.abort();
    await expect(searchNoise(data, { ...base, signal: already })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('cancels between short jobs too (tfjs yields only every 125 ms): an abort from a timer is seen', async () => {
    const controller = new AbortController();
    const done: SearchEvent[] = [];
    // 20 settings x 3 folds x 2 repeats of 1-epoch jobs on 12 rows: each job is a few ms, so
    // without a yield between jobs no timer runs until the search has ended. The abort comes
    // from a timer set after the 5th job, however fast the machine.
    const amounts = Array.from({ length: 20 }, (_, i) => i / 100);
    const search = searchNoise(circles(12, 2), {
      ...base,
      grid: { kinds: ['input'], amounts },
      builderOptions: { hiddenUnits: 2 },
      repeats: 2,
      epochs: 1,
      workers: 0,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type !== 'done') return;
        done.push(e);
        if (done.length === 5) setTimeout(() => controller.abort(), 0);
      },
    });
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
    expect(done.length).toBeGreaterThanOrEqual(5);
    // Seen within a job or two of the timer, far from the 120 jobs of the whole search.
    expect(done.length).toBeLessThan(10);
  });

  it('reports a builder that returns an uncompiled model or is missing', async () => {
    await expect(
      searchNoise(data, {
        ...base,
        workers: 0,
        builder: { module: fixtures, export: 'uncompiled' },
      }),
    ).rejects.toThrow(/must return a compiled tf\.LayersModel \(call model\.compile\)/);
    await expect(
      searchNoise(data, { ...base, workers: 0, builder: { module: fixtures, export: 'nope' } }),
    ).rejects.toThrow(/has no function export 'nope' \(function exports: .*throwing.*\)/);
  });

  it('validates its options, naming the argument and the value', async () => {
    await expect(searchNoise(data, { ...base, folds: 1 })).rejects.toThrow(
      'searchNoise: `folds` must be an integer >= 2, but got 1.',
    );
    await expect(searchNoise(data, { ...base, workers: -1 })).rejects.toThrow(
      'searchNoise: `workers` must be an integer >= 0, but got -1.',
    );
    await expect(
      searchNoise(data, { ...base, grid: { kinds: ['input'], amounts: [-0.1] } }),
    ).rejects.toThrow('searchNoise: `grid.amounts[0]` must be a finite number >= 0, but got -0.1.');
    await expect(searchNoise({ x: data.x, y: data.y.slice(1) }, base)).rejects.toThrow(
      'searchNoise: `data.y` must be an array of 40 targets (one per row of x)',
    );
    await expect(
      searchNoise({ x: data.x, y: data.y.map((v) => v + 0.5) }, { ...base, workers: 0 }),
    ).rejects.toThrow(
      'searchNoise: `data.y[0]` must be a class index (an integer >= 0), but got 0.5.',
    );
    await expect(searchNoise(data, { ...base, builder: buildMlp, workers: 2 })).rejects.toThrow(
      /`builder` must be a \{module, export\} reference when workers > 0/,
    );
  });
});

describe('searchNoise on worker threads', () => {
  it('gives the same numbers with 2 workers as in-process, on a bounded pool', async () => {
    const local = await searchNoise(data, { ...base, workers: 0, backend: 'cpu' });
    const events: SearchEvent[] = [];
    const pooled = await searchNoise(data, {
      ...base,
      workers: 2,
      backend: 'cpu',
      onProgress: (e) => events.push(e),
    });
    expect(pooled.rows).toEqual(local.rows);
    expect(pooled.best).toEqual(local.best);
    expect(pooled.workers).toBe(2);
    // Bounded: 9 jobs (4 settings x 3 folds, less the 3 of weight 0: amount 0 is no noise for
    // every kind and is trained once), never more than 2 at once, on threads 0 and 1 only.
    let running = 0;
    let peak = 0;
    for (const e of events) {
      running += e.type === 'start' ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
    expect(new Set(events.map((e) => e.worker))).toEqual(new Set([0, 1]));
    expect(events.filter((e) => e.type === 'done')).toHaveLength(9);
    expect(events.at(-1)).toMatchObject({ type: 'done', completed: 9, total: 9 });
  });

  it("the MLP's dropout peer (SeededDropout, a new mask per step) scores the same on a worker", async () => {
    const options: SearchOptions = {
      ...base,
      grid: [{ kind: 'input', amount: 0 }],
      peers: [{ kind: 'dropout', amount: 0.3 }],
      epochs: 10,
      backend: 'cpu',
    };
    const local = await searchNoise(data, { ...options, workers: 0 });
    const pooled = await searchNoise(data, { ...options, workers: 1 });
    expect(local.rows.map((r) => `${r.kind} ${r.amount}${r.peer ? ' peer' : ''}`)).toEqual([
      'input 0',
      'dropout 0.3 peer',
    ]);
    expect(local.rows.every((r) => !r.failed)).toBe(true);
    expect(pooled.rows).toEqual(local.rows);
  });

  it('cancels: workers are terminated, then the search rejects with an AbortError', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const controller = new AbortController();
    const started = new Set<number>();
    const search = searchNoise(data, {
      ...base,
      epochs: 3000,
      workers: 2,
      backend: 'cpu',
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'start') started.add(e.worker);
        if (started.size === 2) setTimeout(() => controller.abort(), 200);
      },
    });
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
    expect(started.size).toBe(2);
    expect(terminate).toHaveBeenCalledTimes(2);
    // A worker's threadId becomes -1 once its thread has exited.
    for (const worker of terminate.mock.contexts as Worker[]) expect(worker.threadId).toBe(-1);
  });

  it('a single worker runs one job at a time; errors in a worker name the setting and fold', async () => {
    const events: SearchEvent[] = [];
    const one = await searchNoise(data, {
      ...base,
      // One setting (no noise: the baseline is not added again), 3 folds: 3 jobs.
      grid: [{ kind: 'input', amount: 0 }],
      workers: 1,
      backend: 'wasm',
      onProgress: (e) => events.push(e),
    });
    expect(one.backend).toBe('wasm');
    expect(one.rows[0]!.scores).toHaveLength(3);
    expect(new Set(events.map((e) => e.worker))).toEqual(new Set([0]));
    expect(events.map((e) => e.type)).toEqual(['start', 'done', 'start', 'done', 'start', 'done']);
    await expect(
      searchNoise(data, { ...base, workers: 2, builder: { module: fixtures, export: 'throwing' } }),
    ).rejects.toThrow(
      /^searchNoise: setting \{kind: 'input', amount: 0\}, repeat 0, fold \d failed in a worker thread: no model for kind input$/,
    );
  });
});
