/**
 * `tfjs-noise-tune images DIR`: read a folder of class folders of images, cross-validate the
 * built-in convnet's noise grid, print the table, write the report and (--save) the final model.
 * Returns the exit code instead of exiting, so it can be tested in-process.
 */
// Only light modules here: bad flags are reported before tfjs is loaded.
import { CONVNET_KIND_REGISTRY, type ConvnetKind } from '../model/convnet_kinds';
import { hasWasm, wasmMissing } from '../run/backends';
import { IMAGES_USAGE, type ImageArgs, imageAmounts, parseImageArgs } from './image_args';
import { type CliIo, checkGridSize, checkWritable, stoppable } from './main';
import { checkSaveTarget } from './save_target';
import { UsageError } from './usage_error';

/** Runs `images` on its arguments (after the word `images`); resolves to the exit code. */
export async function imagesMain(argv: string[], io: CliIo): Promise<number> {
  let args: ImageArgs;
  try {
    args = parseImageArgs(argv);
    if (args.help) {
      for (const line of IMAGES_USAGE.split('\n')) io.out(line);
      return 0;
    }
    checkGridSize(args.kinds, args.amounts);
    if (args.backend === 'wasm' && !hasWasm()) throw new UsageError(wasmMissing('--backend wasm'));
    checkWritable('--out', args.out);
    if (args.save !== undefined) checkSaveTarget(args.save, args.out);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`tfjs-noise-tune images: error: ${oneLine(err)}`);
      return 2;
    }
    throw err;
  }
  return stoppable(io, (signal) => run(['images', ...argv], args, signal, io));
}

function oneLine(e: unknown): string {
  return String((e as Error)?.message ?? e).replace(/\s*\n\s*/g, ' ');
}

/** The grid: --kinds x --amounts, or each kind with its default amounts for images. */
function gridOf(kinds: readonly ConvnetKind[], amounts: number[] | null) {
  if (amounts !== null) return { kinds, amounts };
  return kinds.flatMap((kind) => imageAmounts(kind).map((amount) => ({ kind, amount })));
}

async function run(
  argv: string[],
  args: ImageArgs,
  signal: AbortSignal,
  io: CliIo,
): Promise<number> {
  // The @tensorflow/tfjs bundle: decoding and resizing here, and training in-process (the search
  // with --workers 0, the final fit of --save) need its kernels and gradients.
  const tf = await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  const { ImageFolderError, readImageFolder } = await import('../data/image_folder');
  let folder: ReturnType<typeof readImageFolder>;
  try {
    folder = readImageFolder(args.dir, { size: args.size, grayscale: args.grayscale });
    if (folder.x.length < args.folds) {
      throw new UsageError(
        `${args.dir} has ${folder.x.length} images, fewer than --folds ${args.folds}.`,
      );
    }
  } catch (err) {
    if (err instanceof ImageFolderError || err instanceof UsageError) {
      io.err(`tfjs-noise-tune images: error: ${oneLine(err)}`);
      return 2;
    }
    throw err;
  }
  const [
    { CONVNET_BUILDER },
    { searchNoise },
    { formatTable },
    { writeImageReport },
    { saveFinal, outputWords },
    { Standardizer },
    { IMAGE_FORMAT },
  ] = await Promise.all([
    import('../model/convnet'),
    import('../search/search'),
    import('../search/table'),
    import('./image_report'),
    import('./save'),
    import('../data/standardize'),
    import('../model/image_metadata'),
  ]);
  for (const line of notes(args, folder)) io.err(`tfjs-noise-tune images: note: ${line}`);
  const channels = args.grayscale ? 1 : 3;
  const rows = folder.x.map((image) => image.flat(2));
  const standardizer = Standardizer.fit(rows, { channels });
  io.out(describe(args, folder));
  const result = await searchNoise(
    { x: folder.x, y: folder.y },
    {
      task: 'classification',
      grid: gridOf(args.kinds, args.amounts),
      builder: CONVNET_BUILDER,
      builderOptions: { learningRate: args.learningRate },
      peers: args.peers,
      classNames: folder.classes,
      ...(args.metric !== undefined && { metric: args.metric }),
      ...(args.criterion !== undefined && { criterion: args.criterion }),
      ...(args.threshold !== undefined && { threshold: args.threshold }),
      ...(args.rule !== undefined && { rule: args.rule }),
      ...(args.level !== undefined && { level: args.level }),
      ...(args.robustness !== undefined && {
        robustness: {
          stddev: args.robustness,
          ...(args.robustnessCorrelation !== undefined && {
            correlationLength: args.robustnessCorrelation,
          }),
          ...(args.robustnessDraws !== undefined && { draws: args.robustnessDraws }),
        },
      }),
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
  for (const line of formatTable(result, { classNames: folder.classes })) io.out(line);
  const files = await writeImageReport(args.out, { argv, args, folder, standardizer, result });
  io.out(`wrote ${files.join(', ')} (${result.seconds.toFixed(1)} s)`);
  if (args.save !== undefined) {
    const saved = await saveFinal(args.save, {
      data: { x: folder.x, y: folder.y },
      rows,
      result,
      backend: args.backend,
      metadata: (setting) => ({
        format: IMAGE_FORMAT,
        version: 1,
        task: 'classification',
        classes: folder.classes,
        size: args.size,
        grayscale: args.grayscale,
        resize: 'bilinear',
        output: outputWords('classification', folder.classes),
        setting,
        recommendation: result.recommendation.sentence,
      }),
      signal,
    });
    io.out(
      `saved the final model (${saved.setting}, trained on all ${folder.x.length} images; it takes [batch, ${args.size.join(', ')}, ${channels}] pixels 0-255): ${saved.files.join(', ')}`,
    );
  }
  return 0;
}

/** The notes on stderr: images resized (by size) and files left out. */
function notes(args: ImageArgs, folder: { resized: Map<string, number>; ignored: string[] }) {
  const out: string[] = [];
  if (folder.resized.size > 0) {
    const n = [...folder.resized.values()].reduce((a, b) => a + b, 0);
    const sizes = [...folder.resized]
      .sort((a, b) => b[1] - a[1])
      .map(([size, count]) => `${size}: ${count}`)
      .join(', ');
    out.push(
      `resized ${n} image${n === 1 ? '' : 's'} to ${args.size.join('x')} (height x width; sizes found: ${sizes}).`,
    );
  }
  if (folder.ignored.length > 0) {
    const shown =
      folder.ignored.slice(0, 5).join(', ') + (folder.ignored.length > 5 ? ', ...' : '');
    out.push(
      `left out ${folder.ignored.length} file${folder.ignored.length === 1 ? '' : 's'} that ${folder.ignored.length === 1 ? 'is' : 'are'} not a PNG or JPEG image in a class folder (${shown}).`,
    );
  }
  return out;
}

function describe(
  args: ImageArgs,
  folder: { x: unknown[]; classes: string[]; counts: number[] },
): string {
  const classes = folder.classes.map((c, i) => `${c} ${folder.counts[i]}`).join(', ');
  const kinds = args.kinds
    .map((k) => {
      const info = CONVNET_KIND_REGISTRY[k];
      const amounts = args.amounts ?? imageAmounts(k);
      return `${k} (${info.amount}${info.direction === 'less-noise' ? ', more is less noise' : ''}: ${amounts.join(', ')})`;
    })
    .join(', ');
  const peers = args.peers.map((p) => `${p.kind} ${p.amount}`).join(', ') || 'no peers';
  const robust =
    args.robustness === undefined
      ? ''
      : ` Chosen for robustness: held-out images also scored under ${args.robustnessCorrelation ? `correlated pixel noise of ${args.robustness} std (correlation length ${args.robustnessCorrelation} pixels)` : `pixel noise of ${args.robustness} std`}.`;
  return (
    `${args.dir}: ${folder.x.length} images, ${folder.classes.length} classes (${classes}); ` +
    `${args.size.join('x')} ${args.grayscale ? 'gray' : 'RGB'}, standardized per channel. ` +
    `Metric: ${args.metric ?? 'accuracy'}. Compared with: ${peers}. ` +
    `${args.folds}-fold CV${args.repeats > 1 ? ` x ${args.repeats} repeats` : ''} of ${kinds}; ` +
    `convnet conv 8, 16 -> dense 32, Adam ${args.learningRate}, ${args.epochs} epochs; ` +
    `backend ${args.backend}, ${args.workers === 0 ? 'in-process' : `${args.workers} workers`}; seed ${args.seed}.` +
    robust
  );
}
