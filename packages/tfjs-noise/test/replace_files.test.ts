/**
 * replaceFiles (under saveToDir) when a rename fails after an earlier one succeeded: the files
 * already renamed are put back, so the folder holds the old set (or nothing new), and no
 * temporary file is left. The failure is injected by making `renameSync` throw for one target.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { replaceFiles } from '../src/node/replace_files';

/** The target whose rename fails (null: none). */
let failOn: string | null = null;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (failOn !== null && String(to).endsWith(failOn)) {
        throw new Error(`injected rename failure for ${failOn}`);
      }
      real.renameSync(from, to);
    },
  };
});

const root = mkdtempSync(join(tmpdir(), 'tfn-replace-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('replaceFiles: a failed rename puts back the files already renamed', () => {
  it('over an old set: the old files stay, no temporary file', () => {
    const dir = fs.mkdtempSync(join(root, 'old-'));
    writeFileSync(join(dir, 'weights.bin'), 'old weights');
    writeFileSync(join(dir, 'model.json'), 'old model');
    failOn = 'model.json';
    expect(() =>
      replaceFiles('test', dir, [
        { name: 'weights.bin', data: 'new weights' },
        { name: 'model.json', data: 'new model' },
      ]),
    ).toThrow('injected rename failure for model.json');
    failOn = null;
    expect(contents(dir)).toEqual({ 'model.json': 'old model', 'weights.bin': 'old weights' });
  });

  it('into an empty folder: nothing is left', () => {
    const dir = fs.mkdtempSync(join(root, 'new-'));
    failOn = 'model.json';
    expect(() =>
      replaceFiles('test', dir, [
        { name: 'weights.bin', data: 'new weights' },
        { name: 'model.json', data: 'new model' },
      ]),
    ).toThrow('injected rename failure for model.json');
    failOn = null;
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without a failure: the new files, no temporary file', () => {
    const dir = fs.mkdtempSync(join(root, 'ok-'));
    writeFileSync(join(dir, 'model.json'), 'old model');
    replaceFiles('test', dir, [
      { name: 'weights.bin', data: 'new weights' },
      { name: 'model.json', data: 'new model' },
    ]);
    expect(contents(dir)).toEqual({ 'model.json': 'new model', 'weights.bin': 'new weights' });
  });
});
