/**
 * The page's elements, looked up once. Nothing here knows about models or state.
 */

/** The element with id `id`; throws if the page lacks it. */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

export const ui = {
  form: el<HTMLFormElement>('settings'),
  dataset: el<HTMLSelectElement>('dataset'),
  nTrain: el<HTMLInputElement>('n-train'),
  labelNoise: el<HTMLInputElement>('label-noise'),
  labelNoiseLabel: el('label-noise-label'),
  seed: el<HTMLInputElement>('seed'),
  units: el<HTMLSelectElement>('units'),
  activation: el<HTMLSelectElement>('activation'),
  maxEpochs: el<HTMLInputElement>('max-epochs'),
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
