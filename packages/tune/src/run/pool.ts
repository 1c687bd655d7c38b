/**
 * A bounded pool of worker threads for the jobs of a search: at most `size` threads, each running
 * one job at a time; threads are started when there is work for them and all ended by
 * {@link WorkerPool.terminate}.
 */
import { Worker } from 'node:worker_threads';
import {
  asError,
  type Job,
  type JobScores,
  jobError,
  loadError,
  type WorkerInit,
  type WorkerMessage,
} from './job';
import type { WorkerScript } from './worker_script';

/** Options of a {@link WorkerPool}. */
export interface PoolOptions {
  /** Maximum number of worker threads (>= 1). */
  size: number;
  /** How to start a worker thread (see `workerScript`). */
  script: WorkerScript;
  /** What each worker is started with. */
  init: WorkerInit;
  /** Called when a job starts on a worker. */
  onStart?: (job: Job, worker: number) => void;
  /** Called when a job is done, before the worker is given its next job. */
  onDone?: (job: Job, worker: number, scores: JobScores) => void;
}

/** A job's result and the worker (0-based) that ran it. */
export interface PoolResult {
  /** The job's metrics (clean and corrupted). */
  scores: JobScores;
  /** Index of the worker thread that ran it. */
  worker: number;
}

interface Pending {
  job: Job;
  resolve: (result: PoolResult) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  current: Pending | null;
  exited: Promise<void>;
}

/** A fixed-size pool of worker threads running {@link Job}s (see `worker.ts`). */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private failure: unknown = null;
  private terminating = false;
  private started = 0;
  private peak = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Number of worker threads started so far (never more than `size`). */
  get threadsStarted(): number {
    return this.started;
  }

  /** The largest number of jobs that ran at the same time. */
  get peakConcurrency(): number {
    return this.peak;
  }

  /** Number of worker threads that have not exited. */
  get threadsAlive(): number {
    return this.slots.length;
  }

  /** Queues a job; resolves with its score, rejects if it (or the pool) fails. */
  run(job: Job): Promise<PoolResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.terminating) return Promise.reject(new Error('the worker pool was terminated.'));
    return new Promise<PoolResult>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Ends every worker thread (`worker.terminate()`) and resolves once all have exited; jobs
   * still queued or running are rejected.
   */
  async terminate(): Promise<void> {
    this.terminating = true;
    const error = this.failure ?? new Error('the worker pool was terminated.');
    for (const p of this.queue.splice(0)) p.reject(error);
    const slots = this.slots.slice();
    for (const slot of slots) {
      slot.current?.reject(error);
      slot.current = null;
      void slot.worker.terminate();
    }
    await Promise.all(slots.map((s) => s.exited));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.terminating) {
      let slot = this.slots.find((s) => s.current === null);
      if (!slot) {
        if (this.slots.length >= this.options.size) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift() as Pending;
      slot.current = pending;
      this.peak = Math.max(this.peak, this.slots.filter((s) => s.current !== null).length);
      this.options.onStart?.(pending.job, slot.index);
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): Slot {
    const index = this.started++;
    const { script } = this.options;
    const worker = new Worker(script.script, { workerData: this.options.init, eval: script.eval });
    let exit: () => void = () => {};
    const exited = new Promise<void>((resolve) => {
      exit = resolve;
    });
    const slot: Slot = { index, worker, current: null, exited };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    // An uncaught exception in the thread (e.g. thrown from a timer): blame the job it was
    // running, not whichever job is rejected first.
    worker.on('error', (err) => this.fail(this.threadError(slot, err), slot));
    worker.on('exit', (code) => {
      const cause = new Error(`the worker thread exited unexpectedly (exit code ${code}).`);
      const error = this.threadError(slot, cause);
      this.slots.splice(this.slots.indexOf(slot), 1);
      exit();
      if (!this.terminating) this.fail(error, slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') return;
    const pending = slot.current;
    if (message.type === 'error') {
      const cause = new Error(message.message);
      if (message.stack) cause.stack = message.stack;
      // id null: the thread could not load the builder (no job ran).
      const error =
        message.id === null
          ? loadError(cause, 'in a worker thread')
          : pending && message.id === pending.job.id
            ? jobError(pending.job, cause, 'in a worker thread')
            : cause;
      this.fail(error, slot);
      return;
    }
    if (pending && message.id === pending.job.id) {
      slot.current = null;
      try {
        const scores = { scores: message.scores, corrupted: message.corrupted };
        this.options.onDone?.(pending.job, slot.index, scores);
      } catch (err) {
        pending.reject(err);
        this.fail(err, slot);
        return;
      }
      pending.resolve({
        scores: { scores: message.scores, corrupted: message.corrupted },
        worker: slot.index,
      });
      this.dispatch();
    }
  }

  /** An error of the thread of `slot`, attributed to the job it is running (if any). */
  private threadError(slot: Slot, err: unknown): Error {
    const job = slot.current?.job;
    if (job) return jobError(job, err, 'in a worker thread');
    const e = asError(err);
    return new Error(`searchNoise: an idle worker thread failed: ${e.message}`, { cause: e });
  }

  /**
   * Records the first failure and rejects every job with it: first the job running on `from`
   * (the thread that failed, which may have left the pool already), then the others.
   */
  private fail(error: unknown, from?: Slot): void {
    if (this.failure !== null || this.terminating) return;
    this.failure = error;
    for (const slot of from ? [from, ...this.slots] : this.slots) {
      slot.current?.reject(error);
      slot.current = null;
    }
    for (const p of this.queue.splice(0)) p.reject(error);
  }
}
