/**
 * The consumer test's helpers: the README's `ts` blocks, the tfjs versions from the range, and the
 * files a tarball must hold.
 */
import { describe, expect, it } from 'vitest';
import { statedOutput, tsBlocks } from './readme_blocks';
import { missingNamedFiles, namedFiles } from './tarball_files';
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

describe('statedOutput', () => {
  it('takes the text after `// prints: ` of each line comment, in order', () => {
    const code = [
      'console.log("training accuracy: " + a.toFixed(3)); // prints: training accuracy: 0.983',
      'x.print(); // the same numbers',
      '// prints: done ',
    ].join('\n');
    expect(statedOutput(code)).toEqual(['training accuracy: 0.983', 'done']);
    expect(statedOutput('x.print();\n')).toEqual([]);
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

describe('missingNamedFiles', () => {
  const pkg = {
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    bin: { tool: './bin/tool.js' },
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      './sub': { import: ['./dist/sub.js'] },
      './private': null,
      './features/*': './dist/features/*.js',
      './package.json': './package.json',
    },
  };
  const complete = [
    'package/package.json',
    'package/bin/tool.js',
    'package/dist/index.cjs',
    'package/dist/index.js',
    'package/dist/index.d.ts',
    'package/dist/index.d.cts',
    'package/dist/sub.js',
  ];

  it('names every file of main, module, types, bin and exports (nested conditions, arrays)', () => {
    expect(namedFiles(pkg)).toEqual([
      'bin/tool.js',
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/sub.js',
      'package.json',
    ]);
    expect(namedFiles({ bin: './cli.js' })).toEqual(['cli.js']);
  });

  it('a tarball with every named file: nothing missing', () => {
    expect(missingNamedFiles(pkg, complete)).toEqual([]);
  });

  it('a tarball without a named file: that file, by name', () => {
    expect(
      missingNamedFiles(
        pkg,
        complete.filter((f) => f !== 'package/dist/index.d.cts'),
      ),
    ).toEqual(['dist/index.d.cts']);
    expect(
      missingNamedFiles(
        pkg,
        complete.filter((f) => f !== 'package/bin/tool.js'),
      ),
    ).toEqual(['bin/tool.js']);
    // A package packed without its build (the tarball of issue 28: no dist/).
    expect(missingNamedFiles(pkg, ['package/package.json', 'package/bin/tool.js'])).toEqual([
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/sub.js',
    ]);
  });
});
