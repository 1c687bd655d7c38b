/**
 * Command-line flags of tfjs-noise-tune, parsed with `node:util`'s parseArgs.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { kindsHelp } from '../model/kinds_help';
import { defaultBackend } from '../run/backends';
import { BACKENDS, type BackendName } from '../run/job';
import { PROGRESS_MODES, type ProgressMode } from '../run/progress';
import { MAX_ROBUSTNESS_STDDEV } from '../search/robustness';
import { METRICS, type MetricName } from '../train/metrics';
import { TASKS, type Task } from '../types';
import { UsageError } from './usage_error';

/** The help of --kinds and --amounts, from the kind registry. */
const KINDS_HELP = kindsHelp();

/** The usage text printed by `--help`. */
export const USAGE = `Usage: tfjs-noise-tune data.csv --target <column> [options]
       tfjs-noise-tune predict <dir> <rows.csv> [--out predictions.csv]   (see predict --help)
       tfjs-noise-tune images <dir> [options]   (a folder of class folders of images; see images --help)

Chooses the noise of a tfjs-noise MLP by k-fold cross-validation (Holmstrom and Koistinen, 1992):
standardizes the features, cross-validates every noise kind x amount, prints the table and writes
<out>/results.json, <out>/cv_score.svg and <out>/standardizer.json.

Options:
  --target <column>          target column (required)
  --features <list>          feature columns to use (default: every column but the target)
  --ignore <list>            columns to leave out (an id or a name column, say)
  --categorical <list>       feature columns to one-hot encode although their values are
                             numbers (codes). Text columns are one-hot encoded anyway: one 0/1
                             input per category (at most 50), a missing value its own category;
                             not standardized, no input noise, left clean by --robustness
  --task <task>              classification | regression (default: inferred from the target)
  --skip-missing             leave out rows whose target is empty, NA, N/A, NaN or null (their
                             count is printed); without it such a row is an error. Rows with a
                             missing feature value are always left out, and counted in the report
  --folds <k>                folds of cross-validation (default 5)
  --repeats <r>              repeats of k-fold cross-validation, or auto (the default): from the
                             table's size, 4 for 40 rows x 100 epochs, 8 for 20 rows, 2 from 80
${KINDS_HELP}
  --metric <metric>          what matters to you: accuracy (right answers; default for
                             classification) | logLoss | brier (predicted probabilities) | mse
                             (regression). The choice must improve it and never lose in it
  --criterion <metric>       the paired test's metric beside --metric (default: logLoss for
                             accuracy, else the metric itself)
  --peers <list>             plain regularizers measured on the same folds and compared in the
                             verdict, never recommended, as kind:amount (default l2:0.01,dropout:0.2;
                             none to skip)
  --level <a>                the chance, when no setting truly helps, that noise is recommended
                             anyway, whatever the number of settings (rule max-t; default 0.05)
  --rule <rule>              max-t | paired | best-mean (default max-t; paired: a gain beyond
                             --threshold standard errors in the metric or the criterion, with no
                             control of the number of settings; best-mean: the largest mean)
  --threshold <z>            standard errors of the rule paired (default 1)
  --early-stopping <f>       early stopping on a validation share f of each training set
                             (patience 10 epochs); default off
  --robustness <std>         choose for robustness to noisy inputs: every fold's model is also
                             scored on its held-out rows with Gaussian noise of this stddev (in
                             standardized units, at most 1000) added; the table shows both
                             scores, and the choice and the verdict use the noisy one. Training
                             is unchanged
  --robustness-missing <f>   also (or instead, without --robustness) replace a share f in (0, 1)
                             of the held-out input values by the training mean (missing sensors)
  --robustness-draws <n>     corrupted copies of each fold's held-out rows, scored together
                             (default 32: one copy's chance hides gains on small folds)
  --save <dir>               train the recommended setting on all rows and write the folder
                             <dir> (replaced whole): <dir>/model (with noise layers) and
                             <dir>/plain (stripNoise copy, plain tfjs); both take raw rows
                             (standardization inside) and answer in the target's units, with
                             columns, categories and classes in their metadata
  --epochs <n>               training epochs per model (default 100)
  --batch-size <n>           batch size (default: full batch)
  --hidden <n>               hidden units of the MLP (default 64)
  --learning-rate <x>        Adam learning rate (default 0.01)
  --seed <s>                 seed of the folds and models (default 0)
  --workers <n>              worker threads, 0 = in-process (default min(2, cores))
  --backend <name>           wasm | cpu (default wasm if @tensorflow/tfjs-backend-wasm, an
                             optional peer dependency, is installed; else cpu)
  --progress <mode>          auto | bar | log | none (default auto)
  --out <dir>                report directory (default report)
  -h, --help                 show this help
  --version                  print the version and exit

Exit codes: 0 done, 1 the search failed, 2 bad arguments or data, 130 interrupted (Ctrl-C;
SIGHUP 129, SIGTERM 143: stopped the same way, nothing saved).`;

/** The parsed flags (see {@link USAGE}); `help: true` alone when -h/--help was given. */
export interface CliArgs {
  /** CSV file. */
  file: string;
  /** --target: the column to predict. */
  target: string;
  /** --features: the feature columns, or null for every column but the target. */
  features: string[] | null;
  /** --ignore: columns left out, or an empty list. */
  ignore: string[];
  /** --categorical: columns one-hot encoded although numeric, or an empty list. */
  categorical: string[];
  /** --task, or undefined to infer it from the target column. */
  task: Task | undefined;
  /** --skip-missing: leave out rows with a missing target. */
  skipMissing: boolean;
  /** --folds. */
  folds: number;
  /** --repeats: a number, or 'auto' (the default). */
  repeats: number | 'auto';
  /** --kinds, or null when not given (the default list is used). */
  kinds: string[] | null;
  /** --amounts, or null when not given (each kind's default amounts are used). */
  amounts: number[] | null;
  /** --metric, or undefined for the task's default. */
  metric: string | undefined;
  /** --criterion, or undefined for the metric's default. */
  criterion: string | undefined;
  /** --peers: kind and amount of each peer, or null for the default peers ([] for none). */
  peers: { kind: string; amount: number }[] | null;
  /** --threshold. */
  threshold: number | undefined;
  /** --rule. */
  rule: 'max-t' | 'paired' | 'best-mean' | undefined;
  /** --level. */
  level: number | undefined;
  /** --early-stopping: the validation share, or undefined. */
  earlyStopping: number | undefined;
  /** --robustness: stddev of the noise on the held-out inputs the choice is made on, or undefined. */
  robustness: number | undefined;
  /** --robustness-missing: share of held-out input values set to the training mean, or undefined. */
  robustnessMissing: number | undefined;
  /** --robustness-draws: corrupted copies of each fold's held-out rows, or undefined (default). */
  robustnessDraws: number | undefined;
  /** --save: where the final model is written, or undefined. */
  save: string | undefined;
  /** --epochs. */
  epochs: number;
  /** --batch-size, or undefined for full batch. */
  batchSize: number | undefined;
  /** --hidden: hidden units of the MLP. */
  hidden: number;
  /** --learning-rate of Adam. */
  learningRate: number;
  /** --seed. */
  seed: number;
  /** --workers (0: in-process). */
  workers: number;
  /** --backend. */
  backend: BackendName;
  /** --progress. */
  progress: ProgressMode;
  /** --out: the report directory. */
  out: string;
  /** -h / --help. */
  help: boolean;
  /** --version. */
  version: boolean;
}

/** Every metric name, of either task (from `METRICS`). */
const METRIC_NAMES: readonly MetricName[] = [...METRICS.classification, ...METRICS.regression];

/**
 * Flags that take a value. A value that starts with '-' (a negative number: `--seed -1`) is
 * joined to its flag (`--seed=-1`) before parsing, so that it is read as the value (and
 * checked), not as an unknown flag.
 */
const VALUE_FLAGS = new Set([
  'target',
  'features',
  'ignore',
  'categorical',
  'task',
  'folds',
  'repeats',
  'kinds',
  'amounts',
  'epochs',
  'batch-size',
  'hidden',
  'learning-rate',
  'seed',
  'workers',
  'backend',
  'progress',
  'out',
  'metric',
  'criterion',
  'peers',
  'threshold',
  'rule',
  'level',
  'early-stopping',
  'save',
  'robustness',
  'robustness-missing',
  'robustness-draws',
]);

/** `--flag -1` becomes `--flag=-1` for the flags that take a value (see {@link VALUE_FLAGS}). */
export function joinNegativeValues(
  argv: string[],
  valueFlags: ReadonlySet<string> = VALUE_FLAGS,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const flag = /^--([a-z-]+)$/.exec(a)?.[1];
    if (flag && valueFlags.has(flag) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/** Parses argv (without node and the script); throws {@link UsageError} on a bad flag. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(joinNegativeValues(argv));
  } catch (err) {
    const e = err as Error & { code?: string };
    const unknown = /^Unknown option '([^']*)'/.exec(e.message);
    throw new UsageError(
      e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown
        ? `unknown option '${unknown[1]}' (see --help).`
        : (e.message.split('\n')[0] as string),
    );
  }
  const v = parsed.values;
  if (v.help) return { help: true } as CliArgs;
  if (v.version) return { version: true, help: false } as CliArgs;
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? 'missing the CSV file (usage: tfjs-noise-tune data.csv --target <column>).'
        : `expected one CSV file, but got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}.`,
    );
  }
  if (v.target === undefined || v.target === '') {
    throw new UsageError('missing --target <column> (the column to predict).');
  }
  return {
    file: parsed.positionals[0] as string,
    target: v.target,
    features: v.features === undefined ? null : list('--features', v.features),
    ignore: v.ignore === undefined ? [] : list('--ignore', v.ignore),
    categorical: v.categorical === undefined ? [] : list('--categorical', v.categorical),
    task: v.task === undefined ? undefined : oneOf('--task', v.task, TASKS),
    skipMissing: v['skip-missing'] === true,
    folds: int('--folds', v.folds, 5, 2),
    repeats:
      v.repeats === undefined || v.repeats === 'auto' ? 'auto' : int('--repeats', v.repeats, 2, 1),
    kinds: v.kinds === undefined ? null : list('--kinds', v.kinds),
    amounts:
      v.amounts === undefined
        ? null
        : list('--amounts', v.amounts).map((a) => {
            const n = Number(a);
            if (!DECIMAL.test(a) || !Number.isFinite(n) || n < 0) {
              throw new UsageError(`--amounts must be decimal numbers >= 0, but got '${a}'.`);
            }
            return n;
          }),
    metric: v.metric === undefined ? undefined : oneOf('--metric', v.metric, METRIC_NAMES),
    criterion:
      v.criterion === undefined ? undefined : oneOf('--criterion', v.criterion, METRIC_NAMES),
    peers: v.peers === undefined ? null : peerList(v.peers),
    threshold: v.threshold === undefined ? undefined : nonNegative('--threshold', v.threshold),
    rule:
      v.rule === undefined
        ? undefined
        : oneOf('--rule', v.rule, ['max-t', 'paired', 'best-mean'] as const),
    level: v.level === undefined ? undefined : level(v.level),
    earlyStopping:
      v['early-stopping'] === undefined
        ? undefined
        : fraction('--early-stopping', v['early-stopping']),
    robustness:
      v.robustness === undefined ? undefined : robustnessStddev('--robustness', v.robustness),
    robustnessMissing:
      v['robustness-missing'] === undefined
        ? undefined
        : share('--robustness-missing', v['robustness-missing']),
    robustnessDraws:
      v['robustness-draws'] === undefined
        ? undefined
        : int('--robustness-draws', v['robustness-draws'], 1, 1),
    save: v.save === undefined ? undefined : nonEmpty('--save', v.save),
    epochs: int('--epochs', v.epochs, 100, 1),
    batchSize:
      v['batch-size'] === undefined ? undefined : int('--batch-size', v['batch-size'], 0, 1),
    hidden: int('--hidden', v.hidden, 64, 1),
    learningRate: positive('--learning-rate', v['learning-rate'], 0.01),
    seed: int('--seed', v.seed, 0, Number.MIN_SAFE_INTEGER),
    workers: int('--workers', v.workers, Math.min(2, availableParallelism()), 0),
    backend: oneOf('--backend', v.backend ?? defaultBackend(), BACKENDS),
    progress: oneOf('--progress', v.progress ?? 'auto', PROGRESS_MODES),
    out: v.out === undefined ? 'report' : nonEmpty('--out', v.out),
    help: false,
    version: false,
  };
}

/** `--peers l2:0.01,dropout:0.2` (or `none`). */
export function peerList(value: string): { kind: string; amount: number }[] {
  if (value.trim() === 'none') return [];
  return list('--peers', value).map((item) => {
    const m = /^([a-z0-9][a-z0-9-]*):(.+)$/i.exec(item);
    const amount = m ? Number(m[2]) : Number.NaN;
    if (!m || !DECIMAL.test(m[2]!) || !Number.isFinite(amount) || amount <= 0) {
      throw new UsageError(
        `--peers must be kind:amount items with amounts > 0 (for example l2:0.01,dropout:0.2) or none, but got '${item}'.`,
      );
    }
    return { kind: m[1]!, amount };
  });
}

function parse(argv: string[]) {
  const string = { type: 'string' } as const;
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: string,
      task: string,
      folds: string,
      repeats: string,
      kinds: string,
      amounts: string,
      epochs: string,
      'batch-size': string,
      hidden: string,
      'learning-rate': string,
      seed: string,
      workers: string,
      backend: string,
      progress: string,
      out: string,
      metric: string,
      criterion: string,
      peers: string,
      features: string,
      ignore: string,
      categorical: string,
      threshold: string,
      rule: string,
      level: string,
      'early-stopping': string,
      save: string,
      robustness: string,
      'robustness-missing': string,
      'robustness-draws': string,
      'skip-missing': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}

/** A plain decimal integer, optionally signed (no hex, binary, octal, exponent or spaces). */
const INTEGER = /^[+-]?\d+$/;

export function int(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!INTEGER.test(value) || !Number.isSafeInteger(n) || n < min) {
    const what =
      min === Number.MIN_SAFE_INTEGER
        ? `an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`
        : `an integer >= ${min}`;
    throw new UsageError(`${flag} must be ${what}, but got '${value}'.`);
  }
  return n;
}

/** A plain decimal number (no hex, binary, octal or `Infinity`). */
const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** --level: a decimal number > 0 and < 0.5. */
export function level(value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value) || !(n > 0 && n < 0.5)) {
    throw new UsageError(`--level must be a number > 0 and < 0.5 (e.g. 0.05), but got '${value}'.`);
  }
  return n;
}

export function nonNegative(flag: string, value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${flag} must be a number >= 0, but got '${value}'.`);
  }
  return n;
}

/** A finite decimal number > 0 (no `Infinity`, no hex). */
function positiveDecimal(flag: string, value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a finite number > 0, but got '${value}'.`);
  }
  return n;
}

/** The stddev of --robustness: a finite decimal in (0, MAX_ROBUSTNESS_STDDEV]. */
export function robustnessStddev(flag: string, value: string): number {
  const n = positiveDecimal(flag, value);
  if (n > MAX_ROBUSTNESS_STDDEV) {
    throw new UsageError(
      `${flag} must be at most ${MAX_ROBUSTNESS_STDDEV} (standardized units), but got '${value}'.`,
    );
  }
  return n;
}

/** A decimal number in (0, 1). */
export function share(flag: string, value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !(n > 0 && n < 1)) {
    throw new UsageError(`${flag} must be a number in (0, 1), but got '${value}'.`);
  }
  return n;
}

function fraction(flag: string, value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !(n > 0 && n <= 0.5)) {
    throw new UsageError(`${flag} must be a number in (0, 0.5], but got '${value}'.`);
  }
  return n;
}

export function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} must be a folder path, but got ''.`);
  return value;
}

export function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a number > 0, but got '${value}'.`);
  }
  return n;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, but got '${value}'.`);
  }
  return value as T;
}

export function list(flag: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) {
    throw new UsageError(`${flag} must be a comma-separated list, but got '${value}'.`);
  }
  if (new Set(items).size !== items.length) {
    throw new UsageError(`${flag} lists a value twice: '${value}'.`);
  }
  return items;
}
