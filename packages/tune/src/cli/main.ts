/**
 * tfjs-noise-tune: read a CSV, standardize, cross-validate the noise grid, print the table and
 * write the report. Returns the exit code instead of exiting, so it can be tested in-process.
 */
// Only light modules here: bad flags and bad files are reported before tfjs is loaded.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Standardizer } from '../data/standardize';
import {
  DEFAULT_AMOUNTS,
  DEFAULT_KINDS,
  DEFAULT_PEERS,
  MLP_KINDS,
  type MlpKind,
} from '../model/kinds';
import { hasWasm, wasmMissing } from '../run/backends';
import { autoRepeats } from '../search/check_options';
import { MAX_GRID_SETTINGS } from '../search/grid_limit';
import { earlyStoppingShortfall } from '../train/early_stopping';
import { METRICS } from '../train/metrics';
import type { Task } from '../types';
import { version } from '../version';
import { type CliArgs, parseCliArgs, USAGE } from './args';
import { type CsvDataset, readCsv, toDataset } from './csv';
import { checkSaveTarget } from './save_target';
import { UsageError } from './usage_error';

/** Where the CLI writes. */
export interface CliIo {
  /** Results (the table): one call per line. */
  out: (line: string) => void;
  /** Errors and notes: one call per line. */
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI on `argv` (the arguments after the program name); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const oneLine = (e: unknown) => String((e as Error)?.message ?? e).replace(/\s*\n\s*/g, ' ');
  let args: CliArgs;
  let dataset: CsvDataset;
  let kinds: string[];
  if (argv[0] === 'predict') {
    const { predictMain } = await import('./predict');
    return predictMain(argv.slice(1), io);
  }
  if (argv[0] === 'images') {
    const { imagesMain } = await import('./images');
    return imagesMain(argv.slice(1), io);
  }
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      for (const line of USAGE.split('\n')) io.out(line);
      return 0;
    }
    if (args.version) {
      io.out(`tfjs-noise-tune ${version}`);
      return 0;
    }
    for (const k of [...(args.kinds ?? []), ...(args.peers ?? []).map((p) => p.kind)]) {
      if (!(MLP_KINDS as readonly string[]).includes(k)) {
        const flag = args.kinds?.includes(k) ? '--kinds' : '--peers';
        throw new UsageError(
          `${flag}: unknown noise kind '${k}' (kinds: ${MLP_KINDS.join(', ')}).`,
        );
      }
    }
    checkGridSize(args.kinds ?? DEFAULT_KINDS, args.amounts);
    if (args.backend === 'wasm' && !hasWasm()) throw new UsageError(wasmMissing('--backend wasm'));
    checkWritable('--out', args.out);
    if (args.save !== undefined) checkSaveTarget(args.save, args.out);
    dataset = toDataset(readCsv(args.file), args.target, args.task, args.file, {
      skipMissing: args.skipMissing,
      features: args.features,
      ignore: args.ignore,
      categorical: args.categorical,
    });
    if (dataset.skipped.length > 0) {
      io.err(`tfjs-noise-tune: note: ${skippedNote(dataset.skipped, args.target)}`);
    }
    if (dataset.missingFeatures.length > 0) {
      io.err(`tfjs-noise-tune: note: ${missingFeatureNote(dataset.missingFeatures)}`);
    }
    checkMetric('--metric', args.metric, dataset.task);
    checkMetric('--criterion', args.criterion, dataset.task);
    if (dataset.x.length < args.folds) {
      throw new UsageError(
        `${args.file} has ${dataset.x.length} data rows, fewer than --folds ${args.folds}.`,
      );
    }
    if (args.earlyStopping !== undefined) checkEarlyStoppingRows(args, dataset.x.length);
    if (args.save !== undefined) checkFloat32(dataset);
    kinds = args.kinds ?? [...DEFAULT_KINDS];
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tfjs-noise-tune: error: ${oneLine(err)}`);
      return 2;
    }
    throw err;
  }
  return stoppable(io, (signal) => run(argv, args, dataset, kinds, signal, io));
}

/**
 * Runs `work` with an abort signal that Ctrl-C (and SIGTERM, SIGHUP) fires; resolves to its exit
 * code, 128 + the signal's number when it was stopped, 1 when it failed (the error printed).
 */
export async function stoppable(
  io: CliIo,
  work: (signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const oneLine = (e: unknown) => String((e as Error)?.message ?? e).replace(/\s*\n\s*/g, ' ');
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.once(s, onSignal);
  try {
    return await work(controller.signal);
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') {
      const signal = received ?? 'SIGINT';
      io.err(`tfjs-noise-tune: interrupted${signal === 'SIGINT' ? '' : ` (${signal})`}.`);
      return 128 + STOP_SIGNAL_NUMBERS[signal as (typeof STOP_SIGNALS)[number]];
    }
    io.err(`tfjs-noise-tune: error: ${oneLine(err)}`);
    return 1;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

/**
 * The signals that stop a run the way Ctrl-C does: the search and the final fit are cancelled,
 * nothing is saved, and the exit code is 128 + the signal's number (130 for SIGINT).
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const STOP_SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/** --early-stopping on folds whose training part cannot be split is a usage error. */
function checkEarlyStoppingRows(args: CliArgs, rows: number): void {
  const short = earlyStoppingShortfall(rows, args.folds);
  if (short === null) return;
  throw new UsageError(
    `--early-stopping needs at least 2 training rows in every fold (1 to fit, 1 to validate), ` +
      `but ${args.file} has ${rows} data rows and with --folds ${args.folds} a fold trains on ` +
      `${short.smallest} row${short.smallest === 1 ? '' : 's'}: give at least ${short.needed} ` +
      'data rows, or leave out --early-stopping.',
  );
}

/** The largest float32 and its smallest normal magnitude. */
const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * `--save` puts the standardization (and a regression target's scale) into the model as float32
 * weights and the model takes raw values: a column (or target) whose values, scale or
 * coefficients are beyond float32 is a usage error before the search, naming it.
 */
function checkFloat32(d: CsvDataset): void {
  const s = Standardizer.fit(d.x, { skip: d.categorical });
  const fits = (v: number) => Math.abs(v) <= FLOAT32_MAX;
  const why = (column: string, value: number) =>
    new UsageError(
      `--save: ${column} has values near ${value.toExponential(2)}, beyond float32 (3.4e38 ` +
        'and 1.2e-38), in which the saved model takes raw values: rescale it (other units) or ' +
        'leave out --save.',
    );
  for (let j = 0; j < s.features; j++) {
    const std = s.std[j]!;
    const max = d.x.reduce((m, r) => Math.max(m, Math.abs(r[j]!)), 0);
    const bad =
      !fits(max) ||
      !fits(std) ||
      1 / std < FLOAT32_MIN_NORMAL ||
      !fits(1 / std) ||
      !fits(s.mean[j]! / std);
    if (bad) throw why(`column '${d.inputs[j]}'`, fits(max) ? std : max);
  }
  if (d.task === 'regression') {
    const t = Standardizer.fit(d.y.map((v) => [v]));
    const max = d.y.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (!fits(max) || t.std[0]! < FLOAT32_MIN_NORMAL) throw why('the target', max);
  }
}

/** How many names of a list the header shows before "and N more". */
const NAMES_SHOWN = 8;

/** `names` joined by commas, the first {@link NAMES_SHOWN} and a count of the rest if longer. */
function nameList(names: readonly string[]): string {
  if (names.length <= NAMES_SHOWN + 1) return names.join(', ');
  return `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`;
}

/** --kinds x --amounts beyond MAX_GRID_SETTINGS is a usage error (before tfjs is loaded). */
export function checkGridSize(kinds: readonly string[], amounts: number[] | null): void {
  const n = kinds.length * (amounts?.length ?? 0);
  if (n > MAX_GRID_SETTINGS) {
    throw new UsageError(
      `--kinds x --amounts gives ${n} settings (${kinds.length} kinds x ${amounts!.length} ` +
        `amounts), more than the limit of ${MAX_GRID_SETTINGS}; split the search into several.`,
    );
  }
}

/** Fails before the search if `path` cannot become a folder we write into. */
export function checkWritable(flag: string, path: string): void {
  let p = resolve(path);
  if (existsSync(p) && !statSync(p).isDirectory()) {
    throw new UsageError(`${flag} ${path} is a file, not a folder.`);
  }
  while (!existsSync(p)) p = dirname(p);
  if (!statSync(p).isDirectory()) {
    throw new UsageError(`${flag} ${path} cannot be created: ${p} is a file.`);
  }
  try {
    accessSync(p, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path} cannot be written (no permission on ${p}).`);
  }
}

/** The note of --skip-missing: how many rows were left out, and the first of their lines. */
function skippedNote(lines: number[], target: string): string {
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', ...' : '');
  const [rows, at] = lines.length === 1 ? ['row', 'line'] : ['rows', 'lines'];
  return `skipped ${lines.length} ${rows} with a missing target '${target}' (${at} ${shown}).`;
}

/** The note for rows left out because a feature value was missing. */
function missingFeatureNote(lines: number[]): string {
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', ...' : '');
  const [rows, at] = lines.length === 1 ? ['row', 'line'] : ['rows', 'lines'];
  return `left out ${lines.length} ${rows} with a missing feature value (${at} ${shown}).`;
}

function checkMetric(flag: string, metric: string | undefined, task: Task): void {
  if (metric === undefined) return;
  const allowed: readonly string[] = METRICS[task];
  if (!allowed.includes(metric)) {
    throw new UsageError(
      `${flag} ${metric} does not apply to ${task} (use ${allowed.join(' or ')}).`,
    );
  }
}

/** The grid: --kinds x --amounts, or each kind with its default amounts. */
function gridOf(kinds: string[], amounts: number[] | null) {
  if (amounts !== null) return { kinds, amounts };
  return kinds.flatMap((kind) =>
    DEFAULT_AMOUNTS[kind as MlpKind].map((amount) => ({ kind, amount })),
  );
}

async function run(
  argv: string[],
  args: CliArgs,
  dataset: CsvDataset,
  kinds: string[],
  signal: AbortSignal,
  io: CliIo,
): Promise<number> {
  const [
    { MLP_BUILDER },
    { searchNoise },
    { formatTable },
    { writeReport },
    { saveFinal, tabularMetadata },
  ] = await Promise.all([
    import('../model/mlp'),
    import('../search/search'),
    import('../search/table'),
    import('./report'),
    import('./save'),
  ]);
  const tf = await import('@tensorflow/tfjs-core');
  // tfjs's "install tfjs-node" banner would otherwise interleave with the table.
  tf.env().set('PROD', true);
  // In-process (the search with --workers 0, or the final fit of --save), training needs the
  // gradients and chained tensor methods that only the @tensorflow/tfjs bundle registers in
  // Node (a peer dependency; workers import it themselves).
  if (args.workers === 0 || args.save !== undefined) await import('@tensorflow/tfjs');
  const standardizer = Standardizer.fit(dataset.x, {
    columns: dataset.inputs,
    skip: dataset.categorical,
  });
  io.out(describe(args, dataset, kinds));
  const options = {
    task: dataset.task,
    grid: gridOf(kinds, args.amounts),
    builder: MLP_BUILDER,
    builderOptions: { hiddenUnits: args.hidden, learningRate: args.learningRate },
    // The search puts a regression target in standard units (result.searched.targetScale).
    ...(dataset.task === 'regression' && { scaleTarget: true }),
    ...(dataset.categorical.length > 0 && { categorical: dataset.categorical }),
    ...(args.metric !== undefined && { metric: args.metric as 'brier' }),
    ...(args.criterion !== undefined && { criterion: args.criterion as 'brier' }),
    peers: args.peers ?? DEFAULT_PEERS.map((p) => ({ ...p })),
    ...(dataset.classes && { classNames: dataset.classes }),
    ...(args.threshold !== undefined && { threshold: args.threshold }),
    ...(args.rule !== undefined && { rule: args.rule }),
    ...(args.level !== undefined && { level: args.level }),
    ...(args.earlyStopping !== undefined && {
      earlyStopping: { validationFraction: args.earlyStopping, patience: 10 },
    }),
    ...((args.robustness !== undefined || args.robustnessMissing !== undefined) && {
      robustness: {
        ...(args.robustness !== undefined && { stddev: args.robustness }),
        ...(args.robustnessMissing !== undefined && { missing: args.robustnessMissing }),
        ...(args.robustnessDraws !== undefined && { draws: args.robustnessDraws }),
      },
    }),
  };
  const result = await searchNoise(
    { x: dataset.x, y: dataset.y },
    {
      ...options,
      folds: args.folds,
      repeats: args.repeats,
      epochs: args.epochs,
      ...(args.batchSize !== undefined && { batchSize: args.batchSize }),
      seed: args.seed,
      workers: args.workers,
      backend: args.backend,
      progress: args.progress,
      signal,
    },
  );
  // The table, then the verdict (a headline and short lines), printed once.
  for (const line of formatTable(result, { classNames: dataset.classes })) io.out(line);
  const targetScale = result.searched.targetScale;
  const files = await writeReport(args.out, {
    argv,
    args,
    dataset,
    kinds,
    standardizer,
    targetScale,
    result,
  });
  io.out(`wrote ${files.join(', ')} (${result.seconds.toFixed(1)} s)`);
  if (args.save !== undefined) {
    const saved = await saveFinal(args.save, {
      data: { x: dataset.x, y: dataset.y },
      rows: dataset.x,
      result,
      backend: args.backend,
      metadata: (setting) =>
        tabularMetadata(dataset, args.target, setting, result.recommendation.sentence),
      signal,
    });
    io.out(
      `saved the final model (${saved.setting}, trained on all ${dataset.x.length} rows): ${saved.files.join(', ')}`,
    );
  }
  return 0;
}

/**
 * `; one-hot encoded: Island (3 categories), Sex (3 categories, one for missing values): 10
 * inputs`, or nothing without categorical columns.
 */
function encodingWords(d: CsvDataset): string {
  const encoded = d.columns.flatMap((c) =>
    c.kind === 'categorical'
      ? [
          `${c.name} (${c.categories.length} categories${c.categories.includes(null) ? ', one for missing values' : ''})`,
        ]
      : [],
  );
  if (encoded.length === 0) return '';
  return `; one-hot encoded: ${nameList(encoded)}: ${d.inputs.length} inputs`;
}

/** The robustness flags in words (empty without them). */
function robustnessWords(args: CliArgs): string {
  const parts = [
    ...(args.robustness !== undefined ? [`input noise of ${args.robustness} std`] : []),
    ...(args.robustnessMissing !== undefined
      ? [`${+(100 * args.robustnessMissing).toFixed(2)}% of input values missing`]
      : []),
  ];
  if (parts.length === 0) return '';
  return ` Chosen for robustness: held-out rows also scored under ${parts.join(' and ')}.`;
}

/** ` x 4 repeats (auto: 40 rows x 100 epochs)`, ` x 3 repeats`, or nothing for one. */
function repeatsWords(args: CliArgs, rows: number): string {
  if (args.repeats !== 'auto') return args.repeats > 1 ? ` x ${args.repeats} repeats` : '';
  const r = autoRepeats(rows, args.epochs);
  return ` x ${r} repeats (auto: ${rows} rows x ${args.epochs} epochs)`;
}

function describe(args: CliArgs, d: CsvDataset, kinds: string[]): string {
  const task =
    d.task === 'classification'
      ? `classification, ${d.classes!.length} classes: ${nameList(d.classes!)}`
      : 'regression, standardized target';
  const metric =
    args.metric ??
    `${d.task === 'classification' ? 'accuracy' : 'mse'} (the default for ${d.task}; set --metric to change)`;
  const peers = (args.peers ?? DEFAULT_PEERS).map((p) => `${p.kind} ${p.amount}`).join(', ');
  return (
    `${args.file}: ${d.x.length} rows, ${d.features.length} features (${nameList(d.features)})${encodingWords(d)}; target '${args.target}' ` +
    `(${task}${d.inferred ? '; task inferred, set --task to override' : ''}). ` +
    `Metric: ${metric}. Compared with: ${peers || 'no peers'}. ` +
    `${args.folds}-fold CV${repeatsWords(args, d.x.length)} of kinds ` +
    `${kinds.join(', ')} x amounts ${args.amounts?.join(', ') ?? "(each kind's defaults)"}` +
    `; MLP ${args.hidden} hidden units, ` +
    `Adam ${args.learningRate}, ${args.epochs} epochs; backend ${args.backend}, ` +
    `${args.workers === 0 ? 'in-process' : `${args.workers} workers`}; seed ${args.seed}.` +
    robustnessWords(args)
  );
}
