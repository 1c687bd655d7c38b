/**
 * The playground page: settings, the training loop (small chunks with `tf.nextFrame()` between
 * them, so the page stays responsive), drawing, save (downloads + IndexedDB) and load.
 */
import './style.css';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import {
  activateBackend,
  BACKENDS,
  type BackendName,
  backendAvailable,
  isBackendName,
} from './backend';
import { DATASETS, type Dataset, type DatasetName, gridPoints, makeDataset, taskOf } from './data';
import {
  CLEAN_COLOR,
  drawBoundary,
  drawCurve,
  drawLosses,
  formatLoss,
  type LossPoint,
  NOISY_COLOR,
} from './draw';
import {
  buildModel,
  describeModel,
  gradientNoiseFactory,
  type ModelSpec,
  NO_NOISE,
  type NoiseSettings,
  score,
} from './model';

/** Grid resolution of the boundary pictures (2-D) and of the regression curves (1-D). */
const GRID_2D = 64;
const GRID_1D = 200;
const TEST_POINTS = 500;
const BATCH_SIZE = 32;
const LEARNING_RATE = 0.01;
/** Aim for about this much training time per chunk, between two frames. */
const CHUNK_MS = 100;

const IDB_NOISY = 'indexeddb://tfjs-noise-playground-noisy';
const IDB_STRIPPED = 'indexeddb://tfjs-noise-playground-stripped';
const SAVED_PREDICTIONS_KEY = 'tfjs-noise-playground/saved-predictions';

/** Everything the user chose. */
interface Settings {
  dataset: DatasetName;
  nTrain: number;
  labelNoise: number;
  seed: number;
  units: number;
  activation: 'relu' | 'tanh';
  noise: NoiseSettings;
}

/** Stored with the saved model (`userDefinedMetadata`), to show it again on its own data. */
interface SavedMeta {
  settings: Settings;
  epoch: number;
  backend: string;
}

/** The test (and curious users) can read the state through `window.playground`. */
export interface PlaygroundHook {
  backend: string;
  epoch: number;
  /** `tf.memory().numTensors`. */
  tensors: number;
  /** Noisy-model predictions on the grid at the last save. */
  saved?: number[];
  /** Predictions on the grid of the model (and of its stripped copy) loaded from IndexedDB. */
  loaded?: number[];
  loadedStripped?: number[];
  /** Resolves when every queued task (training chunk, reset, save, load) has finished. */
  settled(): Promise<void>;
  /** Current predictions on the grid of either network. */
  gridPredictions(which: 'clean' | 'noisy'): Promise<number[]>;
}

declare global {
  interface Window {
    playground: PlaygroundHook;
  }
}

const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
};

const ui = {
  form: el<HTMLFormElement>('settings'),
  dataset: el<HTMLSelectElement>('dataset'),
  nTrain: el<HTMLInputElement>('n-train'),
  labelNoise: el<HTMLInputElement>('label-noise'),
  labelNoiseLabel: el('label-noise-label'),
  seed: el<HTMLInputElement>('seed'),
  units: el<HTMLSelectElement>('units'),
  activation: el<HTMLSelectElement>('activation'),
  maxEpochs: el<HTMLInputElement>('max-epochs'),
  inputJitter: el<HTMLInputElement>('input-jitter'),
  activationJitter: el<HTMLInputElement>('activation-jitter'),
  weightNoise: el<HTMLInputElement>('weight-noise'),
  noisyActivation: el<HTMLInputElement>('noisy-activation'),
  gradientNoise: el<HTMLInputElement>('gradient-noise'),
  gradientNoiseLabel: el('gradient-noise-label'),
  backend: el<HTMLSelectElement>('backend'),
  backendInUse: el<HTMLOutputElement>('backend-in-use'),
  train: el<HTMLButtonElement>('train'),
  reset: el<HTMLButtonElement>('reset'),
  save: el<HTMLButtonElement>('save'),
  load: el<HTMLButtonElement>('load'),
  epoch: el<HTMLOutputElement>('epoch'),
  status: el<HTMLOutputElement>('status'),
  cleanCanvas: el<HTMLCanvasElement>('clean-canvas'),
  noisyCanvas: el<HTMLCanvasElement>('noisy-canvas'),
  lossCanvas: el<HTMLCanvasElement>('loss-canvas'),
  loadedFigure: el('loaded-figure'),
  loadedCanvas: el<HTMLCanvasElement>('loaded-canvas'),
  loadStatus: el<HTMLOutputElement>('load-status'),
  cleanMetric: el('clean-metric'),
  noisyMetric: el('noisy-metric'),
  cleanAcc: el<HTMLOutputElement>('clean-acc'),
  noisyAcc: el<HTMLOutputElement>('noisy-acc'),
  losses: el<HTMLOutputElement>('losses'),
  architecture: el<HTMLOutputElement>('architecture'),
  version: el<HTMLOutputElement>('version'),
  tensors: el<HTMLOutputElement>('tensors'),
};

const num = (input: HTMLInputElement, lo: number, hi: number, fallback: number): number => {
  const v = Number(input.value);
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
};

function readSettings(): Settings {
  const dataset = ui.dataset.value as DatasetName;
  return {
    dataset: DATASETS.includes(dataset) ? dataset : 'circles',
    nTrain: Math.round(num(ui.nTrain, 10, 500, 40)),
    labelNoise: num(ui.labelNoise, 0, 0.5, 0),
    seed: Math.round(num(ui.seed, 0, 1_000_000, 1)),
    units: Number(ui.units.value) || 64,
    activation: ui.activation.value === 'tanh' ? 'tanh' : 'relu',
    noise: {
      inputJitter: num(ui.inputJitter, 0, 10, 0),
      activationJitter: num(ui.activationJitter, 0, 10, 0),
      weightNoise: num(ui.weightNoise, 0, 10, 0),
      noisyActivation: num(ui.noisyActivation, 0, 10, 0),
      gradientNoise: gradientNoiseFactory() ? num(ui.gradientNoise, 0, 10, 0) : 0,
    },
  };
}

const maxEpochs = () => Math.round(num(ui.maxEpochs, 1, 5000, 400));

function specOf(settings: Settings): ModelSpec {
  const task = taskOf(settings.dataset);
  return {
    task,
    inputDim: task === 'regression' ? 1 : 2,
    hiddenLayers: 2,
    units: settings.units,
    activation: settings.activation,
    learningRate: LEARNING_RATE,
    seed: settings.seed,
  };
}

/** One side-by-side training run: data, tensors and the two models. */
class Run {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly grid: number;
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor2D;
  readonly xTest: tf.Tensor2D;
  readonly xGrid: tf.Tensor2D;
  readonly clean: tf.Sequential;
  readonly noisy: tf.Sequential;
  epoch = 0;
  chunkEpochs = 1;
  readonly history: LossPoint[] = [];

  constructor(readonly settings: Settings) {
    const { dataset: name, nTrain, labelNoise, seed } = settings;
    this.train = makeDataset({ name, n: nTrain, labelNoise, seed, part: 'train' });
    // The test set has clean labels: it measures how well each network learned the true rule.
    this.test = makeDataset({ name, n: TEST_POINTS, labelNoise: 0, seed, part: 'test' });
    const spec = specOf(settings);
    this.grid = spec.inputDim === 2 ? GRID_2D : GRID_1D;
    this.xTrain = tf.tensor2d(this.train.x, [nTrain, spec.inputDim]);
    this.yTrain = tf.tensor2d(this.train.y, [nTrain, 1]);
    this.xTest = tf.tensor2d(this.test.x, [TEST_POINTS, spec.inputDim]);
    const g = gridPoints(spec.inputDim, this.grid);
    this.xGrid = tf.tensor2d(g, [g.length, spec.inputDim]);
    this.clean = buildModel(spec, NO_NOISE);
    this.noisy = buildModel(spec, settings.noise);
  }

  dispose(): void {
    for (const model of [this.clean, this.noisy]) {
      model.optimizer?.dispose();
      model.dispose();
    }
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.xGrid]);
  }
}

async function predict(model: tf.LayersModel, x: tf.Tensor): Promise<Float32Array> {
  const y = model.predict(x, { batchSize: 4096 }) as tf.Tensor;
  try {
    return (await y.data()) as Float32Array;
  } finally {
    y.dispose();
  }
}

let run: Run | undefined;
let running = false;
let backend: BackendName = 'cpu';

/** Serializes everything that touches the models: a chunk of training, save, load, reset. */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}

function setStatus(text: string, error = false): void {
  ui.status.value = text;
  ui.status.classList.toggle('error', error);
}

function showError(err: unknown): void {
  console.error(err);
  running = false;
  document.body.dataset.state = 'error';
  setStatus(`Error: ${err instanceof Error ? err.message : String(err)}`, true);
  updateButtons();
}

function updateButtons(): void {
  const done = run != null && run.epoch >= maxEpochs();
  ui.train.textContent = running ? 'Pause' : run && run.epoch > 0 && !done ? 'Resume' : 'Train';
  ui.train.disabled = !run || (done && !running);
  ui.reset.disabled = !run;
  ui.save.disabled = !run;
  ui.load.disabled = false;
  ui.epoch.value = String(run?.epoch ?? 0);
  ui.tensors.value = String(tf.memory().numTensors);
  const state = running ? 'training' : done ? 'done' : 'paused';
  if (document.body.dataset.state !== 'error') document.body.dataset.state = state;
  if (document.body.dataset.state !== 'error') {
    setStatus(running ? 'Training…' : done ? 'Done.' : run && run.epoch > 0 ? 'Paused.' : 'Ready.');
  }
}

function accuracyText(task: 'classification' | 'regression', train: number, test: number): string {
  return task === 'classification'
    ? `train ${(100 * train).toFixed(1)}% · test ${(100 * test).toFixed(1)}%`
    : `train ${train.toFixed(3)} · test ${test.toFixed(3)}`;
}

/** Scores both networks on train and test data, draws them and records the losses. */
async function evaluate(r: Run, record: boolean): Promise<void> {
  const task = taskOf(r.settings.dataset);
  const results = [];
  for (const [model, canvas, color, out] of [
    [r.clean, ui.cleanCanvas, CLEAN_COLOR, ui.cleanAcc],
    [r.noisy, ui.noisyCanvas, NOISY_COLOR, ui.noisyAcc],
  ] as const) {
    const train = score(task, await predict(model, r.xTrain), r.train.y);
    const test = score(task, await predict(model, r.xTest), r.test.y);
    const grid = await predict(model, r.xGrid);
    if (task === 'classification') drawBoundary(canvas, grid, r.grid, r.train, r.test);
    else drawCurve(canvas, grid, r.train, color);
    if (r.epoch > 0) {
      out.value = accuracyText(task, train.metric, test.metric);
      out.dataset.train = String(train.metric);
      out.dataset.test = String(test.metric);
    } else {
      out.value = '–';
      delete out.dataset.train;
      delete out.dataset.test;
    }
    results.push({ train, test });
  }
  const [clean, noisy] = results as [(typeof results)[0], (typeof results)[0]];
  if (record) {
    r.history.push({
      epoch: r.epoch,
      cleanTrain: clean.train.loss,
      cleanTest: clean.test.loss,
      noisyTrain: noisy.train.loss,
      noisyTest: noisy.test.loss,
    });
  }
  drawLosses(ui.lossCanvas, r.history);
  ui.losses.value =
    r.history.length === 0
      ? '–'
      : `clean train ${formatLoss(clean.train.loss)} / test ${formatLoss(clean.test.loss)}; ` +
        `noisy train ${formatLoss(noisy.train.loss)} / test ${formatLoss(noisy.test.loss)}`;
}

/**
 * Trains both networks for a few epochs (about CHUNK_MS, or as long as the last evaluation took
 * if that was longer), then evaluates and draws them.
 */
async function trainChunk(r: Run): Promise<void> {
  const epochs = Math.max(1, Math.min(r.chunkEpochs, maxEpochs() - r.epoch));
  const started = performance.now();
  for (const model of [r.clean, r.noisy]) {
    await model.fit(r.xTrain, r.yTrain, {
      epochs,
      batchSize: BATCH_SIZE,
      shuffle: false, // tfjs shuffles with Math.random; unshuffled, a seed fixes the whole run
      verbose: 0,
      yieldEvery: 'never',
    });
  }
  const perEpoch = (performance.now() - started) / epochs;
  r.epoch += epochs;
  const evaluated = performance.now();
  await evaluate(r, true);
  // Train at least as long as drawing takes, so that training gets most of the time.
  const budget = Math.max(CHUNK_MS, performance.now() - evaluated);
  r.chunkEpochs = Math.max(1, Math.min(100, Math.round(budget / Math.max(perEpoch, 0.05))));
}

async function trainLoop(): Promise<void> {
  while (running) {
    const r = run;
    if (!r || r.epoch >= maxEpochs()) break;
    await exclusive(() => (run === r && running ? trainChunk(r) : Promise.resolve()));
    updateButtons();
    await tf.nextFrame();
  }
  running = false;
  updateButtons();
}

function start(): void {
  if (running || !run) return;
  running = true;
  updateButtons();
  trainLoop().catch(showError);
}

/** Replaces the run by a new one built from the settings. Call it inside `exclusive`. */
async function rebuild(): Promise<void> {
  run?.dispose();
  run = undefined;
  const settings = readSettings();
  const regression = taskOf(settings.dataset) === 'regression';
  ui.labelNoiseLabel.textContent = regression
    ? 'Label noise (target std)'
    : 'Label noise (flip rate)';
  ui.cleanMetric.textContent = regression ? 'R²' : 'Accuracy';
  ui.noisyMetric.textContent = regression ? 'R²' : 'Accuracy';
  run = new Run(settings);
  ui.architecture.value = describeModel(run.noisy);
  await evaluate(run, false);
  updateButtons();
}

/** Builds a new run from the settings (after the current chunk, if one is under way). */
function reset(): Promise<void> {
  return exclusive(rebuild);
}

async function restart(): Promise<void> {
  const wasRunning = running;
  running = false;
  await reset();
  if (wasRunning) start();
}

async function switchBackend(wanted: BackendName): Promise<void> {
  const wasRunning = running;
  running = false;
  await exclusive(async () => {
    run?.dispose();
    run = undefined;
    backend = await activateBackend(wanted);
    showBackend();
    const url = new URL(window.location.href);
    url.searchParams.set('backend', backend);
    window.history.replaceState(null, '', url);
    await rebuild();
  });
  if (wasRunning) start();
}

function showBackend(): void {
  ui.backendInUse.value = backend;
  ui.backend.value = backend;
  window.playground.backend = backend;
}

async function save(): Promise<void> {
  await exclusive(async () => {
    const r = run;
    if (!r) return;
    setStatus('Saving…');
    const meta: SavedMeta = { settings: r.settings, epoch: r.epoch, backend };
    const stripped = tfn.stripNoise(r.noisy);
    try {
      r.noisy.setUserDefinedMetadata({ playground: meta });
      stripped.setUserDefinedMetadata({ playground: meta });
      await r.noisy.save(IDB_NOISY);
      await stripped.save(IDB_STRIPPED);
      const saved = Array.from(await predict(r.noisy, r.xGrid));
      localStorage.setItem(SAVED_PREDICTIONS_KEY, JSON.stringify(saved));
      await r.noisy.save('downloads://tfjs-noise-playground-noisy');
      await stripped.save('downloads://tfjs-noise-playground-stripped');
      window.playground.saved = saved;
      document.body.dataset.saved = 'true';
    } finally {
      stripped.dispose();
    }
    updateButtons();
    setStatus(`Saved at epoch ${r.epoch} to IndexedDB; downloaded the noisy and stripped models.`);
  });
}

async function load(): Promise<void> {
  await exclusive(async () => {
    setStatus('Loading the saved model from IndexedDB…');
    const models = await tf.io.listModels();
    if (!(IDB_NOISY in models) || !(IDB_STRIPPED in models)) {
      setStatus('Nothing saved yet: train, then "Save model".');
      return;
    }
    const noisy = await tf.loadLayersModel(IDB_NOISY);
    const stripped = await tf.loadLayersModel(IDB_STRIPPED);
    try {
      const meta = (noisy.getUserDefinedMetadata() as { playground?: SavedMeta } | undefined)
        ?.playground;
      if (!meta) throw new Error('the saved model has no playground metadata');
      const { settings } = meta;
      const spec = specOf(settings);
      const grid = spec.inputDim === 2 ? GRID_2D : GRID_1D;
      const points = gridPoints(spec.inputDim, grid);
      const x = tf.tensor2d(points, [points.length, spec.inputDim]);
      let loaded: number[];
      let loadedStripped: number[];
      try {
        loaded = Array.from(await predict(noisy, x));
        loadedStripped = Array.from(await predict(stripped, x));
      } finally {
        x.dispose();
      }
      const train = makeDataset({
        name: settings.dataset,
        n: settings.nTrain,
        labelNoise: settings.labelNoise,
        seed: settings.seed,
        part: 'train',
      });
      ui.loadedFigure.hidden = false;
      if (spec.task === 'classification') drawBoundary(ui.loadedCanvas, loaded, grid, train);
      else drawCurve(ui.loadedCanvas, loaded, train, NOISY_COLOR);

      const savedJson = localStorage.getItem(SAVED_PREDICTIONS_KEY);
      const saved = savedJson ? (JSON.parse(savedJson) as number[]) : undefined;
      const maxDiff = (a: number[], b: number[] | undefined) =>
        b && b.length === a.length
          ? Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))))
          : Number.NaN;
      const vsSaved = maxDiff(loaded, saved);
      const vsStripped = maxDiff(loaded, loadedStripped);
      ui.loadStatus.value =
        `${describeModel(noisy)} (${settings.dataset}, ${settings.nTrain} points, epoch ${meta.epoch}, ` +
        `saved on ${meta.backend}). Max |difference| from the predictions at save time: ` +
        `${Number.isNaN(vsSaved) ? 'n/a' : vsSaved}; stripped copy (${describeModel(stripped)}): ${vsStripped}.`;
      window.playground.loaded = loaded;
      window.playground.loadedStripped = loadedStripped;
      document.body.dataset.loaded = 'true';
      setStatus('Loaded the saved model from IndexedDB.');
    } finally {
      noisy.dispose();
      stripped.dispose();
      ui.tensors.value = String(tf.memory().numTensors);
    }
  });
}

function bindOutputs(): void {
  const pairs: [HTMLInputElement, number][] = [
    [ui.nTrain, 0],
    [ui.labelNoise, 2],
    [ui.inputJitter, 2],
    [ui.activationJitter, 2],
    [ui.weightNoise, 2],
    [ui.noisyActivation, 2],
    [ui.gradientNoise, 3],
  ];
  for (const [input, digits] of pairs) {
    const out = el<HTMLOutputElement>(`${input.id}-value`);
    const show = () => {
      out.value = Number(input.value).toFixed(digits);
    };
    show();
    input.addEventListener('input', show);
  }
}

async function main(): Promise<void> {
  window.playground = {
    backend: '',
    get epoch() {
      return run?.epoch ?? 0;
    },
    get tensors() {
      return tf.memory().numTensors;
    },
    settled: () => exclusive(async () => undefined),
    async gridPredictions(which) {
      return exclusive(async () => {
        if (!run) return [];
        return Array.from(await predict(which === 'clean' ? run.clean : run.noisy, run.xGrid));
      });
    },
  };
  ui.version.value = tfn.version;
  ui.form.addEventListener('submit', (e) => e.preventDefault());
  bindOutputs();
  if (!gradientNoiseFactory()) {
    ui.gradientNoise.disabled = true;
    ui.gradientNoiseLabel.textContent = 'Gradient noise (not in this tfjs-noise build)';
  }
  for (const name of BACKENDS) {
    const option = ui.backend.querySelector<HTMLOptionElement>(`option[value="${name}"]`);
    if (option && !backendAvailable(name)) {
      option.disabled = true;
      option.textContent = `${name} (unavailable)`;
    }
  }

  const wanted = new URLSearchParams(window.location.search).get('backend');
  backend = await activateBackend(isBackendName(wanted) ? wanted : undefined);
  showBackend();

  for (const input of [
    ui.dataset,
    ui.nTrain,
    ui.labelNoise,
    ui.seed,
    ui.units,
    ui.activation,
    ui.inputJitter,
    ui.activationJitter,
    ui.weightNoise,
    ui.noisyActivation,
    ui.gradientNoise,
  ]) {
    input.addEventListener('change', () => restart().catch(showError));
  }
  ui.maxEpochs.addEventListener('change', updateButtons);
  ui.backend.addEventListener('change', () => {
    const name = ui.backend.value;
    if (isBackendName(name)) switchBackend(name).catch(showError);
  });
  ui.train.addEventListener('click', () => {
    if (running) running = false;
    else start();
    updateButtons();
  });
  ui.reset.addEventListener('click', () => {
    running = false;
    reset().catch(showError);
  });
  ui.save.addEventListener('click', () => save().catch(showError));
  ui.load.addEventListener('click', () => load().catch(showError));

  await reset();
  document.body.dataset.ready = 'true';
}

window.addEventListener('unhandledrejection', (e) => showError(e.reason));
main().catch(showError);
