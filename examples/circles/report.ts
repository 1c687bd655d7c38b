/**
 * The experiment's report: results.json, a markdown summary and SVG plots rendered with
 * vega-lite (compiled to vega, rendered headless to SVG).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MetricGains, verdictSentence } from '@tfjs-noise/tune';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { RunResult } from './experiment';
import { frame } from './frame';
import { GRID_KINDS, type Setting } from './kinds';
import { chanceNote, tableNotes } from './notes';
import { percent, type Summary, signedPoints, summarize } from './stats';

/** One row of the results table. */
export interface Row {
  setting: string;
  kind: string;
  amount: number;
  trainAcc: Summary;
  testAcc: Summary;
  testLoss: Summary;
  /**
   * Test accuracy minus the baseline's on the same seed (same data, same initial weights):
   * the paired difference, whose CI is much narrower than the two CIs of the means.
   */
  vsBaseline: Summary;
  /** Baseline's test loss minus this setting's on the same seed (positive: lower loss). */
  lossVsBaseline: Summary;
  /** Seeds on which this setting's test accuracy beat / fell below the baseline's. */
  wins: number;
  losses: number;
  seconds: number;
}

export function rows(
  settings: Pick<Setting, 'name' | 'kind' | 'amount'>[],
  results: Pick<RunResult, 'setting' | 'seed' | 'trainAcc' | 'testAcc' | 'testLoss' | 'seconds'>[],
): Row[] {
  const baseline = new Map(
    results.filter((r) => r.setting === 'baseline').map((r) => [r.seed, r.testAcc]),
  );
  const baselineLoss = new Map(
    results.filter((r) => r.setting === 'baseline').map((r) => [r.seed, r.testLoss]),
  );
  return settings.map((s) => {
    const mine = results.filter((r) => r.setting === s.name);
    const diffs = mine
      .filter((r) => baseline.has(r.seed))
      .map((r) => r.testAcc - (baseline.get(r.seed) as number));
    return {
      setting: s.name,
      kind: s.kind,
      amount: s.amount,
      trainAcc: summarize(mine.map((r) => r.trainAcc)),
      testAcc: summarize(mine.map((r) => r.testAcc)),
      testLoss: summarize(mine.map((r) => r.testLoss)),
      vsBaseline: summarize(diffs),
      lossVsBaseline: summarize(
        mine
          .filter((r) => baselineLoss.has(r.seed))
          .map((r) => (baselineLoss.get(r.seed) as number) - r.testLoss),
      ),
      wins: diffs.filter((d) => d > 0).length,
      losses: diffs.filter((d) => d < 0).length,
      seconds: mine.reduce((a, r) => a + r.seconds, 0) / Math.max(1, mine.length),
    };
  });
}

/** The table as aligned text lines (the notes under it: {@link tableNotes}). */
export function table(all: Row[]): string[] {
  const header = [
    'setting',
    'train acc',
    'test acc (mean +- 95% CI)',
    'vs baseline, paired (W/L)',
    'test loss',
    's/run',
    'note',
  ];
  const body = all.map((r) => [
    r.setting,
    `${(100 * r.trainAcc.mean).toFixed(1)}%`,
    percent(r.testAcc),
    r.setting === 'baseline' ? '' : `${signedPoints(r.vsBaseline)} (${r.wins}/${r.losses})`,
    r.testLoss.mean.toFixed(3),
    r.seconds.toFixed(1),
    chanceNote(r.testAcc),
  ]);
  const lines = [header, ...body];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] as string).length)));
  return lines.map((l) =>
    l
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd(),
  );
}

async function svg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const out = await view.toSVG();
  view.finalize();
  return out;
}

/** Test accuracy (mean and 95% CI) against stddev for the jitter grids, baseline as a rule. */
function accuracySpec(all: Row[]): vegaLite.TopLevelSpec {
  const grid = all.filter((r) => GRID_KINDS.includes(r.kind));
  const base = all.find((r) => r.kind === 'baseline');
  const values = grid.map((r) => ({
    kind: r.kind,
    stddev: r.amount,
    acc: r.testAcc.mean,
    lo: Math.max(0, r.testAcc.mean - (r.testAcc.ci95 || 0)),
    hi: Math.min(1, r.testAcc.mean + (r.testAcc.ci95 || 0)),
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Test accuracy vs noise stddev (mean, 95% CI); dashed: baseline',
    width: 420,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'errorband', opacity: 0.2 },
        encoding: {
          x: { field: 'stddev', type: 'quantitative' },
          y: { field: 'lo', type: 'quantitative', title: 'test accuracy', scale: { zero: false } },
          y2: { field: 'hi' },
          color: { field: 'kind', type: 'nominal' },
        },
      },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'stddev', type: 'quantitative' },
          y: { field: 'acc', type: 'quantitative' },
          color: { field: 'kind', type: 'nominal' },
        },
      },
      {
        data: { values: [{ acc: base?.testAcc.mean ?? 0 }] },
        mark: { type: 'rule', strokeDash: [4, 4] },
        encoding: { y: { field: 'acc', type: 'quantitative' } },
      },
    ],
  };
}

/** Mean clean train and test loss over epochs for two settings. */
function curvesSpec(results: RunResult[], names: string[]): vegaLite.TopLevelSpec {
  const values: { setting: string; split: string; epoch: number; loss: number }[] = [];
  for (const name of names) {
    const mine = results.filter((r) => r.setting === name);
    const points = mine[0]?.curve.length ?? 0;
    for (let i = 0; i < points; i++) {
      const epoch = mine[0]?.curve[i]?.[0] as number;
      for (const [k, split] of [
        [1, 'train'],
        [2, 'test'],
      ] as const) {
        const loss = mine.reduce((a, r) => a + (r.curve[i]?.[k] as number), 0) / mine.length;
        values.push({ setting: name, split, epoch, loss });
      }
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Learning curves (clean loss, mean over seeds)',
    width: 420,
    height: 260,
    data: { values },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: {
        field: 'loss',
        type: 'quantitative',
        title: 'binary cross-entropy',
        scale: { type: 'log' },
      },
      color: { field: 'setting', type: 'nominal' },
      strokeDash: { field: 'split', type: 'nominal' },
    },
  };
}

/**
 * Decision boundaries (P(class 1) on a grid) with the training points, one panel per model. The
 * frame fits the training points (ends and ticks on multiples of 0.5); grid cells are drawn as
 * rectangles around their centres and clipped to the frame.
 */
function boundarySpec(
  panels: { name: string; grid: [number, number, number][] }[],
  train: { x: number[][]; y: number[] },
): vegaLite.TopLevelSpec {
  const fx = frame(train.x.map((p) => p[0] as number));
  const fy = frame(train.x.map((p) => p[1] as number));
  const axis = (f: typeof fx, name: string) => ({
    scale: { domain: f.domain, nice: false, zero: false },
    axis: { values: f.ticks, title: name },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Decision boundaries, seed 0 (points: the 30 training points)',
    hconcat: panels.map((p) => {
      const xs = [...new Set(p.grid.map(([x]) => x))].sort((a, b) => a - b);
      const half = xs.length > 1 ? ((xs[1] as number) - (xs[0] as number)) / 2 : 0.05;
      return {
        title: p.name,
        width: 240,
        height: 240,
        layer: [
          {
            data: {
              values: p.grid.map(([x, y, prob]) => ({
                x: x - half,
                x2: x + half,
                y: y - half,
                y2: y + half,
                p: prob,
              })),
            },
            mark: { type: 'rect', clip: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', ...axis(fx, 'x1') },
              x2: { field: 'x2' },
              y: { field: 'y', type: 'quantitative', ...axis(fy, 'x2') },
              y2: { field: 'y2' },
              color: {
                field: 'p',
                type: 'quantitative',
                title: 'P(class 1)',
                scale: { scheme: 'blueorange', domain: [0, 1] },
                legend: { values: [0, 0.5, 1] },
              },
            },
          },
          {
            data: { values: train.x.map(([x, y], i) => ({ x, y, label: String(train.y[i]) })) },
            mark: { type: 'point', filled: true, size: 40, stroke: 'black' },
            encoding: {
              x: { field: 'x', type: 'quantitative', ...axis(fx, 'x1') },
              y: { field: 'y', type: 'quantitative', ...axis(fy, 'x2') },
              shape: { field: 'label', type: 'nominal', title: 'class' },
            },
          },
        ],
      };
    }),
  };
}

/**
 * The demo's closing words for the setting with the largest mean paired gain, made by the same
 * sentence-maker as the tuning tool's (`verdictSentence`): noise helps only if the 95% CI of its
 * paired accuracy difference to the baseline excludes 0 on the gain side; a lower test loss
 * without more right answers is said as such.
 */
export function verdict(leader: Row): string {
  const interval = (s: Summary, scale: number) => ({
    mean: scale * s.mean,
    se: Number.isNaN(s.ci95) ? Number.NaN : scale * s.ci95,
    n: s.n,
  });
  const gains: MetricGains = {
    accuracy: interval(leader.vsBaseline, 100),
    logLoss: interval(leader.lossVsBaseline, 1),
  };
  const beyond = (s: Summary) => s.mean - s.ci95 > 0;
  return verdictSentence({
    task: 'classification',
    metric: 'accuracy',
    verdict: beyond(leader.vsBaseline)
      ? 'helps'
      : beyond(leader.lossVsBaseline)
        ? 'better-probabilities-only'
        : 'no-help',
    setting: { kind: leader.kind, amount: leader.amount },
    name: leader.setting,
    gains,
    evidence: `paired over ${leader.vsBaseline.n} seeds, +- the 95% CI half-width`,
    recommends: false,
  });
}

/** Writes results.json, summary.md and the three SVG plots into `dir`. */
export async function writeReport(
  dir: string,
  meta: Record<string, unknown>,
  all: Row[],
  results: RunResult[],
  leader: string,
  sentence: string,
  panels: { name: string; grid: [number, number, number][] }[],
  train: { x: number[][]; y: number[] },
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'results.json'),
    `${JSON.stringify({ meta, rows: all, runs: results }, null, 1)}\n`,
  );
  const files = {
    'accuracy_vs_stddev.svg': accuracySpec(all),
    'learning_curves.svg': curvesSpec(results, ['baseline', leader]),
    'decision_boundaries.svg': boundarySpec(panels, train),
  };
  for (const [name, spec] of Object.entries(files)) writeFileSync(join(dir, name), await svg(spec));
  const md = [
    '# Circles experiment',
    '',
    `Command: \`${meta.command as string}\``,
    '',
    '```',
    ...table(all),
    '```',
    '',
    ...tableNotes(all.map((r) => r.testAcc)),
    '',
    `${sentence[0]!.toUpperCase()}${sentence.slice(1)}`,
    '',
    ...Object.keys(files).map((f) => `![${f}](${f})`),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'summary.md'), md);
  return ['results.json', 'summary.md', ...Object.keys(files)];
}
