/**
 * The small-data suite (`pnpm bench:choice`): does the noise that searchNoise recommends pay off?
 *
 *   pnpm bench:choice                     # every task x 20 seeds x both model sizes (hours)
 *   pnpm bench:choice --quick             # 2 tasks x 2 seeds, tiny model: checks that it runs
 *   pnpm bench:choice --from docs/choosing-noise/raw.jsonl   # re-analyse a saved run
 *                                         # (with --first-seed / --seeds: only those seeds)
 *   options: --seeds N (20), --first-seed S (1), --tasks a,b (all; the groups 'held-out'
 *            and 'null' name the tasks of tasks.ts fixed before the rule of #32), --processes P (2),
 *            --backend wasm|cpu (wasm), --out DIR (docs/choosing-noise; --quick: a temp folder),
 *            --model default,large (both, the default: the CLI's 64 x 100 MLP, and 200 units x
 *            300 epochs, the kind of network that memorizes small data; or one of them),
 *            --repeats R (record R repeats of the CV; rules are analysed on the first r <= R),
 *            --lean (test scores of the grid's settings only: no early stopping, peers, combos)
 *
 * For each task and seed, run.ts (one Node process per core, jobs dealt round-robin)
 * cross-validates every noise setting of grid.ts with searchNoise, then trains every setting,
 * the early-stopped variants and the peers (dropout, L2) on all the training rows and scores them
 * on the test rows. This script then prints, per task, the paired difference to no noise (mean
 * over seeds, 95% t-interval) of the tool's default choice, the best fixed setting in hindsight
 * and the peers; and, for every selection rule compared, the issue's targets. Records that hold
 * corrupted scores (run.ts: CV with robustness 1, test rows corrupted 4 ways, noise + L2 combos)
 * add a robustness section per corruption (robust.ts): the choice on corrupted CV folds, the clean
 * choice, the best fixed setting, the peers and the combos, and the targets on corrupted rows.
 * It writes raw.jsonl (every score), summary.json and choice.svg to the output folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFlag, parseFlags, readFlagsOrExit } from '@tfjs-noise/support/flags';
import { fmt, table } from '@tfjs-noise/support/table';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import {
  falsePicks,
  isNullTask,
  MARGIN,
  modelOf,
  type RuleSpec,
  type RuleVerdict,
  rulesToCompare,
  summarizeTask,
  type TaskSummary,
  verdict,
} from './analyze';
import {
  corruptionsOf,
  hasRobustness,
  type RobustSummary,
  robustVerdict,
  summarizeRobust,
} from './robust';
import type { RunRecord } from './run';
import { HELD_OUT_TASKS, NULL_TASKS, TASKS, taskNamed } from './tasks';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function usage(message: string): never {
  process.stderr.write(`bench:choice: error: ${message}\n`);
  process.exit(2);
}

/** The command line (@tfjs-noise/support's flag parser): a bad or unknown flag exits with code 2. */
function parse() {
  const text = { type: 'string' } as const;
  return readFlagsOrExit('bench:choice', () =>
    parseFlags({
      quick: { type: 'boolean' },
      seeds: text,
      'first-seed': text,
      tasks: text,
      processes: text,
      backend: text,
      out: text,
      from: text,
      model: text,
      repeats: text,
      lean: { type: 'boolean' },
    }),
  );
}

/** The integer `value` of `--flag` (support's check), or `fallback` when the flag is not given. */
function int(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  return readFlagsOrExit('bench:choice', () =>
    checkFlag(`--${flag}`, { type: 'int', default: fallback, min }, value),
  );
}

const v = parse();
const quick = v.quick;
const seeds = int('seeds', v.seeds, quick ? 2 : 20, 1);
const firstSeed = int('first-seed', v['first-seed'], 1, 0);
const processes = int('processes', v.processes, 2, 1);
const backend = v.backend ?? 'wasm';
const models = (v.model ?? 'default,large').split(',').map((m) => m.trim());
for (const m of models) {
  if (m !== 'default' && m !== 'large') {
    usage(`--model must be default, large or default,large, but got '${v.model}'.`);
  }
}
if (backend !== 'wasm' && backend !== 'cpu') {
  usage(`--backend must be wasm or cpu, but got '${backend}'.`);
}
let taskNames: string[];
try {
  // 'held-out' and 'null' name the groups of tasks fixed before the rule of #32 (tasks.ts).
  const group: { [name: string]: readonly { name: string }[] } = {
    'held-out': HELD_OUT_TASKS,
    null: NULL_TASKS,
  };
  taskNames = v.tasks
    ? v.tasks
        .split(',')
        .flatMap((t) => group[t.trim()]?.map((k) => k.name) ?? [taskNamed(t.trim()).name])
    : quick
      ? ['circles', 'sine-1d']
      : TASKS.map((t) => t.name);
} catch (err) {
  usage((err as Error).message);
}
const out = resolve(
  v.out ??
    (quick ? mkdtempSync(join(tmpdir(), 'bench-choice-')) : join(root, 'docs/choosing-noise')),
);
if (existsSync(out) && !statSync(out).isDirectory()) usage(`--out ${out} is not a folder.`);
if (v.from !== undefined && !existsSync(v.from)) usage(`--from ${v.from} does not exist.`);

let records: RunRecord[];
if (v.from !== undefined) {
  records = readRecords(v.from);
  // Given explicitly, --first-seed and --seeds select the seeds re-analysed (held-out seeds).
  if (v.seeds !== undefined || v['first-seed'] !== undefined) {
    records = records.filter((r) => r.seed >= firstSeed && r.seed < firstSeed + seeds);
    if (records.length === 0) usage(`--from ${v.from} holds no record of the seeds selected.`);
  }
} else {
  // Check that every task loads (a missing data package is named here, before any training).
  for (const name of taskNames) {
    try {
      taskNamed(name).resample(firstSeed);
    } catch (err) {
      usage(`task '${name}': ${(err as Error).message}`);
    }
  }
  records = await runAll();
}
const searchSeconds = v.from === undefined ? await timeDefaultSearch() : null;
mkdirSync(out, { recursive: true });
if (v.from === undefined || resolve(v.from) !== join(out, 'raw.jsonl')) {
  writeFileSync(join(out, 'raw.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
}
report(records);

/**
 * Times the CLI's default search (default kinds and amounts, 5-fold CV x 2, 100 epochs, 64 hidden
 * units, 2 worker threads on `backend`) on the circles task's 60 x 2 training rows of seed 1.
 */
async function timeDefaultSearch(): Promise<number> {
  const { MLP_BUILDER, searchNoise } = await import('@tfjs-noise/tune');
  const { DEFAULT_AMOUNTS, DEFAULT_KINDS } = await import('@tfjs-noise/tune/kinds');
  const { train } = taskNamed('circles').resample(1);
  const grid = DEFAULT_KINDS.flatMap((kind) =>
    DEFAULT_AMOUNTS[kind].map((amount) => ({ kind, amount })),
  );
  const result = await searchNoise(train, {
    task: 'classification',
    grid,
    builder: MLP_BUILDER,
    ...(quick && { epochs: 5, folds: 2, repeats: 1 }),
    workers: 2,
    backend: backend as 'wasm',
    progress: 'none',
  });
  return result.seconds;
}

/** Runs every task x seed on `processes` child processes; resolves with the records. */
async function runAll(): Promise<RunRecord[]> {
  const jobs: string[] = [];
  // The quick run has one tiny model; otherwise every task and seed at each model size.
  for (const m of quick ? ['default'] : models) {
    for (let s = firstSeed; s < firstSeed + seeds; s++) {
      for (const t of taskNames) jobs.push(m === 'large' ? `${t}:${s}:large` : `${t}:${s}`);
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bench-choice-parts-'));
  const start = performance.now();
  let done = 0;
  const parts = Array.from({ length: Math.min(processes, jobs.length) }, (_, p) => {
    const mine = jobs.filter((_, i) => i % processes === p);
    const file = join(tmp, `part${p}.jsonl`);
    const args = ['--import', 'tsx', join(here, 'run.ts'), '--jobs', mine.join(','), '--out', file];
    args.push('--backend', backend);
    if (quick) args.push('--quick');
    if (v.repeats !== undefined) args.push('--repeats', String(int('repeats', v.repeats, 2, 1)));
    if (v.lean) args.push('--lean');
    return new Promise<string>((ok, fail) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          if (/ seed \d+: [\d.]+ s$/.test(line)) {
            done++;
            const elapsed = (performance.now() - start) / 1000;
            process.stderr.write(`[${done}/${jobs.length}, ${elapsed.toFixed(0)} s] ${line}\n`);
          } else {
            err += `${line}\n`;
          }
        }
      });
      child.on('exit', (code) =>
        code === 0 ? ok(file) : fail(new Error(`run.ts (part ${p}) exited with ${code}:\n${err}`)),
      );
    });
  });
  const files = await Promise.all(parts);
  return files.flatMap(readRecords);
}

function readRecords(file: string): RunRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RunRecord);
}

function report(all: RunRecord[]): void {
  const byModel = new Map<string, RunRecord[]>();
  for (const r of all) {
    if (!byModel.has(modelOf(r))) byModel.set(modelOf(r), []);
    byModel.get(modelOf(r))!.push(r);
  }
  const lines: string[] = [];
  const json: unknown[] = [];
  const plots: TaskSummary[] = [];
  for (const [model, records] of byModel) {
    lines.push(`## Model: ${model}`, '');
    const section = reportModel(records);
    lines.push(...section.lines, '');
    json.push({ model, ...section.json });
    plots.push(...section.summaries.map((s) => ({ ...s, task: `${s.task}, ${model}` })));
  }
  if (searchSeconds !== null) {
    lines.push(
      `target 3 (the default search, with its peers, on 60 rows x 2 features in < 30 s on 2 cores): ` +
        `${searchSeconds.toFixed(1)} s${quick ? ' (--quick: 5 epochs, 2 folds; not the target)' : ''}`,
    );
  }
  lines.push(`time: ${all.reduce((a, r) => a + r.seconds, 0).toFixed(0)} s of runs in total`);
  for (const l of lines) process.stdout.write(`${l}\n`);
  writeFileSync(
    join(out, 'summary.json'),
    `${JSON.stringify({ backend, models: json }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'summary.md'), `${lines.join('\n')}\n`);
  void plot(plots).then((svg) => {
    writeFileSync(join(out, 'choice.svg'), svg);
    process.stdout.write(`wrote ${out}/raw.jsonl, summary.json, summary.md, choice.svg\n`);
  });
}

/** The tables of one model configuration. */
function reportModel(all: RunRecord[]): {
  lines: string[];
  json: object;
  summaries: TaskSummary[];
} {
  const byTask = new Map<string, RunRecord[]>();
  for (const r of all.sort((a, b) => a.seed - b.seed)) {
    if (!byTask.has(r.task)) byTask.set(r.task, []);
    byTask.get(r.task)!.push(r);
  }
  const compared = rulesToCompare();
  const defaultRule = compared[0]!;
  const summaries = [...byTask.values()].map((records) => summarizeTask(records, defaultRule));
  const lines: string[] = [];
  const seedsRun = Math.max(...summaries.map((s) => s.seeds));
  lines.push(
    `Paired difference to no noise on the test set, mean over seeds [95% t-interval]: accuracy ` +
      `points (classification), % lower MSE (regression). Choice: ${defaultRule.label}.`,
  );
  const peerLabels = [
    ...new Set(
      summaries.flatMap((s) => Object.keys(s.rows).filter((k) => /^(dropout|l2) /.test(k))),
    ),
  ];
  const header = [
    'task',
    'n',
    'seeds',
    'no noise',
    'choice',
    'choice picks',
    'best fixed (setting)',
    'early stopping',
    'ES + choice',
    ...peerLabels,
  ];
  const rows = summaries.map((s) => [
    s.task,
    String(s.trainRows),
    String(s.seeds),
    s.type === 'classification' ? `${s.none.toFixed(1)}%` : `MSE ${s.none.toFixed(3)}`,
    fmt(s.rows.choice),
    picks(s),
    `${fmt(s.rows['best fixed'])} (${s.bestSetting.kind} ${s.bestSetting.amount})`,
    fmt(s.rows['early stopping']),
    fmt(s.rows['early stopping + choice']),
    ...peerLabels.map((p) => fmt(s.rows[p])),
  ]);
  lines.push(...table(header, rows));
  lines.push('');
  lines.push(
    'Log-loss of the choice, lower by (classification; mean [95% t-interval]): ' +
      summaries
        .filter((s) => s.type === 'classification')
        .map((s) => `${s.task} ${fmt(s.rows['choice (log-loss)'], 3)}`)
        .join('; '),
  );
  lines.push('');
  const verdicts = compared.map((r) => verdict(byTask, r));
  lines.push(
    'Selection rules compared on the same runs (targets: no task worse beyond the margin,',
  );
  lines.push('recovery >= 60% of the best fixed gain where that gain is significant):');
  lines.push(
    ...table(
      ['rule', 'tasks worse than no noise', 'recovery', 'mean gain over tasks'],
      verdicts.map((vd) => [
        vd.label,
        vd.worse.length ? vd.worse.join(', ') : 'none',
        `${Number.isNaN(vd.recovery) ? '-' : `${(100 * vd.recovery).toFixed(0)}%`} of ${vd.helped.length} task(s)`,
        `${vd.meanGain >= 0 ? '+' : ''}${vd.meanGain.toFixed(2)}`,
      ]),
    ),
  );
  const d = verdicts[0]!;
  const nullRuns = all.filter((r) => isNullTask(r.task));
  if (nullRuns.length > 0) {
    lines.push('');
    lines.push(
      `False picks on the null tasks (labels independent of the features: no setting can beat no ` +
        `noise): how often each rule recommends noise, over ${nullRuns.length} runs, with a 95% ` +
        'Wilson interval. Target: at most 10%.',
    );
    lines.push(
      ...table(
        ['rule', 'false picks', 'rate [95% interval]', 'picks'],
        compared.map((rule) => {
          const f = falsePicks(nullRuns, rule);
          const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
          return [
            rule.label,
            `${f.picks} of ${f.runs}`,
            `${pct(f.rate)} [${pct(f.low)}, ${pct(f.high)}]`,
            f.picked.join('; ') || '-',
          ];
        }),
      ),
    );
  }
  lines.push(...repeatsLines(byTask, all, defaultRule));
  lines.push('');
  lines.push(targetLines(d, summaries).join('\n'));
  lines.push('');
  lines.push(
    'What the verdict said (default rule), per task: how often, and what the test set showed for ' +
      'the setting it spoke of (mean gain over no noise: accuracy points or % MSE; log-loss lower by):',
  );
  lines.push(
    ...table(
      ['task', 'helps', 'better probabilities only', 'more right answers only', 'no help'],
      summaries.map((s) => [
        s.task,
        ...['helps', 'better-probabilities-only', 'more-right-answers-only', 'no-help'].map((v) => {
          const c = s.verdicts[v];
          if (!c) return '-';
          const ll =
            c.testLogLoss === null
              ? ''
              : `, ${c.testLogLoss >= 0 ? '+' : ''}${c.testLogLoss.toFixed(3)}`;
          return `x${c.count} (${c.testGain >= 0 ? '+' : ''}${c.testGain.toFixed(1)}${ll})`;
        }),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    'The plain regularizer as the user is told (the best peer on the CV folds, against the ' +
      'recommendation), and what the test set showed (that peer minus the recommendation):',
  );
  lines.push(
    ...table(
      ['task', 'told (x seeds: test gain of the peer over the recommendation)'],
      summaries.map((s) => [
        s.task,
        Object.entries(s.peerSaid)
          .sort((a, b) => b[1].count - a[1].count)
          .map(
            ([k, p]) =>
              `${k.replace(':', ' ')} x${p.count}: ${p.testVsChoice >= 0 ? '+' : ''}${p.testVsChoice.toFixed(1)}`,
          )
          .join('; ') || '-',
      ]),
    ),
  );
  const robust = all.every(hasRobustness) ? robustnessLines(byTask, defaultRule) : null;
  if (robust) lines.push('', ...robust.lines);
  return {
    lines,
    json: {
      seeds: seedsRun,
      summaries,
      rules: verdicts,
      ...(robust && { robustness: robust.json }),
    },
    summaries,
  };
}

/**
 * The robustness tables of one model configuration: per corruption of the test rows, the paired
 * gains over no noise on those rows, and the targets for the choice made on corrupted CV folds.
 */
function robustnessLines(
  byTask: Map<string, RunRecord[]>,
  rule: RuleSpec,
): { lines: string[]; json: object } {
  const first = [...byTask.values()][0]![0]!;
  const cvNoise = first.robustness!;
  const lines: string[] = [
    `### Robustness: scores on corrupted test rows`,
    '',
    `Robust choice: the same rule on the CV folds' held-out rows under input noise of ` +
      `${cvNoise.stddev} std (searchNoise robustness, as --robustness ${cvNoise.stddev}); clean ` +
      'choice: on the clean folds. Paired difference to no noise on the same corrupted test rows, ' +
      'mean over seeds [95% t-interval]: accuracy points or % lower MSE. best fixed / best input / ' +
      'input+l2 / weight+l2: the setting with the largest mean in hindsight (amount in brackets).',
  ];
  const json: { [corruption: string]: object } = {};
  for (const corruption of corruptionsOf(first)) {
    const summaries = [...byTask.values()].map((r) => summarizeRobust(r, rule, corruption));
    const extra = [...new Set(summaries.flatMap((s) => Object.keys(s.rows)))].filter(
      (k) => !['robust choice', 'clean choice', 'best fixed'].includes(k),
    );
    const cell = (s: RobustSummary, k: string) => {
      const i = s.rows[k];
      if (!i) return '-';
      const set = s.settings[k];
      return set ? `${fmt(i)} (${set.amount})` : fmt(i);
    };
    lines.push('', `#### Test rows: ${corruption}`, '');
    lines.push(
      ...table(
        [
          'task',
          'seeds',
          'no noise',
          'robust choice',
          'robust picks',
          'clean choice',
          'best fixed (setting)',
          ...extra,
        ],
        summaries.map((s) => [
          s.task,
          String(s.seeds),
          s.type === 'classification' ? `${s.none.toFixed(1)}%` : `MSE ${s.none.toFixed(3)}`,
          fmt(s.rows['robust choice']),
          Object.entries(s.picks)
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} x${n}`)
            .join(', '),
          fmt(s.rows['clean choice']),
          `${fmt(s.rows['best fixed'])} (${s.settings['best fixed']!.kind} ${s.settings['best fixed']!.amount})`,
          ...extra.map((k) => cell(s, k)),
        ]),
      ),
    );
    const verdicts = (['robust choice', 'clean choice'] as const).map((row) =>
      robustVerdict(summaries, row),
    );
    lines.push('');
    for (const vd of verdicts) {
      const notWorse = vd.worse.length === 0;
      const recovered = vd.helped.length === 0 || vd.recovery >= 0.6;
      lines.push(
        `${vd.label} on ${corruption}: target 1 (not worse than no noise beyond ` +
          `${-MARGIN.classification} points / ${-MARGIN.regression}% MSE): ` +
          `${notWorse ? 'met' : `NOT met on ${vd.worse.join(', ')}`}` +
          ` (mean beyond the margin: ${vd.meanWorse.length ? vd.meanWorse.join(', ') : 'none'}); ` +
          'target 2 (>= 60% of the best fixed gain where significant): ' +
          (vd.helped.length === 0
            ? 'no task where the best fixed setting beats no noise significantly'
            : `${(100 * vd.recovery).toFixed(0)}% over ${vd.helped.join(', ')} -> ` +
              `${recovered ? 'met' : 'NOT met'}`) +
          `; mean gain over tasks ${vd.meanGain >= 0 ? '+' : ''}${vd.meanGain.toFixed(2)}`,
      );
    }
    json[corruption] = { summaries, verdicts };
  }
  return { lines, json };
}

/**
 * Item 3 of #32 (what more repeats buy): the default rule on the first r repeats saved, for r in
 * 1, 2, 4, 8, 16 up to the fewest repeats any record holds (the folds and models of repeat r do
 * not depend on how many repeats were run, so one run at R repeats holds every r <= R); per r,
 * the tasks worse than no noise, the recovery of significant gains on clean test rows and (when
 * recorded) under the robustness search's corruption, and the false picks on null tasks.
 */
function repeatsLines(
  byTask: Map<string, RunRecord[]>,
  all: readonly RunRecord[],
  defaultRule: RuleSpec,
): string[] {
  const saved = Math.min(...all.map((r) => r.repeats));
  const sweep = [1, 2, 4, 8, 16].filter((r) => r <= saved);
  if (sweep.length < 2) return [];
  // The robust choice is judged on test rows corrupted as its CV rows were (gauss <stddev>).
  const cvNoise = all[0]!.robustness?.stddev;
  const robust = all.every(hasRobustness)
    ? corruptionsOf(all[0]!).find((c) => c === `gauss ${cvNoise}`)
    : undefined;
  const nulls = all.filter((r) => isNullTask(r.task));
  const pct = (v: number) => (Number.isNaN(v) ? '-' : `${(100 * v).toFixed(0)}%`);
  const rows = sweep.map((repeats) => {
    const rule: RuleSpec = { ...defaultRule, repeats, label: `${repeats} repeats` };
    const clean = verdict(byTask, rule);
    const row = [
      String(repeats),
      clean.worse.length ? clean.worse.join(', ') : 'none',
      `${pct(clean.recovery)} of ${clean.helped.length}`,
    ];
    if (robust !== undefined) {
      const summaries = [...byTask.values()].map((r) => summarizeRobust(r, rule, robust));
      const rv = robustVerdict(summaries, 'robust choice');
      row.push(
        rv.worse.length ? rv.worse.join(', ') : 'none',
        `${pct(rv.recovery)} of ${rv.helped.length}`,
      );
    }
    if (nulls.length > 0) {
      const f = falsePicks(nulls, rule);
      row.push(
        `${f.picks} of ${f.runs} (${(100 * f.rate).toFixed(1)}% [${(100 * f.low).toFixed(1)}, ${(100 * f.high).toFixed(1)}])`,
      );
    }
    return row;
  });
  const header = ['repeats', 'tasks worse (clean)', 'recovery (clean)'];
  if (robust !== undefined) header.push(`tasks worse (robust, ${robust})`, 'recovery (robust)');
  if (nulls.length > 0) header.push('false picks on null tasks [95%]');
  return [
    '',
    `What repeats buy: the default rule on the first r of the ${saved} repeats saved (same folds ` +
      'and models; "auto" above gives each table its own r):',
    ...table(header, rows),
  ];
}

function picks(s: TaskSummary): string {
  return Object.entries(s.choices)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k.replace(':', ' ')} x${n}`)
    .join(', ');
}

function targetLines(d: RuleVerdict, summaries: TaskSummary[]): string[] {
  const notWorse = d.worse.length === 0;
  const recovered = d.helped.length === 0 || d.recovery >= 0.6;
  const lines = [
    `target 1 (choice not worse than no noise beyond ${-MARGIN.classification} points / ` +
      `${-MARGIN.regression}% MSE on any task): ${notWorse ? 'met' : `NOT met on ${d.worse.join(', ')}`}`,
    `target 2 (>= 60% of the best fixed gain where it is significant): ` +
      (d.helped.length === 0
        ? 'no task where the best fixed setting beats no noise significantly'
        : `${(100 * d.recovery).toFixed(0)}% over ${d.helped.join(', ')} -> ${recovered ? 'met' : 'NOT met'}`),
  ];
  void summaries;
  return lines;
}

async function plot(summaries: TaskSummary[]): Promise<string> {
  const labels = ['choice', 'best fixed', 'early stopping', 'early stopping + choice'];
  const values = summaries.flatMap((s) =>
    // Rows a record does not hold (--lean: no early stopping) are left out.
    [...labels, ...Object.keys(s.rows).filter((k) => /^(dropout|l2) /.test(k))]
      .filter((label) => s.rows[label] !== undefined)
      .map((label) => ({
        task: `${s.task} (${s.type === 'classification' ? 'acc. pts' : '% MSE'})`,
        label,
        mean: s.rows[label]!.mean,
        low: s.rows[label]!.low,
        high: s.rows[label]!.high,
      })),
  );
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Gain over no noise on the test set (mean over seeds, 95% t-interval)',
    data: { values },
    facet: { row: { field: 'task', type: 'nominal', title: null } },
    spec: {
      width: 420,
      height: 110,
      layer: [
        {
          mark: { type: 'rule' },
          encoding: {
            y: { field: 'label', type: 'nominal', title: null, sort: null },
            x: { field: 'low', type: 'quantitative', title: 'gain over no noise' },
            x2: { field: 'high' },
          },
        },
        {
          mark: { type: 'point', filled: true },
          encoding: {
            y: { field: 'label', type: 'nominal', sort: null },
            x: { field: 'mean', type: 'quantitative' },
            color: { field: 'label', type: 'nominal', legend: null },
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { x: { datum: 0 } } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
