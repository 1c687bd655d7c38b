/**
 * Progress display of a search: a `cli-progress` bar in a terminal, plain log lines otherwise.
 * Both write to stderr, so that stdout keeps only the results.
 */
import cliProgress from 'cli-progress';
import type { Job } from './job';

/**
 * How progress is shown: `'auto'` is `'bar'` when stdout and stderr are terminals, else `'log'`.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, type ProgressMode, searchNoise } from '@tfjs-noise/tune';
 *
 * const progress: ProgressMode = process.env.CI ? 'none' : 'auto';
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * await searchNoise({ x, y }, { task: 'classification', grid, builder: MLP_BUILDER, progress });
 * ```
 */
export type ProgressMode = 'auto' | 'bar' | 'log' | 'none';

/** The progress modes, for validation. */
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'log', 'none'];

/** A progress display. */
export interface Progress {
  /** A job finished; `settingDone` carries the setting's summary once all its folds are in. */
  tick(job: Job, settingDone: string | null): void;
  /** Stops the display (the bar is left at its final state). */
  stop(): void;
}

/** Creates the display for `total` jobs. */
export function createProgress(
  mode: ProgressMode,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const resolved = mode === 'auto' ? (process.stdout.isTTY && stream.isTTY ? 'bar' : 'log') : mode;
  if (resolved === 'none') return { tick() {}, stop() {} };
  if (resolved === 'log') return logProgress(total, stream);
  const bar = new cliProgress.SingleBar(
    {
      format: barFormat,
      hideCursor: true,
      stream,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { setting: '' });
  return {
    tick(job) {
      bar.increment({ setting: `${job.setting.kind} ${job.setting.amount}` });
    },
    stop() {
      bar.stop();
    },
  };
}

/** The bar's line with an ETA, once a fit has ended (the ETA is a rate of fits). */
const WITH_ETA =
  ' {bar} {value}/{total} fits | {setting} | elapsed {duration_formatted} | ETA {eta_formatted}';
/** The bar's line before the first fit ends: no rate yet, so no ETA (cli-progress says 0s). */
const WITHOUT_ETA = ' {bar} {value}/{total} fits | {setting} | elapsed {duration_formatted}';

/**
 * The bar's line: {@link WITHOUT_ETA} until a fit has ended, then {@link WITH_ETA}.
 */
export const barFormat: cliProgress.GenericFormatter = (options, params, payload) =>
  cliProgress.Format.Formatter(
    { ...options, format: params.value > 0 ? WITH_ETA : WITHOUT_ETA },
    params,
    payload,
  );

function logProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const start = performance.now();
  let done = 0;
  return {
    tick(_job, settingDone) {
      done++;
      if (settingDone !== null) {
        const seconds = ((performance.now() - start) / 1000).toFixed(0);
        stream.write(`[${done}/${total} fits, ${seconds} s] ${settingDone}\n`);
      }
    },
    stop() {},
  };
}
