/**
 * `window.playground`: what the end-to-end test (and a curious user, in the console) can read.
 * This file imports nothing, so the test can `import type { PlaygroundHook }` from it without
 * pulling in the page.
 */

export interface PlaygroundHook {
  /** The tfjs backend in use. */
  readonly backend: string;
  /** Epochs trained in the current run. */
  readonly epoch: number;
  /** `tf.memory().numTensors`. */
  readonly tensors: number;
  /** How often the page showed "Compiling shaders…" (webgl and webgpu, first step only). */
  readonly compileNotices: number;
  /** Noisy-model predictions on the grid at the last save. */
  readonly saved?: number[];
  /** Predictions on the grid of the model (and of its stripped copy) loaded from IndexedDB. */
  readonly loaded?: number[];
  readonly loadedStripped?: number[];
  /** Resolves when every queued task (training chunk, reset, save, load) has finished. */
  settled(): Promise<void>;
  /** Current predictions on the grid of either network. */
  gridPredictions(which: 'clean' | 'noisy'): Promise<number[]>;
  /**
   * The epsilon tfjs-layers uses (it keeps the first backend's) and the backend's own: the
   * page chooses the backend before building any model, so the two agree.
   */
  epsilons(): Promise<{ layers: number; backend: number }>;
}

declare global {
  interface Window {
    playground: PlaygroundHook;
  }
}

/** Installs the hook. */
export function installHook(hook: PlaygroundHook): void {
  window.playground = hook;
}
