/**
 * The main demo: the small-data experiment of the seed article, with every noise kind side by
 * side. Two circles (make_circles, 100 points, noise 0.1), 30 points for training and 70 for
 * testing; an MLP with 500 ReLU units and a sigmoid output, Adam, full-batch training. Each
 * setting runs over several seeds (each seed: its own data set and initial weights).
 *
 *   tsx circles/main.ts                 # quick: 3 seeds x 1000 epochs (the README's demo)
 *   tsx circles/main.ts --full          # 20 seeds x 4000 epochs, finer stddev grid
 *   options: --seeds N --epochs N --backend cpu|wasm --out DIR (default report/circles)
 *
 * Prints the table (train accuracy, test accuracy with its 95% CI over seeds, test loss, time
 * per run) and writes DIR/results.json, DIR/summary.md and SVG plots.
 */
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import cliProgress from 'cli-progress';
import { commandLine } from './command';
import { boundary, dataFor, type RunResult, runOne } from './experiment';
import { settings } from './kinds';
import { tableNotes } from './notes';
import { rows, table, verdict, writeReport } from './report';

async function main() {
  const flags = parseFlags({
    full: { type: 'boolean' },
    seeds: { type: 'int', default: (s) => (s.full ? 20 : 3), min: 1 },
    epochs: { type: 'int', default: (s) => (s.full ? 4000 : 1000), min: 1 },
    backend: BACKEND_FLAG,
    out: { type: 'folder', default: 'report/circles' },
  });
  const { full } = flags;
  const backend = await useBackend(flags.backend);
  const { seeds, epochs } = flags;
  const every = Math.max(1, Math.round(epochs / 40));
  const grid = full ? [0.01, 0.05, 0.1, 0.2] : [0.01, 0.05, 0.1];
  const out = resolve(flags.out);
  const list = settings(grid);
  console.log(
    `circles: make_circles(100, noise 0.1), 30 train / 70 test; MLP 2-500-1 (ReLU, sigmoid), ` +
      `Adam(0.001), ${epochs} full-batch epochs; ${seeds} seeds; ${list.length} settings; ` +
      `backend ${backend}${full ? '' : ' (quick; --full for the full run)'}`,
  );

  const total = seeds * list.length;
  const tty = process.stdout.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: ' {bar} {value}/{total} runs | {setting} | ETA {eta_formatted}',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0, { setting: '' });
  const results: RunResult[] = [];
  const start = performance.now();
  for (let seed = 0; seed < seeds; seed++) {
    for (const setting of list) {
      const { result } = await runOne(setting, seed, epochs, every);
      results.push(result);
      if (bar) bar.increment({ setting: setting.name });
      else if (results.length % list.length === 0 || results.length === total) {
        console.log(
          `  ${results.length}/${total} runs (${((performance.now() - start) / 1000).toFixed(0)} s)`,
        );
      }
    }
  }
  bar?.stop();

  const all = rows(list, results);
  // The setting with the largest mean paired gain: called a gain only if its 95% CI excludes 0.
  const leader = all
    .filter((r) => r.kind !== 'baseline')
    .reduce((a, b) => (b.vsBaseline.mean > a.vsBaseline.mean ? b : a));
  for (const line of table(all)) console.log(line);
  for (const line of tableNotes(all.map((r) => r.testAcc))) console.log(line);
  const sentence = verdict(leader);

  // Decision boundaries of seed 0: the baseline and the best setting, trained again (seeded, so
  // the same models as in the table).
  const panels: { name: string; grid: [number, number, number][] }[] = [];
  for (const name of ['baseline', leader.setting]) {
    const setting = list.find((s) => s.name === name);
    if (!setting) continue;
    const { model } = await runOne(setting, 0, epochs, epochs, true);
    if (model) {
      panels.push({ name, grid: boundary(model) });
      model.dispose();
    }
  }
  const command = commandLine();
  const files = await writeReport(
    out,
    { command, backend, seeds, epochs, grid, tfjs: tf.version.tfjs, node: process.version },
    all,
    results,
    leader.setting,
    sentence,
    panels,
    dataFor(0).train,
  );
  console.log(`wrote ${files.map((f) => `${out}/${f}`).join(', ')}`);
  console.log(sentence);
}

runScript('circles/main.ts', main);
