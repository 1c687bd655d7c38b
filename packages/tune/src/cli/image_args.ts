/**
 * Command-line flags of `tfjs-noise-tune images DIR`, parsed with `node:util`'s parseArgs and
 * checked with the table command's helpers (`args.ts`).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CONVNET_DEFAULT_PEERS,
  CONVNET_KIND_REGISTRY,
  CONVNET_KINDS,
  type ConvnetKind,
} from '../model/convnet_kinds';
import { defaultBackend } from '../run/backends';
import { BACKENDS, type BackendName } from '../run/job';
import { PROGRESS_MODES, type ProgressMode } from '../run/progress';
import { METRICS } from '../train/metrics';
import {
  int,
  joinNegativeValues,
  level,
  list,
  nonEmpty,
  nonNegative,
  oneOf,
  peerList,
  positive,
  robustnessStddev,
} from './args';
import { UsageError } from './usage_error';

/** The kinds `images` searches by default (see {@link IMAGE_DEFAULTS}). */
export const IMAGE_DEFAULT_KINDS: readonly ConvnetKind[] = ['input', 'correlated', 'weight'];

/**
 * The defaults of `images` that differ from the table command's, chosen so that the default
 * search on 100 images of 28x28 takes under 3 minutes on 2 cores (see the package README).
 */
export const IMAGE_DEFAULTS = {
  size: [28, 28] as [number, number],
  folds: 5,
  repeats: 1,
  epochs: 20,
  amounts: {
    input: [0.2, 0.4],
    correlated: [0.2, 0.4],
    'per-channel': [0.2, 0.4],
    snr: [14, 8],
    weight: [0.05, 0.1],
  } as Partial<Record<ConvnetKind, readonly number[]>>,
};

/** Which amounts a kind is searched with when --amounts is not given. */
export function imageAmounts(kind: ConvnetKind): readonly number[] {
  return IMAGE_DEFAULTS.amounts[kind] ?? CONVNET_KIND_REGISTRY[kind].defaults;
}

const noiseKinds = CONVNET_KINDS.filter((k) => CONVNET_KIND_REGISTRY[k].role === 'noise');
const peerKinds = CONVNET_KINDS.filter((k) => CONVNET_KIND_REGISTRY[k].role === 'peer');

/** The usage text of `images`. */
export const IMAGES_USAGE = `Usage: tfjs-noise-tune images <dir> [options]
       tfjs-noise-tune predict <save-dir> <images-dir> [--out predictions.csv]

Chooses the noise of a small convnet on a folder of images by k-fold cross-validation. <dir>
holds one folder per class (<dir>/<class>/), each with that class's PNG or JPEG files (as
Keras's image_dataset_from_directory reads them). Every image is decoded (pure JavaScript),
resized to --size (bilinear) and standardized per channel on the training folds; the search
cross-validates every noise kind x amount, prints the table and writes <out>/results.json,
<out>/cv_score.svg and <out>/standardizer.json.

The convnet: conv(8, 3x3) -> conv(16, 3x3) -> max-pool(2) -> dense(32) -> softmax, Adam.
Kinds: ${noiseKinds.join(', ')} (noise; amounts are stds in standardized units, snr an SNR in
dB where more dB is less noise, correlated noise has a correlation length of 2 pixels),
${peerKinds.join(', ')} (plain regularizers), none.

Options:
  --size <HxW>               height x width every image is resized to (default 28x28)
  --grayscale                one gray channel (default: RGB, 3 channels)
  --kinds <list>             noise kinds searched (default ${IMAGE_DEFAULT_KINDS.join(',')})
  --amounts <list>           amounts for every kind (default per kind: ${IMAGE_DEFAULT_KINDS.map((k) => `${k} ${imageAmounts(k).join(',')}`).join('; ')};
                             others ${noiseKinds
                               .filter((k) => !IMAGE_DEFAULT_KINDS.includes(k))
                               .map((k) => `${k} ${imageAmounts(k).join(',')}`)
                               .join('; ')}); no noise is always added
  --peers <list>             plain regularizers compared on the same folds, as kind:amount
                             (default ${CONVNET_DEFAULT_PEERS.map((p) => `${p.kind}:${p.amount}`).join(',')}; none to skip)
  --folds <k>                folds of cross-validation (default ${IMAGE_DEFAULTS.folds})
  --repeats <r>              repeats of k-fold cross-validation (default ${IMAGE_DEFAULTS.repeats})
  --epochs <n>               training epochs per model (default ${IMAGE_DEFAULTS.epochs})
  --batch-size <n>           batch size (default: full batch)
  --learning-rate <x>        Adam learning rate (default 0.01)
  --metric <metric>          accuracy | logLoss | brier (default accuracy)
  --criterion <metric>       the paired test's metric beside --metric (default logLoss)
  --level <a>                the rule max-t's risk of recommending noise when none helps (0.05)
  --rule <rule>              max-t | paired | best-mean (default max-t)
  --threshold <z>            standard errors of the rule paired (default 1)
  --robustness <std>         choose for robustness: every fold's model is also scored on its
                             held-out images with Gaussian pixel noise of this std (in
                             standardized units) added, and the choice uses those scores
  --robustness-correlation <l>
                             with --robustness: the noise is spatially correlated, blobs of
                             correlation length l pixels (default: i.i.d. per pixel)
  --robustness-draws <n>     corrupted copies of each held-out fold scored (default 32)
  --save <dir>               train the recommended setting on all images and write <dir>
                             (replaced whole): <dir>/model (noise layers) and <dir>/plain
                             (plain tfjs); both take [batch, H, W, C] pixels as decoded (0-255),
                             the rescaling and standardization inside, classes in the metadata
  --seed <s>                 seed of the folds and models (default 0)
  --workers <n>              worker threads, 0 = in-process (default min(2, cores))
  --backend <name>           wasm | cpu (default wasm if installed)
  --progress <mode>          auto | bar | log | none (default auto)
  --out <dir>                report directory (default report)
  -h, --help                 show this help

Exit codes: 0 done, 1 the search failed, 2 bad arguments or data, 130 interrupted.`;

/** The parsed flags of `images` (see {@link IMAGES_USAGE}). */
export interface ImageArgs {
  /** The folder of class folders. */
  dir: string;
  /** --size: height and width. */
  size: [number, number];
  /** --grayscale. */
  grayscale: boolean;
  /** --kinds (checked against the convnet's kinds). */
  kinds: ConvnetKind[];
  /** --amounts, or null for each kind's defaults. */
  amounts: number[] | null;
  /** --peers (default: the convnet's). */
  peers: { kind: string; amount: number }[];
  /** --folds. */
  folds: number;
  /** --repeats. */
  repeats: number;
  /** --epochs. */
  epochs: number;
  /** --batch-size, or undefined for full batch. */
  batchSize: number | undefined;
  /** --learning-rate. */
  learningRate: number;
  /** --metric. */
  metric: 'accuracy' | 'logLoss' | 'brier' | undefined;
  /** --criterion. */
  criterion: 'accuracy' | 'logLoss' | 'brier' | undefined;
  /** --level. */
  level: number | undefined;
  /** --rule. */
  rule: 'max-t' | 'paired' | 'best-mean' | undefined;
  /** --threshold. */
  threshold: number | undefined;
  /** --robustness. */
  robustness: number | undefined;
  /** --robustness-correlation. */
  robustnessCorrelation: number | undefined;
  /** --robustness-draws. */
  robustnessDraws: number | undefined;
  /** --save. */
  save: string | undefined;
  /** --seed. */
  seed: number;
  /** --workers. */
  workers: number;
  /** --backend. */
  backend: BackendName;
  /** --progress. */
  progress: ProgressMode;
  /** --out. */
  out: string;
  /** -h / --help. */
  help: boolean;
}

const VALUE_FLAGS = new Set([
  'size',
  'kinds',
  'amounts',
  'peers',
  'folds',
  'repeats',
  'epochs',
  'batch-size',
  'learning-rate',
  'metric',
  'criterion',
  'level',
  'rule',
  'threshold',
  'robustness',
  'robustness-correlation',
  'robustness-draws',
  'save',
  'seed',
  'workers',
  'backend',
  'progress',
  'out',
]);

/** `--size 28x28` (height x width, each in [1, 4096]). */
function sizeOf(value: string): [number, number] {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  const h = m ? Number(m[1]) : Number.NaN;
  const w = m ? Number(m[2]) : Number.NaN;
  if (!m || !(h >= 1 && h <= 4096 && w >= 1 && w <= 4096)) {
    throw new UsageError(
      `--size must be HxW (height x width in pixels, each 1 to 4096, e.g. 28x28), but got '${value}'.`,
    );
  }
  return [h, w];
}

/** Parses the arguments after `images`; throws {@link UsageError} on a bad flag. */
export function parseImageArgs(argv: string[]): ImageArgs {
  const string = { type: 'string' } as const;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, VALUE_FLAGS),
      allowPositionals: true,
      options: {
        ...Object.fromEntries([...VALUE_FLAGS].map((f) => [f, string])),
        grayscale: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    const unknown = /^Unknown option '([^']*)'/.exec((err as Error).message);
    throw new UsageError(
      unknown
        ? `unknown option '${unknown[1]}' (see images --help).`
        : ((err as Error).message.split('\n')[0] as string),
    );
  }
  const v = parsed.values as Record<string, string | undefined> & {
    grayscale?: boolean;
    help?: boolean;
  };
  if (v.help) return { help: true } as ImageArgs;
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? 'missing the folder of images (usage: tfjs-noise-tune images <dir>, <dir>/<class>/ holding each class).'
        : `expected one folder, but got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}.`,
    );
  }
  const kinds = v.kinds === undefined ? [...IMAGE_DEFAULT_KINDS] : list('--kinds', v.kinds);
  for (const k of kinds) {
    if (!(CONVNET_KINDS as readonly string[]).includes(k)) {
      throw new UsageError(
        `--kinds: unknown kind '${k}' (the convnet's kinds: ${CONVNET_KINDS.join(', ')}).`,
      );
    }
  }
  const peers =
    v.peers === undefined ? CONVNET_DEFAULT_PEERS.map((p) => ({ ...p })) : peerList(v.peers);
  for (const p of peers) {
    if (!(CONVNET_KINDS as readonly string[]).includes(p.kind)) {
      throw new UsageError(
        `--peers: unknown kind '${p.kind}' (the convnet's kinds: ${CONVNET_KINDS.join(', ')}).`,
      );
    }
  }
  const classification = METRICS.classification as readonly ('accuracy' | 'logLoss' | 'brier')[];
  const robustness =
    v.robustness === undefined ? undefined : robustnessStddev('--robustness', v.robustness);
  const correlation = v['robustness-correlation'];
  if (correlation !== undefined && robustness === undefined) {
    throw new UsageError(
      '--robustness-correlation needs --robustness <std> (the noise it shapes).',
    );
  }
  const robustnessCorrelation =
    correlation === undefined ? undefined : nonNegative('--robustness-correlation', correlation);
  if (
    robustnessCorrelation !== undefined &&
    !(robustnessCorrelation > 0 && robustnessCorrelation <= 64)
  ) {
    throw new UsageError(
      `--robustness-correlation must be a number in (0, 64] (pixels), but got '${correlation}'.`,
    );
  }
  return {
    dir: parsed.positionals[0]!,
    size: v.size === undefined ? IMAGE_DEFAULTS.size : sizeOf(v.size),
    grayscale: v.grayscale === true,
    kinds: kinds as ConvnetKind[],
    amounts:
      v.amounts === undefined
        ? null
        : list('--amounts', v.amounts).map((a) => nonNegative('--amounts', a)),
    peers,
    folds: int('--folds', v.folds, IMAGE_DEFAULTS.folds, 2),
    repeats: int('--repeats', v.repeats, IMAGE_DEFAULTS.repeats, 1),
    epochs: int('--epochs', v.epochs, IMAGE_DEFAULTS.epochs, 1),
    batchSize:
      v['batch-size'] === undefined ? undefined : int('--batch-size', v['batch-size'], 0, 1),
    learningRate: positive('--learning-rate', v['learning-rate'], 0.01),
    metric: v.metric === undefined ? undefined : oneOf('--metric', v.metric, classification),
    criterion:
      v.criterion === undefined ? undefined : oneOf('--criterion', v.criterion, classification),
    level: v.level === undefined ? undefined : level(v.level),
    rule:
      v.rule === undefined
        ? undefined
        : oneOf('--rule', v.rule, ['max-t', 'paired', 'best-mean'] as const),
    threshold: v.threshold === undefined ? undefined : nonNegative('--threshold', v.threshold),
    robustness,
    robustnessCorrelation,
    robustnessDraws:
      v['robustness-draws'] === undefined
        ? undefined
        : int('--robustness-draws', v['robustness-draws'], 1, 1),
    save: v.save === undefined ? undefined : nonEmpty('--save', v.save),
    seed: int('--seed', v.seed, 0, Number.MIN_SAFE_INTEGER),
    workers: int('--workers', v.workers, Math.min(2, availableParallelism()), 0),
    backend: oneOf('--backend', v.backend ?? defaultBackend(), BACKENDS),
    progress: oneOf('--progress', v.progress ?? 'auto', PROGRESS_MODES),
    out: v.out === undefined ? 'report' : nonEmpty('--out', v.out),
    help: false,
  };
}
