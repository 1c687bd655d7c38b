/**
 * The one builder loader (`modelBuilderOf`), used by `searchNoise` in-process and by `fitBest`:
 * a function as it is, a module reference imported, a malformed reference refused at once.
 */
import { describe, expect, it } from 'vitest';
import { modelBuilderOf } from '../src/run/builder';
import { throwing, uncompiled } from './fixtures/builders';

const builders = new URL('./fixtures/builders.ts', import.meta.url).href;

describe('modelBuilderOf', () => {
  it('returns a builder function as it is', async () => {
    await expect(modelBuilderOf(uncompiled, 'fitBest')).resolves.toBe(uncompiled);
  });

  it('imports the named function export of a module reference', async () => {
    await expect(modelBuilderOf({ module: builders, export: 'throwing' }, 'fitBest')).resolves.toBe(
      throwing,
    );
  });

  it('refuses a malformed reference at once, naming the owner and the field', () => {
    expect(() => modelBuilderOf({ module: '' }, 'searchNoise')).toThrow(
      /^searchNoise: `builder` must be a function or \{module, export\}/,
    );
  });

  it('rejects a module without that function export, listing the function exports', async () => {
    await expect(
      modelBuilderOf({ module: builders, export: 'notAFunction' }, 'fitBest'),
    ).rejects.toThrow(/has no function export 'notAFunction' \(function exports: .*throwing/);
  });
});
