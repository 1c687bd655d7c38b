/**
 * Ctrl-C (a real SIGINT to a CLI process) ends tfjs-noise-tune with exit code 130 within a
 * second, whatever the worker count and also during --save's final fit; nothing is saved.
 */
import { spawn } from 'node:child_process';
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
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tune-sigint-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const csv = join(dir, 'data.csv');
writeFileSync(
  csv,
  `a,b,label\n${Array.from({ length: 12 }, (_, i) => {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 2.3);
    return `${a.toFixed(3)},${b.toFixed(3)},${a + b > 0 ? 'yes' : 'no'}`;
  }).join('\n')}\n`,
);

/**
 * Starts the CLI, sends SIGINT once `ready` matches its output so far, and resolves with the exit
 * code, stderr and the milliseconds from SIGINT to exit.
 */
function interrupt(
  args: string[],
  ready: RegExp,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
      cwd: pkg,
      timeout: 110_000,
    });
    let output = '';
    let stderr = '';
    let sent = 0;
    const onData = (d: string) => {
      output += d;
      if (sent === 0 && ready.test(output)) {
        sent = performance.now();
        child.kill(signal);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onData(d);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stderr, ms: sent === 0 ? Number.NaN : performance.now() - sent }),
    );
  });
}

// 40 settings x 3 folds x 2 repeats of 1-epoch jobs: each job a few ms, the search seconds.
const amounts = Array.from({ length: 40 }, (_, i) => i / 100).join(',');
const search = `${csv} --target label --kinds input --amounts ${amounts} --folds 3 --repeats 2 --epochs 1 --hidden 2 --backend cpu --progress log`;

describe('Ctrl-C', () => {
  for (const workers of [0, 2]) {
    it(`exits 130 within a second with --workers ${workers} and short jobs`, async () => {
      const r = await interrupt(
        [...search.split(' '), '--workers', String(workers), '--out', join(dir, `r${workers}`)],
        /input 0\.0[1-9]: /,
      );
      expect(r.stderr).toContain('tfjs-noise-tune: interrupted.');
      expect(r.code).toBe(130);
      expect(r.ms).toBeLessThan(1000);
    });
  }

  // The --save tests search one setting on 2 folds: the cross-validation (two fits) only has to
  // finish before the final fit of 1500 epochs, which the signal interrupts once 'wrote' is out.
  it("exits 130 within a second during --save's final fit; nothing is saved", async () => {
    const save = join(dir, 'final');
    const args = `${csv} --target label --kinds input --amounts 0 --peers none --folds 2 --repeats 1 --epochs 1500 --hidden 2 --workers 0 --backend cpu --progress none`;
    const r = await interrupt(
      [...args.split(' '), '--out', join(dir, 'r-save'), '--save', save],
      /^wrote /m,
    );
    expect(r.stderr).toContain('tfjs-noise-tune: interrupted.');
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(1000);
    expect(existsSync(join(save, 'model'))).toBe(false);
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} during --save's final fit stops it as Ctrl-C does: exit ${code}, nothing saved`, async () => {
      const save = join(dir, `final-${signal}`);
      // SIGHUP: over an earlier save, which stays as it was.
      if (signal === 'SIGHUP') {
        mkdirSync(join(save, 'model'), { recursive: true });
        writeFileSync(join(save, 'model', 'model.json'), 'earlier');
      }
      const args = `${csv} --target label --kinds input --amounts 0 --peers none --folds 2 --repeats 1 --epochs 1500 --hidden 2 --workers 0 --backend cpu --progress none`;
      const r = await interrupt(
        [...args.split(' '), '--out', join(dir, `r-${signal}`), '--save', save],
        /^wrote /m,
        signal,
      );
      expect(r.stderr).toContain(`tfjs-noise-tune: interrupted (${signal}).`);
      expect(r.code).toBe(code);
      expect(r.ms).toBeLessThan(1000);
      if (signal === 'SIGHUP') {
        expect(readFileSync(join(save, 'model', 'model.json'), 'utf8')).toBe('earlier');
      } else {
        expect(existsSync(save)).toBe(false);
      }
      // No hidden sibling left (the folder being written is removed).
      expect(readdirSync(dir).filter((f) => f.startsWith(`.final-${signal}`))).toEqual([]);
    });
  }
});
