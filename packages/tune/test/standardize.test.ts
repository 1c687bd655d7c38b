import { describe, expect, it } from 'vitest';
import { Standardizer } from '../src/index';

const rows = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
  [6, 30, 5],
];

describe('Standardizer', () => {
  it('fits the per-feature mean and population std (divided by n)', () => {
    const s = Standardizer.fit(rows);
    // Column 0: mean 3, deviations -2,-1,0,3 -> variance (4+1+0+9)/4 = 3.5.
    // Column 1: mean 30, deviations -20,-10,30,0 -> variance (400+100+900+0)/4 = 350.
    expect(s.mean).toEqual([3, 30, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(350), 12);
    expect(s.features).toBe(3);
  });

  it('transforms any split with (x - mean) / std and inverts it', () => {
    const s = Standardizer.fit(rows);
    const test = [
      [0, 0, 5],
      [4.5, 100, 9],
    ];
    const z = s.transform(test);
    for (let i = 0; i < test.length; i++) {
      for (let j = 0; j < 3; j++) {
        expect(z[i]![j]).toBeCloseTo((test[i]![j]! - s.mean[j]!) / s.std[j]!, 12);
      }
    }
    // On the training data every non-constant column has mean 0 and population std 1.
    const zt = s.transform(rows);
    for (const j of [0, 1]) {
      const col = zt.map((r) => r[j]!);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(v).toBeCloseTo(1, 12);
    }
    const back = s.inverseTransform(z);
    back.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBeCloseTo(test[i]![j]!, 12);
      });
    });
  });

  it('treats a zero-variance feature as std 1: centred only, never NaN', () => {
    const s = Standardizer.fit(rows);
    expect(s.std[2]).toBe(1);
    expect(s.constant).toEqual([2]);
    expect(s.transform(rows).map((r) => r[2])).toEqual([0, 0, 0, 0]);
    expect(s.transform([[0, 0, 7]])[0]![2]).toBe(2);
    // Equal values whose mean has a rounding residue count as constant too.
    const tiny = Standardizer.fit([[0.1], [0.1], [0.1]]);
    expect(tiny.constant).toEqual([0]);
  });

  it('scales a feature in small units as in large ones: farads as picofarads', () => {
    // A capacitance near 1e-13 F: a constant only if its values were all equal.
    const pico = [[0.5], [1.5], [2], [3.5], [1]];
    const farads = pico.map(([v]) => [v! * 1e-12]);
    const s = Standardizer.fit(farads);
    expect(s.constant).toEqual([]);
    expect(s.std[0]! / 1e-12).toBeCloseTo(Standardizer.fit(pico).std[0]!, 12);
    const z = s.transform(farads);
    const zPico = Standardizer.fit(pico).transform(pico);
    z.forEach(([v], i) => {
      expect(v).toBeCloseTo(zPico[i]![0]!, 10);
    });
    // Down to the smallest doubles: values near 1e-200 and 1e-300 keep their spread too.
    for (const unit of [1e-200, 1e-300]) {
      const tiny = Standardizer.fit(pico.map(([v]) => [v! * unit]));
      expect(tiny.constant).toEqual([]);
      expect(tiny.std[0]! / unit).toBeCloseTo(Standardizer.fit(pico).std[0]!, 10);
    }
    // Equal values stay constant at any scale, and so does a spread that is rounding only.
    expect(Standardizer.fit([[3e-13], [3e-13], [3e-13]]).constant).toEqual([0]);
    expect(Standardizer.fit([[1e6 + 0.1], [1e6 + 0.1], [1e6 + 0.1]]).constant).toEqual([0]);
    expect(Standardizer.fit([[0], [0]]).constant).toEqual([0]);
  });

  it('round-trips through JSON', () => {
    const s = Standardizer.fit(rows, { columns: ['a', 'b', 'c'] });
    const json = JSON.parse(JSON.stringify(s));
    expect(json).toEqual({
      format: 'tfjs-noise-tune/standardizer',
      version: 1,
      mean: [3, 30, 5],
      std: [s.std[0], s.std[1], 1],
      constant: [2],
      columns: ['a', 'b', 'c'],
    });
    const t = Standardizer.fromJSON(json);
    expect(t.mean).toEqual(s.mean);
    expect(t.std).toEqual(s.std);
    expect(t.constant).toEqual(s.constant);
    expect(t.columns).toEqual(['a', 'b', 'c']);
    expect(t.transform([[1, 2, 3]])).toEqual(s.transform([[1, 2, 3]]));
  });

  it('names the row and column of a NaN or infinite value', () => {
    const bad = [
      [1, 2],
      [3, Number.NaN],
    ];
    expect(() => Standardizer.fit(bad)).toThrow(
      'Standardizer.fit: every value must be a finite number, but row 1, column 1 is NaN.',
    );
    expect(() => Standardizer.fit(bad, { columns: ['age', 'income'] })).toThrow(
      'row 1, column 1 ("income") is NaN',
    );
    const s = Standardizer.fit([
      [1, 2],
      [3, 4],
    ]);
    expect(() => s.transform([[Number.POSITIVE_INFINITY, 0]])).toThrow(
      'Standardizer.transform: every value must be a finite number, but row 0, column 0 is Infinity.',
    );
  });

  it('rejects bad shapes and bad JSON, naming the argument and the value', () => {
    expect(() => Standardizer.fit([])).toThrow(
      'Standardizer.fit: `rows` must be a non-empty array of rows, but got [].',
    );
    const s = Standardizer.fit(rows);
    expect(() => s.transform([[1, 2]])).toThrow(
      'Standardizer.transform: `rows[0]` must be an array of 3 numbers (one per feature), but got [1,2].',
    );
    const json = s.toJSON();
    expect(() => Standardizer.fromJSON({ ...json, std: [1, 0, 1] })).toThrow(
      'Standardizer.fromJSON: `json.std` must be 3 numbers > 0 (one per feature), but got [1,0,1].',
    );
    expect(() => Standardizer.fromJSON({ ...json, format: 'x' })).toThrow('`json.format`');
    expect(() => Standardizer.fromJSON('{}')).toThrow(
      'Standardizer.fromJSON: `json` must be an object, but got "{}".',
    );
  });

  it('fits values near the largest double without overflow; its JSON loads again', () => {
    // +-1e155: the squares overflow; near 1e308 the sum overflows.
    for (const big of [1e155, 1e200, 8e307, Number.MAX_VALUE]) {
      const data = [[big], [-big], [big], [-big]];
      const s = Standardizer.fit(data);
      expect(s.mean[0]).toBe(0);
      expect(s.std[0]).toBe(big);
      expect(s.constant).toEqual([]);
      expect(s.transform(data)).toEqual([[1], [-1], [1], [-1]]);
      expect(s.inverseTransform([[1], [-1]])).toEqual([[big], [-big]]);
      const again = Standardizer.fromJSON(JSON.parse(JSON.stringify(s)));
      expect(again.std).toEqual(s.std);
    }
    // Same sign near the top: the mean does not overflow either.
    const top = Standardizer.fit([[1.7e308], [1.5e308], [1.6e308], [1.6e308]]);
    expect(top.mean[0]! / 1e308).toBeCloseTo(1.6, 12);
    expect(top.std[0]! / 1e306).toBeCloseTo(Math.sqrt(50), 10);
    const z = top.transform([[1.7e308], [1.5e308]]);
    expect(z[0]![0]).toBeCloseTo(Math.sqrt(2), 10);
    expect(z[1]![0]).toBeCloseTo(-Math.sqrt(2), 10);
    expect(Standardizer.fromJSON(top.toJSON()).mean).toEqual(top.mean);
  });

  it('throws, naming the row and column, when a standardized value would overflow', () => {
    const s = Standardizer.fit([[-1e-11], [1e-11]]);
    expect(() => s.transform([[0], [1e300]])).toThrow(
      'Standardizer.transform: row 1, column 0 standardizes to Infinity (value 1e+300, mean 0, std 1e-11): it is too far from the training rows.',
    );
    const w = Standardizer.fit([[-1e308], [1e308]], { columns: ['w'] });
    expect(() => w.inverseTransform([[3]])).toThrow(
      'Standardizer.inverseTransform: row 0, column 0 ("w") maps back to Infinity (value 3, mean 0, std 1e+308): it is too far from the training rows.',
    );
    expect(w.inverseTransform([[1.5]])[0]![0]).toBe(1.5e308);
  });
});
