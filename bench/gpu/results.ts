/**
 * What the browser benchmark page measures (the JSON it hands to the runner), its settings, the
 * issue's targets, and the rows of its table: the page renders them as HTML, the runner prints
 * them. No tfjs here: the runner formats the results without loading tfjs.
 */
import { LABELS, type Placement } from '../placements';
import type { Row } from '../timing';

/** The backends the page measures. */
export const GPU_BENCH_BACKENDS = ['webgl', 'webgpu'] as const;
export type GpuBenchBackend = (typeof GPU_BENCH_BACKENDS)[number];

/** The placements each model is measured with (besides its clean copies). */
export const NOISY: Placement[] = ['jitter', 'tfjs', 'weight', 'factorized', 'gradient'];

/** The targets on the GPU backends, printed beside the measured numbers (not a test). */
export const STEP_TARGETS: Partial<Record<Placement, string>> = {
  jitter: '<= 1.02',
  weight: '<= 1.05',
};
export const SAMPLER_TARGET = '>= 100';

/** The models of bench/models.ts that the page trains (keys of its MODELS). */
export const MODEL_KEYS = ['mlp', 'convnet', 'lstm'] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

/** How many of what, for a full run and for `--quick`. */
export interface GpuBenchSettings {
  quick: boolean;
  /** The models, each with its batch size and its interleaved rounds of training steps. */
  models: { key: ModelKey; batch: number; rounds: number }[];
  /** Warm-up steps of each model before the timed rounds. */
  warmup: number;
  /** Sampler draw sizes, and the draws timed per sampler and size. */
  sizes: number[];
  reps: number;
  /** Steps counted per model and sampler for the uploads. */
  uploadSteps: number;
}

/** Changes to the default settings, from the command line or the page's address. */
export interface SettingsOverrides {
  models?: ModelKey[];
  rounds?: number;
  reps?: number;
}

/**
 * Reads the overrides (`models`, `rounds`, `reps`) from the command line or the page's address;
 * throws an Error naming the first bad value (`prefix` + its name).
 */
export function parseOverrides(
  get: (name: string) => string | undefined,
  prefix = '',
): SettingsOverrides {
  const out: SettingsOverrides = {};
  const models = get('models');
  if (models !== undefined) {
    const keys = models.split(',');
    const bad = keys.find((k) => !(MODEL_KEYS as readonly string[]).includes(k));
    if (bad !== undefined || keys.length === 0) {
      throw new Error(
        `${prefix}models must be a comma-separated list of ${MODEL_KEYS.join(', ')}, but got '${models}'.`,
      );
    }
    out.models = keys as ModelKey[];
  }
  for (const name of ['rounds', 'reps'] as const) {
    const v = get(name);
    if (v === undefined) continue;
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new Error(`${prefix}${name} must be an integer >= 1, but got '${v}'.`);
    }
    out[name] = n;
  }
  return out;
}

/**
 * The settings of a full run (the batches of `pnpm bench`; fewer rounds for the LSTM, whose step
 * takes seconds under SwiftShader) or of `--quick` (the MLP at batch 32, two rounds, 1e6
 * samples), with the overrides applied.
 */
export function settingsFor(quick: boolean, overrides: SettingsOverrides = {}): GpuBenchSettings {
  const full: GpuBenchSettings['models'] = [
    { key: 'mlp', batch: 128, rounds: 15 },
    { key: 'convnet', batch: 32, rounds: 15 },
    { key: 'lstm', batch: 32, rounds: 7 },
  ];
  const base: GpuBenchSettings = quick
    ? {
        quick,
        models: [{ key: 'mlp', batch: 32, rounds: 2 }],
        warmup: 1,
        sizes: [1e6],
        reps: 3,
        uploadSteps: 1,
      }
    : { quick, models: full, warmup: 2, sizes: [1e6, 1e7], reps: 15, uploadSteps: 2 };
  const { models, rounds, reps } = overrides;
  let chosen = base.models;
  if (models) {
    const batch = (key: ModelKey) =>
      quick ? 32 : (full.find((m) => m.key === key)?.batch as number);
    chosen = models.map(
      (key) => chosen.find((m) => m.key === key) ?? { key, batch: batch(key), rounds: 2 },
    );
  }
  return {
    ...base,
    models: chosen.map((m) => (rounds ? { ...m, rounds } : m)),
    ...(reps ? { reps } : {}),
  };
}

/** What the page found out about its backend and device. */
export interface PageInfo {
  backend: GpuBenchBackend;
  /** WebGL renderer or WebGPU adapter (vendor and architecture). */
  device: string;
  tfjs: string;
  tfjsNoise: string;
  /** `tf.backend().floatPrecision()`: 32 or 16. */
  floatPrecision: number;
  /** `tfn.random.activeSampler()` with the GPU sampler on ('gpu' unless it fell back). */
  sampler: string;
  /** The CPU sampler used with `useGpuSampler(false)`: 'wasm' or 'js'. */
  cpuSampler: string;
  userAgent: string;
}

/** Median step times of one model, clean and with each placement, stepped in turn. */
export interface StepResult {
  model: string;
  /** Median ms per training step of each variant ('none' twice: the second is the control). */
  ms: { placement: Placement; ms: number }[];
}

/**
 * Median ms per draw of n normals until the result is usable on the GPU, per sampler, from blocks
 * of consecutive draws that end with one synchronisation.
 */
export interface SamplerResult {
  n: number;
  gpu: number;
  cpu: number;
  tfRandomNormal: number;
  /** Draws per timed block (doubled from 1 until a block lasted >= 50 ms). */
  drawsPerBlock: { gpu: number; cpu: number; tfRandomNormal: number };
}

/** Bytes moved from the CPU to the GPU per training step of one model variant. */
export interface UploadResult {
  model: string;
  placement: Placement;
  /** With the GPU sampler on (the default). */
  gpuSampler: number;
  /** With `useGpuSampler(false)`; null where no tfjs-noise sampler is involved (clean, tfjs). */
  cpuSampler: number | null;
  /**
   * Bytes of noise tfjs-noise draws per step: the outputs of its sampler kernels
   * (TfnRandomNormal / TfnRandomUniform) in one profiled step (`tf.profile`). For 'tfjs' it is
   * the GaussianJitter model's (the same places and shapes); null for the clean model.
   */
  noise: number | null;
}

export interface GpuBenchResult {
  info: PageInfo;
  settings: GpuBenchSettings;
  steps: StepResult[];
  sampler: SamplerResult[];
  uploads: UploadResult[];
  /** Wall-clock seconds of the whole measurement in the page. */
  seconds: number;
}

const sizeName = (n: number) => n.toExponential(0).replace('+', '');

/** The rows of the table (`Row` of the Node benchmark: the same printing). */
export function rowsOf(r: GpuBenchResult): Row[] {
  const backend = r.info.backend;
  const rows: Row[] = [];
  for (const s of r.steps) {
    const clean = s.ms[0]?.ms ?? Number.NaN;
    rows.push({ backend, measure: `${s.model}: step, clean`, value: clean, unit: 'ms' });
    for (const [i, v] of s.ms.entries()) {
      if (i === 0) continue;
      const label = i === 1 ? 'clean, second copy (noise floor)' : LABELS[v.placement];
      const target = i === 1 ? undefined : STEP_TARGETS[v.placement];
      rows.push({
        backend,
        measure: `${s.model}: ${label} / clean`,
        value: v.ms / clean,
        unit: 'x',
        ...(target ? { target } : {}),
      });
    }
  }
  for (const s of r.sampler) {
    const n = sizeName(s.n);
    const draw = (what: string, value: number): Row => ({
      backend,
      measure: `normal ${n}: ${what}, ms per draw`,
      value,
      unit: 'ms',
    });
    rows.push(
      draw('GPU sampler (tfn.random.normal)', s.gpu),
      draw(`CPU sampler (${r.info.cpuSampler}) + upload`, s.cpu),
      draw('tf.randomNormal + upload', s.tfRandomNormal),
      {
        backend,
        measure: `normal ${n}: GPU sampler speed-up vs tf.randomNormal`,
        value: s.tfRandomNormal / s.gpu,
        unit: 'x',
        target: SAMPLER_TARGET,
      },
      {
        backend,
        measure: `normal ${n}: CPU sampler speed-up vs tf.randomNormal`,
        value: s.tfRandomNormal / s.cpu,
        unit: 'x',
      },
    );
  }
  for (const u of r.uploads) {
    const what = `${u.model} uploads/step: ${LABELS[u.placement]}`;
    const kB = (measure: string, bytes: number): Row => ({
      backend,
      measure,
      value: bytes / 1000,
      unit: 'kB',
    });
    if (u.cpuSampler === null) {
      rows.push(kB(what, u.gpuSampler));
    } else {
      rows.push(kB(`${what}, GPU sampler`, u.gpuSampler), kB(`${what}, CPU sampler`, u.cpuSampler));
    }
    if (u.noise !== null) rows.push(kB(`${what}: noise drawn`, u.noise));
  }
  return rows;
}

/** What a device's times are worth, where it is an emulation (SwiftShader); else null. */
export function deviceNote(device: string): string | null {
  return /swiftshader/i.test(device)
    ? 'On SwiftShader (CPU emulation of the GPU) times mean little: the targets are for a real GPU.'
    : null;
}

/** The lines above the table: device, versions, settings. */
export function headerOf(r: GpuBenchResult): string[] {
  const { info, settings } = r;
  const rounds = settings.models.map((m) => `${m.key} ${m.rounds}`).join(', ');
  return [
    `${info.backend}: ${info.device}; tfjs ${info.tfjs}, tfjs-noise ${info.tfjsNoise}, ` +
      `float${info.floatPrecision}, sampler ${info.sampler} (CPU sampler: ${info.cpuSampler})`,
    `${settings.quick ? 'quick: ' : ''}step ratios: medians of interleaved rounds (${rounds}), ` +
      `one trainOnBatch per sample, after ${settings.warmup} warm-up steps; sampler: medians of ` +
      `${settings.reps} blocks of draws; uploads: ${settings.uploadSteps} steps per model and sampler; ` +
      `${r.seconds.toFixed(0)} s`,
  ];
}
