/** The consumer test's helpers: the README's `ts` blocks, and the tfjs versions from the range. */
import { describe, expect, it } from 'vitest';
import { tsBlocks } from './readme_blocks';
import { tfjsVersionsToTest } from './versions';

describe('tsBlocks', () => {
  it('takes the blocks whose info string is exactly ts, in order, with their README line', () => {
    const md = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1;', // 3
      '```', // 4
      '```sh', // 5
      'npm i tfjs-noise', // 6
      '```', // 7
      '```typescript', // 8
      'skipped();', // 9
      '```', // 10
      '```ts title="x"', // 11
      'skipped();', // 12
      '```', // 13
      '~~~~ ts ', // 14
      'const b = "```";', // 15
      '```', // 16
      '~~~~', // 17
      '  ```ts', // 18
      '  indented();', // 19
      '    more();', // 20
      '  ```', // 21
      '```js', // 22
      'skipped();', // 23
      '```', // 24
    ].join('\n');
    expect(tsBlocks(md)).toEqual([
      { code: 'const a = 1;\n', line: 3 },
      { code: 'const b = "```";\n```\n', line: 15 },
      { code: 'indented();\n  more();\n', line: 19 },
    ]);
  });

  it('finds none in a README without ts blocks', () => {
    expect(tsBlocks('# x\n\n```sh\nls\n```\n')).toEqual([]);
  });
});

describe('tfjsVersionsToTest', () => {
  it('is the oldest version of the range, and the workspace version if different', () => {
    expect(tfjsVersionsToTest('>=4.22.0 <5', '4.22.0')).toEqual(['4.22.0']);
    expect(tfjsVersionsToTest('>=4.20.0 <5', '4.22.0')).toEqual(['4.20.0', '4.22.0']);
    expect(tfjsVersionsToTest('^4.21.0', '4.22.0')).toEqual(['4.21.0', '4.22.0']);
    // A workspace version outside the range is not installed (npm would refuse the peers).
    expect(tfjsVersionsToTest('>=4.23.0 <5', '4.22.0')).toEqual(['4.23.0']);
  });

  it('rejects a range that is not one', () => {
    expect(() => tfjsVersionsToTest('four', '4.22.0')).toThrow(/not a semver range/);
  });
});
