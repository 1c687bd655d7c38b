/**
 * Debian's Chromium for the browser tests and the browser benchmark: installed with apt-get when missing (CI runs as
 * root on a fresh machine), never downloaded by a test tool.
 */
import { existsSync } from 'node:fs';
import { run } from '../process/run';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine with no network and no GPU. WebGL2 runs on
 * SwiftShader (ANGLE on Vulkan) even with `--disable-gpu`; WebGPU needs `--enable-unsafe-webgpu`
 * on Linux, and then gets SwiftShader's adapter (no other flag needed: tried with Chromium 156).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs apt-get non-interactively; rejects with its output if it fails or outlasts `timeoutMs`. */
function aptGet(args: string[], timeoutMs: number): Promise<string> {
  return run(
    'apt-get',
    ['-o', 'DPkg::Lock::Timeout=120', '-o', 'Dpkg::Options::=--force-confdef', ...args],
    {
      timeoutMs,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' },
    },
  );
}

/** Returns the path of Chromium, installing Debian's package first if it is missing. */
export async function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing; install it with: apt-get install -y chromium`);
  }
  await aptGet(['update'], 180_000);
  await aptGet(['install', '-y', '--no-install-recommends', 'chromium'], 420_000);
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
  return CHROMIUM;
}
