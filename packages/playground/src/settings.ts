/**
 * The user's settings: read from and written to the form, and carried in the page's URL (so that
 * a reload, which is how the backend is switched, keeps them).
 */
import { DATASETS, type DatasetName, taskOf } from './data';
import { el, ui } from './dom';
import type { ModelSpec, NoiseSettings } from './model';
import { noiseFields } from './noise_fields';

/** Everything the user chose for a run. */
export interface Settings {
  dataset: DatasetName;
  nTrain: number;
  labelNoise: number;
  seed: number;
  units: number;
  activation: 'relu' | 'tanh';
  noise: NoiseSettings;
}

/** Adam's learning rate for both networks. */
export const LEARNING_RATE = 0.01;

const num = (input: HTMLInputElement, lo: number, hi: number, fallback: number): number => {
  const v = Number(input.value);
  return input.value.trim() !== '' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
};

/** The settings the form shows (out-of-range values clamped). */
export function readSettings(): Settings {
  const dataset = ui.dataset.value as DatasetName;
  return {
    dataset: DATASETS.includes(dataset) ? dataset : 'circles',
    nTrain: Math.round(num(ui.nTrain, 10, 500, 40)),
    labelNoise: num(ui.labelNoise, 0, 0.5, 0),
    seed: Math.round(num(ui.seed, 0, 1_000_000, 1)),
    units: Number(ui.units.value) || 64,
    activation: ui.activation.value === 'tanh' ? 'tanh' : 'relu',
    noise: Object.fromEntries(noiseFields().map((f) => [f.kind, num(f.input, 0, 10, 0)])),
  };
}

/** Range inputs with the number of digits their `<output id="…-value">` shows. */
const shownValues = (): [HTMLInputElement, number][] => [
  [ui.nTrain, 0],
  [ui.labelNoise, 2],
  ...noiseFields().map((f): [HTMLInputElement, number] => [f.input, f.digits]),
];

/** Writes each range input's value into its `<output>`. */
export function showValues(): void {
  for (const [input, digits] of shownValues()) {
    el<HTMLOutputElement>(`${input.id}-value`).value = Number(input.value).toFixed(digits);
  }
}

/** The epoch limit of the form. */
export function maxEpochs(): number {
  return Math.round(num(ui.maxEpochs, 1, 5000, 400));
}

/** Shows `settings` in the form (and the labels that depend on the task). */
export function writeSettings(settings: Settings): void {
  ui.dataset.value = settings.dataset;
  ui.nTrain.value = String(settings.nTrain);
  ui.labelNoise.value = String(settings.labelNoise);
  ui.seed.value = String(settings.seed);
  ui.units.value = String(settings.units);
  ui.activation.value = settings.activation;
  // A kind the saved settings lack (saved before the kind was on the page) is off.
  for (const f of noiseFields()) f.input.value = String(settings.noise[f.kind] ?? 0);
  showValues();
  showTaskLabels(settings);
}

/** Labels that read differently for classification and regression. */
export function showTaskLabels(settings: Settings): void {
  const regression = taskOf(settings.dataset) === 'regression';
  ui.labelNoiseLabel.textContent = regression
    ? 'Label noise (target std)'
    : 'Label noise (flip rate)';
  ui.cleanMetric.textContent = regression ? 'R²' : 'Accuracy';
  ui.noisyMetric.textContent = regression ? 'R²' : 'Accuracy';
}

/** URL parameter of each form field (the form's element ids). */
const fields = () => [
  ui.dataset,
  ui.nTrain,
  ui.labelNoise,
  ui.seed,
  ui.units,
  ui.activation,
  ui.maxEpochs,
  ...noiseFields().map((f) => f.input),
];

/** The form's fields whose change starts a new run. */
export const runFields = () => fields().filter((f) => f !== ui.maxEpochs);

/** Puts the form's values into `url`'s query (`?dataset=moons&n-train=40…`). */
export function settingsToUrl(url: URL): void {
  for (const field of fields()) url.searchParams.set(field.id, field.value);
}

/**
 * Fills the form from `url`'s query, for the fields it names; the form's own checks (option
 * lists, ranges) apply when the settings are read.
 */
export function settingsFromUrl(url: URL): void {
  for (const field of fields()) {
    const value = url.searchParams.get(field.id);
    if (value == null) continue;
    if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((o) => o.value === value)) field.value = value;
    } else {
      field.value = value;
    }
  }
  showValues();
}

/** The model spec of a run with these settings. */
export function specOf(settings: Settings): ModelSpec {
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

/** Puts the form's values into the address bar (no reload), so that a reload keeps them. */
export function updateUrl(): void {
  const url = new URL(window.location.href);
  settingsToUrl(url);
  window.history.replaceState(null, '', url);
}
