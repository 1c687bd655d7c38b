/**
 * kdeBandwidth on cases worked out by hand: Silverman's rule in closed form; the likelihood-CV
 * choice where the leave-one-out likelihood has a known maximum (two points at distance s:
 * `2 (-s^2 / (2 h^2) - log h)`, largest at h = s), at the ends of its grid, and the checks of
 * its arguments.
 */
import { describe, expect, it } from 'vitest';
import { BANDWIDTH_METHODS, kdeBandwidth } from '../src/blocks';

/** The 60 bandwidths that likelihood-CV tries: log-spaced in [0.01, 3]. */
const GRID = Array.from({ length: 60 }, (_, g) => 0.01 * 300 ** (g / 59));
/** The ratio between two neighbours of GRID. */
const STEP = 300 ** (1 / 59);

describe('kdeBandwidth', () => {
  it('offers the two methods', () => {
    expect(BANDWIDTH_METHODS).toEqual(['silverman', 'likelihood-cv']);
  });

  it("gives Silverman's rule (4 / (n (d + 2)))^(1 / (d + 4)), whatever the values", () => {
    // n = 4, d = 1: (1/3)^(1/5); n = 10, d = 2: (1/10)^(1/6).
    expect(kdeBandwidth([[0], [1], [2], [3]], 'silverman')).toBeCloseTo((1 / 3) ** 0.2, 12);
    const rows = Array.from({ length: 10 }, (_, i) => [i, -i * 7]);
    expect(kdeBandwidth(rows, 'silverman')).toBeCloseTo(0.1 ** (1 / 6), 12);
  });

  it('chooses by likelihood-CV by default, a value of its grid', () => {
    const rows = [[0], [0.3], [1.1], [2], [2.2], [4]];
    const h = kdeBandwidth(rows);
    expect(kdeBandwidth(rows, 'likelihood-cv')).toBe(h);
    expect(GRID.some((g) => Math.abs(g - h) < 1e-12)).toBe(true);
  });

  it('chooses h next to the distance s for two points (the likelihood is largest at h = s)', () => {
    for (const s of [0.05, 0.5, 1, 2]) {
      const h = kdeBandwidth([[0], [s]]);
      expect(h / s, `s = ${s}`).toBeGreaterThan(1 / STEP);
      expect(h / s, `s = ${s}`).toBeLessThan(STEP);
    }
    // By hand: the grid's neighbours of 1 are 0.9403 and 1.0358, and
    // -1/(2 h^2) - log h is -0.5040 at the first, -0.5012 at the second.
    expect(kdeBandwidth([[0], [1]])).toBeCloseTo(1.0358, 4);
  });

  it('uses the distance over all features (two points at distance 0.5 in 2-d)', () => {
    const h = kdeBandwidth([
      [0, 0],
      [0.3, 0.4],
    ]);
    // Two points in d dimensions: the likelihood 2 (-s^2/(2 h^2) - d log h) is largest at s / sqrt(d).
    const best = 0.5 / Math.sqrt(2);
    expect(h / best).toBeGreaterThan(1 / STEP);
    expect(h / best).toBeLessThan(STEP);
  });

  it('scales with the data: halving every value about halves the likelihood-CV bandwidth', () => {
    const x = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(1.3 * i)]);
    const h = kdeBandwidth(x);
    const halved = kdeBandwidth(x.map((r) => r.map((v) => v / 2)));
    expect(h).toBeGreaterThan(0.01);
    expect(h).toBeLessThan(3);
    // About 1/2, within the grid's steps.
    expect(halved / h).toBeGreaterThan(0.4);
    expect(halved / h).toBeLessThan(0.6);
  });

  it('stops at the ends of its grid: 0.01 for tight clusters or repeated rows, 3 for far points', () => {
    expect(kdeBandwidth([[0], [0.01], [5], [5.01]])).toBeCloseTo(0.01, 12);
    expect(
      kdeBandwidth([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    ).toBeCloseTo(0.01, 12);
    expect(kdeBandwidth([[0], [100]])).toBeCloseTo(3, 12);
  });

  it('refuses fewer than 2 rows and an unknown method, naming the argument and the value', () => {
    expect(() => kdeBandwidth([[1]])).toThrow(
      'kdeBandwidth: `x` must be an array of at least 2 rows, but got [[1]].',
    );
    expect(() => kdeBandwidth([[1], [2]], 'scott' as never)).toThrow(
      "kdeBandwidth: `method` must be one of 'silverman', 'likelihood-cv', but got \"scott\".",
    );
  });

  it('refuses a non-finite value or a row of another length, naming the row (not a NaN bandwidth)', () => {
    expect(() => kdeBandwidth([[0], [Number.NaN], [1]])).toThrow(
      'kdeBandwidth: every value must be a finite number, but row 1, column 0 is NaN.',
    );
    expect(() => kdeBandwidth([[0, 1], [2]], 'silverman')).toThrow(
      'kdeBandwidth: `x[1]` must be an array of 2 numbers (one per feature), but got [2].',
    );
    expect(() => kdeBandwidth([[], []])).toThrow(
      'kdeBandwidth: `x[0]` must be an array of at least 1 number (one per feature), but got [].',
    );
  });
});
