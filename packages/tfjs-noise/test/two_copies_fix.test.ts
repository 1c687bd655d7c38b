/**
 * The advice of the two-copies errors: both versions found and the exact command that leaves one
 * copy (the case of `npm i tfjs-noise @tensorflow/tfjs@4.10.0`, where npm installs the newest
 * tfjs-core and tfjs-layers for tfjs-noise beside the 4.10.0 copies inside @tensorflow/tfjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { twoCopiesFix, yourTfjsVersion } from '../src/two_copies_fix';

describe('twoCopiesFix', () => {
  it("names both versions and the command that installs core and layers at the user's version", () => {
    const fix = twoCopiesFix('tfjs-core', '4.22.0', '4.10.0');
    expect(fix).toContain(
      'Found @tensorflow/tfjs-core 4.22.0 (the copy tfjs-noise imports) and 4.10.0 (the copy ' +
        'inside your @tensorflow/tfjs 4.10.0).',
    );
    expect(fix).toContain('`npm i @tensorflow/tfjs-core@4.10.0 @tensorflow/tfjs-layers@4.10.0`');
    expect(fix).toContain('`npm ls @tensorflow/tfjs-core @tensorflow/tfjs-layers`');
    expect(fix).not.toMatch(/alone/);
    expect(twoCopiesFix('tfjs-layers', '4.22.0', '4.3.0')).toMatch(
      /^Found @tensorflow\/tfjs-layers 4\.22\.0 .* and 4\.3\.0 .*`npm i @tensorflow\/tfjs-core@4\.3\.0 @tensorflow\/tfjs-layers@4\.3\.0`/,
    );
  });

  it('an unknown (or equal) version of the other copy: the command with a placeholder, and how to find the version', () => {
    for (const theirs of [undefined, '4.22.0']) {
      const fix = twoCopiesFix('tfjs-core', '4.22.0', theirs);
      expect(fix).toMatch(/^Found @tensorflow\/tfjs-core 4\.22\.0 \(the copy tfjs-noise imports\)/);
      expect(fix).toContain('`npm ls @tensorflow/tfjs`');
      expect(fix).toContain(
        '`npm i @tensorflow/tfjs-core@<version> @tensorflow/tfjs-layers@<version>`',
      );
    }
  });
});

describe('yourTfjsVersion', () => {
  it('reads the version of the @tensorflow/tfjs that a folder resolves; undefined without node:module', () => {
    // The examples workspace package depends on @tensorflow/tfjs.
    const examples = join(__dirname, '..', '..', '..', 'examples');
    const wanted = JSON.parse(readFileSync(join(examples, 'package.json'), 'utf8')).dependencies[
      '@tensorflow/tfjs'
    ];
    expect(yourTfjsVersion(examples)).toBe(wanted);
    // No node:module (a browser or a bundle): unknown, no error.
    const spy = vi
      .spyOn(
        process as unknown as { getBuiltinModule: (id: string) => unknown },
        'getBuiltinModule',
      )
      .mockReturnValue(undefined);
    try {
      expect(yourTfjsVersion(examples)).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });
});
