/**
 * Benchmarks of tfjs-noise against tfjs's own noise, measured in one run on cpu and wasm.
 *
 *   pnpm bench                           # full run (about 17 minutes on 2 cores)
 *   pnpm bench --quick                   # smoke run used by the tests: the MLP and one Dense
 *                                        # size, few rounds (no assertions on time)
 *   pnpm bench --out other/results.json
 *
 * Prints one table and writes bench/results/results.json (or `--out`). Each
 * backend runs in its own Node process, one after the other. Every number is a median over
 * repetitions; every ratio compares models stepped in turn in the same process (noisy step time /
 * clean step time).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { FlagError, parseFlags, readFlagsOrExit } from '@tfjs-noise/support/flags';
import { batch, dense, MODELS } from './models';
import { pieceRows } from './pieces';
import { LABELS, type Placement } from './placements';
import { samplerRows } from './sampler';
import { formatRows, type Row, stepTimes } from './timing';

const flags = checkFlags();
const quick = flags.quick;
const REPS = quick ? 5 : 31;
const ROUNDS = quick ? 3 : 15;

/** Targets of the performance issue for noisy / clean step time (MLP, conv net and LSTM). */
const TARGETS: Partial<Record<Placement, string>> = {
  jitter: '<= 1.05',
  weight: '<= 1.25',
  factorized: '<= 1.10',
  gradient: '<= 1.15',
};

/** Step time of the clean model, and noisy / clean for each placement. */
async function ratioRows(
  backend: string,
  name: string,
  build: (p: Placement) => tf.LayersModel,
  placements: Placement[],
  data: [tf.Tensor, tf.Tensor],
  rounds: number,
  withTargets = true,
): Promise<Row[]> {
  // A second clean model is the control: its ratio to the first shows the run's noise floor.
  const kinds: Placement[] = ['none', 'none', ...placements];
  const models = kinds.map(build);
  const times = await stepTimes(models, data[0], data[1], rounds);
  for (const m of models) m.dispose();
  const clean = times[0] as number;
  const jitter = kinds.indexOf('jitter');
  const peer = kinds.indexOf('tfjs');
  const versusPeer: Row[] =
    jitter > 0 && peer > 0
      ? [
          {
            backend,
            measure: `${name}: GaussianJitter / tf.layers.gaussianNoise`,
            value: (times[jitter] as number) / (times[peer] as number),
            unit: 'x',
            ...(withTargets ? { target: '<= 1.00' } : {}),
          },
        ]
      : [];
  return [
    { backend, measure: `${name}: step, clean`, value: clean, unit: 'ms' },
    ...kinds.slice(1).map((k, i) => ({
      backend,
      measure: `${name}: ${i === 0 ? 'clean, second copy (noise floor)' : LABELS[k]} / clean`,
      value: (times[i + 1] as number) / clean,
      unit: 'x',
      ...(withTargets && TARGETS[k] ? { target: TARGETS[k] } : {}),
    })),
    ...versusPeer,
  ];
}

async function backendRows(backend: string): Promise<Row[]> {
  await tf.setBackend(backend);
  await tf.ready();
  const rows: Row[] = samplerRows(backend, REPS);
  const all: Placement[] = ['jitter', 'tfjs', 'weight', 'factorized', 'gradient'];
  // The conv net trains on wasm through the Conv2DBackpropFilter kernel tfjs-noise registers
  // there (tfjs-backend-wasm 4.22 has none).
  const models = quick ? [MODELS.mlp] : [MODELS.mlp, MODELS.convnet, MODELS.lstm];
  for (const m of models) {
    const data = batch(m.input, m.classes);
    rows.push(...(await ratioRows(backend, m.name, m.build, all, data, ROUNDS)));
    tf.dispose(data);
  }
  // How the overhead grows with the parameter count: one n x n Dense layer, batch 32.
  for (const n of quick ? [100] : [100, 316, 1000, 3162]) {
    const data = batch([32, n], 0, n);
    const rounds = n > 1000 ? 7 : ROUNDS;
    rows.push(
      ...(await ratioRows(
        backend,
        `Dense ${n}x${n} (${(n * n).toExponential(0)} params) b32`,
        (p) => dense(p, n),
        ['jitter', 'weight', 'factorized', 'gradient'],
        data,
        rounds,
        false,
      )),
    );
    tf.dispose(data);
  }
  for (const n of quick ? [1e5] : [1e6, 1e7]) rows.push(...pieceRows(backend, n, REPS));
  return rows;
}

/**
 * Each backend is measured in a fresh Node process (this script with `--only <backend> --rows
 * <file>`), so that neither inherits the other's heap, caches and allocator state.
 */
function backendInChild(backend: string, dir: string): Row[] {
  const file = join(dir, `${backend}.json`);
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--only', backend, '--rows', file];
  if (quick) args.push('--quick');
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (child.status !== 0) throw new Error(`the ${backend} benchmark exited with ${child.status}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Row[];
}

/**
 * Reads and checks the command line (@tfjs-noise/support's flag parser) before anything runs: a
 * bad or unknown flag prints one line on stderr and exits with code 2 (nothing is measured or
 * written). `--only` and `--rows` are the benchmark's own, for its child processes.
 */
function checkFlags() {
  return readFlagsOrExit('bench/main.ts', () => {
    const values = parseFlags({
      quick: { type: 'boolean' },
      out: { type: 'string' },
      only: { type: 'string' },
      rows: { type: 'string' },
    });
    if (values.out !== undefined) {
      const out = resolve(values.out);
      if (values.out.trim() === '' || (existsSync(out) && statSync(out).isDirectory())) {
        throw new FlagError(`--out must be a file path (results.json), but got '${values.out}'.`);
      }
    }
    if (values.only !== undefined && !['cpu', 'wasm'].includes(values.only)) {
      throw new FlagError(`--only must be cpu or wasm, but got '${values.only}'.`);
    }
    if ((values.only === undefined) !== (values.rows === undefined)) {
      throw new FlagError('--only and --rows go together (they are used by the benchmark itself).');
    }
    return values;
  });
}

async function main() {
  const { only, rows: rowsFile } = flags;
  if (only !== undefined && rowsFile !== undefined) {
    writeFileSync(rowsFile, JSON.stringify(await backendRows(only)));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-bench-'));
  const rows: Row[] = [];
  try {
    for (const backend of ['cpu', 'wasm']) rows.push(...backendInChild(backend, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header =
    `tfjs-noise bench${quick ? ' (quick)' : ''}: node ${process.version}, ${availableParallelism()} cores ` +
    `(${cpus()[0]?.model ?? '?'}), tfjs ${tf.version.tfjs}; medians of ${REPS} samples / ${ROUNDS} rounds of >= 50 ms`;
  console.log(header);
  for (const line of formatRows(rows)) console.log(line);
  const out = flags.out
    ? resolve(flags.out)
    : join(dirname(fileURLToPath(import.meta.url)), 'results', 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  const meta = { header, quick, node: process.version, cores: availableParallelism() };
  writeFileSync(out, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
