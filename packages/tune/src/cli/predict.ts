/**
 * `tfjs-noise-tune predict DIR rows.csv [--out predictions.csv]`: a `--save` folder's model on
 * the rows of a CSV file (columns read by name), one prediction per row.
 */
// Only light modules here: bad flags and bad files are reported before tfjs is loaded.
import { existsSync, lstatSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isImageFile } from '../data/image_extensions';
import { isDecimal, MISSING } from '../data/tabular';
import { readCsv } from './csv';
import type { CliIo } from './main';
import { UsageError } from './usage_error';

/** The usage text of `predict`. */
export const PREDICT_USAGE = `Usage: tfjs-noise-tune predict <dir> <rows.csv> [--out predictions.csv]
       tfjs-noise-tune predict <dir> <images> [--out predictions.csv]

Predicts every row of rows.csv with the model that tfjs-noise-tune --save wrote into <dir>.
Columns are read by name (others are ignored); a text value is its category (a category not
seen in training counts as none: all zeros, and is counted on stderr); a row with a missing
value in a numeric column gets no prediction (counted on stderr). Writes one line per row:
the prediction (the class name, or the value in the target's units) and, for classification,
each class's probability (columns probability_<class>). To stdout, or to --out (replaced whole).

With a model saved by tfjs-noise-tune images --save, <images> is a folder (its PNG and JPEG
files, and those of its sub-folders) or one image file: each is decoded, turned gray if the
model is, and resized to the model's size as the search did; one line per file: the file, the
class and each class's probability.

Options:
  --out <file>   write the predictions to this file instead of stdout
  -h, --help     show this help

Exit codes: 0 done, 2 bad arguments or data.`;

/** Quotes a CSV field if it needs it. */
function field(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Runs `predict` on its arguments (after the word `predict`); resolves to the exit code. */
export async function predictMain(argv: string[], io: CliIo): Promise<number> {
  try {
    return await predict(argv, io);
  } catch (err) {
    const line = String((err as Error)?.message ?? err).replace(/\s*\n\s*/g, ' ');
    io.err(`tfjs-noise-tune predict: error: ${line}`);
    return 2;
  }
}

async function predict(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see predict --help).`);
  }
  if (parsed.values.help) {
    for (const line of PREDICT_USAGE.split('\n')) io.out(line);
    return 0;
  }
  const [dir, file, ...rest] = parsed.positionals;
  if (dir === undefined || file === undefined || rest.length > 0) {
    throw new UsageError(
      'expected a --save folder and a CSV file or images (usage: tfjs-noise-tune predict <dir> <rows.csv | images> [--out predictions.csv]).',
    );
  }
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    throw new UsageError(`${dir} is not a folder saved by tfjs-noise-tune --save.`);
  }
  const out = parsed.values.out;
  if (out !== undefined) {
    if (out.trim() === '') throw new UsageError("--out must be a file path, but got ''.");
    if (existsSync(out) && lstatSync(out).isDirectory()) {
      throw new UsageError(`--out ${out} is a folder; give a file path.`);
    }
    if (!existsSync(dirname(resolve(out)))) {
      throw new UsageError(`--out ${out}: the folder ${dirname(out)} does not exist.`);
    }
  }
  if (existsSync(file) && (lstatSync(file).isDirectory() || isImageFile(file))) {
    const { predictImages } = await import('./predict_images');
    return predictImages(dir, file, out, io);
  }
  const table = readCsv(file);
  const tf = await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  const [{ loadTabularModel }, { replaceFiles }] = await Promise.all([
    import('../model/tabular_model'),
    import('tfjs-noise/node'),
  ]);
  const model = await loadTabularModel(dir);
  try {
    const meta = model.metadata;
    const absent = meta.columns.filter((c) => !table.columns.includes(c.name)).map((c) => c.name);
    if (absent.length > 0) {
      throw new UsageError(
        `${file} has no column ${absent.map((c) => `'${c}'`).join(', ')}, which the model reads (it reads: ${meta.columns.map((c) => c.name).join(', ')}).`,
      );
    }
    // A numeric cell that is not a number is a data error naming its line.
    for (const c of meta.columns) {
      if (c.kind !== 'numeric') continue;
      const j = table.columns.indexOf(c.name);
      const i = table.rows.findIndex((r) => !MISSING.test(r[j]!) && !isDecimal(r[j]!));
      if (i >= 0) {
        throw new UsageError(
          `${file}: column '${c.name}' must be numeric, but line ${table.lines[i]} has '${table.rows[i]![j]}'.`,
        );
      }
    }
    const records = table.rows.map((r) =>
      Object.fromEntries(table.columns.map((c, j) => [c, r[j]!])),
    );
    const answers = model.predict(records);
    const classes = meta.classes ?? [];
    const header = ['prediction', ...classes.map((c) => `probability_${c}`)];
    const lines = [header.map(field).join(',')];
    for (const a of answers) {
      const p = a.prediction === null ? '' : String(a.prediction);
      const probs = classes.map((c) => (a.probabilities ? String(a.probabilities[c]) : ''));
      lines.push([p, ...probs].map(field).join(','));
    }
    noteRows(
      io,
      table.lines,
      answers,
      'missing',
      (n) => `${n} with a missing value in a numeric column: no prediction`,
    );
    noteRows(
      io,
      table.lines,
      answers,
      'unseen',
      (n) => `${n} with a category not seen in training, encoded as none (all zeros)`,
    );
    if (out === undefined) {
      for (const line of lines) io.out(line);
    } else {
      replaceFiles('predict --out', dirname(resolve(out)), [
        { name: basename(out), data: `${lines.join('\n')}\n` },
      ]);
      io.out(`wrote ${join(dirname(out), basename(out))} (${answers.length} rows)`);
    }
    return 0;
  } finally {
    model.dispose();
  }
}

/** A note on stderr counting the rows whose answer lists columns under `key`, by column. */
function noteRows(
  io: CliIo,
  lines: readonly number[],
  answers: readonly { missing: string[]; unseen: string[] }[],
  key: 'missing' | 'unseen',
  words: (rows: string) => string,
): void {
  const at = answers.flatMap((a, i) => (a[key].length > 0 ? [i] : []));
  if (at.length === 0) return;
  const counts = new Map<string, number>();
  for (const i of at) for (const c of answers[i]![key]) counts.set(c, (counts.get(c) ?? 0) + 1);
  const byColumn = [...counts].map(([c, n]) => `${c}: ${n}`).join(', ');
  const shown =
    at
      .slice(0, 5)
      .map((i) => lines[i])
      .join(', ') + (at.length > 5 ? ', ...' : '');
  const rows = `${at.length} row${at.length === 1 ? '' : 's'}`;
  const where = `${at.length === 1 ? 'line' : 'lines'} ${shown}`;
  io.err(`tfjs-noise-tune predict: note: ${words(rows)} (${byColumn}; ${where}).`);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}
