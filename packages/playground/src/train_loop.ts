/**
 * The training loop: small chunks of epochs with `tf.nextFrame()` between them (the page stays
 * responsive), evaluation and drawing after each chunk, and building a new run.
 */
import * as tf from '@tensorflow/tfjs';
import { isGpuBackend } from './backend';
import { taskOf } from './data';
import { ui } from './dom';
import { CLEAN_COLOR, drawBoundary, drawCurve, drawLosses, formatLoss, NOISY_COLOR } from './draw';
import { describeModel, score } from './model';
import { predict, Run } from './run';
import { maxEpochs, readSettings, showTaskLabels } from './settings';
import { exclusive, state } from './state';
import { setStatus, updateButtons } from './view';

const BATCH_SIZE = 32;
/** Aim for about this much training time per chunk, between two frames. */
const CHUNK_MS = 100;

/**
 * Runs `task`; if it is the first of its kind (`what`) on a GPU backend in this page, first shows
 * "Compiling shaders…" and lets the browser paint it, since compiling takes seconds.
 */
async function withCompileNotice<T>(what: 'train' | 'predict', task: () => Promise<T>): Promise<T> {
  if (!isGpuBackend(state.backend) || state.compiled[what]) return task();
  state.compileNotices++;
  document.body.dataset.compiling = 'true';
  setStatus(
    `Compiling shaders… (the first ${what === 'train' ? 'training step' : 'prediction'} on ` +
      `${state.backend} takes a while)`,
  );
  await tf.nextFrame();
  try {
    const result = await task();
    state.compiled[what] = true;
    return result;
  } finally {
    delete document.body.dataset.compiling;
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
  await withCompileNotice('train', async () => {
    for (const model of [r.clean, r.noisy]) {
      await model.fit(r.xTrain, r.yTrain, {
        epochs,
        batchSize: BATCH_SIZE,
        shuffle: false, // tfjs shuffles with Math.random; unshuffled, a seed fixes the whole run
        verbose: 0,
        yieldEvery: 'never',
      });
    }
  });
  const perEpoch = (performance.now() - started) / epochs;
  r.epoch += epochs;
  const evaluated = performance.now();
  await evaluate(r, true);
  // Train at least as long as drawing takes, so that training gets most of the time.
  const budget = Math.max(CHUNK_MS, performance.now() - evaluated);
  r.chunkEpochs = Math.max(1, Math.min(100, Math.round(budget / Math.max(perEpoch, 0.05))));
}

async function trainLoop(): Promise<void> {
  while (state.running) {
    const r = state.run;
    if (!r || r.epoch >= maxEpochs()) break;
    await exclusive(() => (state.run === r && state.running ? trainChunk(r) : Promise.resolve()));
    updateButtons();
    await tf.nextFrame();
  }
  state.running = false;
  updateButtons();
}

/** Starts (or resumes) training; errors go to `onError`. */
export function start(onError: (err: unknown) => void): void {
  if (state.running || !state.run) return;
  state.running = true;
  updateButtons();
  trainLoop().catch(onError);
}

/** Replaces the run by a new one built from the form's settings. Call it inside `exclusive`. */
export async function rebuild(): Promise<void> {
  state.run?.dispose();
  state.run = undefined;
  const settings = readSettings();
  showTaskLabels(settings);
  const run = new Run(settings);
  state.run = run;
  ui.architecture.value = describeModel(run.noisy);
  await withCompileNotice('predict', () => evaluate(run, false));
  updateButtons();
}

/** Builds a new run from the settings (after the current chunk, if one is under way). */
export function reset(): Promise<void> {
  return exclusive(rebuild);
}

/** A new run from the settings; training goes on if it was running. */
export async function restart(onError: (err: unknown) => void): Promise<void> {
  const wasRunning = state.running;
  state.running = false;
  await reset();
  if (wasRunning) start(onError);
}
