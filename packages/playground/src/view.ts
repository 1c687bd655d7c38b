/**
 * What the page shows about the state: status line, buttons, epoch and tensor count, backend.
 */
import * as tf from '@tensorflow/tfjs';
import { ui } from './dom';
import { maxEpochs } from './settings';
import { state } from './state';

/** Sets the status line (red when `error`). */
export function setStatus(text: string, error = false): void {
  ui.status.value = text;
  ui.status.classList.toggle('error', error);
}

/** Stops training and shows an error (also logged to the console). */
export function showError(err: unknown): void {
  console.error(err);
  state.running = false;
  document.body.dataset.state = 'error';
  setStatus(`Error: ${err instanceof Error ? err.message : String(err)}`, true);
  updateButtons();
}

/** Buttons, epoch, tensor count, `body[data-state]` and the status line from the state. */
export function updateButtons(): void {
  const { run, running } = state;
  const done = run != null && run.epoch >= maxEpochs();
  ui.train.textContent = running ? 'Pause' : run && run.epoch > 0 && !done ? 'Resume' : 'Train';
  ui.train.disabled = !run || (done && !running);
  ui.reset.disabled = !run;
  ui.save.disabled = !run;
  ui.load.disabled = false;
  ui.epoch.value = String(run?.epoch ?? 0);
  ui.tensors.value = String(tf.memory().numTensors);
  if (document.body.dataset.state === 'error') return;
  document.body.dataset.state = running ? 'training' : done ? 'done' : 'paused';
  setStatus(running ? 'Training…' : done ? 'Done.' : run && run.epoch > 0 ? 'Paused.' : 'Ready.');
}

/** The backend in use, in the menu and next to it. */
export function showBackend(): void {
  ui.backendInUse.value = state.backend;
  ui.backend.value = state.backend;
}
