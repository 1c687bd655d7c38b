/**
 * The page's one mutable state, and the queue that serializes everything touching the models.
 * Every other module reads and writes this object instead of keeping variables of its own.
 */
import type { BackendName } from './backend';
import type { Run } from './run';

export interface PlaygroundState {
  /** The current run (undefined while one is being built). */
  run: Run | undefined;
  /** Whether the training loop should go on. */
  running: boolean;
  /** The backend in use; chosen once per page load (switching reloads the page). */
  backend: BackendName;
  /**
   * Whether this page has trained (and predicted) once on its backend: on webgl and webgpu the
   * first time compiles the shaders, which takes seconds, and the page says so.
   */
  compiled: { train: boolean; predict: boolean };
  /** How often the page showed the "compiling shaders" notice. */
  compileNotices: number;
  /** Noisy-model predictions on the grid at the last save, and of the models loaded last. */
  saved?: number[];
  loaded?: number[];
  loadedStripped?: number[];
}

export const state: PlaygroundState = {
  run: undefined,
  running: false,
  backend: 'cpu',
  compiled: { train: false, predict: false },
  compileNotices: 0,
};

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every task queued before it (training chunk, reset, save, load). */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}
