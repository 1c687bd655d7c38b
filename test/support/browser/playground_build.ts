/**
 * The built playground (packages/playground/dist). The root `pnpm test` builds it with turbo
 * before the tests; run alone, the test builds it here when dist is missing or older than its
 * sources or than the builds it bundles (tfjs-noise, and tune's kind registry).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '@tfjs-noise/support/process/run';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PLAYGROUND_DIR = join(root, 'packages', 'playground');
export const PLAYGROUND_DIST = join(PLAYGROUND_DIR, 'dist');
const TFJS_NOISE_DIR = join(root, 'packages', 'tfjs-noise');
const TFJS_NOISE_ENTRY = join(TFJS_NOISE_DIR, 'dist', 'index.js');
// The page reads the noise kinds from tune's registry (`@tfjs-noise/tune/kinds`).
const TUNE_DIR = join(root, 'packages', 'tune');
const TUNE_KINDS_ENTRY = join(TUNE_DIR, 'dist', 'kinds.js');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Runs a Node script (a package's CLI) with a time limit. */
function runScript(script: string, args: string[], cwd: string): Promise<string> {
  return run(process.execPath, [script, ...args], {
    cwd,
    timeoutMs: 300_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Builds tfjs-noise and tune (if missing) and the playground (if missing or stale); returns dist. */
export async function ensurePlaygroundBuilt(): Promise<string> {
  if (!existsSync(TFJS_NOISE_ENTRY)) {
    await runScript(
      join(TFJS_NOISE_DIR, 'node_modules', 'tsup', 'dist', 'cli-default.js'),
      [],
      TFJS_NOISE_DIR,
    );
  }
  if (!existsSync(TUNE_KINDS_ENTRY)) {
    await runScript(join(TUNE_DIR, 'node_modules', 'tsup', 'dist', 'cli-default.js'), [], TUNE_DIR);
  }
  const builtIndex = join(PLAYGROUND_DIST, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
    newestMtime(join(PLAYGROUND_DIR, p)),
  );
  const newestInput = Math.max(
    ...sources,
    statSync(TFJS_NOISE_ENTRY).mtimeMs,
    statSync(TUNE_KINDS_ENTRY).mtimeMs,
  );
  if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestInput) {
    await runScript(
      join(PLAYGROUND_DIR, 'node_modules', 'vite', 'bin', 'vite.js'),
      ['build'],
      PLAYGROUND_DIR,
    );
  }
  return PLAYGROUND_DIST;
}
