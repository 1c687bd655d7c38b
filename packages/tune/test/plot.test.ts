/**
 * cv_score.svg's layout, checked on vega's scenegraph (the boxes it computes for every mark, text
 * widths estimated at 0.8 x the font size per character, wider than most fonts draw them): no
 * two labels overlap, the baselines' labels are clear of every point, the peers are points with
 * no line between them, the panels sit side by side without a gap wider than their spacing, and
 * the y axis says which way is better.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { plotSpec } from '../src/cli/plot';
import type { SearchResult, SettingResult } from '../src/search/options';

interface Box {
  what: string;
  role: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type SceneItem = {
  x?: number;
  y?: number;
  text?: string | string[];
  bounds: { x1: number; y1: number; x2: number; y2: number };
  items?: SceneMark[];
};
type SceneMark = { marktype: string; role: string; name?: string; items: SceneItem[] };

/** Every item's box in the figure's coordinates, with its mark type and role. */
async function boxes(spec: vegaLite.TopLevelSpec): Promise<{ kind: string; box: Box }[]> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const out: { kind: string; box: Box }[] = [];
  const visit = (mark: SceneMark, ox: number, oy: number, role: string) => {
    for (const item of mark.items) {
      const b = item.bounds;
      out.push({
        kind: mark.marktype,
        box: {
          what: item.text === undefined ? mark.marktype : String(item.text),
          role: `${role}/${mark.role}`,
          x1: ox + b.x1,
          y1: oy + b.y1,
          x2: ox + b.x2,
          y2: oy + b.y2,
        },
      });
      if (mark.marktype === 'group') {
        for (const m of item.items ?? [])
          visit(m, ox + (item.x ?? 0), oy + (item.y ?? 0), mark.role);
      }
    }
  };
  // The root is a group mark; an item's bounds are in its group's coordinates.
  visit((view.scenegraph() as unknown as { root: SceneMark }).root, 0, 0, 'root');
  view.finalize();
  return out;
}

const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function row(kind: string, amount: number, mean: number, extra: Partial<SettingResult> = {}) {
  return {
    kind,
    amount,
    mean,
    std: 0.1,
    scores: [mean],
    metrics: { mse: [mean] },
    failed: false,
    ...extra,
  } as SettingResult;
}

/** A regression search: input and weight noise, two peers, chance close to no noise. */
function search(over: { chance: number; pick: number | null; peers?: string[][] }): SearchResult {
  const rows = [
    row('input', 0, 0.8),
    row('input', 0.05, 0.79),
    row('input', 0.1, 0.7),
    row('input', 0.2, 0.66),
    row('input', 0.4, 0.75),
    row('weight', 0.02, 0.81),
    row('weight', 0.05, 0.8),
    ...(
      over.peers ?? [
        ['l2', '0.01'],
        ['dropout', '0.2'],
      ]
    ).map(([k, a], i) => row(k!, Number(a), 0.77 + 0.04 * i, { peer: true })),
  ];
  const best = over.pick === null ? rows[0]! : rows[over.pick]!;
  return {
    metric: 'mse',
    higherIsBetter: false,
    rows,
    baseline: rows[0]!,
    best,
    recommendation: {
      helps: over.pick !== null,
      setting: { kind: best.kind, amount: best.amount },
    },
    chance: { predictor: 'mean', classIndex: null, metrics: { mse: [over.chance] } },
    robustness: null,
    folds: 5,
    repeats: 1,
  } as unknown as SearchResult;
}

describe('cv_score.svg layout', () => {
  const cases: [string, SearchResult][] = [
    ['noise picked, chance far', search({ chance: 1.0, pick: 3 })],
    ['no noise ringed, chance a hair from no noise', search({ chance: 0.805, pick: null })],
    [
      'long peer names',
      search({
        chance: 0.8,
        pick: 2,
        peers: [
          ['l2', '0.0001'],
          ['dropout', '0.25'],
          ['dropout', '0.5'],
        ],
      }),
    ],
  ];
  for (const [name, result] of cases) {
    it(`no label overlaps another, or a point: ${name}`, async () => {
      const all = await boxes(plotSpec(result));
      const texts = all.filter((b) => b.kind === 'text' && b.box.what !== '').map((b) => b.box);
      expect(texts.length).toBeGreaterThan(20); // not vacuous: axis labels, titles, baselines
      const clashes: string[] = [];
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          if (overlap(texts[i]!, texts[j]!))
            clashes.push(`'${texts[i]!.what}' / '${texts[j]!.what}'`);
        }
      }
      expect(clashes).toEqual([]);
      // The baselines' labels are clear of every point (and of the ring).
      const points = all.filter((b) => b.kind === 'symbol' && b.box.role.endsWith('mark'));
      expect(points.length).toBeGreaterThan(5);
      for (const label of texts.filter((t) => ['no noise', 'training mean'].includes(t.what))) {
        for (const p of points) expect(overlap(label, p.box)).toBe(false);
      }
      expect(texts.filter((t) => t.what === 'no noise')).toHaveLength(1);
    });
  }

  it('draws the peers as points with no line, says lower is better, and leaves no gap', async () => {
    const spec = plotSpec(search({ chance: 1, pick: 3 })) as unknown as {
      hconcat: { title: string; layer: { mark: { type: string } | string }[] }[];
    };
    const peers = spec.hconcat.find((p) => p.title.startsWith('peers'))!;
    const types = peers.layer.map((l) => (typeof l.mark === 'string' ? l.mark : l.mark?.type));
    expect(types).not.toContain('line');
    expect(spec.hconcat[0]!.layer.map((l) => (l.mark as { type: string })?.type)).toContain('line');
    const all = await boxes(plotSpec(search({ chance: 1, pick: 3 })));
    const yTitle = all.filter((b) => b.kind === 'text').map((b) => b.box.what);
    expect(yTitle.join(' ')).toContain('(lower is better)');
    // The panels' frames (the cells of the concat) follow each other at the layout's spacing
    // plus their axes, never with a gap of a panel's width.
    const cells = all
      .filter((b) => b.kind === 'group' && b.box.role.endsWith('/scope'))
      .map((b) => b.box)
      .sort((a, b) => a.x1 - b.x1);
    expect(cells.length).toBe(3);
    for (let i = 1; i < cells.length; i++) expect(cells[i]!.x1 - cells[i - 1]!.x2).toBeLessThan(60);
  });
});
