/**
 * The playground page: wires the form, the buttons and the backend menu to the modules that do
 * the work (settings, train_loop, persistence), and installs the test hook.
 *
 * Order at start: settings from the URL into the form, then the backend, then the first run, so
 * that the backend is chosen before any model is built (tfjs-layers caches its epsilon).
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
import { ui } from './dom';
import { installHook } from './hook';
import { load, save } from './persistence';
import { predict } from './run';
import { runFields, settingsFromUrl, settingsToUrl, showValues, updateUrl } from './settings';
import { exclusive, state } from './state';
import { reset, restart, start } from './train_loop';
import { setStatus, showBackend, showError, updateButtons } from './view';

/**
 * Switches the backend by reloading the page with it (and the settings) in the URL: a fresh
 * page chooses it before any model exists, so no cached epsilon of the old backend remains.
 */
async function switchBackend(wanted: BackendName): Promise<void> {
  state.running = false;
  await exclusive(async () => undefined); // let a training chunk under way finish
  const url = new URL(window.location.href);
  settingsToUrl(url);
  url.searchParams.set('backend', wanted);
  document.body.dataset.ready = 'false';
  window.location.assign(url);
}

/** The epsilon tfjs-layers uses, read through `tf.metrics.binaryCrossentropy` (-log(eps)). */
async function layersEpsilon(): Promise<number> {
  const loss = tf.tidy(() => tf.metrics.binaryCrossentropy(tf.tensor2d([[1]]), tf.tensor2d([[0]])));
  try {
    return Math.exp(-((await loss.data())[0] as number));
  } finally {
    loss.dispose();
  }
}

async function main(): Promise<void> {
  installHook({
    get backend() {
      return state.backend;
    },
    get epoch() {
      return state.run?.epoch ?? 0;
    },
    get tensors() {
      return tf.memory().numTensors;
    },
    get compileNotices() {
      return state.compileNotices;
    },
    get saved() {
      return state.saved;
    },
    get loaded() {
      return state.loaded;
    },
    get loadedStripped() {
      return state.loadedStripped;
    },
    settled: () => exclusive(async () => undefined),
    gridPredictions: (which) =>
      exclusive(async () => {
        const r = state.run;
        if (!r) return [];
        return Array.from(await predict(which === 'clean' ? r.clean : r.noisy, r.xGrid));
      }),
    epsilons: () =>
      exclusive(async () => ({ layers: await layersEpsilon(), backend: tf.backend().epsilon() })),
  });
  ui.version.value = tfn.version;
  ui.form.addEventListener('submit', (e) => e.preventDefault());
  for (const name of BACKENDS) {
    const option = ui.backend.querySelector<HTMLOptionElement>(`option[value="${name}"]`);
    if (option && !backendAvailable(name)) {
      option.disabled = true;
      option.textContent = `${name} (unavailable)`;
    }
  }

  // Settings first (no tfjs involved), then the backend, then models.
  const url = new URL(window.location.href);
  settingsFromUrl(url);
  const wanted = url.searchParams.get('backend');
  state.backend = await activateBackend(isBackendName(wanted) ? wanted : undefined);
  showBackend();
  url.searchParams.set('backend', state.backend);
  window.history.replaceState(null, '', url);

  for (const field of runFields()) {
    if (field instanceof HTMLInputElement && field.type === 'range') {
      field.addEventListener('input', showValues);
    }
    field.addEventListener('change', () => {
      updateUrl();
      restart(showError).catch(showError);
    });
  }
  ui.maxEpochs.addEventListener('change', () => {
    updateUrl();
    updateButtons();
  });
  ui.backend.addEventListener('change', () => {
    const name = ui.backend.value;
    if (isBackendName(name) && name !== state.backend) switchBackend(name).catch(showError);
  });
  ui.train.addEventListener('click', () => {
    if (state.running) state.running = false;
    else start(showError);
    updateButtons();
  });
  ui.reset.addEventListener('click', () => {
    state.running = false;
    reset().catch(showError);
  });
  ui.save.addEventListener('click', () => save().catch(showError));
  ui.load.addEventListener('click', () => load().catch(showError));

  await reset();
  if (isBackendName(wanted) && wanted !== state.backend) {
    setStatus(`${wanted} could not start in this browser; using ${state.backend}.`);
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('unhandledrejection', (e) => showError(e.reason));
main().catch(showError);
