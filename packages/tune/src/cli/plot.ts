/**
 * The plot of a search: CV score against noise amount, one line per kind, written as SVG with
 * vega-lite (compiled to a vega spec and rendered headless: no canvas is needed for SVG).
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { SearchResult } from '../search/options';

/**
 * The vega-lite spec: for each kind, a line with a point per amount (the mean over folds) and
 * a band of +- one std; the best setting is ringed.
 */
export function plotSpec(result: SearchResult, title?: string): vegaLite.TopLevelSpec {
  const values = result.rows.map((r) => ({
    kind: r.kind,
    amount: r.amount,
    mean: r.mean,
    lo: r.mean - r.std,
    hi: r.mean + r.std,
  }));
  const runs =
    result.repeats > 1 ? `${result.folds} folds x ${result.repeats}` : `${result.folds} folds`;
  const amounts: number[] = [...new Set(result.rows.map((r) => r.amount))];
  const x = {
    field: 'amount',
    type: 'quantitative',
    title: 'noise amount',
    scale: { padding: 12 },
    // Ticks at the grid's amounts (the padded domain would otherwise show negative amounts).
    axis: { values: amounts, format: '~g' },
  } as const;
  const color = { field: 'kind', type: 'nominal', title: 'noise kind' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: title ?? `CV ${result.metric} vs noise amount (mean +- std over ${runs})`,
    width: 440,
    height: 280,
    data: { values },
    layer: [
      {
        mark: { type: 'errorband', opacity: 0.15 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: `CV ${result.metric}` },
          y2: { field: 'hi' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            title: `CV ${result.metric}`,
            scale: { zero: false },
          },
          color,
        },
      },
      {
        data: { values: [{ amount: result.best.amount, mean: result.best.mean }] },
        mark: { type: 'point', size: 220, color: 'black', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' } },
      },
    ],
  };
}

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
