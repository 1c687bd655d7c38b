/**
 * Child processes for the consumer test, without blocking the test worker's event loop, and
 * with an environment free of the workspace's: pnpm sets npm_config_local_prefix to the
 * workspace package (`npm install` would install there instead of in the temporary folder) and
 * its bin shims set NODE_PATH to its store, where `require` would find every workspace
 * dependency (tfjs-backend-wasm, say) that the consumer did not install.
 */
import { execFile } from 'node:child_process';

export interface Ran {
  /** Exit code (null if killed by a signal or the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

// Registry, proxy and certificate settings are kept; everything else npm_*/pnpm_* is dropped.
const KEEP =
  /^npm_config_(registry|cafile|ca|cert|key|strict_ssl|proxy|https_proxy|noproxy|userconfig|cache)$/i;

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(k) && !KEEP.test(k)) continue;
    if (/^(NODE_PATH|NODE_OPTIONS|VITEST|VITEST_.*|TSX_.*)$/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs `file args` in `cwd`; resolves with its exit code and output (never rejects on exit). */
export function run(
  file: string,
  args: string[],
  cwd: string,
  options: { timeout?: number; env?: Record<string, string> } = {},
): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeout ?? 120_000,
        env: cleanEnv(options.env),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A failed run's description for an assertion message. */
export function describeRun(what: string, r: Ran): string {
  return `${what}: exit ${r.code}\n--- stdout ---\n${r.stdout.slice(-4000)}\n--- stderr ---\n${r.stderr.slice(-4000)}`;
}

/** The last non-empty stdout line, parsed as JSON (tfjs may print its banner before it). */
export function lastJson<T = unknown>(r: Ran): T {
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}
