/**
 * The plot of a search: the user's metric (the one the choice was made in) against the amount,
 * one panel per kind (so that gradient noise's eta does not share an axis with a stddev), every
 * amount labelled, the recommendation ringed, and the baselines drawn across every panel: no
 * noise, and the chance baseline (always the majority class, or always the mean). Peers get a
 * panel of their own. With robustness, the scores plotted are the corrupted ones (those the
 * choice used), and the title says so. Written as SVG with vega-lite (rendered headless: no canvas for SVG).
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { MLP_KIND_REGISTRY, type MlpKind } from '../model/kinds';
import type { SearchResult, SettingResult } from '../search/options';
import { robustnessCondition } from '../search/robustness';
import { summarize } from '../train/metrics';

/** One point of a panel. */
interface Point {
  panel: string;
  label: string;
  order: number;
  mean: number;
  lo: number;
  hi: number;
  picked: boolean;
}

/**
 * The vega-lite spec: one panel per kind (x: the amounts, as labels; amount 0 is no noise) and
 * one for the peers; y: the user's metric, mean +- std over folds; horizontal rules for no noise
 * (grey) and the chance baseline (red, dashed); the recommended setting ringed.
 */
export function plotSpec(result: SearchResult, title?: string): vegaLite.TopLevelSpec {
  const { metric } = result;
  const base = result.baseline;
  const rec = result.recommendation;
  const robust = result.robustness ?? null;
  // The score the choice used: the corrupted one with robustness.
  const used = (r: SettingResult) => (robust && r.corrupted) || r;
  const point = (panel: string, label: string, order: number, r: SettingResult): Point => ({
    panel,
    label,
    order,
    mean: used(r).mean,
    lo: used(r).mean - used(r).std,
    hi: used(r).mean + used(r).std,
    picked: r === result.best,
  });
  const kinds = [
    ...new Set(result.rows.filter((r) => !r.peer && !r.failed && r.amount > 0).map((r) => r.kind)),
  ];
  const panels: { name: string; title: string; points: Point[] }[] = kinds.map((kind) => {
    const rows = result.rows.filter((r) => !r.peer && !r.failed && r.kind === kind && r.amount > 0);
    // A kind of the registry names its amount; a kind of the user's own builder is a std.
    const amountName = Object.hasOwn(MLP_KIND_REGISTRY, kind)
      ? MLP_KIND_REGISTRY[kind as MlpKind].amount
      : 'stddev';
    return {
      name: kind,
      title: `${kind} (${amountName})`,
      points: [
        point(kind, '0', 0, base),
        ...rows
          .sort((a, b) => a.amount - b.amount)
          .map((r, i) => point(kind, `${r.amount}`, i + 1, r)),
      ],
    };
  });
  const peers = result.rows.filter((r) => r.peer && !r.failed);
  if (peers.length > 0) {
    panels.push({
      name: 'peers',
      title: 'plain regularizers (compared, not candidates)',
      points: peers.map((r, i) => point('peers', `${r.kind} ${r.amount}`, i, r)),
    });
  }
  const chanceScores = result.chance.metrics[metric] ?? [];
  const chance = chanceScores.length ? summarize(chanceScores).mean : null;
  const rules = [
    { y: used(base).mean, what: 'no noise' },
    ...(chance === null
      ? []
      : [
          {
            y: chance,
            what: result.chance.predictor === 'majority' ? 'majority class' : 'training mean',
          },
        ]),
  ];
  const all = panels.flatMap((p) => p.points);
  const values = [...all.flatMap((p) => [p.lo, p.hi]), ...rules.map((r) => r.y)];
  const domain = [Math.min(...values), Math.max(...values)];
  const pad = (domain[1]! - domain[0]!) * 0.08 || 0.01;
  const y = {
    type: 'quantitative',
    title: robust ? `CV ${metric}, corrupted` : `CV ${metric}`,
    scale: { domain: [domain[0]! - pad, domain[1]! + pad], nice: false, zero: false },
  } as const;
  const runs =
    result.repeats > 1 ? `${result.folds} folds x ${result.repeats}` : `${result.folds} folds`;
  const picked = rec.helps ? `${rec.setting.kind} ${rec.setting.amount}` : 'no noise';
  const panel = (p: (typeof panels)[number], first: boolean): object => ({
    title: p.title,
    width: Math.max(90, 46 * p.points.length),
    height: 260,
    data: { values: p.points },
    layer: [
      {
        mark: { type: 'rule', color: '#888' },
        encoding: {
          x: {
            field: 'label',
            type: 'ordinal',
            sort: { field: 'order' },
            title: p.name === 'peers' ? null : 'amount (0: no noise)',
            axis: { labelAngle: 0 },
          },
          y: { field: 'lo', ...y },
          y2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'line', point: { filled: true, size: 50 } },
        encoding: {
          x: { field: 'label', type: 'ordinal', sort: { field: 'order' } },
          y: { field: 'mean', ...y },
        },
      },
      {
        transform: [{ filter: 'datum.picked' }],
        mark: { type: 'point', size: 260, color: 'black', strokeWidth: 1.8 },
        encoding: {
          x: { field: 'label', type: 'ordinal', sort: { field: 'order' } },
          y: { field: 'mean', ...y },
        },
      },
      ...rules.map((r, i) => ({
        data: { values: [{ y: r.y, what: r.what }] },
        layer: [
          {
            mark: {
              type: 'rule' as const,
              color: i === 0 ? '#555' : '#c0392b',
              strokeDash: i === 0 ? [] : [5, 4],
            },
            encoding: { y: { field: 'y', ...y } },
          },
          ...(first
            ? [
                {
                  mark: {
                    type: 'text' as const,
                    align: 'left' as const,
                    dx: 3,
                    dy: -6,
                    x: 0,
                    color: i === 0 ? '#555' : '#c0392b',
                  },
                  encoding: { y: { field: 'y', ...y }, text: { field: 'what' } },
                },
              ]
            : []),
        ],
      })),
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text:
        title ??
        (robust
          ? `CV ${metric} ${robustnessCondition(robust)}, per noise kind (mean +- std over ${runs}; the choice used these scores)`
          : `CV ${metric} per noise kind (mean +- std over ${runs})`),
      subtitle: `ringed: the recommendation (${picked}); grey line: no noise; red dashed: ${rules[1]?.what ?? 'no chance baseline'}`,
    },
    hconcat: panels.map((p, i) => panel(p, i === 0)) as never,
    resolve: { scale: { y: 'shared' } },
  } as vegaLite.TopLevelSpec;
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
