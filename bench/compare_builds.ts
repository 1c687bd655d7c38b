/**
 * Step cost of this build of tfjs-noise against another build of it, in one run: for each kind
 * of noise, two models made with each build (old, new, new, old), stepped in turn round after
 * round (the order rotating), and the ratio new / old of their step costs, as the median over
 * the rounds of the ratio within a round. The cost is the process's CPU time (user + system,
 * `process.cpuUsage`) per training step, not the wall time, so that other jobs on a shared
 * machine weigh less; the old / old ratio shows the noise floor of the run.
 *
 *   cp -r packages/tfjs-noise/dist packages/tfjs-noise/node_modules/.old-dist   # before the change
 *   node --import tsx bench/compare_builds.ts [--old packages/tfjs-noise/node_modules/.old-dist]
 *     [--rounds 15] [--sizes small,large] [--backends cpu,wasm]
 *
 * The old build must sit where it resolves the same tfjs as this one (inside
 * packages/tfjs-noise, as above); two builds of tfjs-noise register their classes side by side.
 * Each backend (cpu, wasm) runs in this process, one after the other.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tfnNew from 'tfjs-noise';
import { batch } from './models';
import { median, type Row } from './timing';

type Tfn = typeof tfnNew;
interface Size {
  name: string;
  input: number;
  hidden: number;
  n: number;
}

/**
 * The models' sizes: the small MLP's step is mostly per-step overhead, where the noise
 * components' own code weighs most; the large one is the benchmarks' MLP.
 */
const SIZES = {
  small: { name: 'MLP 32-32-32-10 b32', input: 32, hidden: 32, n: 32 },
  large: { name: 'MLP 784-256-256-10 b128', input: 784, hidden: 256, n: 128 },
} satisfies Record<string, Size>;
type Kind = 'jitter' | 'weight' | 'factorized' | 'gradient' | 'targets';
const KINDS: Kind[] = ['jitter', 'weight', 'factorized', 'gradient', 'targets'];

/** A MLP `input`-`hidden`-`hidden`-10 with the noise `kind` made by the build `tfn`. */
function model(tfn: Tfn, kind: Kind, input: number, hidden: number): tf.LayersModel {
  const m = tf.sequential();
  let seed = 1;
  const jitter = (shape?: number[]) => {
    if (kind === 'jitter') {
      const args = { stddev: 0.1, seed: seed++, ...(shape ? { inputShape: shape } : {}) };
      m.add(tfn.layers.gaussianJitter(args));
    }
  };
  const weights = (layer: tf.layers.Layer, inputShape?: number[]) => {
    if (kind === 'weight' || kind === 'factorized') {
      const factorized = kind === 'factorized';
      m.add(tfn.layers.weightNoise({ layer, stddev: 0.05, factorized, seed: seed++, inputShape }));
    } else {
      m.add(layer);
    }
  };
  jitter([input]);
  weights(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [input] }), [input]);
  jitter();
  weights(tf.layers.dense({ units: hidden, activation: 'relu' }));
  jitter();
  weights(tf.layers.dense({ units: 10, activation: 'softmax' }));
  const sgd = tf.train.sgd(0.01);
  const optimizer =
    kind === 'gradient' ? tfn.train.annealedGradientNoise(sgd, { eta: 0.01, seed: 7 }) : sgd;
  const loss =
    kind === 'targets'
      ? labelSmoothing(tfn).loss('categoricalCrossentropy')
      : 'categoricalCrossentropy';
  m.compile({ optimizer, loss });
  return m;
}

/**
 * Label smoothing 0.1 with seed 3 from either build: this version takes an args object; a build
 * from before it took `(eps, seed)` (and throws on an object).
 */
function labelSmoothing(tfn: Tfn): ReturnType<Tfn['targets']['labelSmoothing']> {
  try {
    return tfn.targets.labelSmoothing({ eps: 0.1, seed: 3 });
  } catch {
    const positional = tfn.targets.labelSmoothing as unknown as (
      eps: number,
      seed: number,
    ) => ReturnType<Tfn['targets']['labelSmoothing']>;
    return positional(0.1, 3);
  }
}

/** Microseconds of CPU time this process has used. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * CPU time per training step (ms) of each model, per round: one sample is `k` consecutive steps
 * of one model, `k` chosen after the warm-up so that a sample of the first model takes at least
 * 50 ms of CPU time.
 */
async function cpuStepTimes(
  models: tf.LayersModel[],
  x: tf.Tensor,
  y: tf.Tensor,
  rounds: number,
): Promise<number[][]> {
  const warm: number[] = [];
  for (const m of models) {
    for (let i = 0; i < 3; i++) {
      const t0 = cpuMicros();
      await m.trainOnBatch(x, y);
      if (m === models[0]) warm.push((cpuMicros() - t0) / 1000);
    }
  }
  const k = Math.max(1, Math.ceil(50 / Math.max(median(warm), 1e-3)));
  const times: number[][] = models.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let o = 0; o < models.length; o++) {
      const i = (o + round) % models.length;
      const m = models[i] as tf.LayersModel;
      const t0 = cpuMicros();
      for (let j = 0; j < k; j++) await m.trainOnBatch(x, y);
      (times[i] as number[]).push((cpuMicros() - t0) / 1000 / k);
    }
  }
  return times;
}

/** The command line, checked: a bad or unknown flag prints one line on stderr and exits 2. */
function flags(): { oldDir: string; rounds: number; sizes: Size[]; backends: string[] } {
  function usage(message: string): never {
    process.stderr.write(`bench/compare_builds.ts: error: ${message}\n`);
    process.exit(2);
  }
  let values: { old?: string; rounds?: string; sizes?: string; backends?: string };
  try {
    const string = { type: 'string' } as const;
    values = parseArgs({
      args: process.argv.slice(2).filter((a, i) => i > 0 || a !== '--'),
      options: { old: string, rounds: string, sizes: string, backends: string },
      strict: true,
    }).values;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] as string;
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    usage(
      unknown
        ? `unknown flag '${unknown[1]}' (flags: --old, --rounds, --sizes, --backends).`
        : message,
    );
  }
  const oldDir = resolve(values.old ?? 'packages/tfjs-noise/node_modules/.old-dist');
  if (!existsSync(join(oldDir, 'index.js'))) {
    usage(`--old must be a folder with a build of tfjs-noise (index.js), but got '${oldDir}'.`);
  }
  const rounds = Number(values.rounds ?? 15);
  if (!Number.isInteger(rounds) || rounds < 1) {
    usage(`--rounds must be an integer >= 1, but got '${values.rounds}'.`);
  }
  const list = (value: string | undefined, fallback: string, allowed: string[], flag: string) => {
    const items = (value ?? fallback).split(',');
    const bad = items.find((item) => !allowed.includes(item));
    if (bad !== undefined) {
      usage(`--${flag} must be a list of ${allowed.join(', ')}, but got '${bad}'.`);
    }
    return items;
  };
  const sizes = list(values.sizes, 'small,large', Object.keys(SIZES), 'sizes').map(
    (name) => SIZES[name as keyof typeof SIZES],
  );
  const backends = list(values.backends, 'cpu,wasm', ['cpu', 'wasm'], 'backends');
  return { oldDir, rounds, sizes, backends };
}

async function main(): Promise<void> {
  const { oldDir, rounds, sizes, backends } = flags();
  const tfnOld = (await import(pathToFileURL(`${oldDir}/index.js`).href)) as Tfn;
  console.log(
    `compare builds (CPU time per step): new = this build, old = ${oldDir}; medians over ${rounds} rounds`,
  );
  const print = (r: Row) => {
    const value = r.unit === 'x' ? r.value.toFixed(3) : `${r.value.toFixed(2)} ms`;
    console.log(`${r.backend.padEnd(6)}${r.measure.padEnd(56)}${value}`);
  };
  for (const backend of backends) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const size of sizes) {
      const data = batch([size.n, size.input], 10);
      for (const kind of KINDS) {
        // Two of each, so that the old/old ratio shows the run's noise floor; made in the order
        // old, new, new, old, so that neither build has the models made earlier (a model's cost
        // can depend on when it was made).
        const builds = [tfnOld, tfnNew, tfnNew, tfnOld];
        const models = builds.map((tfn) => model(tfn, kind, size.input, size.hidden));
        const t = await cpuStepTimes(models, data[0], data[1], rounds);
        for (const m of models) m.dispose();
        const [o1, n1, n2, o2] = t as [number[], number[], number[], number[]];
        const at = (a: number[], r: number) => a[r] as number;
        const perRound = (f: (r: number) => number) => median(o1.map((_, r) => f(r)));
        const old = perRound((r) => (at(o1, r) + at(o2, r)) / 2);
        [
          { backend, measure: `${size.name} ${kind}: step, old`, value: old, unit: 'ms' },
          {
            backend,
            measure: `${size.name} ${kind}: new / old`,
            value: perRound((r) => (at(n1, r) + at(n2, r)) / (at(o1, r) + at(o2, r))),
            unit: 'x',
          },
          {
            backend,
            measure: `${size.name} ${kind}: old / old (noise floor)`,
            value: perRound((r) => at(o2, r) / at(o1, r)),
            unit: 'x',
          },
        ].forEach(print);
      }
      tf.dispose(data);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
