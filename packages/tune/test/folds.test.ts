import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignFolds, foldSplit, modelSeed } from '../src/blocks';

afterEach(() => {
  vi.restoreAllMocks();
});

function sizes(fold: Int32Array, k: number): number[] {
  const count = new Array<number>(k).fill(0);
  for (const f of fold) count[f]!++;
  return count;
}

describe('assignFolds', () => {
  it('is a pure function of (n, k, seed, repeat), drawn from the shared noise source', () => {
    const random = vi.spyOn(Math, 'random');
    const a = assignFolds(23, 5, { seed: 7 });
    expect(assignFolds(23, 5, { seed: 7 })).toEqual(a);
    expect(assignFolds(23, 5, { seed: 8 })).not.toEqual(a);
    expect(assignFolds(23, 5, { seed: 7, repeat: 1 })).not.toEqual(a);
    expect(random).not.toHaveBeenCalled();
  });

  it('balances the fold sizes (differ by at most one)', () => {
    expect(sizes(assignFolds(23, 5, { seed: 1 }), 5).sort()).toEqual([4, 4, 5, 5, 5]);
    const { train, test } = foldSplit(assignFolds(10, 2, { seed: 3 }), 0);
    expect(train.length).toBe(5);
    expect(test.length).toBe(5);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stratifies by class: each class is spread evenly over the folds', () => {
    const labels = Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : 1)); // 20 vs 10
    const fold = assignFolds(30, 5, { seed: 4, stratify: labels });
    for (let f = 0; f < 5; f++) {
      const rows = [...fold.keys()].filter((i) => fold[i] === f);
      expect(rows.filter((i) => labels[i] === 0).length).toBe(4);
      expect(rows.filter((i) => labels[i] === 1).length).toBe(2);
    }
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => assignFolds(10, 1, { seed: 0 })).toThrow(
      'assignFolds: `k` must be an integer >= 2, but got 1.',
    );
    expect(() => assignFolds(3, 5, { seed: 0 })).toThrow(
      'assignFolds: `k` must be at most the number of rows (3), but got 5.',
    );
    expect(() => assignFolds(3, 2, { seed: 0.5 })).toThrow(
      'assignFolds: `options.seed` must be a safe integer, but got 0.5.',
    );
  });
});

describe('modelSeed', () => {
  it('is deterministic and distinct per repeat and fold', () => {
    const seeds = [];
    for (let r = 0; r < 2; r++) for (let f = -1; f < 5; f++) seeds.push(modelSeed(1, 5, r, f));
    expect(seeds).toEqual(seeds.map((_, i) => modelSeed(1, 5, Math.floor(i / 6), (i % 6) - 1)));
    // fold -1 (the final fit) is the same for every repeat; all the others differ.
    expect(new Set(seeds).size).toBe(11);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});
