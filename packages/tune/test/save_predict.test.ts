/**
 * `--save` then `predict` on a table with a text column: the saved folder takes raw rows and
 * answers with class names (and probabilities) or values in the target's units, matching the
 * final model trained in the same process (captured here from fitBest, fed the standardized
 * rows as in training); the plain copy loads with `@tensorflow/tfjs` alone and gives the same
 * numbers; the save folder is checked before the search; an earlier save's folder is refused by
 * predict and loadTabularModel with how to save it again.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../src/cli/csv';
import { main } from '../src/cli/main';
import { loadTabularModel } from '../src/index';

/** What the final fits of this file's runs predicted, in-process, on their training rows. */
const captured = vi.hoisted(() => [] as { x: number[][]; predictions: number[][] }[]);

vi.mock('../src/search/fit_best', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/search/fit_best')>();
  const tf = await import('@tensorflow/tfjs-core');
  return {
    ...original,
    fitBest: async (...args: Parameters<typeof original.fitBest>) => {
      const final = await original.fitBest(...args);
      const x = args[0].x as number[][];
      const z = final.standardizer!.transform(x);
      const predictions = tf.tidy(
        () =>
          (
            final.model.predict(tf.tensor2d(z)) as import('@tensorflow/tfjs-core').Tensor
          ).arraySync() as number[][],
      );
      captured.push({ x, predictions });
      return final;
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'tune-save-predict-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Penguin-like rows: an island (text, some missing), two measurements, species and mass. */
function penguins(): string {
  const lines = ['island,bill_mm,flipper_mm,species,mass_g'];
  const islands = ['Biscoe', 'Dream', 'Torgersen', ''];
  for (let i = 0; i < 36; i++) {
    const s = i % 3;
    const bill = 38 + 5 * s + ((i * 7) % 10) / 3;
    const flipper = 190 + 12 * s + ((i * 5) % 9);
    const mass = 3000 + 600 * s + 11 * ((i * 13) % 17);
    const island = islands[(i + (s === 2 ? 0 : 1)) % 4];
    lines.push(
      `${island},${bill.toFixed(1)},${flipper},${['Adelie', 'Chinstrap', 'Gentoo'][s]},${mass}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const csv = join(dir, 'penguins.csv');
writeFileSync(csv, penguins());
const fast =
  '--kinds input --amounts 0,0.1 --folds 2 --repeats 1 --epochs 15 --hidden 6 --workers 0 --backend cpu --progress none'.split(
    ' ',
  );

/** The rows of a predictions CSV. */
function readPredictions(path: string): string[][] {
  return parseCsv(readFileSync(path, 'utf8'), path).rows;
}

/** Predicts `x` with the plain copy in a process that imports `@tensorflow/tfjs` only. */
function predictWithTfjsAlone(plainDir: string, x: number[][]): number[][] {
  const tfjs = pathToFileURL(createRequire(import.meta.url).resolve('@tensorflow/tfjs')).href;
  const script = `
    const tf = await import(${JSON.stringify(tfjs)});
    const { readFileSync } = await import('node:fs');
    tf.env().set('PROD', true);
    const dir = ${JSON.stringify(plainDir)};
    const json = JSON.parse(readFileSync(dir + '/model.json', 'utf8'));
    const bin = readFileSync(dir + '/' + json.weightsManifest[0].paths[0]);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }));
    const y = model.predict(tf.tensor2d(${JSON.stringify(x)}));
    process.stdout.write(JSON.stringify(y.arraySync()));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as number[][];
}

describe('--save, then predict on the original CSV', () => {
  it('classification: class names and probabilities as the in-process final model', async () => {
    const save = join(dir, 'species');
    const r = await run([
      csv,
      '--target',
      'species',
      '--ignore',
      'mass_g',
      ...fast,
      '--out',
      join(dir, 'r1'),
      '--save',
      save,
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain(
      'one-hot encoded: island (4 categories, one for missing values): 6 inputs',
    );
    expect(readFileSyncSafe(join(save, 'standardizer.json'))).toBe(null);
    const final = captured.at(-1)!;
    expect(final.x).toHaveLength(36);

    const p = await run(['predict', save, csv, '--out', join(dir, 'species.csv')]);
    expect(p.err).toEqual([]);
    expect(p.code).toBe(0);
    const rows = readPredictions(join(dir, 'species.csv'));
    const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
    expect(readFileSync(join(dir, 'species.csv'), 'utf8').split('\n')[0]).toBe(
      'prediction,probability_Adelie,probability_Chinstrap,probability_Gentoo',
    );
    for (const [i, row] of rows.entries()) {
      const want = final.predictions[i]!;
      expect(row[0]).toBe(classes[want.indexOf(Math.max(...want))]);
    }
    expect(
      maxDifference(
        rows.map((r) => r.slice(1).map(Number)),
        final.predictions,
      ),
    ).toBeLessThan(1e-5);

    // The plain copy, in a process with @tensorflow/tfjs alone, on the documented input vector.
    const alone = predictWithTfjsAlone(join(save, 'plain'), final.x);
    expect(maxDifference(alone, final.predictions)).toBeLessThan(1e-5);

    // The library predictor, on records (an unseen island is all zeros, and said so).
    const model = await loadTabularModel(save);
    expect(model.metadata.inputs).toEqual([
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'island=(missing)',
      'bill_mm',
      'flipper_mm',
    ]);
    const [a, b, c] = model.predict([
      { island: 'Dream', bill_mm: 41.2, flipper_mm: 195 },
      { island: 'Atlantis', bill_mm: '41.2', flipper_mm: 195 },
      { island: 'Dream', bill_mm: 'NA', flipper_mm: 195 },
    ]);
    expect(classes).toContain(a!.prediction);
    expect(Object.keys(a!.probabilities!)).toEqual(classes);
    expect(b!.unseen).toEqual(['island']);
    expect(c).toEqual({ prediction: null, probabilities: null, unseen: [], missing: ['bill_mm'] });
    expect(() => model.predict([{ island: 'Dream', bill_mm: 'long', flipper_mm: 1 }])).toThrow(
      'loadTabularModel: predict: `rows[0]["bill_mm"]` must be a finite number or a missing value, but got "long".',
    );
    model.dispose();
  });

  it("regression: values in the target's units as the in-process final model", async () => {
    const save = join(dir, 'mass');
    const r = await run([
      csv,
      '--target',
      'mass_g',
      ...fast,
      '--out',
      join(dir, 'r2'),
      '--save',
      save,
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const final = captured.at(-1)!;
    const results = JSON.parse(readFileSync(join(dir, 'r2', 'results.json'), 'utf8'));
    const { mean, std } = results.data.targetScale as { mean: number; std: number };
    const p = await run(['predict', save, csv]);
    expect(p.code).toBe(0);
    expect(p.out[0]).toBe('prediction');
    const values = p.out.slice(1).map(Number);
    expect(values).toHaveLength(36);
    // Grams near 4000 in float32 are 2.4e-4 apart: within 1e-5 relative to the value.
    const inUnits = final.predictions.map((r) => [r[0]! * std + mean]);
    expect(
      maxDifference(
        values.map((v) => [v]),
        inUnits,
      ),
    ).toBeLessThan(1e-5);
    const alone = predictWithTfjsAlone(join(save, 'plain'), final.x);
    expect(maxDifference(alone, inUnits)).toBeLessThan(1e-5);
  });
});

/** The largest |a - b| over two tables of the same shape, relative to |b| beyond 1. */
function maxDifference(a: number[][], b: number[][]): number {
  expect(a.map((r) => r.length)).toEqual(b.map((r) => r.length));
  let max = 0;
  for (const [i, row] of a.entries()) {
    for (const [j, v] of row.entries()) {
      const want = b[i]![j]!;
      max = Math.max(max, Math.abs(v - want) / Math.max(1, Math.abs(want)));
    }
  }
  return max;
}

function readFileSyncSafe(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

describe('--save is checked before the search', () => {
  const slow = [
    csv,
    '--target',
    'species',
    '--epochs',
    '100000',
    '--workers',
    '0',
    '--progress',
    'none',
  ];
  it('a file, a symlink, a folder with other files, or the --out folder: exit 2 at once', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const link = join(dir, 'a-link');
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), link);
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const cases: [string[], string][] = [
      [['--save', file], `--save ${file} is a file, not a folder.`],
      [['--save', link], `--save ${link} is a symbolic link; give the folder it points to.`],
      [
        ['--save', busy],
        `--save ${busy} is a folder that holds more than a saved model (notes.txt)`,
      ],
      [['--save', join(dir, 'r9'), '--out', join(dir, 'r9')], 'would replace the report folder'],
    ];
    for (const [flags, message] of cases) {
      const t = performance.now();
      const r = await run([...slow, ...flags]);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(message);
      expect(performance.now() - t).toBeLessThan(5000);
    }
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('an earlier --save folder (standardizer.json, target.json)', () => {
  it('predict exits 2 and loadTabularModel throws, both saying how to save again', async () => {
    const old = join(dir, 'old');
    mkdirSync(join(old, 'plain'), { recursive: true });
    writeFileSync(join(old, 'standardizer.json'), '{}');
    writeFileSync(join(old, 'target.json'), '{}');
    const r = await run(['predict', old, csv]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `tfjs-noise-tune predict: error: loadTabularModel: ${old} was saved by an earlier tfjs-noise-tune (it has standardizer.json and target.json; its models take standardized inputs). Save it again: run tfjs-noise-tune on the training CSV with --save ${old}; the new folder's models take raw rows.`,
    ]);
    await expect(loadTabularModel(old)).rejects.toThrow(/Save it again/);
  });
});
