/**
 * A load racing a save into the same folder sees one complete save or fails: never the
 * topology of one save with the weights of another (same sizes, so no size check notices). A
 * test-only hook saves between loadFromDir's read of model.json and its read of the weights; a
 * short stress run saves A, B, A, ... from a child process while this one loads.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadFromDir, saveToDir } from '../src/node';
import { readHooks } from '../src/node/read_hooks';
import { tempRoot } from './model_folder';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const { root, remove } = tempRoot('tfn-save-race-');
afterAll(remove);
afterEach(() => {
  readHooks.afterModelJson = undefined;
});

/** A saved model's artifacts and its weight bytes. */
interface Saved {
  artifacts: io.ModelArtifacts;
  bytes: Buffer;
}

/**
 * The artifacts of a Dense(256) on 64 inputs with every weight `value` and the activation
 * `activation`: A and B differ in topology and weights but not in size.
 */
async function artifactsOf(value: number, activation: 'relu' | 'tanh'): Promise<Saved> {
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({
      units: 256,
      inputShape: [64],
      activation,
      kernelInitializer: tfl.initializers.constant({ value }),
      biasInitializer: tfl.initializers.constant({ value }),
    }),
  );
  let artifacts: io.ModelArtifacts | undefined;
  await model.save(
    io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  const data = artifacts!.weightData as ArrayBuffer;
  return { artifacts: artifacts!, bytes: Buffer.from(data) };
}

let A: Saved;
let B: Saved;
beforeAll(async () => {
  A = await artifactsOf(1, 'relu');
  B = await artifactsOf(2, 'tanh');
});

/** Which save a loaded set of artifacts is: 'A', 'B', or 'mixed' (one's topology, other's weights). */
function which(artifacts: io.ModelArtifacts): 'A' | 'B' | 'mixed' {
  const topology = JSON.stringify(artifacts.modelTopology);
  const save = topology.includes('"relu"') ? A : B;
  const bytes = Buffer.from(artifacts.weightData as ArrayBuffer);
  if (!bytes.equals(save.bytes)) return 'mixed';
  return save === A ? 'A' : 'B';
}

/** Saves `saved` into `dir` now: saveToDir does all its file work before its first await. */
function saveNow(dir: string, saved: Saved): void {
  void saveToDir(dir).save!(saved.artifacts);
}

describe('loadFromDir racing saveToDir', () => {
  it('a save between the read of model.json and the read of the weights: one save, or a named error', async () => {
    const dir = join(root, 'hooked');
    saveNow(dir, A);
    readHooks.afterModelJson = () => {
      readHooks.afterModelJson = undefined;
      saveNow(dir, B);
    };
    let result: 'A' | 'B' | 'mixed' | Error;
    try {
      result = which(await loadFromDir(dir).load!());
    } catch (e) {
      result = e as Error;
    }
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toBe('Error');
    expect((result as Error).message).toMatch(
      /^loadFromDir: `weightsManifest\[0\]\.paths\[0\]` must name an existing file inside the model folder .*, but got "weights\.[0-9a-f]{16}\.bin" \(ENOENT\)\.$/,
    );
    expect(which(await loadFromDir(dir).load!())).toBe('B');
  });

  it('weights replaced in place (by another writer) after model.json was read: a named error from the hash', async () => {
    const dir = join(root, 'in-place');
    saveNow(dir, A);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const path = json.weightsManifest[0].paths[0] as string;
    readHooks.afterModelJson = () => writeFileSync(join(dir, path), B.bytes);
    let error: Error | undefined;
    try {
      which(await loadFromDir(dir).load!());
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(
      /^loadFromDir: the weight files \(weightsManifest paths "weights\.[0-9a-f]{16}\.bin"\) must hash to `weightsSha256` "[0-9a-f]{64}", but got "[0-9a-f]{64}": they were written by another save, or changed after model\.json was\.$/,
    );
  });
});

/** Runs test/fixtures/save_alternating.ts: saves A, B, A, ... into `dir` for `ms` ms. */
function saveInChild(dir: string, a: string, b: string, ms: number): Promise<number> {
  const script = join(here, 'fixtures', 'save_alternating.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, dir, a, b, String(ms)],
      { cwd: repo, encoding: 'utf8' },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(Number(stdout))),
    );
  });
}

describe('loadFromDir racing saveToDir: a stress run', () => {
  it('never loads one save with the weights of another (3 s of loads while a child process saves A, B, A, ...)', async () => {
    const [a, b, dir] = ['a', 'b', 'target'].map((name) => join(root, 'stress', name)) as [
      string,
      string,
      string,
    ];
    saveNow(a, A);
    saveNow(b, B);
    saveNow(dir, A);
    let running = true;
    const child = saveInChild(dir, a, b, 3000).finally(() => {
      running = false;
    });
    const counts = { A: 0, B: 0, mixed: 0, failed: 0 };
    while (running) {
      try {
        counts[which(await loadFromDir(dir).load!())]++;
      } catch (e) {
        expect((e as Error).name).toBe('Error');
        expect((e as Error).message).toMatch(/^loadFromDir: /);
        counts.failed++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const saves = await child;
    console.log(
      `loads while saving (${saves} saves): ${counts.A} A, ${counts.B} B, ${counts.mixed} mixed, ${counts.failed} failed`,
    );
    expect(counts.mixed).toBe(0);
    expect(counts.A + counts.B).toBeGreaterThan(0);
  }, 60_000);
});
