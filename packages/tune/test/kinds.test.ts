/**
 * One registry of the built-in MLP's kinds: the kind list, the default amounts, the CLI's help
 * and buildMlp all follow `MLP_KIND_REGISTRY`.
 */
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/cli/args';
import {
  DEFAULT_AMOUNTS,
  MLP_KIND_REGISTRY,
  MLP_KINDS,
  type MlpKindInfo,
  NOISE_KINDS,
} from '../src/model/kinds';
import { buildMlp } from '../src/model/mlp';

const KINDS = Object.keys(MLP_KIND_REGISTRY) as (keyof typeof MLP_KIND_REGISTRY)[];

describe('the kind registry', () => {
  it('gives the kind list and the default amounts', () => {
    expect(MLP_KINDS).toEqual(KINDS);
    for (const kind of KINDS) {
      expect(DEFAULT_AMOUNTS[kind]).toEqual(MLP_KIND_REGISTRY[kind].defaults);
    }
  });

  it("gives the CLI's help: every kind, its amount and its default amounts", () => {
    const help = USAGE.replace(/\s+/g, ' ');
    for (const kind of KINDS) {
      const { role, amount, defaults } = MLP_KIND_REGISTRY[kind];
      expect(help).toContain(kind);
      if (role === 'none') continue;
      expect(help).toContain(`${kind} ${defaults.join(',')}`);
      expect(help).toMatch(new RegExp(`${amount} for [a-z0-9, ]*\\b${kind}\\b`));
    }
  });

  it('every kind of the registry builds an MLP', () => {
    const context = {
      inputDim: 3,
      outputUnits: 1,
      task: 'regression' as const,
      numClasses: null,
      seed: 1,
      fold: 0,
      repeat: 0,
      options: { hiddenUnits: 4 },
    };
    for (const kind of KINDS) {
      const model = buildMlp({ kind, amount: 0.1 }, context);
      expect(model.layers.length, kind).toBeGreaterThanOrEqual(2);
      model.dispose();
    }
  });

  it('describes every kind in words, and gives each noise kind a range of amounts to try by hand', () => {
    const labels = KINDS.map((kind) => MLP_KIND_REGISTRY[kind].label);
    expect(new Set(labels).size).toBe(KINDS.length);
    for (const kind of KINDS) {
      const info: MlpKindInfo = MLP_KIND_REGISTRY[kind];
      expect(info.label.length, kind).toBeGreaterThan(0);
      expect(info.component.length, kind).toBeGreaterThan(0);
    }
    expect(NOISE_KINDS).toEqual(KINDS.filter((kind) => MLP_KIND_REGISTRY[kind].role === 'noise'));
    expect(NOISE_KINDS).toEqual(['input', 'weight', 'activation', 'preactivation', 'gradient']);
    for (const kind of NOISE_KINDS) {
      const { max, step } = MLP_KIND_REGISTRY[kind].range;
      expect(step, kind).toBeGreaterThan(0);
      expect(max / step, kind).toBeCloseTo(Math.round(max / step), 9); // whole steps up to max
      // The default amounts are in the range (gradient's are below its first step: finer).
      for (const amount of MLP_KIND_REGISTRY[kind].defaults)
        expect(amount).toBeLessThanOrEqual(max);
    }
  });

  it('preactivation: a linear hidden Dense, then NoisyActivation with the hidden activation', () => {
    const model = buildMlp(
      { kind: 'preactivation', amount: 0.2 },
      {
        inputDim: 3,
        outputUnits: 1,
        task: 'regression',
        numClasses: null,
        seed: 1,
        fold: 0,
        repeat: 0,
        options: { hiddenUnits: 4, activation: 'tanh' },
      },
    );
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'Dense',
      'NoisyActivation',
      'Dense',
    ]);
    expect(model.layers[1]?.getConfig().activation).toBe('linear');
    const noise = model.layers[2]?.getConfig() as {
      activation: string;
      stddev: number;
      seed: number;
    };
    expect(noise).toMatchObject({ activation: 'tanh', stddev: 0.2, seed: 1 });
    model.dispose();
  });

  it('options.l2 puts an L2 decay on both kernels under any kind, the weight-noise one too', () => {
    const context = {
      inputDim: 3,
      outputUnits: 1,
      task: 'regression' as const,
      numClasses: null,
      seed: 1,
      fold: 0,
      repeat: 0,
      options: { hiddenUnits: 4, l2: 0.5 },
    };
    const penalty = (kind: string, amount: number, l2: number) => {
      const model = buildMlp({ kind, amount }, { ...context, options: { hiddenUnits: 4, l2 } });
      const losses = model.calculateLosses();
      const sum = losses.reduce((a, t) => a + t.dataSync()[0]!, 0);
      const squares = model.layers
        .flatMap((l) => l.getWeights())
        .filter((w) => w.shape.length === 2)
        .reduce((a, w) => a + Array.from(w.dataSync()).reduce((b, v) => b + v * v, 0), 0);
      for (const t of losses) t.dispose();
      model.dispose();
      return { count: losses.length, ratio: sum / squares };
    };
    for (const kind of ['none', 'input', 'weight']) {
      expect(penalty(kind, 0.1, 0.5).count, kind).toBe(2);
      expect(penalty(kind, 0.1, 0.5).ratio, kind).toBeCloseTo(0.5, 5);
      expect(penalty(kind, 0.1, 0).count, kind).toBe(0);
    }
    expect(penalty('l2', 0.1, 0.5).ratio).toBeCloseTo(0.6, 5);
    expect(() =>
      buildMlp({ kind: 'none', amount: 0 }, { ...context, options: { l2: -1 } }),
    ).toThrow(/buildMlp.*options\.l2.*-1/);
  });
});
