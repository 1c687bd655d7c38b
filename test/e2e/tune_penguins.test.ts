/**
 * The tune CLI on a table as people have it: the penguins of `vega-datasets` (a text column
 * `Island`, a text column `Sex` with missing values and a stray `.`, rows with missing
 * measurements), written as CSV. `--save`, then `predict` on the same CSV, in fresh processes
 * from the built package: the first line says what was one-hot encoded, predict answers with
 * species names and each species' probability (empty for the 2 rows with missing
 * measurements), and the plain copy, loaded in a process that imports only `@tensorflow/tfjs`,
 * gives the same probabilities from the metadata's input vector. (The comparison with the
 * in-process final model, to 1e-5, is packages/tune/test/save_predict.test.ts.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tune-penguins-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Run = { status: number | null; stdout: string; stderr: string };

function node(args: string[], timeout = 110_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const require = createRequire(import.meta.url);
// The package's exports hide its data folder: read the file beside its entry point.
const vega = join(dirname(require.resolve('vega-datasets')), '..');
const penguins = JSON.parse(readFileSync(join(vega, 'data', 'penguins.json'), 'utf8')) as Record<
  string,
  string | number | null
>[];
const columns = Object.keys(penguins[0]!);
const cell = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);
const csv = join(dir, 'penguins.csv');
writeFileSync(
  csv,
  `${columns.join(',')}\n${penguins.map((r) => columns.map((c) => cell(r[c])).join(',')).join('\n')}\n`,
);
const bin = join(root, 'packages', 'tune', 'dist', 'cli.js');

describe('penguins: --save, then predict', () => {
  it('encodes the text columns, predicts species names, and the plain copy agrees', async () => {
    const save = join(dir, 'model');
    const flags =
      '--kinds input --amounts 0,0.1 --peers none --folds 2 --repeats 1 --epochs 40 --hidden 16 --workers 0 --backend cpu --progress none';
    const r = await node([
      bin,
      csv,
      '--target',
      'Species',
      ...flags.split(' '),
      '--out',
      join(dir, 'report'),
      '--save',
      save,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(
      '342 rows, 6 features (Island, Beak Length (mm), Beak Depth (mm), Flipper Length (mm), Body Mass (g), Sex); one-hot encoded: Island (3 categories), Sex (4 categories, one for missing values): 11 inputs;',
    );
    const out = join(dir, 'predictions.csv');
    const p = await node([bin, 'predict', save, csv, '--out', out]);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toContain('2 rows with a missing value in a numeric column: no prediction');
    const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe('prediction,probability_Adelie,probability_Chinstrap,probability_Gentoo');
    expect(lines).toHaveLength(344);
    const answered = lines
      .map((l, i) => ({ i, cells: l.split(',') }))
      .filter((a) => a.cells[0] !== '');
    expect(answered).toHaveLength(342);
    const right = answered.filter((a) => a.cells[0] === penguins[a.i]!.Species).length;
    expect(right / answered.length).toBeGreaterThan(0.9);

    // The plain copy with @tensorflow/tfjs alone, on the input vector the metadata documents.
    const tfjs = pathToFileURL(require.resolve('@tensorflow/tfjs')).href;
    const script = `
      const tf = await import(${JSON.stringify(tfjs)});
      const { readFileSync } = await import('node:fs');
      tf.env().set('PROD', true);
      const dir = ${JSON.stringify(join(save, 'plain'))};
      const json = JSON.parse(readFileSync(dir + '/model.json', 'utf8'));
      const bin = readFileSync(dir + '/' + json.weightsManifest[0].paths[0]);
      const model = await tf.loadLayersModel(tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
        userDefinedMetadata: json.userDefinedMetadata,
      }));
      const meta = model.getUserDefinedMetadata();
      const rows = JSON.parse(readFileSync(${JSON.stringify(join(dir, 'rows.json'))}, 'utf8'));
      const x = rows.map((r) => meta.columns.flatMap((c) =>
        c.kind === 'numeric'
          ? [r[c.name]]
          : c.categories.map((k) => ((r[c.name] ?? null) === k ? 1 : 0))));
      process.stdout.write(JSON.stringify(model.predict(tf.tensor2d(x)).arraySync()));
    `;
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(answered.map((a) => penguins[a.i])));
    const alone = await node(['--input-type=module', '-e', script]);
    expect(alone.status, alone.stderr).toBe(0);
    const probabilities = JSON.parse(alone.stdout) as number[][];
    for (const [k, a] of answered.entries()) {
      for (let j = 0; j < 3; j++) {
        expect(Math.abs(probabilities[k]![j]! - Number(a.cells[j + 1]))).toBeLessThan(1e-6);
      }
    }
  });
});
