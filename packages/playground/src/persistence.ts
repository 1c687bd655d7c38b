/**
 * Save (IndexedDB and downloads, the noisy model and its `stripNoise` copy) and load (back from
 * IndexedDB: drawn on its own data, compared with the predictions at save time, and its
 * settings shown in the form, with a new run built from them).
 */
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { gridPoints, makeDataset } from './data';
import { ui } from './dom';
import { drawBoundary, drawCurve, NOISY_COLOR } from './draw';
import { describeModel } from './model';
import { gridSize, predict } from './run';
import { type Settings, specOf, updateUrl, writeSettings } from './settings';
import { exclusive, state } from './state';
import { rebuild } from './train_loop';
import { setStatus, updateButtons } from './view';

const IDB_NOISY = 'indexeddb://tfjs-noise-playground-noisy';
const IDB_STRIPPED = 'indexeddb://tfjs-noise-playground-stripped';
const SAVED_PREDICTIONS_KEY = 'tfjs-noise-playground/saved-predictions';

/** Stored with the saved model (`userDefinedMetadata`), to show it again on its own data. */
interface SavedMeta {
  settings: Settings;
  epoch: number;
  backend: string;
}

/** Saves the noisy model and its stripped copy to IndexedDB and as downloads. */
export async function save(): Promise<void> {
  await exclusive(async () => {
    const r = state.run;
    if (!r) return;
    setStatus('Saving…');
    const meta: SavedMeta = { settings: r.settings, epoch: r.epoch, backend: state.backend };
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
      state.saved = saved;
      document.body.dataset.saved = 'true';
    } finally {
      stripped.dispose();
    }
    updateButtons();
    setStatus(`Saved at epoch ${r.epoch} to IndexedDB; downloaded the noisy and stripped models.`);
  });
}

const maxDiff = (a: number[], b: number[] | undefined): number =>
  b && b.length === a.length
    ? Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))))
    : Number.NaN;

/**
 * Loads the saved models from IndexedDB, draws the noisy one on its training data, and shows its
 * settings in the form (a new run with them replaces the current one).
 */
export async function load(): Promise<void> {
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
      const grid = gridSize(spec.inputDim);
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

      // The form, the URL and the live run take the loaded model's settings.
      state.running = false;
      writeSettings(settings);
      updateUrl();
      await rebuild();
      ui.architecture.value = describeModel(noisy);

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
      const vsSaved = maxDiff(loaded, saved);
      const vsStripped = maxDiff(loaded, loadedStripped);
      ui.loadStatus.value =
        `${describeModel(noisy)} (${settings.dataset}, ${settings.nTrain} points, epoch ${meta.epoch}, ` +
        `saved on ${meta.backend}). Max |difference| from the predictions at save time: ` +
        `${Number.isNaN(vsSaved) ? 'n/a' : vsSaved}; stripped copy (${describeModel(stripped)}): ${vsStripped}.`;
      state.loaded = loaded;
      state.loadedStripped = loadedStripped;
      document.body.dataset.loaded = 'true';
      setStatus('Loaded the saved model from IndexedDB; the form shows its settings.');
    } finally {
      noisy.dispose();
      stripped.dispose();
      ui.tensors.value = String(tf.memory().numTensors);
    }
  });
}
