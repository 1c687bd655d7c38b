/**
 * A failing job is reported as the job that was running (setting, repeat, fold) with the
 * original error as `cause`, in-process and on worker threads, whether the builder throws, rejects,
 * throws from a timer or ends its thread; a builder module that fails to import is reported as a
 * load failure, naming no fold.
 */
import { describe, expect, it } from 'vitest';
import { type SearchOptions, searchNoise } from '../src/index';
import { throwsOnFold } from './fixtures/failing_builders';
import { circles } from './helpers';

const failing = new URL('./fixtures/failing_builders.ts', import.meta.url).href;
const broken = new URL('./fixtures/broken_import.ts', import.meta.url).href;
const data = circles(12, 1);

/** 2 settings x 3 folds = 6 tiny jobs; the fixtures fail on amount 0, fold 1 unless told. */
const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0, 0.1] },
  builder: { module: failing, export: 'throwsOnFold' },
  folds: 3,
  repeats: 1,
  epochs: 1,
  seed: 1,
  backend: 'cpu',
  progress: 'none',
};

const job = (amount: number, fold: number, where: string) =>
  `searchNoise: setting {kind: 'input', amount: ${amount}}, repeat 0, fold ${fold} failed ${where}: `;

async function failure(options: SearchOptions): Promise<Error & { cause?: unknown }> {
  try {
    await searchNoise(data, options);
  } catch (err) {
    return err as Error;
  }
  throw new Error('the search did not fail');
}

describe('in-process (workers: 0), a failing job is named, with the cause', () => {
  it('a builder that throws synchronously (function and module reference)', async () => {
    for (const builder of [throwsOnFold, { module: failing, export: 'throwsOnFold' }]) {
      const e = await failure({ ...base, builder, workers: 0 });
      expect(e.message).toBe(`${job(0, 1, 'in-process')}sync failure on fold 1`);
      expect(e.cause).toBeInstanceOf(Error);
      expect((e.cause as Error).message).toBe('sync failure on fold 1');
    }
  });

  it('a builder that rejects asynchronously, on another setting', async () => {
    const e = await failure({
      ...base,
      builder: { module: failing, export: 'rejectsOnFold' },
      builderOptions: { failAmount: 0.1, failFold: 2 },
      workers: 0,
    });
    expect(e.message).toBe(`${job(0.1, 2, 'in-process')}async rejection on fold 2`);
    expect((e.cause as Error).message).toBe('async rejection on fold 2');
  });

  it('a builder module that fails to import names no fold', async () => {
    const e = await failure({ ...base, builder: { module: broken, export: 'build' }, workers: 0 });
    expect(e.message).toMatch(
      /^searchNoise: the model builder could not be loaded in-process: could not import the model builder module .*broken_import\.ts: this builder module fails to import$/,
    );
    expect(e.message).not.toMatch(/fold|setting/);
    expect(e.cause).toBeInstanceOf(Error);
  });
});

describe('on 2 worker threads, the job that was running is named, never another one', () => {
  it('a builder that throws synchronously on fold 1', async () => {
    const e = await failure({ ...base, workers: 2 });
    expect(e.message).toBe(`${job(0, 1, 'in a worker thread')}sync failure on fold 1`);
    expect((e.cause as Error).message).toBe('sync failure on fold 1');
    expect((e.cause as Error).stack).toMatch(/failing_builders/);
  });

  it('a builder that throws from a timer (uncaught in the thread) on fold 1', async () => {
    const e = await failure({
      ...base,
      builder: { module: failing, export: 'throwsLaterOnFold' },
      workers: 2,
    });
    expect(e.message).toBe(`${job(0, 1, 'in a worker thread')}uncaught timer error on fold 1`);
    expect((e.cause as Error).message).toBe('uncaught timer error on fold 1');
  });

  it('a builder that ends its thread (process.exit) on fold 1', async () => {
    const e = await failure({
      ...base,
      builder: { module: failing, export: 'exitsOnFold' },
      workers: 2,
    });
    expect(e.message).toBe(
      `${job(0, 1, 'in a worker thread')}the worker thread exited unexpectedly (exit code 3).`,
    );
    expect((e.cause as Error).message).toBe('the worker thread exited unexpectedly (exit code 3).');
  });

  it('a builder module that fails to import names no fold', async () => {
    const e = await failure({ ...base, builder: { module: broken, export: 'build' }, workers: 2 });
    expect(e.message).toMatch(
      /^searchNoise: the model builder could not be loaded in a worker thread: could not import the model builder module .*broken_import\.ts: this builder module fails to import$/,
    );
    expect(e.message).not.toMatch(/fold|setting/);
    expect((e.cause as Error).message).toMatch(/this builder module fails to import$/);
  });
});
