/**
 * The circles demo's words around its table (rows at chance, the seeds and widths of the
 * intervals), the command it records in summary.md, and the frame of its decision-boundary plot.
 */

import { commandLine } from '@tfjs-noise/examples/circles/command';
import { frame } from '@tfjs-noise/examples/circles/frame';
import { chanceNote, tableNotes } from '@tfjs-noise/examples/circles/notes';
import { describe, expect, it } from 'vitest';

const acc = (mean: number, ci95: number, n = 3) => ({ n, mean, sd: 0, ci95 });

describe('the notes of the circles table', () => {
  it('a row whose test-accuracy CI reaches 50% is marked at chance; one clearly above is not', () => {
    expect(chanceNote(acc(0.49, 0.28))).toBe('at chance (50%)'); // issue 28: eta 0.01, 49% test
    expect(chanceNote(acc(0.7, 0.21))).toBe('at chance (50%)');
    expect(chanceNote(acc(0.83, 0.05))).toBe('');
    expect(chanceNote(acc(0.49, Number.NaN, 1))).toBe('at chance (50%)'); // one seed: the mean
    expect(chanceNote(acc(0.6, Number.NaN, 1))).toBe('');
  });

  it('3 seeds: the widths of the intervals, and that it is a smoke run (--full for 20 seeds)', () => {
    expect(tableNotes([acc(0.83, 0.05), acc(0.49, 0.28)])).toEqual([
      "at chance (50%): the test accuracy's 95% CI reaches 50%, the accuracy of guessing (two classes of equal size).",
      '3 seeds: test-accuracy intervals of +-5 to +-28 points; a smoke run, too few seeds to tell settings apart (--full for 20 seeds).',
    ]);
  });

  it('20 seeds, no row at chance: the widths only', () => {
    expect(tableNotes([acc(0.83, 0.02, 20), acc(0.8, 0.03, 20)])).toEqual([
      '20 seeds: test-accuracy intervals of +-2 to +-3 points.',
    ]);
  });
});

describe('commandLine', () => {
  const view = (over: Partial<Parameters<typeof commandLine>[0]>) => ({
    argv: ['/usr/bin/node', '/repo/examples/circles/main.ts', '--seeds', '2'],
    execArgv: ['--import', 'tsx'],
    cwd: '/repo',
    env: {},
    ...over,
  });

  it('pnpm demo: the package script, with the arguments as given', () => {
    const env = {
      npm_lifecycle_event: 'demo',
      npm_lifecycle_script:
        'turbo run build --filter=tfjs-noise && node --import tsx examples/circles/main.ts',
    };
    expect(commandLine(view({ env, argv: ['node', 'x', '--', '--full'] }))).toBe(
      'pnpm demo -- --full',
    );
    expect(commandLine(view({ env, argv: ['node', 'x'] }))).toBe('pnpm demo');
  });

  it('node --import tsx or the tsx command: the script relative to the working directory', () => {
    expect(commandLine(view({}))).toBe('node --import tsx examples/circles/main.ts --seeds 2');
    expect(commandLine(view({ cwd: '/repo/examples' }))).toBe(
      'node --import tsx circles/main.ts --seeds 2',
    );
    const tsx = ['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/loader.mjs'];
    expect(commandLine(view({ execArgv: tsx }))).toBe('tsx examples/circles/main.ts --seeds 2');
  });
});

describe('frame', () => {
  it('fits the data with ends and ticks on multiples of 0.5 (no -0.7, 0.1, 0.9)', () => {
    expect(frame([-1.23, 0.2, 1.31])).toEqual({
      domain: [-1.5, 1.5],
      ticks: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5],
    });
    expect(frame([-0.4, 0.9])).toEqual({ domain: [-0.5, 1], ticks: [-0.5, 0, 0.5, 1] });
    expect(Object.is(frame([-0.2, 0.3]).ticks[1], -0)).toBe(false);
  });
});
