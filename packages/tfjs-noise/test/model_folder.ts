/**
 * Model folders for the loadFromDir tests: a small saved Dense model (all-ones kernel) whose
 * model.json and weights.bin each test copies, edits or replaces.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { loadFromDir, saveToDir } from '../src/node';

/** A parsed model.json. */
export type Json = Record<string, unknown>;

/** A saved model's files: model.json (parsed) and weights.bin. */
export interface SavedFiles {
  modelJson: Json;
  weights: Buffer;
}

/** A fresh temporary folder for one test file's cases, and a function that removes it. */
export function tempRoot(prefix: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Saves a Dense(2) on 3 inputs with an all-ones kernel to `dir` and returns its files in the
 * layout of an older save (and of tfjs's `file://` handler), which the tests edit: the manifest
 * names `weights.bin`, and model.json has no `weightsSha256`.
 */
export async function saveGoodModel(dir: string): Promise<SavedFiles> {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' }));
  await model.save(saveToDir(dir));
  model.dispose();
  const { weightsSha256: _, ...modelJson } = JSON.parse(
    readFileSync(join(dir, 'model.json'), 'utf8'),
  );
  const weights = readFileSync(join(dir, (manifest(modelJson)[0]!.paths as string[])[0]!));
  manifest(modelJson)[0]!.paths = ['weights.bin'];
  return { modelJson, weights };
}

/** A new folder `<root>/<name>/model` holding `json` as model.json and `bin` as weights.bin. */
export function modelFolder(root: string, name: string, json: unknown, bin: Buffer): string {
  const dir = join(root, name, 'model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'weights.bin'), bin);
  return dir;
}

/** A deep copy of `json` with `edit` applied. */
export function edited(json: Json, edit: (copy: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(json)) as Json;
  edit(copy);
  return copy;
}

/** The manifest's groups of a parsed model.json. */
export const manifest = (json: Json) => json.weightsManifest as Json[];

/** The error loadFromDir throws (asserting it is a plain, named Error, not a TypeError). */
export function loadError(dir: string): Error {
  try {
    loadFromDir(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('Error');
    expect((e as Error).message).toMatch(/^loadFromDir: /);
    return e as Error;
  }
  throw new Error('loadFromDir did not throw');
}

/** The weight bytes loadFromDir(dir) hands to tfjs (throws what loadFromDir throws). */
export async function loadedBytes(dir: string): Promise<Buffer> {
  const artifacts = await loadFromDir(dir).load!();
  return Buffer.from(artifacts.weightData as ArrayBuffer);
}
