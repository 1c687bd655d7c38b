/**
 * A study's picture: one curve per arm of a score against a condition (e.g. test accuracy
 * against test SNR), each point the arm's mean over seeds with its 95% t-interval as a bar,
 * rendered to SVG with vega-lite (no browser, no canvas).
 */
import { interval } from '@tfjs-noise/support/stats';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { SeedScores } from './study';

/** What {@link curvesSvg} draws. */
export interface Curves {
  title: string;
  /** The conditions in order along the x axis: metric key and its label on the axis. */
  x: { key: string; label: string }[];
  xTitle: string;
  yTitle: string;
  /** Arm name -> its label in the legend, in the legend's order. */
  arms: Record<string, string>;
}

/** The SVG of `curves` from every seed's scores. */
export async function curvesSvg(curves: Curves, perSeed: SeedScores[]): Promise<string> {
  const values = Object.entries(curves.arms).flatMap(([arm, label]) =>
    curves.x.map(({ key, label: x }, order) => {
      const i = interval(perSeed.map((s) => s[arm]?.[key] ?? Number.NaN));
      const bar = Number.isFinite(i.low)
        ? { low: i.low, high: i.high }
        : { low: i.mean, high: i.mean };
      return { arm: label, x, order, mean: i.mean, ...bar };
    }),
  );
  const xAxis = {
    field: 'x',
    type: 'ordinal',
    title: curves.xTitle,
    sort: curves.x.map((c) => c.label),
  } as const;
  const color = {
    field: 'arm',
    type: 'nominal',
    title: null,
    sort: Object.values(curves.arms),
    legend: { orient: 'bottom', columns: 2, labelLimit: 400 },
  } as const;
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: curves.title,
    width: 460,
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: xAxis,
          y: { field: 'mean', type: 'quantitative', title: curves.yTitle, scale: { zero: false } },
          color,
        },
      },
      {
        mark: { type: 'rule' },
        encoding: {
          x: xAxis,
          y: { field: 'low', type: 'quantitative' },
          y2: { field: 'high' },
          color,
        },
      },
    ],
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
