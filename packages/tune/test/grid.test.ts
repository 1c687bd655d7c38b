/**
 * A grid has a documented size limit (MAX_GRID_SETTINGS), checked before any job runs, and a
 * large search stops when its caller aborts.
 */
import { describe, expect, it } from 'vitest';
import { expandGrid } from '../src/blocks';
import { MAX_GRID_SETTINGS, type SearchEvent, type SearchOptions, searchNoise } from '../src/index';
import { buildMlp } from '../src/model/mlp';
import { circles } from './helpers';

const amounts = (n: number) => Array.from({ length: n }, (_, i) => i / 1000);
const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0] },
  builder: buildMlp,
  builderOptions: { hiddenUnits: 2 },
  folds: 2,
  repeats: 1,
  epochs: 1,
  workers: 0,
  progress: 'none',
};

describe('grid size', () => {
  it(`accepts ${MAX_GRID_SETTINGS} settings and refuses more, before building them`, () => {
    expect(MAX_GRID_SETTINGS).toBe(1000);
    expect(expandGrid({ kinds: ['input'], amounts: amounts(1000) })).toHaveLength(1000);
    expect(() =>
      expandGrid({ kinds: Array.from({ length: 100 }, (_, i) => `k${i}`), amounts: amounts(1000) }),
    ).toThrow(
      'searchNoise: `grid` must have at most 1000 settings (split a larger search into several), but got 100000 (100 kinds x 1000 amounts).',
    );
    const list = amounts(1001).map((amount) => ({ kind: 'input', amount }));
    expect(() => expandGrid(list, 'mySearch')).toThrow(
      'mySearch: `grid` must have at most 1000 settings (split a larger search into several), but got 1001.',
    );
  });

  it('searchNoise refuses a 100,000-setting grid before any job starts', async () => {
    const events: SearchEvent[] = [];
    const start = performance.now();
    await expect(
      searchNoise(circles(8, 1), {
        ...base,
        grid: { kinds: ['input', 'weight'], amounts: amounts(50_000) },
        onProgress: (e) => events.push(e),
      }),
    ).rejects.toThrow('but got 100000 (2 kinds x 50000 amounts).');
    expect(events).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('a 1000-setting search stops within a second when its caller aborts', async () => {
    const done: SearchEvent[] = [];
    const search = searchNoise(circles(8, 1), {
      ...base,
      grid: { kinds: ['input'], amounts: amounts(1000) },
      signal: AbortSignal.timeout(300),
      onProgress: (e) => {
        if (e.type === 'done') done.push(e);
      },
    });
    const start = performance.now();
    await expect(search).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - start).toBeLessThan(1300);
    const count = done.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done.length).toBe(count);
    expect(count).toBeLessThan(2000);
  });
});
