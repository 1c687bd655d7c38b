/**
 * The consumer test: tfjs-noise and @tfjs-noise/tune as a user gets them. Both packages are
 * packed with pnpm (which rewrites `workspace:` ranges; each package's `prepack` builds it first,
 * so no prior build is needed), checked against the files their package.json names (a missing
 * one fails with its name), with attw and publint, and installed with npm into a fresh temporary
 * folder next to `@tensorflow/tfjs` (each version of `TFJS_VERSIONS`, computed from tfjs-noise's
 * peer range), `typescript` and `@types/node`. There,
 * outside the workspace: the root README's examples are typechecked and run, models are saved
 * and reloaded in new processes, and the installed `tfjs-noise-tune` bin runs. Needs the npm
 * registry (a failed install fails the test with npm's message).
 *
 * README contract (the root README.md's `ts` blocks):
 *
 * - Every fenced code block whose info string is exactly `ts` is a complete program. Blocks with
 *   any other info string (`sh`, `text`, `js`, `typescript`, `ts title=...`, ...) are not run.
 *   There must be at least one `ts` block.
 * - The blocks are run in README order, each in its own new Node process, all in the same
 *   folder, so a later block may load what an earlier one saved (e.g. the first trains and saves
 *   to `model/` with `saveToDir` from `tfjs-noise/node`, a later one loads it with
 *   `loadFromDir`). A block passes if its process exits with code 0 (an unhandled rejection
 *   exits with 1) within 90 s.
 * - Blocks import only from `tfjs-noise`, `tfjs-noise/node`, `tfjs-noise/extend`, `@tfjs-noise/tune`,
 *   `@tfjs-noise/tune/mlp`, `@tfjs-noise/tune/convnet`, `@tfjs-noise/tune/blocks`,
 *   `@tfjs-noise/tune/kinds`,
 *   `@tensorflow/tfjs` and `node:*` (what a user installs; checked).
 * - A line comment `// prints: TEXT` states a line the block prints (trimmed), on every run
 *   and under ESM and CJS: the test checks that the block's output has that line. The README's
 *   example is seeded for that (its initializers and the noise; `fit` without shuffling).
 * - No top-level await (wrap the code in `async function main() { ... } main();`), so that the
 *   same text compiles as CommonJS.
 * - Each block is typechecked with TypeScript `strict` under three configs: module and
 *   moduleResolution `nodenext` in a `"type": "module"` folder (ESM), `nodenext` in a
 *   `"type": "commonjs"` folder (CJS), and `moduleResolution: bundler` (`module: esnext`,
 *   noEmit); then its compiled output runs under ESM and under CJS (one folder each).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { satisfies } from 'semver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { statedOutput, type TsBlock, tsBlocks } from './readme_blocks';
import { describeRun, lastJson, type Ran, run } from './run';
import { missingNamedFiles } from './tarball_files';
import { tfjsVersionsToTest } from './versions';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const testDir = join(here, '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const rootPkg = readJson(join(repo, 'package.json'));
const noisePkg = readJson(join(repo, 'packages', 'tfjs-noise', 'package.json'));
const testPkg = readJson(join(testDir, 'package.json'));

/** tfjs-noise's peer range: the single source of the tfjs versions tested. */
const PEER_RANGE: string = noisePkg.peerDependencies['@tensorflow/tfjs-core'];
/** The oldest version in the range, and the workspace's tfjs version if different. */
const TFJS_VERSIONS = tfjsVersionsToTest(
  PEER_RANGE,
  noisePkg.devDependencies['@tensorflow/tfjs-core'],
);
const PNPM = rootPkg.packageManager as string; // pnpm@x.y.z
const TYPESCRIPT = `typescript@${rootPkg.devDependencies.typescript}`;
const TYPES_NODE = `@types/node@${testPkg.devDependencies['@types/node']}`;

/** The imports the README's blocks may use (see the contract above). */
const ALLOWED_IMPORTS = new Set([
  'tfjs-noise',
  'tfjs-noise/node',
  'tfjs-noise/extend',
  '@tfjs-noise/tune',
  '@tfjs-noise/tune/mlp',
  '@tfjs-noise/tune/convnet',
  '@tfjs-noise/tune/blocks',
  '@tfjs-noise/tune/kinds',
  '@tensorflow/tfjs',
]);
/** The test's own programs (typechecked and compiled with the README's blocks). */
const PROGRAMS = [
  'save_models',
  'load_noisy',
  'load_plain',
  'load_unknown',
  'tune_predict',
  'tune_search',
];

// npm install, tsc with every declaration file, training in child processes: slow steps.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

const root = mkdtempSync(join(tmpdir(), 'tfjs-noise-consumer-'));
const packs = join(root, 'packs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const node = (script: string, args: string[], cwd: string) =>
  run(process.execPath, [script, ...args], cwd, { timeout: 90_000 });

function expectOk(r: Ran, what: string): void {
  expect(r.code, describeRun(what, r)).toBe(0);
}

/** Packs `packages/<dir>` with the repository's pnpm into `packs/<dir>`; resolves to the tarball. */
async function pack(dir: string): Promise<string> {
  const dest = join(packs, dir);
  mkdirSync(dest, { recursive: true });
  const r = await run(
    'npx',
    ['-y', PNPM, 'pack', '--pack-destination', dest],
    join(repo, 'packages', dir),
    {
      timeout: 180_000,
    },
  );
  expectOk(r, `${PNPM} pack in packages/${dir}`);
  const made = readdirSync(dest);
  expect(made).toHaveLength(1);
  return join(dest, made[0]!);
}

/** The tfjs packages installed, all at one version. */
const TFJS_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
];

const tarballs: { noise: string; tune: string } = { noise: '', tune: '' };
/** One npm install per tfjs version, started as soon as the tarballs exist. */
const installs = new Map<string, Promise<Ran>>();
beforeAll(async () => {
  // One after the other: each pack builds first (the packages' `prepack`, a turbo build that
  // tune's shares with tfjs-noise's), and two builds must not write the same dist/ at once.
  tarballs.noise = await pack('tfjs-noise');
  tarballs.tune = await pack('tune');
  for (const tfjs of TFJS_VERSIONS) {
    const dir = join(root, `tfjs-${tfjs}`);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'package.json'),
      '{ "name": "tfjs-noise-consumer", "private": true }\n',
    );
    // As docs/saving.md tells users: with a tfjs older than the newest 4.x, name tfjs-core,
    // tfjs-layers and tfjs-backend-cpu at the same version, else npm installs the newest ones for
    // the peer dependencies beside the umbrella's own (two copies of tfjs).
    const pinned = TFJS_PACKAGES.map((name) => `${name}@${tfjs}`);
    const args = ['install', tarballs.noise, tarballs.tune, ...pinned];
    installs.set(
      tfjs,
      run(
        'npm',
        [...args, TYPESCRIPT, TYPES_NODE, '--prefer-offline', '--no-audit', '--no-fund'],
        dir,
        {
          timeout: 300_000,
        },
      ),
    );
  }
}, 360_000);

async function tarList(tgz: string): Promise<string[]> {
  const r = await run('tar', ['tzf', tgz], root);
  expectOk(r, `tar tzf ${tgz}`);
  return r.stdout.trim().split('\n');
}

async function tarPackageJson(tgz: string) {
  const r = await run('tar', ['xzf', tgz, '-O', 'package/package.json'], root);
  expectOk(r, `tar xzf ${tgz}`);
  return JSON.parse(r.stdout);
}

describe('the packed tarballs', () => {
  it('hold every file their package.json names in main, module, types, bin and exports', async () => {
    for (const tgz of [tarballs.noise, tarballs.tune]) {
      const missing = missingNamedFiles(await tarPackageJson(tgz), await tarList(tgz));
      expect(missing, `${basename(tgz)} lacks files its package.json names`).toEqual([]);
    }
  });

  it('hold dist, README.md, LICENSE and the node10 stubs of the subpaths; no sources or tests', async () => {
    for (const [tgz, stubs, entries] of [
      [tarballs.noise, ['node', 'extend'], ['index', 'node', 'extend']],
      [
        tarballs.tune,
        ['mlp', 'convnet', 'blocks', 'kinds'],
        ['index', 'mlp', 'convnet', 'blocks', 'kinds', 'cli', 'worker'],
      ],
    ] as const) {
      const files = await tarList(tgz);
      const stubFiles = stubs.map((stub) => `${stub}/package.json`);
      for (const f of ['package.json', 'README.md', 'LICENSE', ...stubFiles]) {
        expect(files, basename(tgz)).toContain(`package/${f}`);
      }
      for (const e of entries) {
        expect(files).toContain(`package/dist/${e}.js`);
        expect(files).toContain(`package/dist/${e}.cjs`);
      }
      expect(
        files.filter(
          (f) =>
            !/^package\/(dist|node|extend|mlp|convnet|blocks|kinds|bin)\/|^package\/[^/]+$/.test(f),
        ),
      ).toEqual([]);
      expect(files.filter((f) => /\.test\.|\/src\/|\/test\//.test(f))).toEqual([]);
    }
  });

  it('declare tfjs as peers with tfjs-noise’s range (wasm optional), no workspace: ranges, and their repository', async () => {
    const noise = await tarPackageJson(tarballs.noise);
    const tune = await tarPackageJson(tarballs.tune);
    expect(noise.peerDependencies).toEqual({
      '@tensorflow/tfjs-core': PEER_RANGE,
      '@tensorflow/tfjs-layers': PEER_RANGE,
    });
    expect(noise.dependencies ?? {}).toEqual({});
    // The workspace develops and tests against a version that users may install.
    expect(satisfies(noisePkg.devDependencies['@tensorflow/tfjs-core'], PEER_RANGE)).toBe(true);
    expect(tune.peerDependencies).toEqual({
      '@tensorflow/tfjs': PEER_RANGE,
      '@tensorflow/tfjs-backend-cpu': PEER_RANGE,
      '@tensorflow/tfjs-backend-wasm': PEER_RANGE,
      '@tensorflow/tfjs-core': PEER_RANGE,
      '@tensorflow/tfjs-layers': PEER_RANGE,
    });
    expect(tune.peerDependenciesMeta).toEqual({
      '@tensorflow/tfjs-backend-wasm': { optional: true },
    });
    expect(tune.dependencies['tfjs-noise']).toBe(`^${noise.version}`);
    expect(Object.keys(tune.dependencies).filter((d) => d.startsWith('@tensorflow/'))).toEqual([]);
    for (const [pkg, dir] of [
      [noise, 'packages/tfjs-noise'],
      [tune, 'packages/tune'],
    ] as const) {
      expect(JSON.stringify(pkg)).not.toContain('workspace:');
      expect(pkg.repository).toEqual({
        type: 'git',
        url: 'git+https://github.com/tfjs-noise/tfjs-noise.git',
        directory: dir,
      });
      expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/tfjs-noise\/tfjs-noise\b/);
      expect(pkg.bugs).toEqual({ url: 'https://github.com/tfjs-noise/tfjs-noise/issues' });
    }
  });

  it('attw finds no problem in any entry point under node10, node16 (CJS, ESM) and bundler', async () => {
    // --no-definitely-typed: both packages ship their own types (no @types lookup on the network).
    const attw = join(testDir, 'node_modules', '.bin', 'attw');
    const check = async (tgz: string, entrypoints: string[]) => {
      const r = await run(attw, [tgz, '--format', 'json', '--no-definitely-typed'], root);
      if (r.code !== 0) {
        const table = await run(attw, [tgz, '--format', 'ascii', '--no-definitely-typed'], root);
        expect.fail(describeRun(`attw ${basename(tgz)}`, table));
      }
      const { analysis } = JSON.parse(r.stdout);
      expect(analysis.problems).toEqual([]);
      expect(Object.keys(analysis.entrypoints).sort()).toEqual(entrypoints);
    };
    await Promise.all([
      check(tarballs.noise, ['.', './extend', './node', './package.json']),
      check(tarballs.tune, ['.', './blocks', './convnet', './kinds', './mlp', './package.json']),
    ]);
  });

  it('publint (strict, down to suggestions) reports nothing', async () => {
    for (const tgz of [tarballs.noise, tarballs.tune]) {
      const buf = readFileSync(tgz);
      const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      const { messages, pkg } = await publint({
        pack: { tarball: tarball as ArrayBuffer },
        level: 'suggestion',
        strict: true,
      });
      expect(
        messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`),
        basename(tgz),
      ).toEqual([]);
    }
  });
});

describe('README.md', () => {
  it('has ts blocks that import only the installed packages and node:*', () => {
    const blocks = tsBlocks(readFileSync(join(repo, 'README.md'), 'utf8'));
    expect(blocks.length, 'README.md has no ```ts block').toBeGreaterThan(0);
    for (const block of blocks) {
      const specifiers = [
        ...block.code.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g),
        ...block.code.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]/g),
      ].map((m) => m[1] ?? m[2]!);
      const bad = specifiers.filter((s) => !ALLOWED_IMPORTS.has(s) && !s.startsWith('node:'));
      expect(bad, `README.md block at line ${block.line}`).toEqual([]);
    }
  });
});

const tsconfig = (options: Record<string, unknown>, files: string[]) =>
  `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: 'es2022',
        types: ['node'],
        moduleDetection: 'force',
        ...options,
      },
      files,
    },
    null,
    2,
  )}\n`;

/** tsc's errors, without those inside tfjs's own declaration files (see the configs below). */
function tscErrors(r: Ran, blocks: TsBlock[]): string[] {
  const errors: string[] = [];
  for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
    else errors.push(line);
  }
  return errors
    .filter((e) => !/(^|\/)node_modules\/@tensorflow\//.test(e.split('(')[0]!))
    .map((e) =>
      e.replace(/^readme-(\d+)\.ts\((\d+),(\d+)\)/, (_, n, l, c) => {
        const block = blocks[Number(n) - 1]!;
        return `README.md:${block.line + Number(l) - 1}:${c} (ts block ${n})`;
      }),
    );
}

describe.each(TFJS_VERSIONS)('installed with npm next to @tensorflow/tfjs@%s', (tfjs) => {
  const dir = join(root, `tfjs-${tfjs}`);
  const folders = { esm: join(dir, 'esm'), cjs: join(dir, 'cjs') };
  let blocks: TsBlock[] = [];
  const checks = {} as Record<'esm' | 'cjs' | 'bundler', Promise<Ran>>;

  beforeAll(async () => {
    const r = await installs.get(tfjs)!;
    expect(r.code, describeRun('npm install (is the npm registry reachable?)', r)).toBe(0);

    blocks = tsBlocks(readFileSync(join(repo, 'README.md'), 'utf8'));
    const sources = [
      ...blocks.map((b, i) => [`readme-${i + 1}.ts`, b.code]),
      ...PROGRAMS.map((p) => [`${p}.ts`, readFileSync(join(here, 'programs', `${p}.ts`), 'utf8')]),
    ];
    const files = sources.map(([name]) => name!);
    for (const [type, folder] of Object.entries(folders)) {
      mkdirSync(folder);
      writeFileSync(
        join(folder, 'package.json'),
        `{ "type": "${type === 'esm' ? 'module' : 'commonjs'}" }\n`,
      );
      for (const [name, code] of sources) writeFileSync(join(folder, name!), code!);
      // tfjs 4.x's own .d.ts files have errors under strict (a user needs skipLibCheck). The ESM
      // config checks every declaration file and ignores only the errors inside @tensorflow/*,
      // so that an error in tfjs-noise's or tune's .d.ts fails (with skipLibCheck, a broken
      // import there would silently become \`any\`). Their .d.cts twins are generated from the
      // same sources, and attw checks that their imports resolve.
      writeFileSync(
        join(folder, 'tsconfig.json'),
        tsconfig(
          { module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: type === 'cjs' },
          files,
        ),
      );
    }
    writeFileSync(
      join(folders.esm, 'tsconfig.bundler.json'),
      tsconfig(
        { module: 'esnext', moduleResolution: 'bundler', noEmit: true, skipLibCheck: true },
        files,
      ),
    );
    const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = (folder: string, project: string) =>
      run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], folder, {
        timeout: 240_000,
      });
    // Started here, awaited by the tests (they run concurrently with the install checks).
    checks.esm = check(folders.esm, 'tsconfig.json');
    checks.cjs = check(folders.cjs, 'tsconfig.json');
    checks.bundler = check(folders.esm, 'tsconfig.bundler.json');
  }, 420_000);

  it('has one tfjs-core and one tfjs-noise, and no missing or invalid dependency', async () => {
    const copies = (name: string): string[] => {
      const found: string[] = [];
      const walk = (nm: string) => {
        if (!existsSync(nm)) return;
        for (const entry of readdirSync(nm)) {
          const paths = entry.startsWith('@')
            ? readdirSync(join(nm, entry)).map((e) => join(nm, entry, e))
            : [join(nm, entry)];
          for (const p of paths) {
            if (p.endsWith(`node_modules/${name}`))
              found.push(readJson(join(p, 'package.json')).version);
            walk(join(p, 'node_modules'));
          }
        }
      };
      walk(join(dir, 'node_modules'));
      return found;
    };
    expect(copies('@tensorflow/tfjs-core')).toEqual([tfjs]);
    expect(copies('@tensorflow/tfjs-layers')).toEqual([tfjs]);
    expect(copies('tfjs-noise')).toEqual([noisePkg.version]);
    expect(existsSync(join(dir, 'node_modules', '@tensorflow', 'tfjs-backend-wasm'))).toBe(false);
    const ls = await run('npm', ['ls', '--all'], dir);
    expectOk(ls, 'npm ls --all');
  });

  for (const config of ['esm', 'cjs', 'bundler'] as const) {
    const what = {
      esm: 'nodenext in a "type": "module" folder (ESM)',
      cjs: 'nodenext in a "type": "commonjs" folder (CJS)',
      bundler: 'moduleResolution bundler, module esnext',
    }[config];
    it(`typechecks the README's ts blocks and the test's programs: strict, ${what}`, async () => {
      const r = await checks[config];
      expect(tscErrors(r, blocks), describeRun(`tsc (${config})`, r)).toEqual([]);
    });
  }

  for (const type of ['esm', 'cjs'] as const) {
    it(`runs the README's ts blocks in order, each in a new process (${type.toUpperCase()})`, async () => {
      await checks[type]; // the compiled .js files
      expect(blocks.length, 'README.md has no ```ts block').toBeGreaterThan(0);
      for (let i = 0; i < blocks.length; i++) {
        const what = `README.md's ts block ${i + 1} (line ${blocks[i]!.line}) as ${type}`;
        const r = await node(`readme-${i + 1}.js`, [], folders[type]);
        expectOk(r, what);
        // What the block says it prints (its `// prints: ` comments), on every run.
        const lines = r.stdout.split('\n').map((l) => l.trim());
        for (const stated of statedOutput(blocks[i]!.code)) {
          expect(lines, `${what}: states that it prints '${stated}'`).toContain(stated);
        }
      }
    });
  }

  it('saves models with saveToDir and reloads them in new processes (ESM <-> CJS), bit for bit', async () => {
    await Promise.all([checks.esm, checks.cjs]);
    const models = { esm: join(dir, 'models-esm'), cjs: join(dir, 'models-cjs') };
    const saved = await Promise.all([
      node('save_models.js', [models.esm], folders.esm),
      node('save_models.js', [models.cjs], folders.cjs),
    ]);
    expectOk(saved[0], 'save_models (ESM)');
    expectOk(saved[1], 'save_models (CJS)');
    // Each folder is loaded by the other module system.
    for (const [loader, saver] of [
      ['cjs', 'esm'],
      ['esm', 'cjs'],
    ] as const) {
      const expected = readJson(join(models[saver], 'expected.json'));
      expect(expected.noisyClasses).toEqual([
        'GaussianJitter',
        'WeightNoise',
        'NoisyActivation',
        'WeightNoise',
        'NoisyActivation',
        'Dense',
      ]);
      expect(expected.plainClasses).toEqual(['LSTM', 'Activation', 'Dense']);
      const [noisy, plain, unknown] = await Promise.all(
        ['load_noisy.js', 'load_plain.js', 'load_unknown.js'].map((p) =>
          node(p, [models[saver]], folders[loader]),
        ),
      );
      expectOk(noisy!, `load_noisy (${loader}, saved by ${saver})`);
      const n = lastJson<Record<string, unknown>>(noisy!);
      expect(n.classes).toEqual(expected.noisyClasses);
      expect(n.optimizer).toBe('AnnealedGradientNoise');
      expect(n.step).toBe(expected.noisyStep);
      expect(n.step).toBe(6); // 3 epochs x 2 batches
      expect(n.y).toEqual(expected.noisy);
      expect(n.stepAfter).toBe(8); // training continued from the saved step
      expect(Number.isFinite(n.loss)).toBe(true);

      expectOk(plain!, `load_plain (${loader}, saved by ${saver})`);
      const p = lastJson<Record<string, unknown>>(plain!);
      expect(p.plugin).toEqual([]);
      expect(p.classes).toEqual(expected.plainClasses);
      expect(p.y).toEqual(expected.seq);

      expectOk(unknown!, `load_unknown (${loader})`);
      expect(lastJson<{ error: string }>(unknown!).error).toMatch(/Unknown layer: GaussianJitter/);
    }
  });

  it('runs the installed tfjs-noise-tune bin with --save, and the saved model loads in a new process', async () => {
    await checks.esm;
    const cli = join(dir, 'cli');
    mkdirSync(cli);
    const rows = Array.from({ length: 24 }, (_, i) => {
      const r = i % 2 === 0 ? 1 : 0.4;
      const a = i * 0.9;
      return [
        (r * Math.cos(a)).toFixed(3),
        (r * Math.sin(a)).toFixed(3),
        r === 1 ? 'outer' : 'inner',
      ];
    });
    const csv = join(cli, 'data.csv');
    writeFileSync(csv, `x1,x2,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const bin = join(dir, 'node_modules', '.bin', 'tfjs-noise-tune');
    const flags = ['--folds', '2', '--repeats', '1', '--epochs', '5', '--hidden', '4'];
    const r = await run(
      bin,
      ['data.csv', '--target', 'label', ...flags, '--kinds', 'input', '--amounts', '0.1'].concat([
        '--workers',
        '1',
        '--progress',
        'none',
        '--out',
        'report',
        '--save',
        'final',
      ]),
      cli,
    );
    expectOk(r, 'tfjs-noise-tune');
    // Without the optional wasm peer, the default backend is cpu.
    expect(r.stdout).toMatch(/backend cpu, 1 workers/);
    expect(r.stdout).toMatch(/saved the final model/);
    for (const f of ['report/results.json', 'final/model/model.json', 'final/plain/model.json']) {
      expect(existsSync(join(cli, f)), f).toBe(true);
    }
    const loaded = await node(join(folders.esm, 'tune_predict.js'), ['final', 'data.csv'], cli);
    expectOk(loaded, 'tune_predict');
    const out = lastJson<Record<string, number[] | string[]>>(loaded);
    expect([...(out.classes as string[])].sort()).toEqual(['inner', 'outer']);
    expect(out.modelLayers).toContain('Dense');
    expect(out.plainLayers!.filter((c) => c !== 'InputLayer' && c !== 'Dense')).toEqual([]);
    expect(out.model).toHaveLength(24);
    expect((out.model as number[]).every((p) => p > 0 && p < 1)).toBe(true);
    expect(out.plain).toEqual(out.model);
    expect(out.predictions).toHaveLength(24);
    expect((out.predictions as string[]).every((p) => p === 'inner' || p === 'outer')).toBe(true);

    const wasm = await run(bin, ['data.csv', '--target', 'label', '--backend', 'wasm'], cli);
    expect(wasm.code, describeRun('tfjs-noise-tune --backend wasm', wasm)).toBe(2);
    expect(wasm.stderr).toContain(
      `--backend wasm needs @tensorflow/tfjs-backend-wasm, an optional peer dependency of @tfjs-noise/tune that is not installed: npm install @tensorflow/tfjs-backend-wasm@${tfjs}`,
    );
  });

  it('runs searchNoise on a worker thread from a CommonJS program', async () => {
    await checks.cjs;
    const r = await node('tune_search.js', [], folders.cjs);
    expectOk(r, 'tune_search (CJS)');
    const out = lastJson<Record<string, unknown>>(r);
    expect(out.backend).toBe('cpu');
    expect(out.workers).toBe(1);
    // The grid, then the plain regularizers the built-in MLP is compared with by default.
    expect(out.rows).toEqual([
      ['input', 0, 2],
      ['input', 0.1, 2],
      ['l2', 0.01, 2],
      ['dropout', 0.2, 2],
    ]);
    expect(out.sentence).toMatch(/noise/);
  });
});
