/**
 * The worker-thread entry of searchNoise: one tfjs (and one backend) per thread. It imports the
 * model builder named in `workerData`, then runs the jobs it is sent, one at a time, and posts
 * back each score.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
// In Node, training needs the gradients and chained tensor methods that only the
// @tensorflow/tfjs bundle registers (tfjs-core's own files for them do not load in Node).
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { importBackend } from './backends';
import { loadBuilder } from './builder';
import { type Job, runJob, type WorkerInit, type WorkerMessage } from './job';

async function start(port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  // Without this, every cpu-backend worker prints tfjs's "install tfjs-node" banner.
  tf.env().set('PROD', true);
  const ready = (async () => {
    await importBackend(init.backend, `the ${init.backend} backend of a worker thread`);
    if (!(await tf.setBackend(init.backend))) {
      throw new Error(`could not initialise the ${init.backend} backend in a worker thread.`);
    }
    await tf.ready();
    return loadBuilder(init.builder);
  })();
  // Jobs arrive one at a time (the pool waits for each result before sending the next).
  port.on('message', async (job: Job) => {
    let build: Awaited<typeof ready>;
    try {
      build = await ready;
    } catch {
      return; // not this job's failure: reported once below, as a load error (id null)
    }
    try {
      post({ type: 'result', id: job.id, ...(await runJob(build, init.spec, job)) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      post({ type: 'error', id: job.id, message: e.message, stack: e.stack ?? '' });
    }
  });
  try {
    await ready;
    post({ type: 'ready' });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', id: null, message: e.message, stack: e.stack ?? '' });
  }
}

if (!isMainThread && parentPort) {
  void start(parentPort, workerData as WorkerInit);
}
