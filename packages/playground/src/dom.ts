/**
 * The page's elements, each looked up when it is read (`ui.train`), never when a module is
 * imported: the modules that use them load in Node, where there is no document, so that the
 * run and model logic is tested there. Nothing here knows about models or state.
 */

/** The element with id `id`; throws if the page lacks it. */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

export const ui = {
  get form() {
    return el<HTMLFormElement>('settings');
  },
  get dataset() {
    return el<HTMLSelectElement>('dataset');
  },
  get nTrain() {
    return el<HTMLInputElement>('n-train');
  },
  get labelNoise() {
    return el<HTMLInputElement>('label-noise');
  },
  get labelNoiseLabel() {
    return el('label-noise-label');
  },
  get seed() {
    return el<HTMLInputElement>('seed');
  },
  get units() {
    return el<HTMLSelectElement>('units');
  },
  get activation() {
    return el<HTMLSelectElement>('activation');
  },
  get maxEpochs() {
    return el<HTMLInputElement>('max-epochs');
  },
  get backend() {
    return el<HTMLSelectElement>('backend');
  },
  get backendInUse() {
    return el<HTMLOutputElement>('backend-in-use');
  },
  get train() {
    return el<HTMLButtonElement>('train');
  },
  get reset() {
    return el<HTMLButtonElement>('reset');
  },
  get save() {
    return el<HTMLButtonElement>('save');
  },
  get load() {
    return el<HTMLButtonElement>('load');
  },
  get epoch() {
    return el<HTMLOutputElement>('epoch');
  },
  get status() {
    return el<HTMLOutputElement>('status');
  },
  get cleanCanvas() {
    return el<HTMLCanvasElement>('clean-canvas');
  },
  get noisyCanvas() {
    return el<HTMLCanvasElement>('noisy-canvas');
  },
  get lossCanvas() {
    return el<HTMLCanvasElement>('loss-canvas');
  },
  get loadedFigure() {
    return el('loaded-figure');
  },
  get loadedCanvas() {
    return el<HTMLCanvasElement>('loaded-canvas');
  },
  get loadStatus() {
    return el<HTMLOutputElement>('load-status');
  },
  get cleanMetric() {
    return el('clean-metric');
  },
  get noisyMetric() {
    return el('noisy-metric');
  },
  get cleanAcc() {
    return el<HTMLOutputElement>('clean-acc');
  },
  get noisyAcc() {
    return el<HTMLOutputElement>('noisy-acc');
  },
  get losses() {
    return el<HTMLOutputElement>('losses');
  },
  get architecture() {
    return el<HTMLOutputElement>('architecture');
  },
  get version() {
    return el<HTMLOutputElement>('version');
  },
  get tensors() {
    return el<HTMLOutputElement>('tensors');
  },
};
