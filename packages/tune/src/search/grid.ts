/**
 * The grid of a search: noise settings given as data.
 */
import { checkNonEmptyArray, checkNonNegative, fail } from 'tfjs-noise/extend';
import { SEARCH_OWNER } from '../run/owner';
import type { NoiseSetting } from '../types';
import { MAX_GRID_SETTINGS } from './grid_limit';

/**
 * A grid: every kind crossed with every amount (`{kinds, amounts}`, kinds outer), or an explicit
 * list of settings.
 *
 * @example
 * ```ts
 * import type { Grid } from '@tfjs-noise/tune';
 *
 * const crossed: Grid = { kinds: ['input', 'weight'], amounts: [0, 0.05, 0.1] }; // 6 settings
 * const listed: Grid = [
 *   { kind: 'input', amount: 0 },
 *   { kind: 'input', amount: 0.2 },
 *   { kind: 'gradient', amount: 0.001 },
 * ];
 * ```
 */
export type Grid =
  | { kinds: readonly string[]; amounts: readonly number[] }
  | readonly NoiseSetting[];

/**
 * The settings of a grid, validated (non-empty kinds, finite amounts >= 0, no duplicates, at
 * most {@link MAX_GRID_SETTINGS} settings: a larger grid throws before any setting is built).
 *
 * @example
 * ```ts
 * import { expandGrid } from '@tfjs-noise/tune/blocks';
 *
 * expandGrid({ kinds: ['input', 'weight'], amounts: [0.05, 0.1] });
 * // [{kind: 'input', amount: 0.05}, {kind: 'input', amount: 0.1},
 * //  {kind: 'weight', amount: 0.05}, {kind: 'weight', amount: 0.1}]
 * ```
 */
export function expandGrid(grid: Grid, owner = SEARCH_OWNER): NoiseSetting[] {
  let settings: NoiseSetting[];
  if (Array.isArray(grid)) {
    checkNonEmptyArray(owner, 'grid', grid);
    checkSize(owner, grid.length, '');
    settings = (grid as NoiseSetting[]).map((s, i) => {
      if (s === null || typeof s !== 'object') fail(owner, `grid[${i}]`, '{kind, amount}', s);
      return { kind: kindOf(owner, `grid[${i}].kind`, s.kind), amount: s.amount };
    });
    settings.forEach((s, i) => {
      checkNonNegative(owner, `grid[${i}].amount`, s.amount);
    });
  } else {
    if (grid === null || typeof grid !== 'object') {
      fail(owner, 'grid', '{kinds, amounts} or an array of {kind, amount}', grid);
    }
    const g = grid as { kinds: unknown; amounts: unknown };
    const nKinds = checkNonEmptyArray(owner, 'grid.kinds', g.kinds).length;
    const nAmounts = checkNonEmptyArray(owner, 'grid.amounts', g.amounts).length;
    checkSize(owner, nKinds * nAmounts, ` (${nKinds} kinds x ${nAmounts} amounts)`);
    const kinds = (g.kinds as unknown[]).map((k, i) => kindOf(owner, `grid.kinds[${i}]`, k));
    const amounts = checkNonEmptyArray(owner, 'grid.amounts', g.amounts).map((a, i) =>
      checkNonNegative(owner, `grid.amounts[${i}]`, a),
    );
    settings = kinds.flatMap((kind) => amounts.map((amount) => ({ kind, amount })));
  }
  const seen = new Set<string>();
  for (const s of settings) {
    const key = `${s.kind}\u0000${s.amount}`;
    if (seen.has(key)) fail(owner, 'grid', 'free of duplicate settings', s);
    seen.add(key);
  }
  return settings;
}

/** Refuses a grid of more than {@link MAX_GRID_SETTINGS} settings (before building them). */
function checkSize(owner: string, size: number, detail: string): void {
  if (size <= MAX_GRID_SETTINGS) return;
  throw new Error(
    `${owner}: \`grid\` must have at most ${MAX_GRID_SETTINGS} settings (split a larger search ` +
      `into several), but got ${size}${detail}.`,
  );
}

function kindOf(owner: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    fail(owner, arg, 'a non-empty string', value);
  return value;
}
