/**
 * One registry of the built-in MLP's kinds: the kind list, the default amounts, the CLI's help
 * and buildMlp all follow `MLP_KIND_REGISTRY`.
 */
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/cli/args';
import { DEFAULT_AMOUNTS, MLP_KIND_REGISTRY, MLP_KINDS } from '../src/index';
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
});
