/**
 * The tfjs compatibility run (`pnpm --filter @tfjs-noise/test compat`): packs tfjs-noise, and for
 * every tfjs 4.x minor in its peer range (or the versions given) installs the tarball with npm
 * next to that tfjs (umbrella, core, layers, backend-cpu and, where published, backend-wasm, all
 * at one version) in a temporary folder, runs `smoke.mjs` there on cpu and wasm, and prints one
 * table row per version. It needs the npm registry; it is a measurement, not part of `pnpm test`
 * (the consumer test installs the oldest and the newest version of the range in CI).
 *
 *   tsx compat/main.ts                       # every minor in the peer range
 *   tsx compat/main.ts --versions 4.3.0,4.22.0
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import semver from 'semver';
import { run } from '../consumer/run';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function usage(message: string): never {
  process.stderr.write(`compat: error: ${message}\n`);
  process.exit(2);
}

/** Published versions of an npm package (needs the registry). */
async function published(name: string): Promise<string[]> {
  const r = await run('npm', ['view', name, 'versions', '--json'], repo, { timeout: 60_000 });
  if (r.code !== 0) usage(`npm view ${name} failed (is the npm registry reachable?): ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { versions: { type: 'string' } } });
  const noisePkg = readJson(join(repo, 'packages', 'tfjs-noise', 'package.json'));
  const range: string = noisePkg.peerDependencies['@tensorflow/tfjs-core'];
  let versions: string[];
  if (values.versions !== undefined) {
    versions = values.versions.split(',');
    for (const v of versions) {
      if (semver.valid(v) === null) usage(`--versions must be x.y.z versions, but got '${v}'`);
    }
  } else {
    versions = (await published('@tensorflow/tfjs')).filter(
      (v) => semver.satisfies(v, range) && semver.patch(v) === 0 && semver.prerelease(v) === null,
    );
  }
  const wasm = new Set(await published('@tensorflow/tfjs-backend-wasm'));

  const root = mkdtempSync(join(tmpdir(), 'tfjs-noise-compat-'));
  try {
    const packs = join(root, 'packs');
    mkdirSync(packs);
    const pnpm = readJson(join(repo, 'package.json')).packageManager as string;
    const packed = await run(
      'npx',
      ['-y', pnpm, 'pack', '--pack-destination', packs],
      join(repo, 'packages', 'tfjs-noise'),
      { timeout: 180_000 },
    );
    if (packed.code !== 0) usage(`pnpm pack failed: ${packed.stderr}`);
    const tarball = join(packs, readdirSync(packs)[0] as string);

    console.log(`tfjs-noise ${noisePkg.version}, peer range ${range}\n`);
    console.log('| tfjs | backends | result | seconds |');
    console.log('| --- | --- | --- | --- |');
    let failures = 0;
    for (const v of versions) {
      const started = Date.now();
      const dir = join(root, v);
      mkdirSync(dir);
      const backends = wasm.has(v) ? ['cpu', 'wasm'] : ['cpu'];
      const names = ['tfjs', 'tfjs-core', 'tfjs-layers', 'tfjs-backend-cpu'];
      if (wasm.has(v)) names.push('tfjs-backend-wasm');
      const install = await run(
        'npm',
        [
          'install',
          tarball,
          ...names.map((n) => `@tensorflow/${n}@${v}`),
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
        ],
        dir,
        { timeout: 300_000 },
      );
      let result: string;
      if (install.code !== 0) {
        result = `install failed: ${install.stderr.trim().split('\n').at(-1)}`;
      } else {
        copyFileSync(join(here, 'smoke.mjs'), join(dir, 'smoke.mjs'));
        const smoke = await run('node', ['smoke.mjs', ...backends], dir, { timeout: 300_000 });
        const failed = `${smoke.stdout}\n${smoke.stderr}`.match(/(FAILED: .*|Error: .*)/)?.[0];
        result = smoke.code === 0 ? 'ok' : (failed ?? `exit ${smoke.code}`);
      }
      if (result !== 'ok') failures++;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const note = wasm.has(v) ? '' : ' (no tfjs-backend-wasm published)';
      console.log(`| ${v} | ${backends.join(', ')}${note} | ${result} | ${seconds} |`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`\n${versions.length - failures} of ${versions.length} versions passed.`);
    process.exitCode = failures === 0 ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`compat: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
