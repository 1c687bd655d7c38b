/**
 * The plot of a search: the user's metric (the one the choice was made in) against the amount,
 * one panel per kind (so that gradient noise's eta does not share an axis with a stddev), every
 * amount labelled, the recommendation ringed, and the baselines drawn across every panel: no
 * noise, and the chance baseline (always the majority class, or always the mean), labelled right
 * of the last panel, clear of the points. Peers get a panel of their own, as separate points (no
 * line between them). Each panel is wide enough for its labels (test/plot.test.ts checks that no
 * two labels overlap); the y axis says whether lower or higher is better. With robustness, the
 * scores plotted are the corrupted ones (those the choice used), and the title says so. Written as SVG with vega-lite (rendered headless: no canvas for SVG).
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { CONVNET_KIND_REGISTRY } from '../model/convnet_kinds';
import { MLP_KIND_REGISTRY } from '../model/kinds';
import type { SearchResult, SettingResult } from '../search/options';
import { robustnessCondition } from '../search/robustness';
import { summarize } from '../train/metrics';

/** The height of a panel in pixels. */
const HEIGHT = 260;
/** The height of a line of a label in pixels (10 px text and a little room). */
const LINE = 13;

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
 * What the amount of each built-in kind is (the MLP's and the convnet's registries agree on the
 * kinds they share); a kind of the user's own builder is a std.
 */
const amountNames: Record<string, string> = Object.fromEntries(
  [...Object.entries(MLP_KIND_REGISTRY), ...Object.entries(CONVNET_KIND_REGISTRY)].map(
    ([kind, info]) => [kind, info.amount],
  ),
);

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
    // Amounts from no noise to the most noise: a kind whose larger amounts are less noise (an
    // SNR in dB, see BuilderRef.lessNoise) goes from its largest amount down.
    const lessNoise = result.searched?.builder?.lessNoise?.includes(kind) ?? false;
    const amountName = amountNames[kind] ?? (lessNoise ? 'less noise as it grows' : 'stddev');
    return {
      name: kind,
      title: `${kind} (${amountName}${lessNoise ? ', more is less noise' : ''})`,
      points: [
        point(kind, '0', 0, base),
        ...rows
          .sort((a, b) => (lessNoise ? b.amount - a.amount : a.amount - b.amount))
          .map((r, i) => point(kind, `${r.amount}`, i + 1, r)),
      ],
    };
  });
  const peers = result.rows.filter((r) => r.peer && !r.failed);
  if (peers.length > 0) {
    panels.push({
      name: 'peers',
      title: 'peers (compared only)',
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
  const better = result.higherIsBetter ? 'higher is better' : 'lower is better';
  const y = {
    type: 'quantitative',
    // Two lines: one would be taller than the panel and push its title up.
    title: [robust ? `CV ${metric}, corrupted` : `CV ${metric}`, `(${better})`],
    scale: { domain: [domain[0]! - pad, domain[1]! + pad], nice: false, zero: false },
  } as const;
  // The baselines' labels sit right of the last panel, clear of every point; two labels closer
  // than a line of text are moved apart.
  const toPixel = (v: number) =>
    (HEIGHT * (domain[1]! + pad - v)) / (domain[1]! - domain[0]! + 2 * pad);
  const offsets = rules.map(() => 0);
  if (rules.length === 2) {
    const gap = toPixel(rules[1]!.y) - toPixel(rules[0]!.y);
    if (Math.abs(gap) < LINE) {
      const push = (LINE - Math.abs(gap)) / 2;
      const down = gap >= 0 ? 1 : -1;
      offsets[0] = -down * push;
      offsets[1] = down * push;
    }
  }
  const runs =
    result.repeats > 1 ? `${result.folds} folds x ${result.repeats}` : `${result.folds} folds`;
  const picked = rec.helps ? `${rec.setting.kind} ${rec.setting.amount}` : 'no noise';
  const panel = (p: (typeof panels)[number], first: boolean, last: boolean): object => {
    const isPeers = p.name === 'peers';
    // Room for the longest label under each point (vega estimates 0.8 font size per character
    // for a 10 px label), and for the panel's title (13 px bold).
    const longest = Math.max(...p.points.map((q) => q.label.length));
    const step = Math.max(46, Math.ceil(8 * longest + 12));
    const width = Math.max(90, step * p.points.length, Math.ceil(8.5 * p.title.length));
    const x = { field: 'label', type: 'ordinal', sort: { field: 'order' } } as const;
    const yAxis = first ? y : { ...y, title: null };
    return {
      title: p.title,
      width,
      height: HEIGHT,
      data: { values: p.points },
      layer: [
        {
          mark: { type: 'rule', color: '#888' },
          encoding: {
            x: {
              ...x,
              title: isPeers ? null : 'amount (0: no noise)',
              axis: { labelAngle: 0 },
            },
            y: { field: 'lo', ...yAxis },
            y2: { field: 'hi' },
          },
        },
        {
          // Amounts of a kind are joined by a line; the peers are separate settings: points only.
          mark: isPeers
            ? { type: 'point', filled: true, size: 50 }
            : { type: 'line', point: { filled: true, size: 50 } },
          encoding: { x, y: { field: 'mean', ...yAxis } },
        },
        {
          transform: [{ filter: 'datum.picked' }],
          mark: { type: 'point', size: 260, color: 'black', strokeWidth: 1.8 },
          encoding: { x, y: { field: 'mean', ...yAxis } },
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
              encoding: { y: { field: 'y', ...yAxis } },
            },
            ...(last
              ? [
                  {
                    mark: {
                      type: 'text' as const,
                      align: 'left' as const,
                      baseline: 'middle' as const,
                      dx: 4,
                      dy: offsets[i]!,
                      color: i === 0 ? '#555' : '#c0392b',
                    },
                    encoding: {
                      x: { value: 'width' },
                      y: { field: 'y', ...yAxis },
                      text: { field: 'what' },
                    },
                  },
                ]
              : []),
          ],
        })),
      ],
    };
  };
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
    hconcat: panels.map((p, i) => panel(p, i === 0, i === panels.length - 1)) as never,
    spacing: 16,
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
