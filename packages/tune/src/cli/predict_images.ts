/**
 * `tfjs-noise-tune predict DIR images/`: a model saved by `tfjs-noise-tune images --save` on the
 * image files of a folder (or one image file), each decoded and resized as the search did; one
 * line per file: the file, the class and each class's probability.
 */
import { lstatSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo } from './main';

/** Quotes a CSV field if it needs it. */
function field(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Predicts the images of `target` (a folder: its PNG and JPEG files and those of its
 * sub-folders; or one image file) with the `--save` folder `dir`; writes CSV lines to stdout or
 * to `out` (replaced whole). Errors (an undecodable file, named; a folder with no images; a
 * table's model) throw.
 */
export async function predictImages(
  dir: string,
  target: string,
  out: string | undefined,
  io: CliIo,
): Promise<number> {
  const { ImageFolderError, listImageFiles } = await import('../data/image_folder');
  const folder = lstatSync(target).isDirectory();
  const files = folder ? listImageFiles(target) : [basename(target)];
  const root = folder ? target : dirname(target);
  const tf = await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  const [{ loadImageModel }, { replaceFiles }] = await Promise.all([
    import('../model/image_model'),
    import('tfjs-noise/node'),
  ]);
  const model = await loadImageModel(dir);
  try {
    const { classes } = model.metadata;
    const lines = [['file', 'prediction', ...classes.map((c) => `probability_${c}`)].join(',')];
    // A few files at a time: each is decoded and resized as the search did.
    for (let i = 0; i < files.length; i += 64) {
      const chunk = files.slice(i, i + 64);
      let answers: ReturnType<typeof model.predictFiles>;
      try {
        answers = model.predictFiles(chunk.map((f) => join(root, f)));
      } catch (e) {
        if (e instanceof ImageFolderError) throw new Error(e.message);
        throw e;
      }
      answers.forEach((a, j) => {
        const probs = classes.map((c) => String(a.probabilities[c]));
        lines.push([chunk[j]!, a.prediction, ...probs].map(field).join(','));
      });
    }
    if (out === undefined) {
      for (const line of lines) io.out(line);
    } else {
      replaceFiles('predict --out', dirname(resolve(out)), [
        { name: basename(out), data: `${lines.join('\n')}\n` },
      ]);
      io.out(`wrote ${join(dirname(out), basename(out))} (${files.length} images)`);
    }
    return 0;
  } finally {
    model.dispose();
  }
}
