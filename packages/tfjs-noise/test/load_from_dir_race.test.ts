/**
 * loadFromDir against a folder that changes while it reads: a subfolder swapped for a symlink
 * out of the model folder between the check of a file's real path and its read. A test-only
 * hook makes the swap land exactly there; a short stress run swaps from a worker thread while
 * the main thread loads. Either way nothing outside the folder is ever read.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readHooks } from '../src/node/read_hooks';
import {
  edited,
  loadError,
  loadedBytes,
  manifest,
  modelFolder,
  type SavedFiles,
  saveGoodModel,
  tempRoot,
} from './model_folder';

const { root, remove } = tempRoot('tfn-race-');
afterAll(remove);
afterEach(() => {
  readHooks.afterCheck = undefined;
  readHooks.afterOpen = undefined;
});

let good: SavedFiles;
let outside: Buffer;
let cases = 0;
beforeAll(async () => {
  good = await saveGoodModel(join(root, 'good'));
  outside = Buffer.alloc(good.weights.byteLength, 0x7f); // as long as the weights, other bytes
});

/**
 * A model folder whose manifest names `sub/weights.bin`, with `sub/` inside it, and beside it a
 * folder `outside/` holding a `weights.bin` of other bytes. Returns the paths.
 */
function swappable(): { dir: string; sub: string; real: string; evil: string; out: string } {
  const json = edited(good.modelJson, (j) => (manifest(j)[0]!.paths = ['sub/weights.bin']));
  const dir = modelFolder(root, `case${cases++}`, json, good.weights);
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  renameSync(join(dir, 'weights.bin'), join(sub, 'weights.bin'));
  const out = join(dir, '..', 'outside');
  mkdirSync(out);
  writeFileSync(join(out, 'weights.bin'), outside);
  return { dir, sub, real: join(dir, 'sub-real'), evil: join(dir, 'sub-evil'), out };
}

describe('loadFromDir: a folder swapped for a symlink between the check and the read', () => {
  it('loads the weights when nothing is swapped', async () => {
    expect(await loadedBytes(swappable().dir)).toEqual(good.weights);
  });

  it('refuses the file when the swap stays (the fresh real path lies outside)', () => {
    const { dir, sub, real, out } = swappable();
    readHooks.afterCheck = () => {
      renameSync(sub, real);
      symlinkSync(out, sub);
    };
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name a file inside the model folder .*, but got "sub\/weights\.bin", which resolves to ".*outside\/weights\.bin"\.$/,
    );
  });

  it('refuses the file when the folder is swapped back after the open (another file)', () => {
    const { dir, sub, real, out } = swappable();
    readHooks.afterCheck = () => {
      renameSync(sub, real);
      symlinkSync(out, sub);
    };
    readHooks.afterOpen = () => {
      renameSync(sub, join(dir, 'gone'));
      renameSync(real, sub);
    };
    expect(loadError(dir).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name a file that stays in place while it is read, but got "sub\/weights\.bin", which was replaced between its check and its opening\.$/,
    );
  });
});

/** The swapping loop of the stress test's worker thread (plain JavaScript, run by `eval`). */
const SWAPPER = `
const { renameSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { sub, real, evil, stop } = workerData;
const flag = new Int32Array(stop);
while (Atomics.load(flag, 0) === 0) {
  renameSync(sub, real);
  renameSync(evil, sub);
  renameSync(sub, evil);
  renameSync(real, sub);
}
`;

describe('loadFromDir: a stress run against a swapping thread', () => {
  it('never returns the bytes of the file outside (1 s of loads while a thread swaps)', async () => {
    const { dir, sub, real, evil, out } = swappable();
    symlinkSync(out, evil);
    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(SWAPPER, { eval: true, workerData: { sub, real, evil, stop } });
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    const counts = { inside: 0, refused: 0 };
    try {
      const until = Date.now() + 1000;
      while (Date.now() < until) {
        let bytes: Buffer | null = null;
        try {
          bytes = await loadedBytes(dir);
        } catch (e) {
          expect((e as Error).name).toBe('Error');
          expect((e as Error).message).toMatch(/^loadFromDir: `weightsManifest\[0\]\.paths\[0\]`/);
          counts.refused++;
        }
        if (bytes !== null) {
          // Outside the try: a failed check is reported as itself, never taken for a refusal.
          expect(bytes.equals(outside)).toBe(false);
          expect(bytes.equals(Buffer.from(good.weights))).toBe(true);
          counts.inside++;
        }
      }
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
      await ended;
    }
    console.log(`loads while swapping: ${counts.inside} read inside, ${counts.refused} refused`);
    expect(counts.inside + counts.refused).toBeGreaterThan(0);
  });
});
