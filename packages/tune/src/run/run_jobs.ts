/**
 * The two ways a search runs its jobs: in-process, one at a time, or on a bounded pool of worker
 * threads. Both call the same `runJob`, so they give the same scores.
 */
import { getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import { fail } from 'tfjs-noise/extend';
import { abortError, throwIfAborted, yieldToEventLoop } from '../abort';
import type { BuilderRef, ModelBuilder } from '../types';
import { hasWasm, importBackend, wasmMissing } from './backends';
import { modelBuilderOf, resolveBuilderRef } from './builder';
import {
  type BackendName,
  type Job,
  type JobScores,
  jobError,
  loadError,
  runJob,
  type SearchSpec,
} from './job';
import { SEARCH_OWNER } from './owner';
import { WorkerPool } from './pool';
import { workerScript } from './worker_script';

/** Callbacks of a run: a job started / is done on a worker (-1: in-process). */
export interface RunHooks {
  /** A job started. */
  onStart: (job: Job, worker: number) => void;
  /** A job is done with its metrics (clean and corrupted). */
  onDone: (job: Job, worker: number, scores: JobScores) => void;
}

/**
 * Runs the jobs one at a time on the caller's tfjs (after `tf.setBackend(backend)` if a backend
 * is given); lets the event loop run and checks `signal` before each job (so an abort is seen
 * within a job or two, however short the jobs) and, through `fit`, after each batch. Returns the
 * backend used.
 */
export async function runInProcess(
  jobs: Job[],
  spec: SearchSpec,
  builder: ModelBuilder | BuilderRef,
  backend: BackendName | null,
  signal: AbortSignal | undefined,
  hooks: RunHooks,
): Promise<string> {
  if (backend !== null) await useBackend(backend);
  const loading = modelBuilderOf(builder, SEARCH_OWNER); // a malformed reference throws here, as it is
  let build: ModelBuilder;
  try {
    build = await loading;
  } catch (err) {
    throw loadError(err, 'in-process');
  }
  for (const job of jobs) {
    await yieldToEventLoop();
    throwIfAborted(signal);
    hooks.onStart(job, -1);
    let scores: JobScores;
    try {
      scores = await runJob(build, spec, job, signal);
    } catch (err) {
      // The abort reason passes unchanged; a builder's or training's error names its job.
      if (signal?.aborted && err === signal.reason) throw err;
      if ((err as Error)?.name === 'AbortError') throw err;
      throw jobError(job, err, 'in-process');
    }
    hooks.onDone(job, -1, scores);
  }
  return getBackend();
}

async function useBackend(name: BackendName): Promise<void> {
  await importBackend(name, `${SEARCH_OWNER}: backend 'wasm'`);
  if (!(await setBackend(name))) {
    throw new Error(`${SEARCH_OWNER}: could not initialise the ${name} backend.`);
  }
  await ready();
}

/**
 * Runs the jobs on a pool of `workers` threads on `backend`. On abort, or on the first error,
 * every worker is terminated (and has exited) before the promise rejects.
 */
export async function runOnWorkers(
  jobs: Job[],
  spec: SearchSpec,
  builder: ModelBuilder | BuilderRef,
  backend: BackendName,
  workers: number,
  signal: AbortSignal | undefined,
  hooks: RunHooks,
): Promise<void> {
  if (typeof builder === 'function') {
    fail(
      SEARCH_OWNER,
      'builder',
      'a {module, export} reference when workers > 0 (functions cannot be sent to worker ' +
        'threads; pass workers: 0 to run a function in-process)',
      builder,
    );
  }
  const ref = resolveBuilderRef(builder, SEARCH_OWNER);
  if (backend === 'wasm' && !hasWasm())
    throw new Error(wasmMissing(`${SEARCH_OWNER}: backend 'wasm'`));
  const pool = new WorkerPool({
    size: workers,
    script: workerScript(ref.module),
    init: { builder: ref, backend, spec },
    onStart: hooks.onStart,
    onDone: hooks.onDone,
  });
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError(signal as AbortSignal));
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // A job's failure comes from the pool already naming the job that was running (every
    // other job is rejected with the same error).
    await Promise.race([Promise.all(jobs.map((job) => pool.run(job))), aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.terminate();
  }
}
